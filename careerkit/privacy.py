"""The reporting threshold: no number shown, nor one worked out from shown numbers, covers fewer people.

Rules, for every table the dashboard shows:

* a cell (people who gave one answer) under the threshold is hidden, an empty cell included:
  "nobody in the group chose X" says something about each of them;
* complementary suppression: in every line whose total is shown, the hidden cells are either
  none, or at least two that together hold at least the threshold, so the total minus the shown
  cells gives neither a single cell nor a small group; the smallest shown cell is hidden next;
* a line (question, workshop) under the threshold shows nothing, not even its total;
* in a two-way table (workshops x categories, with the pooled row shown elsewhere) no hidden
  cell may follow from the row and column totals together, counts never being negative; this
  is checked exactly (`pinned`) and more cells are hidden until none does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import ConfigError

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3


def check_threshold(threshold: int) -> int:
    """The threshold as given when it is safe to use; ConfigError saying why when not."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer):
        raise ConfigError(
            f"The reporting threshold must be a whole number of people (got {threshold!r})."
        )
    if threshold < MIN_THRESHOLD:
        raise ConfigError(
            f"The reporting threshold is {threshold}, but it cannot be lower than {MIN_THRESHOLD}: "
            f"results about smaller groups can point to single people. Use {MIN_THRESHOLD} or more "
            f"(the default is {DEFAULT_THRESHOLD})."
        )
    return int(threshold)


def protect_line(values: Sequence[int], hidden: Sequence[bool], threshold: int) -> list[bool]:
    """Hide more cells of one line, smallest first, until its hidden cells are safe (see above)."""
    out = list(hidden)
    while True:
        held = [v for v, h in zip(values, out, strict=True) if h]
        if not held or (len(held) >= 2 and sum(held) >= threshold):
            return out
        shown = [i for i, h in enumerate(out) if not h]
        if not shown:
            return out
        out[min(shown, key=lambda i: (values[i], i))] = True


def suppress_line(values: Sequence[int], threshold: int) -> list[bool]:
    """Which cells of a line to hide; all of them when the line holds fewer than the threshold."""
    if sum(values) < threshold:
        return [True] * len(values)
    return protect_line(values, [v < threshold for v in values], threshold)


def suppress_with_rest(values: Sequence[int], rest: int | None, threshold: int) -> list[bool]:
    """Like `suppress_line`, when the total also counts `rest` people in no cell (None: nobody).

    They skipped an optional question, or were not scored: one more cell, never shown, so the
    total minus the shown cells tells neither how many skipped nor any single cell.
    """
    if rest is None:
        return suppress_line(values, threshold)
    line = [*values, rest]
    if sum(line) < threshold:
        return [True] * len(values)
    return protect_line(line, [v < threshold for v in values] + [True], threshold)[:-1]


Node = tuple[str, int]


def _reachable(
    start: Node,
    goal: Node,
    body: np.ndarray,
    hidden: np.ndarray,
    margin_hidden: Sequence[bool],
    skip: tuple[int, int],
) -> bool:
    """Whether a chain of one-person moves leads from `start` to `goal` (see `pinned`)."""
    rows, cols = body.shape
    seen, todo = {start}, [start]
    while todo:
        kind, n = todo.pop()
        if kind == "row":  # raise a hidden cell of this row: its column gains one
            nxt = [("col", j) for j in range(cols) if hidden[n, j] and (n, j) != skip]
        elif kind == "col":  # lower a hidden non-zero cell of this column, or raise its total
            nxt = [("row", i) for i in range(rows) if hidden[i, n] and body[i, n] > 0]
            nxt = [x for x in nxt if (x[1], n) != skip]
            nxt += [("pool", 0)] if margin_hidden[n] and (-1, n) != skip else []
        else:  # lower another hidden column total (the grand total stays)
            nxt = [("col", j) for j in range(cols) if margin_hidden[j] and (-1, j) != skip]
        for node in nxt:
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return False


def pinned(
    body: np.ndarray, hidden: np.ndarray, margin_hidden: Sequence[bool]
) -> tuple[int, int] | None:
    """A hidden cell (row, col) whose value the shown numbers fix, if any; row -1: a column total.

    Row totals and the grand total are shown. Anyone who sees the rest can change the hidden
    cells only along cycles that keep every total: one more person in a cell, one fewer in
    another cell of its column, one more in that cell's row... (a hidden column total lets the
    cycle pass through the pooled row), and never below zero. A cell on no such cycle has only
    one possible value, even when the equations alone would leave it free.
    """
    rows, cols = body.shape
    for i in range(rows):
        for j in range(cols):
            if not hidden[i, j]:
                continue
            up = _reachable(("col", j), ("row", i), body, hidden, margin_hidden, (i, j))
            down = body[i, j] > 0 and _reachable(
                ("row", i), ("col", j), body, hidden, margin_hidden, (i, j)
            )
            if not (up or down):
                return (i, j)
    for j in range(cols):
        if not margin_hidden[j]:
            continue
        up = _reachable(("pool", 0), ("col", j), body, hidden, margin_hidden, (-1, j))
        if not (up or _reachable(("col", j), ("pool", 0), body, hidden, margin_hidden, (-1, j))):
            return (-1, j)
    return None


def suppress_table(body: np.ndarray, margin_hidden: Sequence[bool], threshold: int) -> np.ndarray:
    """Hidden cells of a two-way table with shown row totals and already suppressed column totals.

    `margin_hidden` is the column totals' own suppression (as one line, like the pooled figure
    shown beside the table), so the table and the pooled figure stay consistent.
    """
    body = np.asarray(body, dtype=np.int64)
    hidden = body < threshold
    rows, cols = body.shape
    while True:
        before = hidden.copy()
        for i in range(rows):
            hidden[i] = protect_line(body[i].tolist(), hidden[i].tolist(), threshold)
        for j in range(cols):
            if not margin_hidden[j]:
                hidden[:, j] = protect_line(body[:, j].tolist(), hidden[:, j].tolist(), threshold)
        if (hidden != before).any():
            continue
        cell = pinned(body, hidden, margin_hidden)
        if cell is None:
            return hidden
        i, j = cell
        lines = [(k, j) for k in range(rows)] + ([(i, k) for k in range(cols)] if i >= 0 else [])
        shown = [c for c in lines if not hidden[c]]
        if not shown:
            hidden[:] = True
            return hidden
        hidden[min(shown, key=lambda c: (body[c], c))] = True


@dataclass
class Tally:
    """What was hidden in one result, to explain it in words."""

    small: int = 0  # cells under the threshold
    complement: int = 0  # cells hidden so the small ones cannot be worked out
    lines: int = 0  # whole lines (questions, workshops) under the threshold
    line_word: str = "question"
    left_out: tuple[str, ...] = field(default_factory=tuple)  # workshops under the threshold

    def add_line(self, values: Sequence[int], hidden: Sequence[bool], threshold: int) -> None:
        if sum(values) < threshold:
            self.lines += 1
            return
        small = sum(1 for v in values if v < threshold)
        self.small += small
        self.complement += sum(hidden) - small


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def note(tally: Tally, threshold: int) -> str:
    """The plain-language note shown with a result: what was hidden and why ("" if nothing)."""
    parts: list[str] = []
    if tally.left_out:
        names = ", ".join(tally.left_out)
        parts.append(
            f"{'Workshop' if len(tally.left_out) == 1 else 'Workshops'} {names}: fewer than "
            f"{threshold} responses so far, so left out of every number here."
        )
    if tally.lines:
        parts.append(
            f"{_plural(tally.lines, tally.line_word)} with fewer than {threshold} people: "
            "not shown at all."
        )
    if tally.small:
        text = (
            f"{_plural(tally.small, 'number')} about fewer than {threshold} people (or none) hidden"
        )
        if tally.complement:
            text += f", and {tally.complement} more so the hidden ones cannot be worked out from the totals"
        parts.append(text + ".")
    elif tally.complement:
        parts.append(
            f"{_plural(tally.complement, 'number')} hidden so others cannot be worked out."
        )
    if not parts:
        return ""
    return f"Privacy: groups of fewer than {threshold} people are never shown. " + " ".join(parts)


@dataclass(frozen=True)
class Breakdown:
    """People counts ready for a chart or a table: hidden cells are <NA>; `note` says why."""

    title: str
    counts: pd.DataFrame  # index: row keys, columns: category keys (str); Int64, <NA> = hidden
    totals: pd.Series  # people behind each row; <NA> when the whole row is hidden
    row_labels: dict[str, str]
    column_labels: dict[str, str]
    threshold: int
    note: str = ""

    @property
    def hidden(self) -> pd.DataFrame:
        """True where a cell is not shown."""
        return self.counts.isna()

    @property
    def anything_shown(self) -> bool:
        """Whether at least one count is shown."""
        return bool(self.counts.notna().to_numpy().any())


def masked(values: pd.DataFrame, hidden: pd.DataFrame | np.ndarray) -> pd.DataFrame:
    """Counts as nullable integers with the hidden cells set to <NA>."""
    out = values.astype("Int64")
    return out.mask(np.asarray(hidden, dtype=bool))
