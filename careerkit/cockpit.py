"""One dashboard refresh: read the store once per kind of data, then compute every figure's numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .aggregate import (
    Cohort,
    Comments,
    cohort,
    comments,
    compare_workshops,
    frame,
    likert_distributions,
    option_counts,
    orientation_split,
)
from .crossing import Brainstorm
from .crossing_stats import CrossingStats, crossing_stats
from .model import Survey
from .plan import Plan
from .plan_stats import plan_stats
from .privacy import DEFAULT_THRESHOLD, Breakdown, check_threshold

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard and the report show, already privacy-checked."""

    workshops: tuple[str, ...]
    responses: int  # how many responses arrived (a count of people, never broken down)
    threshold: int
    cohort: Cohort
    orientation: Breakdown
    by_workshop: Breakdown | None
    likert: list[Breakdown]
    options: list[Breakdown]
    comments: Comments
    plans: Breakdown
    crossings: CrossingStats | None
    crossings_note: str


def snapshot(
    store: Store, survey: Survey, workshops: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> Snapshot:
    """Read the selected workshops' data (one query per kind) and compute all dashboard numbers."""
    k = check_threshold(threshold)
    chosen = list(dict.fromkeys(workshops))
    responses = frame(store.response_rows(chosen, survey.id))
    counts = frame(store.answer_counts(chosen, survey.id))
    texts = [q.id for q in survey.questions if q.kind == "text"]
    text_rows = frame(store.answer_rows(chosen, survey.id, question_ids=texts))
    c = cohort(responses, counts, chosen, k)
    brainstorms = store.docs(Brainstorm, workshops=chosen)
    if len(brainstorms) >= k:
        crossings, crossings_note = crossing_stats(brainstorms), ""
    else:
        crossings = None
        crossings_note = (
            f"Crossing statistics appear once at least {k} brainstorms are stored "
            f"({len(brainstorms)} so far), so no one's choices stand out."
        )
    return Snapshot(
        workshops=tuple(chosen),
        responses=len(responses),
        threshold=k,
        cohort=c,
        orientation=orientation_split(c),
        by_workshop=compare_workshops(c) if len(c.workshops) > 1 else None,
        likert=likert_distributions(c, survey),
        options=[
            option_counts(c, survey, q.id)
            for q in survey.questions
            if q.kind in ("choice", "multi")
        ],
        comments=comments(c, text_rows, survey),
        plans=plan_stats(store.docs(Plan, workshops=chosen), chosen, k),
        crossings=crossings,
        crossings_note=crossings_note,
    )
