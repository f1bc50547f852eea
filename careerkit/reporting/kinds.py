"""Dashboard figures of ranking and number questions, privacy-checked like every other figure.

A ranking: how many people put each option in each place (the first place: how often it was
ranked first), and each option's mean rank. A number: how many answers fall in each bin, and
the median. Cells are suppressed per workshop with careerkit.privacy's rules, then pooled; a
ranking's places are protected both ways, since each place holds exactly one option per answer.
A mean rank is shown only when every cell of its option is; a median only when every shown
workshop has at least `threshold` answers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from careerkit.languages import NC_, _, decimal, ngettext, pgettext
from careerkit.model import NumberQuestion, RankingQuestion
from careerkit.privacy import Tally, note, pooled_line, protect_line, suppress_with_rest

from .breakdown import Breakdown, masked
from .cohort import Cohort

ALL = "all"
#: An ordinal's forms by its last digit ("{n}." for each in German), shown through pgettext.
_SUFFIXES = {
    1: NC_("ordinal number", "{n}st"),
    2: NC_("ordinal number", "{n}nd"),
    3: NC_("ordinal number", "{n}rd"),
}
_TH = NC_("ordinal number", "{n}th")


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st (in German 1., 2., 3. ...)."""
    form = _TH if n % 100 in (11, 12, 13) else _SUFFIXES.get(n % 10, _TH)
    return pgettext("ordinal number", form).format(n=n)


def _rest(upto: int, counted: int, optional: bool) -> int | None:
    rest = upto - counted
    return rest if optional or rest > 0 else None


def _protect(values: list[int], hidden: list[bool], rest: int | None, k: int) -> list[bool]:
    """One line's hidden cells made safe again (the people in no cell as one more hidden cell)."""
    if rest is None:
        return protect_line(values, hidden, k)
    return protect_line([*values, rest], [*hidden, True], k)[:-1]


def _suppress_table(
    grid: np.ndarray, upto: int, answered: int, optional: bool, k: int
) -> np.ndarray:
    """Hidden cells of one workshop's options x places table: safe along options and places.

    Everyone who answers fills every place once, so a place's people are the answers; an option's
    are too when every option is ranked, while with `at_most` who left it out is not told.
    """
    rows, cols = grid.shape
    partial = cols < rows
    hidden = np.zeros(grid.shape, dtype=bool)
    for i in range(rows):
        line = [int(v) for v in grid[i]]
        hidden[i] = suppress_with_rest(line, _rest(upto, sum(line), optional or partial), k)
    col_rest = _rest(upto, answered, optional)
    changed = True
    while changed:
        before = hidden.copy()
        for j in range(cols):
            hidden[:, j] = _protect([int(v) for v in grid[:, j]], list(hidden[:, j]), col_rest, k)
        for i in range(rows):
            line = [int(v) for v in grid[i]]
            rest = _rest(upto, sum(line), optional or partial)
            hidden[i] = _protect(line, list(hidden[i]), rest, k)
        changed = bool((hidden != before).any())
    return hidden


def _answers(rows: pd.DataFrame, question_id: str) -> pd.DataFrame:
    return rows[rows["question_id"].astype(str) == question_id]


def _pool(
    c: Cohort, grids: list[np.ndarray], hides: list[np.ndarray], shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, Tally]:
    """Sums over the shown workshops, hidden where any workshop hides its part; counted in a Tally."""
    tally = c.tally("question")
    if not grids:
        return np.zeros(shape, dtype=np.int64), np.ones(shape, dtype=bool), tally
    sums, hidden = pooled_line(
        [g.ravel().tolist() for g in grids], [h.ravel().tolist() for h in hides]
    )
    small = sum(1 for v, h in zip(sums, hidden, strict=True) if h and v < c.threshold)
    tally.small += small
    if len(grids) == 1:
        tally.complement += sum(hidden) - small
    else:
        tally.across += sum(hidden) - small
    return np.array(sums).reshape(shape), np.array(hidden).reshape(shape), tally


def ranking_places(c: Cohort, q: RankingQuestion, rows: pd.DataFrame) -> Breakdown:
    """People per option and place (place 1: ranked first), with each option's mean rank."""
    mine = _answers(rows, q.id)
    ids = [o.id for o in q.options]
    optional = not q.required or q.visible_if is not None
    grids, hides = [], []
    for w in c.workshops:
        part = mine[mine["workshop"].astype(str) == w]
        grid = np.zeros((len(ids), q.places), dtype=np.int64)
        o = pd.Index(ids).get_indexer(part["value_text"])
        s = part["seq"].to_numpy()
        ok = (o >= 0) & (s < q.places)
        np.add.at(grid, (o[ok], s[ok]), 1)
        answered = int(part["seq"].eq(0).sum())
        grids.append(grid)
        hides.append(_suppress_table(grid, c.upto[w], answered, optional, c.threshold))
    sums, hidden, tally = _pool(c, grids, hides, (len(ids), q.places))
    labels = {}
    for i, o in enumerate(q.options):
        n = int(sums[i].sum())
        if not hidden[i].any() and n:
            mean = float((sums[i] * np.arange(1, q.places + 1)).sum()) / n
            labels[o.id] = _("{option} (mean rank {mean})").format(
                option=o.label, mean=decimal(mean, 1)
            )
        else:
            labels[o.id] = _("{option} (mean rank not shown)").format(option=o.label)
    columns = [str(p) for p in range(1, q.places + 1)]
    table = pd.DataFrame(sums, index=ids, columns=columns, dtype="int64")
    places = {p: _("Ranked {place}").format(place=_ordinal(int(p))) for p in columns}
    places["1"] = _("Ranked first")
    total = len(c.responses)
    return Breakdown(
        title=q.text,
        counts=masked(table, hidden),
        totals=pd.Series([total if total else None] * len(ids), index=ids, dtype="Int64"),
        row_labels=labels,
        column_labels=places,
        threshold=c.threshold,
        note=note(tally, c.threshold),
    )


def bins(q: NumberQuestion, most: int = 8) -> list[tuple[float, float]]:
    """At most `most` bins of whole steps over min..max: each (lowest value, last value) in it."""
    steps = math.floor((q.max - q.min) / q.step + 1e-6) + 1  # how many values an answer can take
    per = math.ceil(steps / most)
    out = []
    for first in range(0, steps, per):
        last = min(first + per, steps) - 1
        out.append((round(q.min + first * q.step, 9), round(q.min + last * q.step, 9)))
    return out


def _bin_of(values: np.ndarray, q: NumberQuestion, edges: list[tuple[float, float]]) -> np.ndarray:
    per = round((edges[0][1] - edges[0][0]) / q.step) + 1
    index: np.ndarray = np.floor((values - q.min) / q.step + 1e-6) // per
    clipped: np.ndarray = np.clip(index, 0, len(edges) - 1).astype(np.int64)
    return clipped


def number_histogram(c: Cohort, q: NumberQuestion, rows: pd.DataFrame) -> Breakdown:
    """People per bin of a number question, and the median of the answers."""
    mine = _answers(rows, q.id)
    edges = bins(q)
    optional = not q.required or q.visible_if is not None
    grids, hides, values = [], [], []
    enough = True
    for w in c.workshops:
        part = mine[mine["workshop"].astype(str) == w]
        given = part["value_num"].dropna().to_numpy(dtype=float)
        line = np.bincount(_bin_of(given, q, edges), minlength=len(edges))
        rest = _rest(c.upto[w], len(given), optional)
        hides.append(np.array([suppress_with_rest(line.tolist(), rest, c.threshold)]))
        grids.append(line.reshape(1, -1))
        values.append(given)
        enough &= len(given) >= c.threshold
    shape = (1, len(edges))
    sums, hidden, tally = _pool(c, grids, hides, shape)
    unit = f" {q.unit}" if q.unit else ""
    everyone = np.concatenate(values) if values else np.array([])
    if enough and len(everyone):
        median = float(np.median(everyone))
        label = ngettext(
            "All selected workshops: median {median}{unit} ({count} answer)",
            "All selected workshops: median {median}{unit} ({count} answers)",
            len(everyone),
        ).format(median=decimal(median, None), unit=unit, count=len(everyone))
    else:
        label = _(
            "All selected workshops: median not shown (fewer than {threshold} answers)"
        ).format(threshold=c.threshold)
    columns = [f"b{i}" for i in range(len(edges))]
    names = {
        col: (
            f"{decimal(lo, None)}{unit}"
            if lo == hi
            else _("{low} to {high}{unit}").format(
                low=decimal(lo, None), high=decimal(hi, None), unit=unit
            )
        )
        for col, (lo, hi) in zip(columns, edges, strict=True)
    }
    table = pd.DataFrame(sums, index=[ALL], columns=columns, dtype="int64")
    total = len(c.responses)
    return Breakdown(
        title=q.text,
        counts=masked(table, hidden),
        totals=pd.Series([total if total else None], index=[ALL], dtype="Int64"),
        row_labels={ALL: label},
        column_labels=names,
        threshold=c.threshold,
        note=note(tally, c.threshold),
    )
