"""The room's picture a participant sees equals the dashboard's orientation split at that moment.

Property tests on random rooms: the participant's figure (careerkit.survey.room, pure Python
on the store's counts) against the dashboard's snapshot (pandas), on the in-memory store and
on a SQLite file read by the participant's light store and the dashboard's SQL store. Then the
result screen's picture and its Refresh button, without a kernel.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_survey_form import full_answers

from careerkit.definitions import load_survey
from careerkit.model import ORIENTATIONS, Response, ScoreResult, edition_of
from careerkit.reporting.snapshot import snapshot
from careerkit.store import MemoryStore, Store, open_store
from careerkit.store.lite import LiteStore
from careerkit.survey.room import RoomPicture, room_picture
from careerkit.survey.screens.form import SurveyForm
from careerkit.survey.screens.room import RoomView

SURVEY = load_survey("career_interests")
T0 = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
_ids = count()

# One arrival: (workshop, orientation or None for an unscored response, seconds after T0).
arrivals = st.lists(
    st.tuples(
        st.sampled_from(["A", "A", "A", "B"]),
        st.sampled_from([*ORIENTATIONS, None]),
        st.integers(0, 40),
    ),
    max_size=45,
)


EDITION = edition_of(SURVEY, T0).digest


def _add(store: Store, workshop: str, orientation: str | None, second: int) -> None:
    store.save_response(
        Response(
            id=f"r{next(_ids):07d}",
            survey_id=SURVEY.id,
            workshop=workshop,
            answers={"lead_people": 3},
            result=None
            if orientation is None
            else ScoreResult(advancement=50, development=50, orientation=orientation),  # type: ignore[arg-type]
            submitted_at=T0 + timedelta(seconds=second),
            edition=EDITION,  # as every form stamps its answers
        )
    )


def dashboard_row(
    store: Store, workshop: str, threshold: int
) -> tuple[int, tuple[int | None, ...]]:
    """What the dashboard's orientation split shows for `workshop` alone: covered, counts."""
    split = snapshot(store, SURVEY, [workshop], threshold).orientation
    if not split.anything_shown and pd.isna(split.totals.iloc[0]):
        return 0, ()
    cells = split.counts.iloc[0]
    shown = tuple(None if pd.isna(cells[o]) else int(cells[o]) for o in ORIENTATIONS)
    return int(split.totals.iloc[0]), shown


def same(picture: RoomPicture, dashboard: tuple[int, tuple[int | None, ...]]) -> None:
    covers, cells = dashboard
    assert (picture.covers, picture.counts) == (covers, cells)
    assert picture.shown == bool(covers)


@settings(max_examples=120, deadline=None)
@given(rows=arrivals, threshold=st.integers(3, 8))
def test_participant_sees_the_dashboards_numbers(
    rows: list[tuple[str, str | None, int]], threshold: int
) -> None:
    """For any room and threshold, the participant's picture is the dashboard's split, cell by cell."""
    store = MemoryStore()
    for workshop, orientation, second in rows:
        _add(store, workshop, orientation, second)
    for workshop in ("A", "B"):
        picture = room_picture(store, SURVEY.id, workshop, threshold)
        same(picture, dashboard_row(store, workshop, threshold))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=arrivals, threshold=st.integers(3, 6))
def test_light_store_picture_equals_sql_store_dashboard(
    rows: list[tuple[str, str | None, int]], threshold: int
) -> None:
    """On a SQLite file: the participant's light store and the dashboard's SQL store agree, at
    the threshold the dashboard stored for the workshop."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'room.sqlite3'}"
        dashboard = open_store(url)
        participant = open_store(url, light=True)
        assert isinstance(participant, LiteStore)
        try:
            for workshop, orientation, second in rows:
                _add(participant, workshop, orientation, second)
            # The facilitator's threshold, stored; the participant's workbook still says 5.
            dashboard.set_release_threshold(["A"], threshold)
            picture = room_picture(participant, SURVEY.id, "A", 5)
            assert picture.threshold == threshold
            same(picture, dashboard_row(dashboard, "A", threshold))
            assert participant._sql is None, "the participant's picture needed the SQL store"
        finally:
            participant.close()
            dashboard.close()


def test_picture_in_words_and_hidden_numbers() -> None:
    """Under the threshold it says when it appears; above it names each number or 'not shown'."""
    store = MemoryStore()
    for orientation in ["advancement"] * 6 + ["development"] * 5 + ["both"] * 9 + ["undecided"] * 5:
        _add(store, "A", orientation, 1)
    early = room_picture(store, SURVEY.id, "B", 5)
    assert not early.shown and "once at least 5 people" in early.words()
    picture = room_picture(store, SURVEY.id, "A", 5)
    assert picture.covers == 25 and picture.counts == (6, 5, 9, 5)
    assert picture.words() == (
        "In this workshop so far: advancement 6, development 5, both 9, still open 5."
    )
    assert "first 25 responses" in picture.note() and "not shown" not in picture.note()
    store2 = MemoryStore()
    for orientation in ["advancement"] * 6 + ["development"] * 5 + ["both"] * 8 + [None]:
        _add(store2, "A", orientation, 1)
    hidden = room_picture(store2, SURVEY.id, "A", 5)
    # Nobody is still open, and one response is unscored: 0 is hidden, and with it the next
    # smallest, so 20 minus the shown numbers tells neither.
    assert hidden.counts == (6, None, 8, None)
    assert hidden.words().endswith("development not shown, both 8, still open not shown.")
    assert "not shown" in hidden.note()


def test_result_screen_shows_the_room_and_refreshes() -> None:
    """After Submit the result carries the room's picture; Refresh reads the newer release."""
    store = MemoryStore()
    for orientation in ["advancement", "development", "both"]:
        _add(store, "W", orientation, 1)
    form = SurveyForm(SURVEY, store=store, workshop="W")
    form.set_answers(full_answers(5))
    assert form.submit() is not None
    views = [c for c in form.result_area.children if isinstance(c, RoomView)]
    assert len(views) == 1
    room = views[0]
    assert "once at least 5 people" in room.summary.value and not room.bars.children
    for orientation in ["both"] * 3 + ["development"] * 3:
        _add(store, "W", orientation, 2)
    assert "once at least 5" in room.summary.value, "nothing changes without a refresh"
    room.refresh_button.click()
    assert room.picture is not None and room.picture.covers == 10
    assert room.picture.counts == dashboard_row(store, "W", 5)[1]
    assert "In this workshop so far:" in room.summary.value
    assert len(room.bars.children) == len(ORIENTATIONS)


def test_no_workshop_no_picture() -> None:
    """A response outside any workshop has no room to show."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    form.set_answers(full_answers(4))
    assert form.submit() is not None
    assert not any(isinstance(c, RoomView) for c in form.result_area.children)


class _Down(MemoryStore):
    def orientation_counts(
        self, *args: object, **kwargs: object
    ) -> tuple[list[str], list[tuple[object, ...]]]:
        from careerkit.errors import StoreError

        raise StoreError("Could not count the workshop's answers: the database is locked.")


def test_a_failed_read_is_said_and_the_result_stays() -> None:
    """When the counts cannot be read the picture says so; the saved result is untouched."""
    store = _Down()
    for _ in range(5):
        _add(store, "W", "both", 1)
    form = SurveyForm(SURVEY, store=store, workshop="W")
    form.set_answers(full_answers(5))
    assert form.submit() is not None
    room = next(c for c in form.result_area.children if isinstance(c, RoomView))
    assert room.status.kind == "error" and "Press Refresh to try again" in room.status.text
    assert form.status.kind == "ok"
