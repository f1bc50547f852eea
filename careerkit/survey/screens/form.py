"""The interest survey screen: questions from the survey file, pages, live visibility, Submit."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from careerkit.errors import CareerkitError, WorkshopClosed
from careerkit.languages import _
from careerkit.model import (
    AnswerValue,
    Edition,
    MatrixQuestion,
    Question,
    Response,
    Survey,
    edition_of,
)
from careerkit.privacy import DEFAULT_THRESHOLD
from careerkit.ui.retry import Retry, Schedule, on_event_loop
from careerkit.ui.text import StatusLine, fixed_para, markup, para

from ..scoring import clean_answers, issues_summary, score, visible_questions
from .controls import QuestionBox
from .grid import MatrixBox
from .outcome import form_issues, not_saved, saved_view

if TYPE_CHECKING:
    from careerkit.store import Store

_NAME = "__participant_name"


class SurveyForm(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Survey form: `.answers` now, `.submit()`, `.on_submit(callback)`, `.value` once saved.

    A submission the store refused is tried again by itself (`schedule` runs the timer; the
    kernel's event loop by default) until it is saved; the same submission id makes it one row.
    Once saved in a workshop, the result shows the room's picture at the dashboard's `threshold`.
    """

    def __init__(
        self,
        survey: Survey,
        *,
        store: Store,
        workshop: str | None = None,
        schedule: Schedule = on_event_loop,
        threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        super().__init__()
        self.survey, self.store, self.workshop = survey, store, workshop
        self.edition: Edition = edition_of(survey, datetime.now(UTC))  # what answers are to
        self._edition_kept = False
        self.threshold = threshold
        self.submission_id = secrets.token_hex(8)  # 64 random bits, fresh for each form
        self.draft_key: str | None = None  # set by the draft keeper once the tab says its key
        self.auto = Retry(lambda: self._guard(self._resubmit), schedule=schedule)
        self.value: Response | None = None
        self._callbacks: list[Callable[[Response], None]] = []
        self._change_callbacks: list[Callable[[], None]] = []
        self.page = 0
        #: Slots the app fills once (they survive a change of language): the language picker, and
        #: where the draft keeper puts its quiet "Draft saved." and the tab's hidden key field.
        self.language_slot, self.draft_slot = widgets.VBox(), widgets.VBox()
        self._build()
        self._refresh()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        s = self.survey
        self.questions = {q.id: QuestionBox(q) for q in s.questions}
        #: Each matrix's grid, holding the boxes of its rows (which answer as likert items).
        self.matrices = {
            q.id: MatrixBox(q, [self.questions[r.id] for r in q.rows])
            for p in s.pages
            for q in p.questions
            if isinstance(q, MatrixQuestion)
        }
        self.name_box = widgets.Text(  # sent when committed, as the text answers are
            description=_("Your name *"),
            style={"description_width": "initial"},
            continuous_update=False,
        )
        self.pages = [
            widgets.VBox(
                ([fixed_para(p.title, "heading")] if len(s.pages) > 1 else [])
                + ([fixed_para(p.intro, "hint")] if p.intro else [])
                + [self._part(q) for q in p.questions]
            )
            for p in s.pages
        ]
        self.progress = widgets.IntProgress(
            value=1, min=0, max=len(s.pages), layout=widgets.Layout(width="12em")
        )
        self.progress_label = widgets.Label()
        self.back = widgets.Button(description=_("Back"), icon="arrow-left")
        self.next = widgets.Button(description=_("Next"), icon="arrow-right", button_style="info")
        self.submit_button = widgets.Button(
            description=_("Submit"), icon="check", button_style="primary"
        )
        self.submit_button.add_class("careerkit-submit")
        self.next.add_class("careerkit-next")
        self.status = StatusLine()
        self.status.add_class("careerkit-status")
        self.back.on_click(lambda _b: self._guard(self._go, -1))
        self.next.on_click(lambda _b: self._guard(self._go, 1))
        self.submit_button.on_click(lambda _b: self._guard(self.submit))
        for box in self.questions.values():
            box.observe(lambda _c: self._guard(self._changed), names="value")
        self.name_box.observe(lambda _c: self._guard(self._changed, False), names="value")
        self.result_area = widgets.VBox()
        header: list[widgets.Widget] = [fixed_para(s.title, "title")]
        if s.intro:
            header.append(fixed_para(s.intro))
        self.workshop_label = para("", "hint")
        header.append(self.workshop_label)
        self.set_workshop(self.workshop)
        self.required_hint = para(_("Questions marked * need an answer."), "hint")
        header.append(self.required_hint)
        if s.ask_name:
            header.append(self.name_box)
        nav = [self.back, self.next, self.submit_button]
        if len(s.pages) > 1:
            nav = [self.progress, self.progress_label, *nav]
        self.nav = widgets.HBox(nav, layout=widgets.Layout(align_items="center"))
        self.form = widgets.VBox([*header, *self.pages, self.nav, self.status, self.draft_slot])
        self.children = [self.language_slot, self.form, self.result_area]
        self.add_class("careerkit-survey")

    def _part(self, q: Question) -> widgets.Widget:
        return self.matrices[q.id] if isinstance(q, MatrixQuestion) else self.questions[q.id]

    def _refresh(self) -> None:
        """Show the current page and only the questions whose conditions hold."""
        if self.value is not None:
            return  # saved: the result has replaced the form
        shown = {q.id for q in visible_questions(self.survey, self.answers)}
        for qid, box in self.questions.items():
            box.layout.display = "" if qid in shown else "none"
        for grid in self.matrices.values():
            grid.layout.display = "" if any(r.id in shown for r in grid.question.rows) else "none"
        last = len(self.pages) - 1
        for i, page in enumerate(self.pages):
            page.layout.display = "" if i == self.page else "none"
        self.progress.value = self.page + 1
        self.progress_label.value = _("Page {page} of {pages}").format(
            page=self.page + 1, pages=last + 1
        )
        self.back.layout.display = "" if self.page > 0 else "none"
        self.next.layout.display = "" if self.page < last else "none"
        self.submit_button.layout.display = "" if self.page == last else "none"

    # -- state ----------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, AnswerValue | None]:
        return {qid: box.value for qid, box in self.questions.items()}

    def set_answers(self, answers: dict[str, Any]) -> None:
        """Fill controls from a dict of answers (ids the survey does not know are an error)."""
        for qid, value in answers.items():
            if qid not in self.questions:
                raise CareerkitError(f"'{qid}' is not a question of survey '{self.survey.id}'")
            self.questions[qid].value = tuple(value) if isinstance(value, list) else value

    def set_workshop(self, code: str | None) -> None:
        """The workshop these answers belong to (read from the link once the page is open)."""
        self.workshop = code
        text = _("Workshop {code}").format(code=code)
        self.workshop_label.value = markup(text, "hint") if code else ""
        self.workshop_label.layout.display = "" if code else "none"

    def on_submit(self, callback: Callable[[Response], None]) -> None:
        """Call `callback(response)` after a response has been saved."""
        self._callbacks.append(callback)

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after any answer, the name or the page changed (drafts.py)."""
        self._change_callbacks.append(callback)

    def participant_name(self) -> str:
        return self.name_box.value.strip() if self.survey.ask_name else ""

    def restore(
        self, answers: dict[str, Any], *, participant: str | None = None, page: int = 0
    ) -> None:
        """Put back answers given earlier (a draft): questions this survey no longer has are left."""
        known = {qid: value for qid, value in answers.items() if qid in self.questions}
        self.set_answers(known)
        if participant and self.survey.ask_name:
            self.name_box.value = participant
        self.page = max(0, min(len(self.pages) - 1, page))
        self._refresh()

    def show_submitted(self, response: Response) -> None:
        """Show the result of `response`, submitted from this tab before a reload (no empty form)."""
        self.submission_id = response.id
        self.set_answers({k: v for k, v in response.answers.items() if k in self.questions})
        if response.participant and self.survey.ask_name:
            self.name_box.value = response.participant
        self.value = response
        self._show_saved(response)

    def relabel(self, survey: Survey) -> None:
        """Show the same survey in another language; answers, name, page and result stay.

        Answers are ids, so they mean the same in every language; a survey whose questions differ
        is refused.
        """
        if [q.id for q in survey.questions] != [q.id for q in self.survey.questions]:
            raise CareerkitError(_("This survey has other questions in that language."))
        answers = {qid: v for qid, v in self.answers.items() if v is not None}
        name, saved = self.name_box.value, self.value
        self.survey, self.value = survey, None
        self._build()
        self.set_answers(answers)
        self.name_box.value = name
        self._refresh()
        if saved is not None:
            self.value = saved
            self._show_saved(saved)

    def _changed(self, refresh: bool = True) -> None:
        if refresh:
            self._refresh()
        for callback in self._change_callbacks:
            callback()

    # -- actions --------------------------------------------------------------------------
    def _go(self, step: int) -> None:
        if step > 0 and not self._check(only_page=self.page):
            return
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self.status.clear()
        self._changed()

    def _check(self, only_page: int | None = None) -> bool:
        no_name = self.survey.ask_name and not self.name_box.value.strip()
        issues = form_issues(self.survey, self.answers, _NAME if no_name else None, only_page)
        for qid, box in self.questions.items():
            box.show_error(issues.get(qid, ""))
        if not issues:
            return True
        first = next(iter(issues))
        if first != _NAME:
            self.page = next(
                i for i, p in enumerate(self.survey.pages) if any(q.id == first for q in p.items)
            )
        self._refresh()
        self.status.show(issues_summary(list(issues.values())), "error")
        return False

    def submit(self) -> Response | None:
        """Validate, save, and show the result; returns the saved response or None."""
        if self.value is not None:
            return self.value
        if not self._check():
            return None
        answers = self.answers
        response = Response(
            id=self.submission_id,
            survey_id=self.survey.id,
            workshop=self.workshop,
            participant=self.name_box.value.strip() if self.survey.ask_name else None,
            answers=clean_answers(self.survey, answers),
            result=score(self.survey, answers),
            submitted_at=datetime.now(UTC),
            edition=self.edition.digest,
        )
        self.submit_button.disabled = True
        self.status.show(_("Saving…"), "hint")
        try:
            if not self._edition_kept:  # its edition is in the database before any answer to it
                self.store.record_edition(self.edition)
                self._edition_kept = True
            self.store.save_response(response, draft_key=self.draft_key)
        except WorkshopClosed as exc:
            self.auto.reset()
            self.status.show(str(exc), "hint")
            return None
        except CareerkitError as exc:
            self.submit_button.disabled = False
            self.status.show(not_saved(exc, self.auto.schedule()), "error")
            return None
        self.auto.reset()
        self.value = response
        self._show_saved(response)
        for callback in self._callbacks:
            self._guard(callback, response)
        return response

    def _resubmit(self) -> None:
        """The automatic attempt: submit what is on screen now, unless it was saved meanwhile."""
        if self.value is None:
            self.submit()

    def _show_saved(self, response: Response) -> None:
        """After saving, the result takes the form's place: nothing left to edit or submit twice."""
        for box in self.questions.values():
            box.set_enabled(False)
        self.name_box.disabled = True
        for part in (*self.pages, self.nav, self.required_hint, self.draft_slot):
            part.layout.display = "none"
        parts, said = saved_view(self.survey, response, self.store, self.threshold)
        self.result_area.children = parts
        self.status.show(said, "ok")

    def _guard(self, action: Callable[..., Any], *args: Any) -> None:
        self.status.guard(
            "survey form",
            _(
                "Something went wrong on our side. Your answers are still here; please tell the facilitator."
            ),
            action,
            *args,
        )
