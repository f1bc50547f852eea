"""The room's count (orientation_counts): every store, light ones included, counts the same rows.

On memory, a SQLite file (SQL store and sqlite3 light store) and PostgreSQL (SQL store and
pg8000 light store): workshops, surveys, editions, unscored responses and the `upto` cut in
arrival order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from careerkit.model import Response, ScoreResult
from careerkit.store import MemoryStore, Store
from careerkit.store.reports import ORIENTATION_COLUMNS

T0 = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)
KINDS = ["advancement", "development", "both", "undecided", None]
EDITIONS = ["a" * 64, "b" * 64, None]  # two editions' digests, and answers kept without one


def _responses() -> list[Response]:
    """Responses of two workshops and two surveys; their arrival order is not their id order."""
    out = []
    for i in range(23):
        kind = KINDS[(i * 7) % 5]
        out.append(
            Response(
                id=f"resp-{(i * 11) % 23:03d}",
                survey_id="crossings" if i % 9 == 8 else "career_interests",
                workshop="A" if i % 3 else "B",
                answers={"lead_people": 3},
                result=None
                if kind is None
                else ScoreResult(advancement=40.0, development=60.0, orientation=kind),  # type: ignore[arg-type]
                # Some share a second: the id breaks the tie, in every store.
                submitted_at=T0 + timedelta(seconds=(i // 2) * 1.5),
                edition=EDITIONS[i % 3 if i % 4 else 0],
            )
        )
    return out


def _twin(responses: list[Response]) -> MemoryStore:
    twin = MemoryStore()
    for r in responses:
        twin.save_response(r)
    return twin


def _sorted(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=repr)


def test_orientation_counts_agree_in_every_store(store: Store) -> None:
    """Counts per workshop and orientation, whole or cut to the first arrivals, match the twin."""
    responses = _responses()
    for r in responses:
        store.save_response(r)
    twin = _twin(responses)
    for upto in (None, {"A": 5, "B": 3}, {"A": 10}, {}):
        columns, rows = store.orientation_counts(["A", "B"], "career_interests", upto=upto)
        assert columns == ORIENTATION_COLUMNS
        want = twin.orientation_counts(["A", "B"], "career_interests", upto=upto)[1]
        assert _sorted(rows) == _sorted(want), upto
    whole: dict[Any, int] = {}
    for w, o, _e, n in store.orientation_counts(["A"], "career_interests")[1]:
        whole[(w, o)] = whole.get((w, o), 0) + n
    mine = [r for r in responses if r.workshop == "A" and r.survey_id == "career_interests"]
    assert sum(whole.values()) == len(mine) == 13
    assert whole[("A", None)] == sum(r.result is None for r in mine)
    first5 = sorted(mine, key=lambda r: (r.submitted_at, r.id))[:5]
    cut = store.orientation_counts(["A"], "career_interests", upto={"A": 5})[1]
    expected: dict[Any, int] = {}
    for r in first5:
        key = ("A", r.result.orientation if r.result else None, r.edition)
        expected[key] = expected.get(key, 0) + 1
    assert {(w, o, e): n for w, o, e, n in cut} == expected


def test_orientation_counts_of_nothing(store: Store) -> None:
    """No workshop, an empty one, or another survey: no rows, no error."""
    for r in _responses():
        store.save_response(r)
    assert store.orientation_counts([], "career_interests") == (ORIENTATION_COLUMNS, [])
    assert store.orientation_counts(["NOPE"], "career_interests", upto={"NOPE": 5})[1] == []
    assert store.orientation_counts(["A"], "other_survey")[1] == []
