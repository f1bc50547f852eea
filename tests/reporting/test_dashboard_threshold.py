"""The dashboard's "Min. group" is stored per workshop, so participants and the wall agree with it.

A participant's picture of the room reads the workshop's stored threshold; these tests change
it on one dashboard and check a second dashboard, the projector view and the participant's
picture all show the numbers of that threshold, and that looking never loosens a workshop.
"""

from __future__ import annotations

from careerkit.definitions import load_survey
from careerkit.reporting.figures import compare_workshops
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.reporting.screens.projector import Projector
from careerkit.store import MemoryStore
from careerkit.survey.demo import run_demo
from careerkit.survey.room import room_picture
from careerkit.survey.screens.room import RoomView

SURVEY = load_survey("career_interests")


def _orientation_row(board: Dashboard, workshop: str) -> tuple[int, tuple[int | None, ...]]:
    """What the dashboard shows for `workshop` now (its row of the by-workshop split, exactly
    as that workshop shows alone): responses covered, cells (None: hidden)."""
    import pandas as pd

    assert board.last is not None
    split = compare_workshops(board.last.cohort)
    covers = split.totals.loc[workshop]
    if pd.isna(covers) or not covers:
        return 0, ()
    cells = split.counts.loc[workshop]
    return int(covers), tuple(None if pd.isna(v) else int(v) for v in cells)


def test_min_group_is_stored_and_the_participant_follows() -> None:
    """17 answers: at 5 the figures cover 15; set 8 on the dashboard and they cover 16, on the
    dashboard, on a second dashboard opened later, on the projector and in the participant's
    picture (whose workbook still says 5)."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W", 17, seed=3)
    board = Dashboard(SURVEY, store=store, workshops=["W"])
    assert board.threshold.value == 5 and store.release_thresholds(["W"]) == {"W": 5}
    view = RoomView(store, SURVEY.id, "W", threshold=5)
    assert view.picture is not None and view.picture.covers == 15

    board.threshold.value = 8
    assert store.release_thresholds(["W"]) == {"W": 8}
    assert board.last is not None and board.last.threshold == 8
    assert "at least 8 people" in board.status.text
    covers, cells = _orientation_row(board, "W")
    assert covers == 16
    view.refresh_button.click()
    assert view.picture is not None
    assert (view.picture.covers, view.picture.counts) == (covers, cells)
    assert room_picture(store, SURVEY.id, "W").threshold == 8

    later = Dashboard(SURVEY, store=store, workshops=["W"], threshold=5)
    assert later.threshold.value == 8 and later.comment_threshold.value >= 8
    wall = Projector(SURVEY, store=store, workshops=["W"], threshold=5)
    assert wall.last is not None and wall.last.threshold == 8


def test_a_change_on_another_dashboard_shows_at_the_next_refresh() -> None:
    """Two facilitators' dashboards: one sets 6, the other follows when it refreshes, and its
    following writes nothing back (no loop between the two)."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W", 13, seed=1)
    first = Dashboard(SURVEY, store=store, workshops=["W"])
    second = Dashboard(SURVEY, store=store, workshops=["W"])
    second.threshold.value = 6
    writes: list[tuple[list[str], int]] = []
    setter = store.set_release_threshold
    store.set_release_threshold = lambda w, k: (writes.append((w, k)), setter(w, k))[1]  # type: ignore[method-assign]
    snap = first.refresh()
    assert first.threshold.value == 6 and snap is not None and snap.threshold == 6
    assert writes == [], "following the stored threshold wrote it again"
    assert store.release_thresholds(["W"]) == {"W": 6}


def test_workshops_shown_together_take_the_strictest_and_say_so() -> None:
    """Shown together, TEAM1 (5) and TEAM2 (8) both use 8: TEAM1's participants now see what
    the dashboard shows, and the status line names the workshop that changed."""
    store = MemoryStore()
    run_demo(SURVEY, store, "TEAM1", 11, seed=2)
    run_demo(SURVEY, store, "TEAM2", 9, seed=5)
    store.set_release_threshold(["TEAM1"], 5)
    store.set_release_threshold(["TEAM2"], 8)
    board = Dashboard(SURVEY, store=store, workshops=["TEAM1", "TEAM2"], threshold=3)
    assert board.threshold.value == 8
    assert store.release_thresholds(["TEAM1", "TEAM2"]) == {"TEAM1": 8, "TEAM2": 8}
    assert "Workshop TEAM1 now also needs 8 people" in board.status.text
    covers, _cells = _orientation_row(board, "TEAM1")
    picture = room_picture(store, SURVEY.id, "TEAM1", 5)
    assert picture.covers == covers == 8


def test_a_workshop_never_shown_keeps_the_workbook_threshold() -> None:
    """With nothing stored, the participant's picture uses its workbook's threshold."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W", 7, seed=4)
    assert room_picture(store, SURVEY.id, "W", 6).covers == 6
    assert room_picture(store, SURVEY.id, "W", 3).covers == 6
    assert room_picture(store, SURVEY.id, "W", 4).covers == 4
