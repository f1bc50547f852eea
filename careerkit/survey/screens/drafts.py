"""Answers in progress survive a reload: the form's draft, saved a moment after each change.

The tab's key (ui/tab.py) names the draft. A fresh visit starts an empty form whose changes are
saved under the new key; a reload asks for that key's draft back, or, when it was already
submitted, for the response it became, so the participant sees their result again instead of
an empty form that could be sent twice. A draft that cannot be saved never stops anyone
answering: it is tried again, and the submission still saves everything on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.errors import CareerkitError
from careerkit.languages import _
from careerkit.model import Draft
from careerkit.ui.retry import Retry, Schedule, on_event_loop
from careerkit.ui.tab import TabKey, TabMessage
from careerkit.ui.text import markup

from ..scoring import clean_answers

if TYPE_CHECKING:
    from careerkit.store import Store

    from .form import SurveyForm

log = logging.getLogger("careerkit")

#: Seconds of quiet after the last change before the draft is written: one write per pause.
PAUSE = 1.0


class DraftKeeper:
    """Keeps `form`'s draft in `store` under the key `tab` receives from the page."""

    def __init__(
        self,
        form: SurveyForm,
        store: Store,
        tab: TabKey,
        *,
        schedule: Schedule = on_event_loop,
        pause: float = PAUSE,
    ) -> None:
        self.form, self.store, self.tab = form, store, tab
        self.key: str | None = None
        self.saved_at: datetime | None = None
        self._schedule, self._pause = schedule, pause
        self._cancel: Callable[[], None] | None = None
        self._dirty = False
        self.retry = Retry(self._save_now, schedule=schedule)
        self.hint = widgets.HTML(value="")
        self.hint.add_class("careerkit-draft-state")
        tab.on_message(self._message)
        form.on_change(self._changed)

    # -- the tab ----------------------------------------------------------------------------
    def _message(self, message: TabMessage) -> None:
        if message.intent == "flush":
            if message.key == self.key:
                self.flush()
            return
        if self.key is not None:
            return  # a page has one key; a second one (a forged field) changes nothing
        self.key = message.key
        self.form.draft_key = message.key
        if message.intent == "restore":
            self._restore(message.key)

    def _restore(self, key: str) -> None:
        form = self.form
        try:
            done = self.store.submitted_response(key)
            if done is not None and done.survey_id == form.survey.id:
                form.show_submitted(done)
                return
            draft = self.store.get_draft(key, form.survey.id, form.workshop)
        except CareerkitError as exc:
            self._say(
                _("Your earlier answers could not be read back ({problem}).").format(problem=exc)
                + " ",
                "error",
            )
            return
        if draft is None:
            return
        if draft.edition is not None and draft.edition != form.edition.digest:
            # The survey file changed since: its answers could mean something else in this one.
            self._say(
                "The survey changed since your answers were saved; please answer again.", "hint"
            )
            return
        form.restore(draft.answers, participant=draft.participant, page=draft.page)
        form.submission_id = draft.submission_id  # a submission that may have gone stays one row
        self._dirty = False
        self._say(_("Your answers so far are back."), "hint")

    # -- saving -------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.key is None or self.form.value is not None:
            return
        self._dirty = True
        if self._cancel is not None:
            self._cancel()
        self._cancel = self._schedule(self._pause, self._timer)

    def _timer(self) -> None:
        self._cancel = None
        self._save_now()

    def flush(self) -> None:
        """Write a pending change now (the page is about to go)."""
        if self._cancel is not None:
            self._cancel()
            self._cancel = None
        if self._dirty:
            self._save_now()

    def _save_now(self) -> None:
        form = self.form
        if self.key is None or form.value is not None or not self._dirty:
            return
        draft = Draft(
            key=self.key,
            survey_id=form.survey.id,
            workshop=form.workshop,
            submission_id=form.submission_id,
            answers=clean_answers(form.survey, form.answers),
            participant=form.participant_name() or None,
            page=form.page,
            updated_at=datetime.now(UTC),
            edition=form.edition.digest,
        )
        self._dirty = False
        try:
            self.store.save_draft(draft)
        except CareerkitError:
            self._dirty = True
            delay = self.retry.schedule()
            again = "" if delay is None else " " + _("We keep trying.")
            self._say(_("Draft not saved yet; you can go on answering.") + again, "hint")
            return
        except Exception:
            self._dirty = True
            log.exception("careerkit: unexpected error saving a draft")
            self._say(_("Draft not saved; your answers are still here."), "hint")
            return
        self.retry.reset()
        self.saved_at = draft.updated_at
        self._say(_("Draft saved at {time}.").format(time=f"{datetime.now():%H:%M:%S}"), "hint")

    def _say(self, text: str, kind: str) -> None:
        self.hint.value = markup(text, kind)
