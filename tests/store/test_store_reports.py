"""The dashboard reads (answer_rows, response_rows, answer_counts) agree across every store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from careerkit.model import Response, ScoreResult
from careerkit.reporting.cohort import count_answers, frame
from careerkit.store import MemoryStore, Store, open_store
from careerkit.store.reports import (
    ANSWER_COLUMNS,
    COUNT_COLUMNS,
    EDITION_COUNT_COLUMNS,
    RESPONSE_COLUMNS,
)

T0 = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def _response(rid: str, workshop: str, survey_id: str = "career_interests") -> Response:
    n = int(rid[-2:])
    return Response(
        id=rid,
        survey_id=survey_id,
        workshop=workshop,
        participant="Ada Lovelace",
        answers={
            "lead_people": 1 + n % 5,
            "activities": ("courses", "mentoring") if n % 2 else ("courses",),
            "career_goal": f"Goal $x$ <b>{n}</b>",
        },
        result=ScoreResult(advancement=10.0 * (n % 10), development=50.0, orientation="both"),
        submitted_at=T0,
    )


RESPONSES = [
    *[_response(f"wsa-resp-{i:02d}", "A") for i in range(7)],
    *[_response(f"wsb-resp-{i:02d}", "B") for i in range(3)],
    _response("wsc-resp-01", "C"),
    _response("other-survey-01", "A", survey_id="crossings"),
]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store of each kind holding RESPONSES."""
    if request.param == "memory":
        url = "memory://"
    elif request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    s = open_store(url)
    for r in RESPONSES:
        s.save_response(r)
    yield s
    s.close()


def _twin() -> MemoryStore:
    twin = MemoryStore()
    for r in RESPONSES:
        twin.save_response(r)
    return twin


def _sorted(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rows, key=repr)


def test_answer_rows_match_the_memory_twin(store: Store) -> None:
    """Long-form answers of the chosen workshops and survey are the same rows in every store."""
    columns, rows = store.answer_rows(["A", "B"], "career_interests")
    assert columns == ANSWER_COLUMNS
    assert _sorted(rows) == _sorted(_twin().answer_rows(["A", "B"], "career_interests")[1])
    assert len(rows) == 10 * 3 + 4  # three answers each, a second pick for 1, 3, 5 (A) and 1 (B)
    assert {r[1] for r in rows} == {"A", "B"}
    row = ("wsa-resp-03", "A", "both", 30.0, 50.0, "activities", 1, None, "mentoring", None)
    assert row in rows
    assert ("wsa-resp-03", "A", "both", 30.0, 50.0, "lead_people", 0, 4.0, None, None) in rows


def test_answer_rows_can_be_limited_to_questions(store: Store) -> None:
    """`question_ids` keeps only those questions' answers (the comment list needs text only)."""
    _columns, rows = store.answer_rows(["A"], "career_interests", question_ids=["career_goal"])
    assert sorted(r[8] for r in rows) == [f"Goal $x$ <b>{i}</b>" for i in range(7)]


def test_response_rows_hold_no_names(store: Store) -> None:
    """Per-response rows carry scores and workshop, never the participant's name."""
    columns, rows = store.response_rows(["A", "C"], "career_interests")
    assert columns == RESPONSE_COLUMNS
    assert _sorted(rows) == _sorted(_twin().response_rows(["A", "C"], "career_interests")[1])
    assert len(rows) == 8
    assert all("Ada Lovelace" not in map(str, row) for row in rows)


def test_answer_counts_equal_counting_the_long_form(store: Store) -> None:
    """The database's counts equal pandas counting the long form, in every store."""
    columns, rows = store.answer_counts(["A", "B", "C"], "career_interests", by_edition=True)
    assert columns == EDITION_COUNT_COLUMNS
    by_pandas = count_answers(frame(store.answer_rows(["A", "B", "C"], "career_interests")))
    expected = {
        (
            str(w),
            q,
            None if v != v else v,
            t if isinstance(t, str) else None,
            e if isinstance(e, str) else None,
            int(n),
            int(f),
        )
        for w, q, v, t, e, n, f in by_pandas.itertuples(index=False)
    }
    assert set(rows) == expected
    assert ("A", "activities", None, "courses", None, 7, 7) in rows
    pooled_columns, pooled = store.answer_counts(["A", "B", "C"], "career_interests")
    assert pooled_columns == COUNT_COLUMNS
    assert set(pooled) == {(*row[:4], *row[5:]) for row in rows}  # one edition here: the same
    assert ("A", "activities", None, "mentoring", 3, 0) in pooled


def test_empty_selection_reads_nothing(store: Store) -> None:
    """No workshops asked for, or an unknown one, gives no rows rather than everything."""
    assert store.answer_rows([], "career_interests")[1] == []
    assert store.response_rows(["nope"], "career_interests")[1] == []
    assert store.answer_counts([], "career_interests")[1] == []
