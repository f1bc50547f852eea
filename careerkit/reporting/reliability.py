"""Instrument quality: each score's Cronbach's alpha and item statistics, privacy-checked.

A score's items are the likert questions with a non-zero weight for it in `score:`; an item
with a negative weight is reverse-scored (points + 1 - value) before anything is computed, and
every item counts alike, whatever its weight. Only people who answered every item of a score
count for it (listwise). `reliability` takes response rows and answer rows and a survey, so a
caller can split them (by workshop, by edition of the survey) before it is called;
`read_reliability` reads a Cohort's released responses, so the figures move in the dashboard's
steps.

Privacy, per score, with each workshop a reporting group as on the dashboard: a workshop's part
is hidden when fewer than `threshold` of its people answered every item, or when some but fewer
than `threshold` of them left one out (that few could be worked out from the released count);
the score is shown only when no workshop's part is hidden. Workshops under the threshold are in
no figure at all (the Cohort leaves them out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from careerkit.languages import _, ngettext
from careerkit.model import LikertQuestion, Survey
from careerkit.privacy import DEFAULT_THRESHOLD, Tally, check_threshold, note

from .alpha import scale_figures
from .cohort import Cohort, frame, read_cohort, release_note, released_answers

if TYPE_CHECKING:
    from careerkit.store import Store

SCORES = ("advancement", "development")
#: An item is flagged when more than this share of people gave it the same point.
ONE_POINT_SHARE = 0.8
ONE_POINT = "one_point"  # flag: over ONE_POINT_SHARE of answers on one point of the scale
NEGATIVE = "negative"  # flag: corrected item-total correlation below 0


@dataclass(frozen=True)
class ScoredItem:
    """A likert question as an item of one score."""

    id: str
    text: str
    weight: float
    points: int

    @property
    def reversed(self) -> bool:
        return self.weight < 0


@dataclass(frozen=True)
class ItemResult:
    item: ScoredItem
    item_total: float | None  # corrected item-total correlation
    alpha_if_deleted: float | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ScaleResult:
    """One score's reliability, or why it is not shown (`note`)."""

    score: str
    items: tuple[ScoredItem, ...]
    shown: bool
    people: int | None = None  # who answered every item (listwise)
    alpha: float | None = None
    ci: tuple[float, float] | None = None  # Feldt, 95%
    results: tuple[ItemResult, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Reliability:
    scales: tuple[ScaleResult, ...]
    threshold: int
    workshops: tuple[str, ...]  # the reporting groups the figures cover
    note: str  # privacy: workshops left out, in words ("" when none)
    release: str = ""  # how far the figures lag the live count (stepped releases)


def scored_items(survey: Survey, score: str) -> list[ScoredItem]:
    """The likert questions that count towards `score`, in the survey's order."""
    out = []
    for q in survey.questions:
        if isinstance(q, LikertQuestion) and q.score is not None:
            weight = float(getattr(q.score, score))
            if weight:
                out.append(ScoredItem(q.id, q.text, weight, q.scale.points))
    return out


def _wide(answers: pd.DataFrame, ids: pd.Index, items: Sequence[ScoredItem]) -> pd.DataFrame:
    """People (rows, in `ids` order) by items, reversed items turned; NaN where not answered."""
    mine = answers[answers["question_id"].isin([i.id for i in items])]
    mine = mine.drop_duplicates(["response_id", "question_id"])
    table = mine.pivot(index="response_id", columns="question_id", values="value_num")
    table = table.reindex(index=ids, columns=[i.id for i in items]).astype("float64")
    for i in items:
        if i.reversed:
            table[i.id] = i.points + 1 - table[i.id]
    return table


def _hidden_parts(workshop_of: pd.Series, complete: pd.Series, k: int) -> list[str]:
    """Workshops whose part of this score cannot be shown on its own (see the module's rules)."""
    hidden = []
    for w, done in complete.groupby(workshop_of, sort=False):
        full = int(done.sum())
        rest = len(done) - full
        if full < k or 0 < rest < k:
            hidden.append(str(w))
    return hidden


def _flags(top_share: float, item_total: float | None) -> tuple[str, ...]:
    flags = []
    if top_share > ONE_POINT_SHARE:
        flags.append(ONE_POINT)
    if item_total is not None and item_total < 0:
        flags.append(NEGATIVE)
    return tuple(flags)


def _not_shown(score: str, items: list[ScoredItem], why: str) -> ScaleResult:
    return ScaleResult(score, tuple(items), False, note=why)


def _scale(
    score: str, items: list[ScoredItem], responses: pd.DataFrame, answers: pd.DataFrame, k: int
) -> ScaleResult:
    if len(items) < 2:
        return _not_shown(
            score,
            items,
            _(
                "Alpha needs at least two items that count towards {score}; this survey has "
                "{count}. Give more likert questions a `score: {{{score}: 1}}` weight."
            ).format(score=score, count=len(items)),
        )
    if responses.empty:
        return _not_shown(
            score,
            items,
            _("Shown once a selected workshop has at least {k} responses.").format(k=k),
        )
    ids = pd.Index(responses["response_id"].astype(str))
    wide = _wide(answers, ids, items)
    complete = pd.Series(wide.notna().all(axis=1).to_numpy(), index=ids)
    workshop_of = pd.Series(responses["workshop"].astype(str).to_numpy(), index=ids)
    hidden = _hidden_parts(workshop_of, complete, k)
    if hidden:
        return _not_shown(
            score,
            items,
            ngettext(
                "Not shown: in workshop {codes}, fewer than {k} people answered every {score} "
                "item, or fewer than {k} left one out, so the figures could point to them.",
                "Not shown: in workshops {codes}, fewer than {k} people answered every {score} "
                "item, or fewer than {k} left one out, so the figures could point to them.",
                len(hidden),
            ).format(codes=", ".join(hidden), k=k, score=score),
        )
    figures = scale_figures(wide[complete.to_numpy()].to_numpy())
    results = tuple(
        ItemResult(item, f.item_total, f.alpha_if_deleted, _flags(f.top_share, f.item_total))
        for item, f in zip(items, figures.items, strict=True)
    )
    why = "Alpha cannot be computed: the people's totals for this score do not differ."
    return ScaleResult(
        score,
        tuple(items),
        True,
        figures.people,
        figures.alpha,
        figures.ci,
        results,
        "" if figures.alpha is not None else why,
    )


def reliability(
    responses: pd.DataFrame,
    answers: pd.DataFrame,
    survey: Survey,
    threshold: int = DEFAULT_THRESHOLD,
    left_out: Sequence[str] = (),
    release: str = "",
) -> Reliability:
    """Alpha and item statistics of each score over these responses and their answers.

    `responses`: one row per response (response_id, workshop), e.g. a Cohort's released ones;
    `answers`: long-form answer rows (response_id, question_id, value_num), e.g.
    `store.answer_rows`; answers of responses not listed are ignored. `left_out` names the
    workshops already left out for being under the threshold, and `release` says how far the
    figures lag the live count: both for the notes.
    """
    k = check_threshold(threshold)
    mine = answers[answers["response_id"].isin(responses["response_id"])]
    scales = tuple(_scale(s, scored_items(survey, s), responses, mine, k) for s in SCORES)
    if survey.scoring is None:
        scales = tuple(s for s in scales if s.items)
    workshops = tuple(dict.fromkeys(responses["workshop"].astype(str)))
    words = note(Tally(left_out=tuple(left_out)), k)
    return Reliability(scales, k, workshops, words, release)


def cohort_reliability(c: Cohort, answers: pd.DataFrame, survey: Survey) -> Reliability:
    """`reliability` over a Cohort's released responses (`answers`: `store.answer_rows`)."""
    mine = released_answers(c, answers)
    return reliability(c.responses, mine, survey, c.threshold, c.left_out, release_note(c))


def read_reliability(
    store: Store, survey: Survey, workshops: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> Reliability:
    """Read the workshops' released responses and their scored answers, then `reliability`."""
    c = read_cohort(store, survey.id, workshops, threshold)
    return cohort_answers_reliability(store, c, survey)


def cohort_answers_reliability(store: Store, c: Cohort, survey: Survey) -> Reliability:
    """Read the scored answers of a Cohort already read (the dashboard's), then `reliability`.

    Per edition: only responses to editions scored as the file is count, and an item that means
    something else in an edition (editions.py) counts none of that edition's answers.
    """
    from .editions import moved_answers, read_view, scoring_cohorts

    ids = sorted({i.id for s in SCORES for i in scored_items(survey, s)})
    view = read_view(store, survey)
    rows = frame(store.answer_rows(list(c.workshops), survey.id, question_ids=ids))
    return cohort_reliability(scoring_cohorts(view, c)[0][1], moved_answers(view, rows), survey)
