"""Schema 5: survey editions stored once, each response's edition, a workshop's survey, expect and
lang; a real schema-4 SQLite file and a schema-4 PostgreSQL database brought up to 5 losing nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text, update

from careerkit.definitions import load_survey
from careerkit.model import Response, edition_of
from careerkit.store import Store, open_store, schema
from careerkit.store.lite import LiteStore
from careerkit.store.sql import SqlStore
from careerkit.survey.editions import record

SCHEMA4_DUMP = Path(__file__).resolve().parents[1] / "data" / "schema4.sql"
NOW = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


def _response(rid: str, edition: str | None, workshop: str = "SPRING") -> Response:
    return Response(
        id=rid,
        survey_id="career_interests",
        workshop=workshop,
        answers={"lead_people": 3},
        submitted_at=NOW,
        edition=edition,
    )


def test_an_edition_is_stored_once_and_responses_keep_theirs(store: Store, admin: Store) -> None:
    """Recording an edition twice stores it once; responses and drafts read back their edition."""
    survey = load_survey("career_interests")
    ed = edition_of(survey, NOW)
    assert store.record_edition(ed) is True
    assert store.record_edition(ed) is False
    assert admin.editions("career_interests") == [ed]
    assert admin.editions("another") == []
    assert store.save_response(_response("resp-0001", ed.digest))
    assert store.save_response(_response("resp-0002", None))
    assert store.get_response("resp-0001") == _response("resp-0001", ed.digest)
    assert admin.edition_counts("career_interests") == {ed.digest: 1, None: 1}
    assert admin.adopt_edition("career_interests", ed.digest, ["resp-0002", "resp-0001"]) == 1
    assert admin.edition_counts("career_interests") == {ed.digest: 2}
    rows = store.response_rows(["SPRING"], "career_interests")
    assert {r[-1] for r in rows[1]} == {ed.digest} and rows[0][-1] == "edition"


def test_a_workshop_keeps_its_survey_expected_size_and_language(admin: Store) -> None:
    made = admin.create_workshop("Team day", "TEAM1", survey="team_pulse", expect=40, lang="de")
    assert (made.survey, made.expect, made.lang) == ("team_pulse", 40, "de")
    assert admin.get_workshop("TEAM1") == made
    assert admin.workshops() == [made]
    plain = admin.create_workshop("Other", "OTHER")
    assert (plain.survey, plain.expect, plain.lang) == (None, None, None)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(sql).fetchall()


def test_a_schema_4_sqlite_file_is_brought_up_to_date(tmp_path: Path) -> None:
    """A real schema-4 file gains editions and the new columns; every old row keeps its values;
    the old response that fits the survey is matched to its first edition, the other is kept
    apart with no edition (its answers do not fit the file: read against it they would lie)."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(SCHEMA4_DUMP.read_text(encoding="utf-8"))
    before = _rows(path, "SELECT id, answers, orientation FROM responses ORDER BY id")
    answers_before = _rows(path, "SELECT * FROM answers ORDER BY response_id, question_id, seq")
    url = f"sqlite:///{path}"
    first = open_store(url, light=True)
    assert isinstance(first, SqlStore)  # a light store opens the current schema only
    assert first.schema_version() == schema.SCHEMA_VERSION == 6
    spring = first.get_workshop("SPRING")
    assert spring is not None and (spring.name, spring.survey, spring.expect) == (
        "Spring",
        None,
        None,
    )
    assert first.edition_counts("career_interests") == {None: 2}
    ed = record(first, load_survey("career_interests"))
    assert first.edition_counts("career_interests") == {ed.digest: 1, None: 1}
    assert first.get_response("old-0001").edition == ed.digest  # type: ignore[union-attr]  # stored above
    assert first.get_response("old-0002").edition is None  # type: ignore[union-attr]  # stored above
    first.close()
    assert _rows(path, "SELECT id, answers, orientation FROM responses ORDER BY id") == before
    assert (
        _rows(path, "SELECT * FROM answers ORDER BY response_id, question_id, seq")
        == answers_before
    )
    assert _rows(path, "SELECT edition FROM drafts") == [(None,)]
    stored = _rows(path, "SELECT survey_id, version, definition FROM editions")
    assert stored == [
        (
            "career_interests",
            1,
            json.dumps(ed.definition, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
        )
    ]

    lite = open_store(url, light=True)
    assert isinstance(lite, LiteStore)
    assert lite.save_response(_response("new-0001", ed.digest))
    assert lite.get_response("new-0001") == _response("new-0001", ed.digest)
    assert lite.get_workshop("SPRING") == spring
    lite.close()


def test_a_schema_4_postgres_database_is_brought_up_to_date(pg_url: str) -> None:
    """On PostgreSQL: tables of schema 4 (no editions, no new columns) gain them on open."""
    s = open_store(pg_url)
    assert isinstance(s, SqlStore)
    s.create_workshop("Spring", "SPRING")
    s.save_response(_response("old-0001", None))
    with s.engine.begin() as conn:
        conn.execute(text("DROP TABLE editions"))
        conn.execute(text("DROP TABLE releases"))
        for table, column, _type in schema.ADDED_IN_5:
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(update(schema.meta).values(value="4"))
    s.close()
    again = open_store(pg_url)
    assert again.schema_version() == 6
    assert again.get_response("old-0001") == _response("old-0001", None)
    ed = record(again, load_survey("career_interests"))
    assert again.get_response("old-0001") == _response("old-0001", ed.digest)  # it fits
    assert again.create_workshop("New", "NEW", survey="career_interests", expect=12).expect == 12
    again.close()
    light = open_store(pg_url, light=True)
    assert light.record_edition(ed) is False
    assert light.save_response(_response("new-0001", ed.digest))
    assert light.get_workshop("SPRING").survey is None  # type: ignore[union-attr]  # made above
    light.close()
