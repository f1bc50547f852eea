"""Dashboard numbers: pure pandas on what the store returns, every result privacy-checked.

Flow: `frame(store.response_rows(...))` and `frame(store.answer_counts(...))` (or
`count_answers(frame(store.answer_rows(...)))`), then `cohort(...)` leaves out workshops under the
threshold, then one function per figure. Each returns a `Breakdown` whose hidden cells are <NA>
and whose `note` says, in plain words, what was hidden and why (careerkit.privacy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import ORIENTATIONS, LikertQuestion, Question, Survey
from .privacy import (
    DEFAULT_THRESHOLD,
    Breakdown,
    Tally,
    check_threshold,
    masked,
    note,
    suppress_table,
    suppress_with_rest,
)
from .store.reports import Rows

_CATEGORY = {"workshop", "orientation", "question_id"}
_FLOAT = {"advancement", "development", "value_num"}
_INT = {"seq", "people", "respondents"}
ALL = "all"  # row key of a pooled, one-row breakdown
ORIENTATION_LABELS = {
    "advancement": "Advancement",
    "development": "Development",
    "both": "Both",
    "undecided": "Still open",
}


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
    first = answers["seq"].eq(0).astype("int64").rename("respondents")
    grouped = first.groupby([answers[k] for k in keys], observed=True, dropna=False, sort=False)
    counts = grouped.agg(["size", "sum"]).set_axis(["people", "respondents"], axis=1)
    return counts.reset_index()


@dataclass(frozen=True)
class Cohort:
    """The responses a dashboard may show: workshops under the threshold are left out of all of it."""

    responses: pd.DataFrame  # response_rows of the shown workshops
    counts: pd.DataFrame  # answer_counts of the shown workshops
    workshops: tuple[str, ...]  # shown, each with at least `threshold` responses
    left_out: tuple[str, ...]  # asked for, but with fewer responses than that
    threshold: int

    def tally(self, line_word: str = "question") -> Tally:
        return Tally(line_word=line_word, left_out=self.left_out)


def cohort(
    responses: pd.DataFrame,
    counts: pd.DataFrame,
    workshops: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
) -> Cohort:
    """Keep the workshops with at least `threshold` responses; the rest go nowhere, not even totals."""
    k = check_threshold(threshold)
    sizes = responses["workshop"].value_counts()
    asked = list(dict.fromkeys(workshops))
    shown = tuple(w for w in asked if int(sizes.get(w, 0)) >= k)
    left_out = tuple(w for w in asked if w not in shown)
    if left_out:
        responses = responses[responses["workshop"].isin(shown)]
        counts = counts[counts["workshop"].isin(shown)]
    return Cohort(responses, counts, shown, left_out, k)


def _rest(c: Cohort, answered: int, optional: bool) -> int | None:
    """People of the cohort in no cell of a line (skipped it), if that can be anyone."""
    rest = len(c.responses) - answered
    return rest if optional or rest > 0 else None


def _one_row(
    title: str, values: pd.Series, labels: dict[str, str], rest: int | None, c: Cohort, word: str
) -> Breakdown:
    """A single suppressed line (pooled over the cohort) as a breakdown; total: the cohort."""
    total = len(c.responses)
    hidden = suppress_with_rest(values.tolist(), rest, c.threshold)
    tally = c.tally(word)
    if total < c.threshold:
        tally.lines += bool(total)
    else:
        tally.add_line(values.tolist(), hidden, c.threshold)
    table = masked(values.to_frame(ALL).T, [hidden])
    shown_total = total if total >= c.threshold else None
    return Breakdown(
        title=title,
        counts=table,
        totals=pd.Series([shown_total], index=[ALL], dtype="Int64"),
        row_labels={ALL: "All selected workshops"},
        column_labels=labels,
        threshold=c.threshold,
        note=note(tally, c.threshold),
    )


def orientation_split(c: Cohort) -> Breakdown:
    """How many people lean to advancement, development, both, or are still open."""
    scored = c.responses["orientation"].dropna().astype(str)
    values = scored.value_counts().reindex(list(ORIENTATIONS), fill_value=0)
    rest = _rest(c, len(scored), optional=False)
    return _one_row("Where people want to grow", values, dict(ORIENTATION_LABELS), rest, c, "group")


def _optional(q: Question) -> bool:
    return not q.required or q.visible_if is not None


def _scale_key(q: LikertQuestion) -> tuple[int, str, str]:
    return (q.scale.points, q.scale.low, q.scale.high)


def likert_distributions(c: Cohort, survey: Survey) -> list[Breakdown]:
    """Each agree/disagree item's answers by scale point; one breakdown per distinct scale."""
    items = [q for q in survey.questions if isinstance(q, LikertQuestion)]
    numeric = c.counts[c.counts["value_num"].notna()]
    by_value = numeric.groupby(["question_id", "value_num"], observed=True)["people"].sum()
    out: list[Breakdown] = []
    for key in dict.fromkeys(_scale_key(q) for q in items):
        group = [q for q in items if _scale_key(q) == key]
        points, low, high = key
        ids = [q.id for q in group]
        table = by_value[by_value.index.get_level_values(0).isin(ids)].unstack(fill_value=0)
        table = table.reindex(index=ids, columns=[float(p) for p in range(1, points + 1)])
        table = (
            table.fillna(0).astype("int64").set_axis([str(p) for p in range(1, points + 1)], axis=1)
        )
        tally = c.tally("question")
        hidden = []
        for q in group:
            row = table.loc[q.id].tolist()
            hide = suppress_with_rest(row, _rest(c, sum(row), _optional(q)), c.threshold)
            tally.add_line(row, hide, c.threshold)
            hidden.append(hide)
        sums = pd.Series(len(c.responses), index=ids)
        labels = {str(p): str(p) for p in range(1, points + 1)}
        labels["1"], labels[str(points)] = f"{low} (1)", f"{high} ({points})"
        out.append(
            Breakdown(
                title="How far people agree",
                counts=masked(table, hidden),
                totals=sums.where(sums >= c.threshold).astype("Int64"),
                row_labels={q.id: q.text for q in group},
                column_labels=labels,
                threshold=c.threshold,
                note=note(tally, c.threshold),
            )
        )
    return out


def option_counts(c: Cohort, survey: Survey, question_id: str) -> Breakdown:
    """How many people picked each option of a choice or multi-choice question."""
    q = survey.question(question_id)
    options = getattr(q, "options", None)
    if options is None:
        raise ValueError(f"'{question_id}' is a {q.kind} question; it has no options to count")
    mine = c.counts[c.counts["question_id"] == question_id]
    values = (
        mine.groupby("value_text")["people"].sum().reindex([o.id for o in options], fill_value=0)
    )
    rest = _rest(c, int(mine["respondents"].sum()), _optional(q))
    labels = {o.id: o.label for o in options}
    # Multi-choice counts do not add up to the total, but people know roughly how many each
    # picked, so the same protection applies as if they did.
    return _one_row(q.text, values.astype("int64"), labels, rest, c, "question")


def compare_workshops(c: Cohort) -> Breakdown:
    """The orientation split per workshop, consistent with the pooled `orientation_split`."""
    pooled = orientation_split(c)
    scored = c.responses.dropna(subset=["orientation"])
    table = pd.crosstab(scored["workshop"].astype(str), scored["orientation"].astype(str))
    table = table.reindex(index=list(c.workshops), columns=list(ORIENTATIONS), fill_value=0)
    margin_hidden = pooled.hidden.loc[ALL].tolist()
    hidden = suppress_table(table.to_numpy(), margin_hidden, c.threshold)
    sums = table.sum(axis=1)
    hidden[(sums < c.threshold).to_numpy()] = True
    small = int((table.to_numpy() < c.threshold).sum())
    tally = Tally(small=small, complement=int(hidden.sum()) - small, left_out=c.left_out)
    return Breakdown(
        title="Where people want to grow, by workshop",
        counts=masked(table, hidden),
        totals=sums.where(sums >= c.threshold).astype("Int64"),
        row_labels={w: w for w in c.workshops},
        column_labels=dict(ORIENTATION_LABELS),
        threshold=c.threshold,
        note=note(tally, c.threshold),
    )


@dataclass(frozen=True)
class Comments:
    """Free-text answers to show, per question, sorted so their order says nothing about who."""

    by_question: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    threshold: int
    note: str = ""


def comments(
    c: Cohort, answers: pd.DataFrame, survey: Survey, question_ids: Sequence[str] | None = None
) -> Comments:
    """Text answers from the cohort's workshops (each with at least `threshold` responses)."""
    texts = [q for q in survey.questions if q.kind == "text"]
    wanted = [q.id for q in texts if question_ids is None or q.id in question_ids]
    mine = answers[answers["workshop"].isin(c.workshops) & answers["question_id"].isin(wanted)]
    by_question: dict[str, tuple[str, ...]] = {}
    too_few = []
    for qid in wanted:
        given = mine.loc[mine["question_id"] == qid, "value_text"].dropna().astype(str)
        kept = [t.strip() for t in given if t.strip()]
        if kept and len(kept) < c.threshold:
            # A follow-up question shown only for some answers would point to those few people.
            too_few.append(qid)
            kept = []
        by_question[qid] = tuple(sorted(kept, key=lambda t: (t.casefold(), t)))
    tally = c.tally()
    words = note(tally, c.threshold)
    if too_few:
        words = (words + " " if words else "") + (
            f"{len(too_few)} question(s) with fewer than {c.threshold} written answers are not listed."
        )
    if not c.workshops:
        words = (words + " " if words else "") + (
            f"Comments are shown only for workshops with at least {c.threshold} responses."
        )
    return Comments(by_question, {q.id: q.text for q in texts}, c.threshold, words.strip())
