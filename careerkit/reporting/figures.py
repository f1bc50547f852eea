"""Dashboard figures from a Cohort: pure pandas, every result privacy-checked.

Each figure is suppressed per workshop, then pooled (careerkit.privacy); it returns a
`Breakdown` whose hidden cells are <NA> and whose `note` says, in plain words, what was hidden
and why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from careerkit.languages import _, pgettext
from careerkit.model import ORIENTATIONS, LikertQuestion, Question, Survey
from careerkit.plans.stats import MEASURES, PlanFigures
from careerkit.privacy import Tally, group_line, note, pooled_line
from careerkit.survey.room import ORIENTATION_LABELS, orientation_line

from .breakdown import Breakdown, masked
from .cohort import Cohort

ALL = "all"  # row key of a pooled, one-row breakdown


def _orientation_labels() -> dict[str, str]:
    return {k: pgettext("orientation", v) for k, v in ORIENTATION_LABELS.items()}


def _line(
    c: Cohort, values: np.ndarray, answered: np.ndarray, optional: bool, tally: Tally
) -> tuple[list[int], list[bool]]:
    """One line (workshops x categories) suppressed per workshop, then pooled; counted in `tally`."""
    rows, hides = [], []
    for i, w in enumerate(c.workshops):
        row = [int(v) for v in values[i]]
        rest = c.upto[w] - int(answered[i])
        hides.append(group_line(row, rest, c.threshold, optional=optional))
        rows.append(row)
    return _pooled(c, rows, hides, tally, values.shape[-1])


def _pooled(
    c: Cohort, rows: list[list[int]], hides: list[list[bool]], tally: Tally, width: int
) -> tuple[list[int], list[bool]]:
    """Per-workshop lines pooled (careerkit.privacy.pooled_line); counted in `tally`."""
    if len(rows) == 1:
        tally.add_line(rows[0], hides[0], c.threshold)
        return rows[0], hides[0]
    if not rows:
        return [0] * width, [True] * width
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
        row_labels={ALL: _("All selected workshops")},
        column_labels=labels,
        threshold=c.threshold,
        note=note(t, c.threshold),
    )


def _orientations(c: Cohort) -> list[tuple[list[int], list[bool]]]:
    """Each shown workshop's orientation line and what it hides (survey.room's rule)."""
    scored = c.responses.dropna(subset=["orientation"])
    table = pd.crosstab(scored["workshop"].astype(str), scored["orientation"].astype(str))
    table = table.reindex(index=list(c.workshops), fill_value=0)
    counts = table.to_dict(orient="index")
    return [orientation_line(counts[w], c.upto[w], c.threshold) for w in c.workshops]


def orientation_split(c: Cohort) -> Breakdown:
    """How many people lean to advancement, development, both, or are still open."""
    lines = _orientations(c)
    tally = c.tally("group")
    rows, hides = [v for v, _h in lines], [h for _v, h in lines]
    line, hidden = _pooled(c, rows, hides, tally, len(ORIENTATIONS))
    labels = _orientation_labels()
    return _one_row(_("Where people want to grow"), line, hidden, labels, c, tally)


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
                title=_("How far people agree"),
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
    lines, tally = _orientations(c), c.tally("workshop")
    for values, hide in lines:
        tally.add_line(values, hide, c.threshold)
    table = pd.DataFrame(
        [v for v, _h in lines], index=list(c.workshops), columns=list(ORIENTATIONS), dtype="int64"
    )
    return Breakdown(
        title=_("Where people want to grow, by workshop"),
        counts=masked(table, np.array([h for _v, h in lines], dtype=bool).reshape(table.shape)),
        totals=pd.Series([c.upto[w] for w in c.workshops], index=list(c.workshops), dtype="Int64"),
        row_labels={w: w for w in c.workshops},
        column_labels=_orientation_labels(),
        threshold=c.threshold,
        note=note(tally, c.threshold),
    )


def plan_table(figures: PlanFigures) -> Breakdown:
    """The plan numbers (careerkit.plans.stats) as a table: one row per measure, yes and not yet."""
    table = pd.DataFrame(
        [figures.lines[m][0] for m in MEASURES], index=list(MEASURES), columns=["yes", "no"]
    )
    total = figures.total or None
    return Breakdown(
        title=_("Development plans"),
        counts=masked(table, [figures.lines[m][1] for m in MEASURES]),
        totals=pd.Series([total] * len(MEASURES), index=list(MEASURES), dtype="Int64"),
        row_labels={m: _(label) for m, label in MEASURES.items()},
        column_labels={"yes": _("Yes"), "no": _("Not yet")},
        threshold=figures.threshold,
        note=figures.note,
    )
