"""Dashboard numbers: pure pandas on what the store returns, every result privacy-checked.

Flow: `read_cohort(store, ...)`: the responses in arrival order, `releases` (how many of each
workshop's first responses the figures cover, none for a workshop under the threshold), the
answer counts of exactly those, and `cohort(...)`; then one function per figure. Each figure is
suppressed per workshop, then pooled (careerkit.privacy); it returns a `Breakdown` whose hidden
cells are <NA> and whose `note` says, in plain words, what was hidden and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    pooled_line,
    released,
    steps_note,
    suppress_with_rest,
)
from .store.reports import Rows

if TYPE_CHECKING:
    from .store import Store

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
    store: Store, survey_id: str, workshops: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> Cohort:
    """Read the workshops' responses, then the answer counts of the released ones: two queries."""
    chosen = list(dict.fromkeys(workshops))
    responses = frame(store.response_rows(chosen, survey_id))
    upto = releases(responses, chosen, check_threshold(threshold))
    counts = frame(store.answer_counts(list(upto), survey_id, upto=upto))
    return cohort(responses, counts, chosen, threshold)


def released_answers(c: Cohort, answers: pd.DataFrame) -> pd.DataFrame:
    """The rows of `store.answer_rows` that belong to the cohort's released responses."""
    return answers[answers["response_id"].isin(c.responses["response_id"])]


def release_note(c: Cohort) -> str:
    """How far the figures lag the live count, and why ("" when no workshop is shown)."""
    return steps_note({w: c.arrived.get(w, 0) for w in c.workshops}, c.upto, c.threshold)


def _line(
    c: Cohort, values: np.ndarray, answered: np.ndarray, optional: bool, tally: Tally
) -> tuple[list[int], list[bool]]:
    """One line (workshops x categories) suppressed per workshop, then pooled; counted in `tally`."""
    rows, hides = [], []
    for i, w in enumerate(c.workshops):
        row = [int(v) for v in values[i]]
        rest = c.upto[w] - int(answered[i])
        hides.append(suppress_with_rest(row, rest if optional or rest > 0 else None, c.threshold))
        rows.append(row)
    if len(rows) == 1:
        tally.add_line(rows[0], hides[0], c.threshold)
        return rows[0], hides[0]
    if not rows:
        return [0] * values.shape[1], [True] * values.shape[1]
    sums, hidden = pooled_line(rows, hides)
    tally.add_pooled(sums, hidden, c.threshold)
    return sums, hidden


def _grid(
    c: Cohort, question_ids: list[str], columns: list[object], key: str
) -> tuple[np.ndarray, np.ndarray]:
    """People per (workshop, question, value) and per (workshop, question) who answered."""
    sub = c.counts
    w = pd.Index(c.workshops).get_indexer(sub["workshop"].astype(str))
    q = pd.Index(question_ids).get_indexer(sub["question_id"].astype(str))
    v = pd.Index(columns).get_indexer(sub[key])
    people = np.zeros((len(c.workshops), len(question_ids), len(columns)), dtype=np.int64)
    answered = np.zeros((len(c.workshops), len(question_ids)), dtype=np.int64)
    ok = (w >= 0) & (q >= 0)
    np.add.at(answered, (w[ok], q[ok]), sub["respondents"].to_numpy()[ok])
    ok &= v >= 0
    np.add.at(people, (w[ok], q[ok], v[ok]), sub["people"].to_numpy()[ok])
    return people, answered


def _one_row(
    title: str, values: list[int], hidden: list[bool], labels: dict[str, str], c: Cohort, t: Tally
) -> Breakdown:
    """A pooled line as a one-row breakdown; its total: the released responses."""
    total = len(c.responses)
    table = pd.DataFrame([values], index=[ALL], columns=list(labels), dtype="int64")
    return Breakdown(
        title=title,
        counts=masked(table, [hidden]),
        totals=pd.Series([total if total else None], index=[ALL], dtype="Int64"),
        row_labels={ALL: "All selected workshops"},
        column_labels=labels,
        threshold=c.threshold,
        note=note(t, c.threshold),
    )


def _orientations(c: Cohort) -> tuple[np.ndarray, np.ndarray]:
    """Orientation counts per shown workshop, and how many of each were scored."""
    scored = c.responses.dropna(subset=["orientation"])
    table = pd.crosstab(scored["workshop"].astype(str), scored["orientation"].astype(str))
    table = table.reindex(index=list(c.workshops), columns=list(ORIENTATIONS), fill_value=0)
    return table.to_numpy(dtype=np.int64), table.sum(axis=1).to_numpy()


def orientation_split(c: Cohort) -> Breakdown:
    """How many people lean to advancement, development, both, or are still open."""
    values, scored = _orientations(c)
    tally = c.tally("group")
    line, hidden = _line(c, values, scored, False, tally)
    labels = dict(ORIENTATION_LABELS)
    return _one_row("Where people want to grow", line, hidden, labels, c, tally)


def _optional(q: Question) -> bool:
    return not q.required or q.visible_if is not None


def _scale_key(q: LikertQuestion) -> tuple[int, str, str]:
    return (q.scale.points, q.scale.low, q.scale.high)


def likert_distributions(c: Cohort, survey: Survey) -> list[Breakdown]:
    """Each agree/disagree item's answers by scale point; one breakdown per distinct scale."""
    items = [q for q in survey.questions if isinstance(q, LikertQuestion)]
    out: list[Breakdown] = []
    for key in dict.fromkeys(_scale_key(q) for q in items):
        group = [q for q in items if _scale_key(q) == key]
        points, low, high = key
        ids = [q.id for q in group]
        people, answered = _grid(c, ids, [float(p) for p in range(1, points + 1)], "value_num")
        tally = c.tally("question")
        lines = [
            _line(c, people[:, j], answered[:, j], _optional(q), tally) for j, q in enumerate(group)
        ]
        columns = [str(p) for p in range(1, points + 1)]
        table = pd.DataFrame([v for v, _h in lines], index=ids, columns=columns, dtype="int64")
        labels = {p: p for p in columns}
        labels["1"], labels[str(points)] = f"{low} (1)", f"{high} ({points})"
        total = len(c.responses)
        out.append(
            Breakdown(
                title="How far people agree",
                counts=masked(table, [h for _v, h in lines]),
                totals=pd.Series([total if total else None] * len(ids), index=ids, dtype="Int64"),
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
    ids = [o.id for o in options]
    people, answered = _grid(c, [question_id], list(ids), "value_text")
    tally = c.tally("question")
    # Multi-choice counts do not add up to the total, but people know roughly how many each
    # picked, so the same protection applies as if they did.
    line, hidden = _line(c, people[:, 0], answered[:, 0], _optional(q), tally)
    labels = {o.id: o.label for o in options}
    return _one_row(q.text, line, hidden, labels, c, tally)


def compare_workshops(c: Cohort) -> Breakdown:
    """The orientation split per workshop: each row exactly as that workshop shows on its own."""
    values, scored = _orientations(c)
    hidden, tally = [], c.tally("workshop")
    for i, w in enumerate(c.workshops):
        row = values[i].tolist()
        rest = c.upto[w] - int(scored[i])
        hide = suppress_with_rest(row, rest if rest > 0 else None, c.threshold)
        tally.add_line(row, hide, c.threshold)
        hidden.append(hide)
    table = pd.DataFrame(values, index=list(c.workshops), columns=list(ORIENTATIONS))
    return Breakdown(
        title="Where people want to grow, by workshop",
        counts=masked(table, np.array(hidden, dtype=bool).reshape(table.shape)),
        totals=pd.Series([c.upto[w] for w in c.workshops], index=list(c.workshops), dtype="Int64"),
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
    """Text answers of the released responses, from each workshop where enough people wrote.

    A workshop's answers to a question are listed only when at least `threshold` of its people
    wrote into it, so a selection lists exactly what each of its workshops lists on its own.
    """
    texts = [q for q in survey.questions if q.kind == "text"]
    wanted = [q.id for q in texts if question_ids is None or q.id in question_ids]
    mine = released_answers(c, answers)
    mine = mine[mine["question_id"].isin(wanted)]
    by_question: dict[str, tuple[str, ...]] = {}
    too_few = []
    for qid in wanted:
        kept: list[str] = []
        for w in c.workshops:
            cell = mine[(mine["question_id"] == qid) & (mine["workshop"] == w)]
            given = [t.strip() for t in cell["value_text"].dropna().astype(str) if t.strip()]
            if given and len(given) < c.threshold:
                # A follow-up question shown only for some answers would point to those few.
                too_few.append(qid)
            else:
                kept += given
        by_question[qid] = tuple(sorted(kept, key=lambda t: (t.casefold(), t)))
    tally = c.tally()
    words = note(tally, c.threshold)
    if too_few:
        words = (words + " " if words else "") + (
            f"{len(set(too_few))} question(s) with fewer than {c.threshold} written answers in a "
            "workshop: that workshop's answers to it are not listed."
        )
    if not c.workshops:
        words = (words + " " if words else "") + (
            f"Comments are shown only for workshops with at least {c.threshold} responses."
        )
    return Comments(by_question, {q.id: q.text for q in texts}, c.threshold, words.strip())
