"""Property tests: no shown number, and no difference of two views, covers fewer people than the threshold."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from careerkit.definitions import load_survey
from careerkit.model import ORIENTATIONS, Response, ScoreResult
from careerkit.privacy import suppress_line
from careerkit.reporting.breakdown import Breakdown
from careerkit.reporting.cohort import Cohort, read_cohort
from careerkit.reporting.figures import (
    compare_workshops,
    likert_distributions,
    option_counts,
    orientation_split,
)
from careerkit.store import MemoryStore

SURVEY = load_survey("career_interests")
WORKSHOPS = ("A", "B", "C", "D")
OPTIONS = [o.id for o in SURVEY.question("activities").options]  # type: ignore[union-attr]
HORIZONS = [o.id for o in SURVEY.question("time_horizon").options]  # type: ignore[union-attr]
Person = tuple[str, int, tuple[str, ...], str | None]
START = datetime(2024, 5, 6, 9, tzinfo=UTC)


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


@settings(max_examples=400)
@given(st.lists(st.integers(0, 25), min_size=2, max_size=8), st.integers(3, 8))
def test_a_line_never_shows_or_gives_away_a_small_cell(values: list[int], k: int) -> None:
    """For any counts and threshold, a suppressed line passes the line rules."""
    check_line(values, suppress_line(values, k), k)


def _store(groups: dict[str, list[Person]], arrived: dict[str, int] | None = None) -> MemoryStore:
    """The first `arrived[w]` people of each workshop (all when not given), arriving in order."""
    store = MemoryStore()
    for w, people in groups.items():
        upto = len(people) if arrived is None else arrived.get(w, 0)
        for n, (orientation, lead, picks, horizon) in enumerate(people[:upto]):
            store.save_response(
                Response(
                    id=f"{w}-person-{999 - n:04d}",  # ids against arrival order: the time must decide
                    survey_id=SURVEY.id,
                    workshop=w,
                    answers={"lead_people": lead, "activities": picks}
                    | ({"time_horizon": horizon} if horizon else {}),
                    result=ScoreResult(advancement=1, development=1, orientation=orientation),  # type: ignore[arg-type]
                    submitted_at=START + timedelta(minutes=n),
                )
            )
    return store


def figures(c: Cohort) -> dict[str, Breakdown]:
    """Every one-line figure of a view, by name."""
    return {
        "orientation": orientation_split(c),
        "likert": likert_distributions(c, SURVEY)[0],
        "activities": option_counts(c, SURVEY, "activities"),
        "time_horizon": option_counts(c, SURVEY, "time_horizon"),
    }


person = st.tuples(
    st.sampled_from(ORIENTATIONS),
    st.integers(1, 5),
    st.lists(st.sampled_from(OPTIONS[:4]), min_size=1, max_size=3, unique=True).map(tuple),
    st.one_of(st.none(), st.sampled_from(HORIZONS[:3])),
)
groups_st = st.dictionaries(st.sampled_from(WORKSHOPS), st.lists(person, max_size=16), max_size=4)
selection = st.lists(st.sampled_from(WORKSHOPS), min_size=1, max_size=4, unique=True)


@settings(max_examples=60, deadline=None)
@given(groups_st, selection, st.integers(3, 7))
def test_every_figure_counts_only_released_people_and_passes_the_line_rules(
    groups: dict[str, list[Person]], chosen: list[str], k: int
) -> None:
    """Figures cover each workshop's first whole steps of k people, true counts, safe lines."""
    c = read_cohort(_store(groups), SURVEY.id, chosen, k)
    eligible = [w for w in chosen if len(groups.get(w, [])) >= k]
    assert list(c.workshops) == eligible
    assert all(c.upto[w] == len(groups[w]) // k * k for w in eligible)
    for w in eligible:  # the released responses are the first ones that arrived
        mine = c.responses[c.responses["workshop"] == w]["response_id"].tolist()
        assert mine == [f"{w}-person-{999 - n:04d}" for n in range(c.upto[w])]
    people = {w: groups[w][: c.upto[w]] for w in eligible}
    for w in eligible:  # each workshop alone: its own line rules on its own released people
        alone = read_cohort(_store(groups), SURVEY.id, [w], k)
        split = orientation_split(alone)
        truth = Counter(p[0] for p in people[w])
        values = [truth[o] for o in ORIENTATIONS]
        check_line(values, split.hidden.iloc[0].tolist(), k)
        shown = split.counts.iloc[0]
        assert all(pd.isna(v) or int(v) == t for v, t in zip(shown, values, strict=True))
        horizon = option_counts(alone, SURVEY, "time_horizon")
        answered = Counter(p[3] for p in people[w] if p[3])
        line = [answered[o] for o in HORIZONS] + [len(people[w]) - sum(answered.values())]
        check_line(line, [*horizon.hidden.iloc[0].tolist(), True], k)
    table = compare_workshops(c)
    for w in eligible:
        assert table.totals[w] == c.upto[w]


@settings(max_examples=50, deadline=None)
@given(groups_st, selection, selection, st.integers(3, 6))
def test_no_two_selections_give_away_a_hidden_part(
    groups: dict[str, list[Person]], first: list[str], second: list[str], k: int
) -> None:
    """Any selection's numbers are sums of numbers each workshop shows alone, so subtraction finds nothing new."""
    store = _store(groups)
    alone = {w: figures(read_cohort(store, SURVEY.id, [w], k)) for w in WORKSHOPS}
    for chosen in (first, second):
        c = read_cohort(store, SURVEY.id, chosen, k)
        small = [w for w in chosen if len(groups.get(w, [])) < k]
        assert set(c.left_out) == set(small) and not set(c.workshops) & set(small)
        for name, b in figures(c).items():
            for key in b.counts.index:
                for col in b.counts.columns:
                    value = b.counts.at[key, col]
                    if pd.isna(value):
                        continue
                    parts = [
                        alone[w][name].counts.at[key if key != "all" else "all", col]
                        for w in c.workshops
                    ]
                    assert all(not pd.isna(p) for p in parts), (
                        f"{name} {col}: a hidden part is in a shown sum"
                    )
                    assert int(value) == sum(int(p) for p in parts)
        table = compare_workshops(c)
        for w in c.workshops:  # each comparison row is the workshop's own view, hidden cells too
            assert table.counts.loc[w].tolist() == alone[w]["orientation"].counts.iloc[0].tolist()


@settings(max_examples=50, deadline=None)
@given(groups_st, selection, st.data(), st.integers(3, 6))
def test_two_views_at_any_two_times_differ_by_nobody_or_a_whole_step(
    groups: dict[str, list[Person]], chosen: list[str], data: st.DataObject, k: int
) -> None:
    """Views of the same selection at two moments cover the same people or differ by at least k of them."""
    times = [
        {w: data.draw(st.integers(0, len(p)), label=f"{w}@{t}") for w, p in groups.items()}
        for t in range(2)
    ]
    times[1] = {w: max(times[0][w], times[1][w]) for w in groups}  # responses only arrive
    views = [read_cohort(_store(groups, arrived), SURVEY.id, chosen, k) for arrived in times]
    covered = [set(v.responses["response_id"]) for v in views]
    changed = covered[0] ^ covered[1]
    assert not changed or len(changed) >= k
    for w in chosen:  # per workshop too: nested prefixes, a whole number of steps apart
        got = [v.upto.get(w, 0) for v in views]
        assert got[0] <= got[1] and (got[1] - got[0]) % k == 0
    if covered[0] == covered[1]:  # the same people: the very same figures
        for a, b in zip(figures(views[0]).values(), figures(views[1]).values(), strict=True):
            pd.testing.assert_frame_equal(a.counts, b.counts)


def test_the_newest_response_never_shows_on_its_own() -> None:
    """From 10 to 14 responses nothing moves; the 15th moves the charts by five people at once."""
    people: list[Person] = [("development", 3, ("courses",), None)] * 10
    people += [("advancement", 5, ("mentoring",), None)] * 5
    seen = []
    for n in range(10, 16):
        c = read_cohort(_store({"A": people}, {"A": n}), SURVEY.id, ["A"], 5)
        seen.append([None if pd.isna(v) else int(v) for v in orientation_split(c).counts.iloc[0]])
    assert seen[:5] == [[None] * 4] * 5  # ten alike: nothing can show
    assert seen[5] == [None, 10, None, None]  # 5 advancement hides itself beside two empty cells


def test_the_example_of_a_small_workshop_by_subtraction() -> None:
    """B has 3 people: A+B shows exactly what A shows, so A+B minus A gives nothing about B."""
    a: list[Person] = [("advancement", 1, ("courses",), None)] * 6
    b: list[Person] = [("development", 1, ("courses",), None)] * 3
    store = _store({"A": a, "B": b})
    both = orientation_split(read_cohort(store, SURVEY.id, ["A", "B"], 3))
    just_a = orientation_split(read_cohort(store, SURVEY.id, ["A"], 5))
    assert both.counts.equals(orientation_split(read_cohort(store, SURVEY.id, ["A"], 3)).counts)
    assert "Workshop B" not in just_a.note
