"""Dashboard aggregates on known data: the right numbers, the right cells hidden, and the note."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

import pandas as pd
import pytest

from careerkit.definitions import load_survey
from careerkit.errors import ConfigError
from careerkit.model import AnswerValue, Response, ScoreResult, Survey
from careerkit.plans.model import Action, Confirmation, Goal, Plan
from careerkit.plans.stats import plan_stats, sides
from careerkit.privacy import check_threshold
from careerkit.reporting.cohort import Cohort, cohort, frame, read_cohort, release_note
from careerkit.reporting.comments import comments
from careerkit.reporting.figures import (
    compare_workshops,
    likert_distributions,
    option_counts,
    orientation_split,
    plan_table,
)
from careerkit.store import MemoryStore

SURVEY: Survey = load_survey("career_interests")
_ids = count()


def add(
    store: MemoryStore,
    workshop: str,
    orientation: str,
    answers: dict[str, AnswerValue] | None = None,
) -> None:
    store.save_response(
        Response(
            id=f"resp-{next(_ids):08d}",
            survey_id=SURVEY.id,
            workshop=workshop,
            answers=answers or {},
            result=ScoreResult(advancement=50, development=50, orientation=orientation),  # type: ignore[arg-type]
            submitted_at=datetime(2024, 5, 6, tzinfo=UTC),
        )
    )


def add_many(store: MemoryStore, workshop: str, **orientations: int) -> None:
    for orientation, n in orientations.items():
        for _ in range(n):
            add(store, workshop, orientation)


def load(store: MemoryStore, workshops: list[str], threshold: int = 5) -> Cohort:
    return read_cohort(store, SURVEY.id, workshops, threshold)


def row(b: object) -> dict[str, int | None]:
    counts = b.counts.iloc[0]  # type: ignore[attr-defined]
    return {k: None if pd.isna(v) else int(v) for k, v in counts.items()}


def test_threshold_below_three_is_refused_with_a_reason() -> None:
    """A threshold under 3 raises ConfigError that names the minimum; 3 and more are accepted."""
    with pytest.raises(ConfigError, match="cannot be lower than 3"):
        check_threshold(2)
    with pytest.raises(ConfigError, match="whole number"):
        check_threshold(4.5)  # type: ignore[arg-type]
    assert check_threshold(3) == 3
    with pytest.raises(ConfigError):
        load(MemoryStore(), ["A"], threshold=1)


def test_orientation_split_hides_small_cells_and_one_more() -> None:
    """7/6/5/2: the 2 is hidden, and the next smallest (5) so 20 - 7 - 6 gives neither alone."""
    store = MemoryStore()
    add_many(store, "A", advancement=7, development=6, both=5, undecided=2)
    split = orientation_split(load(store, ["A"]))
    assert row(split) == {"advancement": 7, "development": 6, "both": None, "undecided": None}
    assert int(split.totals.iloc[0]) == 20
    assert "1 number about fewer than 5 people" in split.note
    assert "1 more so the hidden ones cannot be worked out" in split.note


def test_hidden_cells_together_reach_the_threshold() -> None:
    """6/5/3/1: hiding 3 and 1 would leave a known group of 4, so 5 is hidden too."""
    store = MemoryStore()
    add_many(store, "A", advancement=6, development=5, both=3, undecided=1)
    assert row(orientation_split(load(store, ["A"]))) == {
        "advancement": 6,
        "development": None,
        "both": None,
        "undecided": None,
    }


def test_nothing_hidden_means_no_note() -> None:
    """When every cell reaches the threshold, all numbers show and the note is empty."""
    store = MemoryStore()
    add_many(store, "A", advancement=5, development=5, both=7, undecided=8)
    split = orientation_split(load(store, ["A"]))
    assert row(split) == {"advancement": 5, "development": 5, "both": 7, "undecided": 8}
    assert split.note == ""


def test_small_workshops_are_left_out_of_everything() -> None:
    """A workshop under the threshold adds nothing to any number, and the note names it."""
    store = MemoryStore()
    add_many(store, "A", advancement=5, development=5, both=5, undecided=5)
    add_many(store, "B", advancement=4)
    c = load(store, ["A", "B"])
    assert c.workshops == ("A",) and c.left_out == ("B",)
    split = orientation_split(c)
    assert row(split)["advancement"] == 5 and int(split.totals.iloc[0]) == 20
    assert "Workshop B: fewer than 5 responses so far" in split.note


def test_whole_group_under_threshold_shows_nothing() -> None:
    """Four people in all: no cell and no total is shown."""
    store = MemoryStore()
    add_many(store, "A", advancement=4)
    split = orientation_split(load(store, ["A"]))
    assert not split.anything_shown and pd.isna(split.totals.iloc[0])


def test_a_group_all_in_one_cell_is_not_shown() -> None:
    """At threshold 3, six people all 'advancement' stay hidden: it would tell each one's answer."""
    store = MemoryStore()
    add_many(store, "A", advancement=6)
    split = orientation_split(load(store, ["A"], threshold=3))
    assert not split.anything_shown and int(split.totals.iloc[0]) == 6
    add_many(store, "A", development=3)
    split = orientation_split(load(store, ["A"], threshold=3))
    assert row(split) == {"advancement": 6, "development": None, "both": None, "undecided": None}


def test_likert_distribution_known_answer() -> None:
    """Item answers 3,3,3,3,3,4x6,5x9: 1 and 2 are empty, so 3 is hidden with them; 4 and 5 show."""
    store = MemoryStore()
    for value, n in ((3, 5), (4, 6), (5, 9)):
        for _ in range(n):
            add(store, "A", "both", {"lead_people": value})
    [dist] = likert_distributions(load(store, ["A"]), SURVEY)
    lead = dist.counts.loc["lead_people"]
    assert lead.isna().tolist() == [True, True, True, False, False]
    assert (int(lead["4"]), int(lead["5"])) == (6, 9)
    assert int(dist.totals["lead_people"]) == 20
    assert dist.counts.loc["visibility"].isna().all()  # nobody answered it
    assert dist.column_labels["1"] == "Strongly disagree (1)"
    assert dist.row_labels["lead_people"].startswith("I would enjoy leading")


def test_activity_counts_known_answer() -> None:
    """Picks per option: 3 (and the empty options) hidden, then 5 so they add up to 5 or more."""
    store = MemoryStore()
    for i in range(10):
        picks = (
            ["courses"] + (["mentoring"] if i < 7 else []) + (["certification"] if i < 5 else [])
        )
        add(store, "A", "both", {"activities": (*picks, *(["stretch_project"] if i >= 9 else []))})
    counts = option_counts(load(store, ["A"]), SURVEY, "activities")
    shown = {k: v for k, v in row(counts).items() if v is not None}
    assert shown == {"courses": 10, "mentoring": 7}
    assert int(counts.totals.iloc[0]) == 10
    assert counts.column_labels["mentoring"] == "Being mentored"
    with pytest.raises(ValueError, match="text question"):
        option_counts(load(store, ["A"]), SURVEY, "career_goal")


def test_people_who_skip_an_optional_question_are_a_hidden_cell() -> None:
    """5/6/5/5 of 25, 4 skipped: the total (25) minus the shown cells must not count the skippers."""
    store = MemoryStore()
    for _ in range(4):
        add(store, "A", "both")
    for option, n in (("six_months", 5), ("one_year", 6), ("two_years", 5), ("no_rush", 5)):
        for _ in range(n):
            add(store, "A", "both", {"time_horizon": option})
    add(store, "A", "both")
    add(store, "A", "both")
    counts = option_counts(load(store, ["A"]), SURVEY, "time_horizon")
    assert row(counts) == {"six_months": None, "one_year": 6, "two_years": 5, "no_rush": 5}
    assert int(counts.totals.iloc[0]) == 25


def test_comparison_rows_are_each_workshops_own_view() -> None:
    """Each row hides exactly what its workshop hides alone; a pooled sum shows only if no row hides its part."""
    store = MemoryStore()
    add_many(store, "A", advancement=8, development=6, both=2, undecided=4)
    add_many(store, "B", advancement=5, development=9, both=1, undecided=5)
    c = load(store, ["A", "B"])
    pooled = orientation_split(c)
    table = compare_workshops(c)
    assert table.counts.loc["A"].tolist() == [8, 6, pd.NA, pd.NA]
    assert table.counts.loc["B"].tolist() == [pd.NA, 9, pd.NA, 5]
    assert table.totals.to_dict() == {"A": 20, "B": 20}
    for w in ("A", "B"):
        alone = orientation_split(load(store, [w])).counts.loc["all"].tolist()
        assert alone == table.counts.loc[w].tolist()
    assert row(pooled) == {"advancement": None, "development": 15, "both": None, "undecided": None}
    assert "pooled numbers are shown only when every workshop's part is" in pooled.note


def test_released_figures_move_in_whole_steps() -> None:
    """Twelve responses: figures cover the first ten in arrival order, and the note says so."""
    store = MemoryStore()
    add_many(store, "A", advancement=5, development=5, both=2)
    c = load(store, ["A"])
    assert c.arrived == {"A": 12} and c.upto == {"A": 10} and len(c.responses) == 10
    assert row(orientation_split(c)) == {  # both's 0 hides the smallest shown cell
        "advancement": None,
        "development": 5,
        "both": None,
        "undecided": None,
    }
    assert release_note(c) == (
        "12 responses; charts show the first 10 (3 more to the next step). Charts move in steps "
        "of 5 responses per workshop, so no single answer can be picked out."
    )
    six = MemoryStore()
    for _ in range(6):
        add(six, "A", "both", {"time_horizon": "one_year"})
    responses = frame(six.response_rows(["A"], SURVEY.id))
    with pytest.raises(ValueError, match="cover more than its released responses"):
        cohort(responses, frame(six.answer_counts(["A"], SURVEY.id)), ["A"])


def _plan(code: str, owners: tuple[str, ...], confirmed: bool) -> Plan:
    actions = tuple(
        Action(id=f"act{i}", title="Do it", owner=o)  # type: ignore[arg-type]
        for i, o in enumerate(owners)
    )
    at = datetime(2024, 5, 6, tzinfo=UTC)
    confirmations = (
        (
            Confirmation(role="employee", name="E", at=at),
            Confirmation(role="manager", name="M", at=at),
        )
        if confirmed
        else ()
    )
    return Plan(
        code=f"plan-code-{code:0>8}",
        workshop="A",
        goals=(Goal(id="goal", title="Grow", actions=actions),),
        confirmations=confirmations,
    )


def test_plan_statistics_known_answer() -> None:
    """12 plans: 6 with both sides, 5 confirmed; shown only if it and its rest reach 5, in steps of 5."""
    plans = [
        _plan(str(i), ("employee", "manager") if i < 6 else ("employee",), i < 5) for i in range(12)
    ]
    stats = plan_table(plan_stats(plans, ["A"]))
    assert int(stats.totals["confirmed"]) == 10
    assert stats.counts.loc["both_sides"].tolist() == [5, 5]
    assert stats.counts.loc["confirmed"].tolist() == [5, 5]
    assert "rounded down to steps of 5 (10 means 10 to 14)" in stats.note
    few = plan_table(
        plan_stats(plans[:8], ["A"])
    )  # 5 confirmed of 8: the 3 unconfirmed would show by subtraction
    assert few.counts.loc["confirmed"].isna().all() and "hidden" in few.note
    assert plan_table(plan_stats(plans[:4], ["A"])).totals.isna().all()
    assert sides(_plan("x", ("both",), False)) == {"employee", "manager"}


def test_comments_only_from_workshops_at_the_threshold() -> None:
    """Comments of a 6-person workshop (first 5 of them) show, sorted; those of a 4-person one do not."""
    store = MemoryStore()
    for i, text in enumerate(["b goal", "A goal", "c $goal$", "d", "e", " "]):
        add(store, "A", "both", {"career_goal": text} if i < 5 else {})
    for _ in range(4):
        add(store, "B", "both", {"career_goal": "secret"})
    c = load(store, ["A", "B"])
    answers = frame(store.answer_rows(["A", "B"], SURVEY.id, question_ids=["career_goal"]))
    result = comments(c, answers, SURVEY, ["career_goal"], comment_threshold=5)
    assert result.by_question == {"career_goal": ("A goal", "b goal", "c $goal$", "d", "e")}
    assert "Workshop B" in result.note
    none = comments(load(store, ["B"]), answers, SURVEY)
    assert all(not texts for texts in none.by_question.values())
    assert "at least 5 responses" in none.note


def test_empty_store_gives_empty_results() -> None:
    """No responses at all: frames, cohort and every aggregate still work and show nothing."""
    c = load(MemoryStore(), ["A"])
    assert not orientation_split(c).anything_shown
    assert all(not d.anything_shown for d in likert_distributions(c, SURVEY))
    assert not option_counts(c, SURVEY, "activities").anything_shown
    assert compare_workshops(c).counts.empty


def test_sqlite_releases_the_same_first_responses_as_memory() -> None:
    """On SQLite, the answer counts of each workshop's first whole steps equal the in-memory twin's."""
    from datetime import timedelta

    from careerkit.store import open_store

    sqlite, memory = open_store(), MemoryStore()
    for n in range(13):
        for store in (sqlite, memory):
            store.save_response(
                Response(
                    id=f"late-first-{99 - n:04d}",
                    survey_id=SURVEY.id,
                    workshop="A" if n % 4 else "B",
                    answers={"time_horizon": "one_year" if n < 6 else "no_rush"},
                    result=ScoreResult(advancement=1, development=1, orientation="both"),
                    submitted_at=datetime(2024, 5, 6, tzinfo=UTC) + timedelta(minutes=n),
                )
            )
    upto = {"A": 5}
    got = [sorted(s.answer_counts(["A", "B"], SURVEY.id, upto=upto)[1]) for s in (sqlite, memory)]
    assert (
        got[0]
        == got[1]
        == [
            ("A", "time_horizon", None, "no_rush", 1, 1),
            ("A", "time_horizon", None, "one_year", 4, 4),
        ]
    )
    c = read_cohort(sqlite, SURVEY.id, ["A", "B"])
    assert c.upto == {"A": 5} and c.left_out == ("B",) and c.arrived == {"A": 9, "B": 4}
    sqlite.close()
