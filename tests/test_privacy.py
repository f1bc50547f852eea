"""Property tests of the reporting threshold: no shown number, nor one worked out, covers too few people."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from math import comb, prod

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from careerkit.aggregate import (
    cohort,
    compare_workshops,
    frame,
    likert_distributions,
    option_counts,
    orientation_split,
)
from careerkit.model import ORIENTATIONS, Response, ScoreResult
from careerkit.privacy import Breakdown, suppress_line, suppress_table
from careerkit.store import MemoryStore
from careerkit.surveys import load_survey

SURVEY = load_survey("career_interests")
WORKSHOPS = ("A", "B", "C", "D")
OPTIONS = [o.id for o in SURVEY.question("activities").options]  # type: ignore[union-attr]


def check_line(values: list[int], hidden: list[bool], k: int, total_shown: bool = True) -> None:
    """One line: shown cells reach k; hidden ones are none, or 2+ that together reach k."""
    for v, h in zip(values, hidden, strict=True):
        assert h or v >= k, f"shown cell {v} < {k} in {values}"
    if sum(values) < k:  # the whole line is hidden, its total too
        assert all(hidden), f"line of {sum(values)} people shows something: {values}"
        return
    held = [v for v, h in zip(values, hidden, strict=True) if h]
    if total_shown and held:
        assert len(held) >= 2, f"one hidden cell in {values} follows from the total"
        assert sum(held) >= k, f"hidden cells of {values} add up to {sum(held)} < {k}"


def determined(
    body: np.ndarray, hidden: np.ndarray, margin_hidden: list[bool]
) -> list[tuple[int, int]]:
    """Hidden unknowns that the shown numbers fix, by the rank test: e_u in the row space."""
    rows, cols = body.shape
    unknowns = [(i, j) for i in range(rows) for j in range(cols) if hidden[i, j]]
    unknowns += [(-1, j) for j in range(cols) if margin_hidden[j]]
    if not unknowns:
        return []
    a = np.zeros((rows + cols + 1, len(unknowns)))
    for n, (i, j) in enumerate(unknowns):
        if i >= 0:
            a[i, n] = a[rows + j, n] = 1
        else:
            a[rows + j, n], a[rows + cols, n] = -1, 1
    rank = np.linalg.matrix_rank(a)
    fixed = []
    for n, cell in enumerate(unknowns):
        probe = np.zeros(len(unknowns))
        probe[n] = 1
        if np.linalg.matrix_rank(np.vstack([a, probe])) == rank:
            fixed.append(cell)
    return fixed


@settings(max_examples=400)
@given(st.lists(st.integers(0, 25), min_size=2, max_size=8), st.integers(3, 8))
def test_a_line_never_shows_or_gives_away_a_small_cell(values: list[int], k: int) -> None:
    """For any counts and threshold, a suppressed line passes the line rules."""
    check_line(values, suppress_line(values, k), k)


@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    st.integers(1, 5).flatmap(
        lambda r: st.integers(2, 5).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, 14), min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    ),
    st.integers(3, 6),
)
def test_a_table_hides_nothing_that_rows_and_columns_give_away(
    cells: list[list[int]], k: int
) -> None:
    """Workshops x categories: line rules hold, and no hidden cell follows from all the equations."""
    body = np.array([r for r in cells if sum(r) >= k], dtype=np.int64).reshape(-1, len(cells[0]))
    assume(len(body) > 0)
    margin = body.sum(axis=0).tolist()
    margin_hidden = suppress_line(margin, k)
    hidden = suppress_table(body, margin_hidden, k)
    for i in range(body.shape[0]):
        check_line(body[i].tolist(), hidden[i].tolist(), k)
    for j in range(body.shape[1]):
        check_line(body[:, j].tolist(), hidden[:, j].tolist(), k, total_shown=not margin_hidden[j])
    assert determined(body, hidden, margin_hidden) == []


def _splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to share `total` people among `parts` cells."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


def possible_values(
    body: np.ndarray, hidden: np.ndarray, margin_hidden: list[bool]
) -> dict[tuple[int, int], set[int]]:
    """Brute force: every value each hidden cell (row -1: column total) can take, given what shows."""
    rows, cols = body.shape
    free = [[j for j in range(cols) if hidden[i, j]] for i in range(rows)]
    options = [
        list(_splits(int(body[i, f].sum()), len(f))) if f else [()] for i, f in enumerate(free)
    ]
    values: dict[tuple[int, int], set[int]] = {}
    for choice in itertools.product(*options):
        table = body.copy()
        for i, shares in enumerate(choice):
            table[i, free[i]] = shares
        totals = table.sum(axis=0)
        if any(not margin_hidden[j] and totals[j] != body[:, j].sum() for j in range(cols)):
            continue
        for i, j in zip(*np.nonzero(hidden), strict=True):
            values.setdefault((int(i), int(j)), set()).add(int(table[i, j]))
        for j in range(cols):
            if margin_hidden[j]:
                values.setdefault((-1, j), set()).add(int(totals[j]))
    return values


@settings(max_examples=300, deadline=None)
@example(
    cells=[[12, 0, 0], [5, 7, 5], [7, 9, 0]], k=3
)  # the equations leave it free; zero does not
@example(cells=[[9, 0, 4, 5], [3, 0, 3, 0]], k=4)
@example(cells=[[9, 0, 0, 6]], k=4)
@given(
    st.integers(1, 3).flatmap(
        lambda r: st.integers(2, 4).flatmap(
            lambda c: st.lists(
                st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]), min_size=c, max_size=c),
                min_size=r,
                max_size=r,
            )
        )
    ),
    st.integers(3, 5),
)
def test_no_hidden_cell_has_only_one_possible_value(cells: list[list[int]], k: int) -> None:
    """Trying every table that fits the shown numbers, each hidden cell can take 2+ values."""
    body = np.array([r for r in cells if sum(r) >= k], dtype=np.int64).reshape(-1, len(cells[0]))
    assume(len(body) > 0)
    margin_hidden = suppress_line(body.sum(axis=0).tolist(), k)
    hidden = suppress_table(body, margin_hidden, k)
    work = [
        comb(int(body[i, hidden[i]].sum()) + int(hidden[i].sum()) - 1, int(hidden[i].sum()) - 1)
        for i in range(len(body))
        if hidden[i].any()
    ]
    assume(prod(work) <= 20_000)
    fixed = {
        cell: v for cell, v in possible_values(body, hidden, margin_hidden).items() if len(v) == 1
    }
    assert fixed == {}, f"{body.tolist()} hidden {hidden.astype(int).tolist()}: {fixed}"


Person = tuple[str, int, tuple[str, ...], str | None]
HORIZONS = [o.id for o in SURVEY.question("time_horizon").options]  # type: ignore[union-attr]


def _store(groups: dict[str, list[Person]]) -> MemoryStore:
    store = MemoryStore()
    for w, people in groups.items():
        for n, (orientation, lead, picks, horizon) in enumerate(people):
            store.save_response(
                Response(
                    id=f"{w}-person-{n:04d}",
                    survey_id=SURVEY.id,
                    workshop=w,
                    answers={"lead_people": lead, "activities": picks}
                    | ({"time_horizon": horizon} if horizon else {}),
                    result=ScoreResult(advancement=1, development=1, orientation=orientation),  # type: ignore[arg-type]
                    submitted_at=datetime(2024, 5, 6, tzinfo=UTC),
                )
            )
    return store


def _shown_equal_truth(b: Breakdown, truth: pd.DataFrame) -> None:
    shown = b.counts.notna()
    assert (b.counts[shown].fillna(0).astype(int) == truth.where(shown, 0)).all().all()


person = st.tuples(
    st.sampled_from(ORIENTATIONS),
    st.integers(1, 5),
    st.lists(st.sampled_from(OPTIONS[:4]), min_size=1, max_size=3, unique=True).map(tuple),
    st.one_of(st.none(), st.sampled_from(HORIZONS[:3])),
)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(WORKSHOPS), st.lists(person, max_size=14), max_size=4),
    st.lists(st.sampled_from(WORKSHOPS), min_size=1, max_size=4, unique=True),
    st.integers(3, 7),
)
def test_dashboard_figures_over_random_data_and_filters(
    groups: dict[str, list[Person]], chosen: list[str], k: int
) -> None:
    """Every figure for any workshops chosen shows true counts only, each safe by the line rules."""
    store = _store(groups)
    c = cohort(
        frame(store.response_rows(chosen, SURVEY.id)),
        frame(store.answer_counts(chosen, SURVEY.id)),
        chosen,
        k,
    )
    eligible = [w for w in chosen if len(groups.get(w, [])) >= k]
    assert list(c.workshops) == eligible
    people = [p for w in eligible for p in groups[w]]

    split = orientation_split(c)
    truth = Counter(p[0] for p in people)
    values = [truth[o] for o in ORIENTATIONS]
    check_line(values, split.hidden.iloc[0].tolist(), k)
    _shown_equal_truth(split, pd.DataFrame([values], index=["all"], columns=list(ORIENTATIONS)))
    assert pd.isna(split.totals.iloc[0]) == (len(people) < k)

    [dist] = likert_distributions(c, SURVEY)
    lead = Counter(p[1] for p in people)
    values = [lead[v] for v in range(1, 6)]
    check_line(values, dist.hidden.loc["lead_people"].tolist(), k)
    assert dist.hidden.loc["visibility"].all()  # nobody was asked

    picks = option_counts(c, SURVEY, "activities")
    chosen_options = Counter(o for p in people for o in p[2])
    values = [chosen_options[o] for o in OPTIONS]
    check_line(values, picks.hidden.iloc[0].tolist(), k)

    horizon = option_counts(c, SURVEY, "time_horizon")  # optional: skippers are a hidden cell
    answered = Counter(p[3] for p in people if p[3])
    values = [answered[o] for o in HORIZONS] + [len(people) - sum(answered.values())]
    check_line(values, [*horizon.hidden.iloc[0].tolist(), True], k)
    _shown_equal_truth(horizon, pd.DataFrame([values[:-1]], index=["all"], columns=HORIZONS))

    table = compare_workshops(c)
    margin_hidden = split.hidden.iloc[0].tolist()
    for w in eligible:
        row = Counter(p[0] for p in groups[w])
        check_line([row[o] for o in ORIENTATIONS], table.hidden.loc[w].tolist(), k)
    for j, o in enumerate(ORIENTATIONS):
        column = [Counter(p[0] for p in groups[w])[o] for w in eligible]
        check_line(column, table.hidden[o].tolist(), k, total_shown=not margin_hidden[j])
