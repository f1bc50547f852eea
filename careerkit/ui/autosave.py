"""Autosave for documents people edit (plans, brainstorms): save each change, say so honestly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

import ipywidgets as widgets

from careerkit.errors import StoreError, VersionConflict
from careerkit.languages import _
from careerkit.model import Versioned

from .retry import Retry, Schedule, on_event_loop, seconds
from .text import StatusLine

if TYPE_CHECKING:
    from careerkit.store import Store

D = TypeVar("D", bound=Versioned)


class Autosave(Generic[D]):
    """Saves a versioned document on every change; "Saved" only after the store returned.

    A failed save keeps the change on the page, tries again by itself after growing pauses and
    offers Try again; a save refused because another tab saved first offers to reload the
    latest version instead.
    """

    def __init__(
        self,
        store: Store,
        model: type[D],
        status: StatusLine,
        on_saved: Callable[[D], None],
        on_reloaded: Callable[[D], None],
        *,
        schedule: Schedule = on_event_loop,
    ) -> None:
        self.store, self.model, self.status = store, model, status
        self.on_saved, self.on_reloaded = on_saved, on_reloaded
        self.pending: D | None = None
        self.retry = widgets.Button(description=_("Try again"), icon="refresh")
        self.reload = widgets.Button(
            description=_("Reload the latest version"), icon="refresh", button_style="warning"
        )
        self.retry.add_class("careerkit-retry")
        self.reload.add_class("careerkit-reload")
        self.retry.on_click(lambda _b: self.save_pending())
        self.auto = Retry(self._auto_save, schedule=schedule)
        self.reload.on_click(lambda _b: self.reload_latest())
        self.controls = widgets.HBox([self.retry, self.reload])
        self._show_buttons()

    def _show_buttons(self, retry: bool = False, reload: bool = False) -> None:
        self.retry.layout.display = "" if retry else "none"
        self.reload.layout.display = "" if reload else "none"

    def create(self, doc: D) -> D:
        created = self.store.create_doc(doc)
        self.status.show(_("Saved"), "ok")
        return created

    def load(self, code: str) -> D | None:
        return self.store.get_doc(self.model, code) if code else None

    def save(self, doc: D) -> D | None:
        """Save `doc`; returns the stored version, or None (and keeps it pending) when not saved."""
        self._show_buttons()
        try:
            saved = self.store.save_doc(doc)
        except VersionConflict as exc:
            self.auto.reset()  # trying again cannot help: the other version must be loaded
            self.pending = doc
            self.status.show(_("Not saved: {problem}").format(problem=exc), "error")
            self._show_buttons(reload=True)
            return None
        except StoreError as exc:
            self.pending = doc
            delay = self.auto.schedule()
            when = (
                _("trying again in {pause}, or press Try again.").format(pause=seconds(delay))
                if delay is not None
                else _("press Try again.")
            )
            said = _("Not saved: {problem}. Your changes are kept on this page; {when}")
            self.status.show(said.format(problem=str(exc).rstrip("."), when=when), "error")
            self._show_buttons(retry=True)
            return None
        self.auto.reset()
        self.pending = None
        self.status.show(
            _("Saved at {time}").format(time=datetime.now().strftime("%H:%M:%S")), "ok"
        )
        self.on_saved(saved)
        return saved

    def save_pending(self) -> D | None:
        """Save the change that is still waiting, if any (Try again, and the automatic retry)."""
        return self.save(self.pending) if self.pending is not None else None

    def _auto_save(self) -> None:
        self.status.guard(
            "automatic save",
            _(
                "Not saved because of an unexpected error. Your changes are kept on this page; "
                "press Try again."
            ),
            self.save_pending,
        )

    def reload_latest(self) -> None:
        current = self.pending
        code = current.code if current is not None else None
        latest = self.load(code) if code else None
        if latest is not None:
            self.auto.reset()
            self.pending = None
            self._show_buttons()
            self.on_reloaded(latest)
            self.status.show(_("Reloaded the latest version. Make your change again."), "ok")
