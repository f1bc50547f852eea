"""One dashboard refresh: read the store once per kind of data, then compute every figure's numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from careerkit.crossings.model import Brainstorm
from careerkit.crossings.stats import SharedCrossings, shared_crossings
from careerkit.languages import _
from careerkit.model import NumberQuestion, RankingQuestion, Survey
from careerkit.plans.model import Plan
from careerkit.plans.stats import plan_stats
from careerkit.privacy import (
    DEFAULT_COMMENT_THRESHOLD,
    DEFAULT_THRESHOLD,
    check_comment_threshold,
    check_threshold,
)
from careerkit.store.reports import ANSWER_COLUMNS

from .breakdown import Breakdown
from .cohort import Cohort, frame, read_cohort, release_note, released_answers
from .comments import Comments, comments
from .editions import EditionView, apply, moved_answers, read_view, scoring_cohorts
from .figures import (
    compare_workshops,
    likert_distributions,
    option_counts,
    orientation_split,
    plan_table,
)
from .kinds import number_histogram, ranking_places
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
    rankings: list[Breakdown] = field(default_factory=list)  # places and mean ranks
    numbers: list[Breakdown] = field(default_factory=list)  # bins and the median
    # Survey editions (editions.py): the questions shown (a question per edition where one
    # differs), what is shown per edition in words, and orientations of editions scored another way.
    survey: Survey | None = None
    editions_note: str = ""
    other_scorings: list[Breakdown] = field(default_factory=list)


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
    view = read_view(store, survey)
    shown = view.survey
    c = apply(view, read_cohort(store, survey.id, chosen, k, by_edition=bool(view.moved)))
    source = {new: old for (_e, old), new in view.moved.items()}
    texts = list(dict.fromkeys(source.get(q.id, q.id) for q in shown.questions if q.kind == "text"))
    text_rows = moved_answers(
        view, frame(store.answer_rows(list(c.workshops), survey.id, question_ids=texts))
    )
    ranked = [q for q in shown.questions if isinstance(q, RankingQuestion | NumberQuestion)]
    asked = list(dict.fromkeys(source.get(q.id, q.id) for q in ranked))
    kind_rows = released_answers(
        c,
        moved_answers(
            view, frame(store.answer_rows(list(c.workshops), survey.id, question_ids=asked))
        )
        if ranked
        else frame((list(ANSWER_COLUMNS), [])),
    )
    scorings = scoring_cohorts(view, c)
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
        orientation=_scored_as_file(scorings, survey),
        by_workshop=compare_workshops(scorings[0][1]) if len(c.workshops) > 1 else None,
        likert=likert_distributions(c, shown),
        options=[
            option_counts(c, shown, q.id) for q in shown.questions if q.kind in ("choice", "multi")
        ],
        comments=comments(c, text_rows, shown, comment_threshold=ck, hidden=hidden),
        plans=plan_table(plan_stats(store.docs(Plan, workshops=chosen), chosen, k)),
        crossings=crossings,
        crossings_note=crossings_note,
        rankings=[
            ranking_places(c, q, kind_rows) for q in ranked if isinstance(q, RankingQuestion)
        ],
        numbers=[
            number_histogram(c, q, kind_rows) for q in ranked if isinstance(q, NumberQuestion)
        ],
        survey=shown,
        editions_note=_editions_note(view, scorings),
        other_scorings=[_scored_apart(label, g) for label, g in scorings[1:]],
    )


def _scored_as_file(scorings: list[tuple[str, Cohort]], survey: Survey) -> Breakdown:
    """The orientations of editions scored as the file is (all of them, most often)."""
    b = orientation_split(scorings[0][1])
    if len(scorings) == 1:
        return b
    return replace(b, title=f"{b.title} (scored as edition version {survey.version})")


def _scored_apart(label: str, c: Cohort) -> Breakdown:
    """The orientations of editions scored another way: never pooled with the file's."""
    b = orientation_split(c)
    totals = b.totals.mask(b.totals < c.threshold)  # a small edition's size is not shown
    return replace(b, title=f"{b.title} ({label}, scored another way)", totals=totals)


def _editions_note(view: EditionView, scorings: list[tuple[str, Cohort]]) -> str:
    words = view.note
    if len(scorings) > 1:
        apart = ", ".join(label for label, _c in scorings[1:])
        words += f" Orientations of {apart} were scored another way, so they are counted apart."
    return words.strip()
