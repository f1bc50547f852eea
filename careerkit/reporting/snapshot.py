"""One dashboard refresh: read the store once per kind of data, then compute every figure's numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerkit.crossings.model import Brainstorm
from careerkit.crossings.stats import SharedCrossings, shared_crossings
from careerkit.languages import _
from careerkit.model import Survey
from careerkit.plans.model import Plan
from careerkit.plans.stats import plan_stats
from careerkit.privacy import (
    DEFAULT_COMMENT_THRESHOLD,
    DEFAULT_THRESHOLD,
    check_comment_threshold,
    check_threshold,
)

from .breakdown import Breakdown
from .cohort import Cohort, frame, read_cohort, release_note
from .comments import Comments, comments
from .figures import (
    compare_workshops,
    likert_distributions,
    option_counts,
    orientation_split,
    plan_table,
)
from .moderation import CommentKey, hidden_comments

if TYPE_CHECKING:
    from careerkit.store import Store


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard and the report show, already privacy-checked."""

    workshops: tuple[str, ...]
    responses: int  # how many responses arrived (a count of people, never broken down)
    threshold: int
    comment_threshold: int
    hidden: frozenset[CommentKey]  # comments the facilitator hid, in the chosen workshops
    cohort: Cohort
    release: str  # how far the figures lag the count (stepped releases), in words
    orientation: Breakdown
    by_workshop: Breakdown | None
    likert: list[Breakdown]
    options: list[Breakdown]
    comments: Comments
    plans: Breakdown
    crossings: SharedCrossings | None
    crossings_note: str


def _crossings(store: Store, chosen: list[str], k: int) -> tuple[SharedCrossings | None, str]:
    shared = shared_crossings(store.docs(Brainstorm, workshops=chosen), chosen, k)
    if not shared.brainstorms:
        return None, _(
            "Crossing statistics appear once a workshop has at least {count} brainstorms, "
            "so no one's choices stand out."
        ).format(count=k)
    words = _(
        "Privacy: numbers are rounded down to steps of {count} brainstorms; goals crossed in "
        "fewer than {count} brainstorms of a workshop (or in all but a few, or none) are listed "
        "without a number; only the organization's side is counted."
    ).format(count=k)
    if shared.left_out:
        words += f" Left out, with fewer than {k} brainstorms so far: {', '.join(shared.left_out)}."
    return shared, words


def snapshot(
    store: Store,
    survey: Survey,
    workshops: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    comment_threshold: int = DEFAULT_COMMENT_THRESHOLD,
) -> Snapshot:
    """Read the selected workshops' data (one query per kind) and compute all dashboard numbers.

    A comment threshold below `threshold` is raised to it (the dashboard's control may lag).
    """
    k = check_threshold(threshold)
    ck = check_comment_threshold(max(comment_threshold, k), k)
    chosen = list(dict.fromkeys(workshops))
    c = read_cohort(store, survey.id, chosen, k)
    texts = [q.id for q in survey.questions if q.kind == "text"]
    text_rows = frame(store.answer_rows(list(c.workshops), survey.id, question_ids=texts))
    crossings, crossings_note = _crossings(store, chosen, k)
    hidden = hidden_comments(store, c.workshops)
    return Snapshot(
        workshops=tuple(chosen),
        responses=sum(c.arrived.values()),
        threshold=k,
        comment_threshold=ck,
        hidden=hidden,
        cohort=c,
        release=release_note(c),
        orientation=orientation_split(c),
        by_workshop=compare_workshops(c) if len(c.workshops) > 1 else None,
        likert=likert_distributions(c, survey),
        options=[
            option_counts(c, survey, q.id)
            for q in survey.questions
            if q.kind in ("choice", "multi")
        ],
        comments=comments(c, text_rows, survey, comment_threshold=ck, hidden=hidden),
        plans=plan_table(plan_stats(store.docs(Plan, workshops=chosen), chosen, k)),
        crossings=crossings,
        crossings_note=crossings_note,
    )
