"""Which responses the dashboard may show: whole workshops, each cut to its last full step.

Flow: `read_cohort(store, ...)`: the responses in arrival order, `releases` (how many of each
workshop's first responses the figures cover, none for a workshop under the threshold), the
answer counts of exactly those, and `cohort(...)`. The figures (careerkit.reporting.figures)
are computed from a Cohort only, so no figure can cover a response the release holds back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from careerkit.privacy import (
    DEFAULT_THRESHOLD,
    Tally,
    check_threshold,
    released,
    steps_note,
)
from careerkit.store.reports import Rows

if TYPE_CHECKING:
    from careerkit.store import Store

_CATEGORY = {"workshop", "orientation", "question_id"}
_FLOAT = {"advancement", "development", "value_num"}
_INT = {"seq", "people", "respondents"}


def frame(rows: Rows) -> pd.DataFrame:
    """A store read `(columns, rows)` as a frame, with compact types for grouping."""
    columns, data = rows
    grid = np.array(data, dtype=object).reshape(len(data), len(columns))
    out: dict[str, object] = {}
    for i, name in enumerate(columns):
        col = grid[:, i]
        if name in _CATEGORY:
            out[name] = pd.Categorical(col)
        elif name in _FLOAT:
            out[name] = pd.Series(col, dtype="float64")
        elif name in _INT:
            out[name] = pd.Series(col, dtype="int64")
        else:
            out[name] = pd.Series(col, dtype=object)
    return pd.DataFrame(out, columns=columns)


def count_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Long-form answers counted like `store.answer_counts`: people per workshop, question, value."""
    keys = ["workshop", "question_id", "value_num", "value_text"]
    if "edition" in answers:  # counted by edition too, as `answer_counts(..., by_edition=True)`
        keys.append("edition")
    first = answers["seq"].eq(0).astype("int64").rename("respondents")
    grouped = first.groupby([answers[k] for k in keys], observed=True, dropna=False, sort=False)
    counts = grouped.agg(["size", "sum"]).set_axis(["people", "respondents"], axis=1)
    return counts.reset_index()


def releases(responses: pd.DataFrame, workshops: Sequence[str], threshold: int) -> dict[str, int]:
    """For each workshop that reaches the threshold: how many first responses its figures cover."""
    sizes = responses["workshop"].astype(str).value_counts()
    out = {w: released(int(sizes.get(w, 0)), threshold) for w in dict.fromkeys(workshops)}
    return {w: m for w, m in out.items() if m}


@dataclass(frozen=True)
class Cohort:
    """The responses a dashboard may show: whole workshops, each up to its last full step."""

    responses: pd.DataFrame  # response_rows of the first `upto[w]` responses of each shown w
    counts: pd.DataFrame  # answer_counts of exactly those responses
    workshops: tuple[str, ...]  # shown, each with at least `threshold` responses
    left_out: tuple[str, ...]  # asked for, but with fewer responses than that
    threshold: int
    arrived: dict[str, int]  # responses so far, per workshop asked for
    upto: dict[str, int]  # responses the figures cover, per shown workshop

    def tally(self, line_word: str = "question") -> Tally:
        return Tally(line_word=line_word, left_out=self.left_out)


def cohort(
    responses: pd.DataFrame,
    counts: pd.DataFrame,
    workshops: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
) -> Cohort:
    """Whole workshops with at least `threshold` responses, each cut to its first full steps.

    `responses`: every response of the workshops, in arrival order (`store.response_rows`);
    `counts`: answer counts over the released responses only (`store.answer_counts(...,
    upto=releases(...))`); ValueError if they cover more, since figures would then move by one.
    """
    k = check_threshold(threshold)
    asked = list(dict.fromkeys(workshops))
    upto = releases(responses, asked, k)
    names = responses["workshop"].astype(str)
    arrived = {w: int(n) for w, n in names.value_counts().items() if w in asked}
    rank = responses.groupby(names, sort=False).cumcount()
    keep = rank.lt(names.map(upto).fillna(0).astype("int64"))
    per = counts.groupby(["workshop", "question_id"], observed=True)["respondents"].sum()
    over = [w for (w, _q), n in per.items() if n > upto.get(str(w), 0)]
    if over:
        raise ValueError(f"answer counts of {over[0]} cover more than its released responses")
    shown = tuple(w for w in asked if w in upto)
    left_out = tuple(w for w in asked if w not in upto)
    return Cohort(responses[keep.to_numpy()], counts, shown, left_out, k, arrived, upto)


def read_cohort(
    store: Store,
    survey_id: str,
    workshops: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    by_edition: bool = False,
) -> Cohort:
    """Read the workshops' responses, then the answer counts of the released ones: two queries.

    `by_edition`: counts also by edition (for a survey whose editions differ, reporting/editions.py).
    """
    chosen = list(dict.fromkeys(workshops))
    responses = frame(store.response_rows(chosen, survey_id))
    upto = releases(responses, chosen, check_threshold(threshold))
    counts = frame(store.answer_counts(list(upto), survey_id, upto=upto, by_edition=by_edition))
    return cohort(responses, counts, chosen, threshold)


def released_answers(c: Cohort, answers: pd.DataFrame) -> pd.DataFrame:
    """The rows of `store.answer_rows` that belong to the cohort's released responses."""
    return answers[answers["response_id"].isin(c.responses["response_id"])]


def release_note(c: Cohort) -> str:
    """How far the figures lag the live count, and why ("" when no workshop is shown)."""
    return steps_note({w: c.arrived.get(w, 0) for w in c.workshops}, c.upto, c.threshold)
