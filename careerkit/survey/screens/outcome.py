"""What a participant is told on Next and Submit: what is missing, the result, or why not saved.

The form (form.py) calls these after each attempt; they only build words and widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.languages import _
from careerkit.model import AnswerValue, Response, Survey
from careerkit.ui.retry import seconds

from ..scoring import check_answers, explain
from .results import ResultView
from .room import RoomView

if TYPE_CHECKING:
    from careerkit.store import Store


def form_issues(
    survey: Survey,
    answers: dict[str, AnswerValue | None],
    name_key: str | None,
    only_page: int | None = None,
) -> dict[str, str]:
    """What still needs an answer, by question id, on one page or (None) in the whole survey.

    `name_key` stands for the participant's name when it is asked for and still empty.
    """
    issues = check_answers(survey, answers)
    if name_key is not None and only_page in (None, 0):
        issues = {name_key: _("“Your name” needs an answer."), **issues}
    if only_page is not None:
        on_page = {q.id for q in survey.pages[only_page].items} | {name_key}
        issues = {k: v for k, v in issues.items() if k in on_page}
    return issues


def saved_view(
    survey: Survey, response: Response, store: Store, threshold: int
) -> tuple[list[widgets.Widget], str]:
    """The result (with its code) and the room's picture of a saved response, and the words."""
    parts: list[widgets.Widget] = []
    if response.result is not None:  # before "Saved": a page that says Saved shows its code
        result = explain(survey, response.result)
        parts.append(ResultView(response.result, result, response.id))
        if response.workshop:  # how the room answered, as the dashboard has it
            parts.append(RoomView(store, survey.id, response.workshop, threshold, survey=survey))
    said = _("Saved. Thank you! Your answers are stored; here is what they say.")
    return parts, said if parts else _("Saved. Thank you! Your answers are stored.")


def not_saved(problem: Exception, delay: float | None) -> str:
    """Why the answers were not saved, that they are still here, and when the next try is."""
    when = (
        _("we try again in {pause}, or press Submit to try now.").format(pause=seconds(delay))
        if delay is not None
        else _("press Submit to try again.")
    )
    text = _("Not saved: {problem} Your answers are still here; {when}")
    return text.format(problem=problem, when=when)
