"""A screen over one versioned document (a plan, a brainstorm): start or resume it by its code.

Then every change is saved through Autosave, and a value the model refuses is named, not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import ipywidgets as widgets
from pydantic import ValidationError

from careerkit.languages import _
from careerkit.model import Versioned, normalize_code

from .autosave import Autosave
from .invalid import friendly, not_saved
from .tab import Address
from .text import StatusLine, markup

if TYPE_CHECKING:
    from careerkit.store import Store

D = TypeVar("D", bound=Versioned)
__all__ = ["DocumentScreen", "DocumentWords", "friendly"]


@dataclass(frozen=True)
class DocumentWords:
    """What a document screen calls things: `noun` ("plan"), the start button, the link name."""

    noun: str
    start: str
    start_hint: str
    link_name: str  # `?plan=CODE`
    banner: str  # format string with {code} and {link_name}
    css: str  # careerkit-plan, careerkit-crossings: the screen's class; -code and new- derive
    code_placeholder: str  # "Plan code"
    not_found: str  # "No plan with that code."
    loaded: str  # "Plan loaded"
    # Every text but noun, link_name and css is marked with N_ and shown through _().


class DocumentScreen(widgets.VBox, Generic[D]):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Start a document or resume one by its code; subclasses build `editor` and `_render`."""

    def __init__(
        self, *, store: Store, model: type[D], words: DocumentWords, workshop: str | None = None
    ) -> None:
        super().__init__()
        self.store, self.workshop, self.words = store, workshop, words
        self.doc: D | None = None
        self._loading = False
        self.status = StatusLine()
        self.status.add_class("careerkit-save-state")
        self.autosave: Autosave[D] = Autosave(
            store, model, self.status, on_saved=self._saved, on_reloaded=self._reloaded
        )
        self.retry, self.reload = self.autosave.retry, self.autosave.reload
        self.code_banner = widgets.HTML()
        self.code_banner.add_class(f"careerkit-{words.noun}-code")
        #: The open document's code goes into the page's address, so a reload reopens it.
        self.address = Address()
        self._build_start()

    @property
    def value(self) -> D | None:
        return self.doc

    def _build_start(self) -> None:
        w = self.words
        self.new_button = widgets.Button(
            description=_(w.start), icon="plus", button_style="primary"
        )
        self.new_button.add_class(f"careerkit-new-{w.noun}")
        self.code_box = widgets.Text(
            placeholder=_(w.code_placeholder), layout=widgets.Layout(width="22em")
        )
        self.resume_button = widgets.Button(description=_("Resume"), icon="folder-open")
        self.resume_button.add_class("careerkit-resume")
        self.new_button.on_click(lambda _b: self._guard(self.start_new))
        self.resume_button.on_click(lambda _b: self._guard(self.resume, self.code_box.value))
        self.start_box = widgets.VBox(
            [
                widgets.HTML(markup(_(w.start_hint) if w.start_hint else "", "hint")),
                widgets.HBox([self.new_button]),
                widgets.HBox([self.code_box, self.resume_button]),
                self.address,
            ]
        )

    def _new_document(self) -> D:
        raise NotImplementedError

    def start_new(self) -> D:
        doc = self.autosave.create(self._new_document())
        self._open(doc, new=True)
        return doc

    def resume(self, code: str) -> D | None:
        doc = self.autosave.load(normalize_code(code))
        if doc is None:
            self.status.show(_(self.words.not_found), "error")
            return None
        self._open(doc, new=False)
        return doc

    def _open(self, doc: D, *, new: bool) -> None:
        self.doc = doc
        self.start_box.layout.display = "none"
        self.editor.layout.display = ""
        self.code_banner.value = markup(
            _(self.words.banner).format(code=doc.code, link_name=self.words.link_name),
            "ok" if new else "hint",
        )
        self.address.set_param(self.words.link_name, doc.code)
        self._render(full=True)
        self.status.show(_("Saved") if new else _(self.words.loaded), "ok")

    def _render(self, *, full: bool) -> None:
        raise NotImplementedError

    # -- applying and saving -------------------------------------------------------------------
    def _field(self, edit: Callable[..., D], *args: Any, **kwargs: Any) -> None:
        """A field edit: saved without rebuilding the screen (keeps the cursor where it is)."""
        if not self._loading:
            self._guard(self._apply, edit, False, *args, **kwargs)

    def _change(self, edit: Callable[..., D], *args: Any, **kwargs: Any) -> bool:
        """A change that alters lists on screen; True when it was saved."""
        return bool(self._guard(self._apply, edit, True, *args, **kwargs))

    def _apply(self, edit: Callable[..., D], rebuild: bool, *args: Any, **kwargs: Any) -> bool:
        if self.doc is None:
            return False
        try:
            new = edit(self.doc, *args, **kwargs)
        except ValidationError as exc:
            self.status.show(not_saved(exc), "error")
            return False
        before, self.doc = self.doc, new
        saved = self.autosave.save(new) is not None
        if saved:
            self._after_save(before, new)
        self._render(full=rebuild)
        return saved

    def _after_save(self, before: D, after: D) -> None:
        """A hook for what a screen says after a saved change (the plan: confirm again)."""

    def _saved(self, doc: D) -> None:
        self.doc = doc

    def _reloaded(self, doc: D) -> None:
        self._open(doc, new=False)

    def _guard(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.status.guard(
            f"{self.words.noun} screen",
            _(
                "Something went wrong on our side; your last change may not be saved. Please reload."
            ),
            action,
            *args,
            **kwargs,
        )
