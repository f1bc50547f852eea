"""Drafts in the database files: no raw key anywhere, the same rows from both SQLite stores,
schema 3 brought up to 4, expired rows deleted, and a survey kernel that needs no SQLAlchemy."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text, update
from test_store import make_response
from test_store_drafts import SURVEY, make_draft, new_key

from careerkit.store import Store, open_store, schema
from careerkit.store.lite import LiteStore
from careerkit.store.records import key_hash
from careerkit.store.sql import SqlStore

SCHEMA3_DUMP = Path(__file__).resolve().parents[1] / "data" / "schema3.sql"
SQLITE_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _ready(path: Path) -> str:
    open_store(_url(path)).close()
    return _url(path)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(sql).fetchall()


def _fill(s: Store, key: str, sent: str, at: datetime | None = None) -> None:
    """A draft still open under `key`, and another tab's draft submitted under `sent`."""
    s.save_draft(make_draft(key, submission_id="sub-00000001", participant="Ada", updated_at=at))
    s.save_draft(make_draft(sent, submission_id="sub-00000002", updated_at=at))
    assert s.save_response(make_response("sub-00000002"), draft_key=sent)


@pytest.mark.parametrize("light", [False, True], ids=["sql", "light"])
def test_sqlite_files_hold_no_raw_key(tmp_path: Path, light: bool) -> None:
    """Neither the SQLite file nor its journal holds a key; they hold its SHA-256 instead."""
    path = tmp_path / "keys.sqlite3"
    s = open_store(_ready(path), light=light)
    assert isinstance(s, LiteStore if light else SqlStore)
    key, sent = new_key(), new_key()
    _fill(s, key, sent)
    s.close()
    files = sorted(path.parent.glob("keys.sqlite3*"))
    data = b"".join(f.read_bytes() for f in files)
    for k in (key, sent):
        assert k.encode() not in data
        assert k.upper().encode() not in data
        assert key_hash(k).encode() in data  # the search does find what is stored


def test_postgres_tables_hold_no_raw_key(pg_url: str) -> None:
    """No row of any careerkit table on PostgreSQL holds a key; the hashes are there."""
    s = open_store(pg_url)
    key, sent = new_key(), new_key()
    _fill(s, key, sent)
    s.close()
    eng = create_engine(pg_url)
    with eng.connect() as conn:
        everything = repr([conn.execute(select(t)).all() for t in schema.metadata.sorted_tables])
    eng.dispose()
    assert key not in everything and sent not in everything
    assert key_hash(key) in everything and key_hash(sent) in everything


def test_both_sqlite_stores_write_the_same_rows(tmp_path: Path) -> None:
    """The SQL and the light store write identical draft rows and receipts in the same format."""
    via_sql, via_lite = tmp_path / "sql.sqlite3", tmp_path / "lite.sqlite3"
    key, sent, at = new_key(), new_key(), datetime.now(UTC) - timedelta(minutes=5)
    for s in (open_store(_url(via_sql)), open_store(_ready(via_lite), light=True)):
        _fill(s, key, sent, at)
        s.close()
    drafts = "SELECT * FROM drafts ORDER BY key_hash"
    assert _rows(via_lite, drafts) == _rows(via_sql, drafts)
    assert _rows(via_sql, drafts)[0][0] == key_hash(key)
    receipts = "SELECT key_hash, response_id FROM receipts"
    assert (
        _rows(via_lite, receipts) == _rows(via_sql, receipts) == [(key_hash(sent), "sub-00000002")]
    )
    for path in (via_sql, via_lite):
        (stamp,) = _rows(path, "SELECT created_at FROM receipts")[0]
        (updated,) = _rows(path, "SELECT updated_at FROM drafts")[0]
        assert SQLITE_TIME.match(str(stamp)) and SQLITE_TIME.match(str(updated))


def test_light_and_sql_read_each_others_drafts(tmp_path: Path) -> None:
    """On one file, what the light store saves the SQL store reads, and the other way round."""
    url = _ready(tmp_path / "one.sqlite3")
    lite, sql = open_store(url, light=True), open_store(url)
    assert isinstance(lite, LiteStore) and isinstance(sql, SqlStore)
    a, b = new_key(), new_key()
    by_lite = make_draft(a, answers={"q_skills": ("x", "y")}, page=2)
    by_sql = make_draft(b, submission_id="sub-00000002", participant="Bo")
    lite.save_draft(by_lite)
    sql.save_draft(by_sql)
    assert sql.get_draft(a, SURVEY, "spring") == by_lite
    assert lite.get_draft(b, SURVEY, "spring") == by_sql
    assert lite.count_drafts() == sql.count_drafts() == 2

    lite.save_response(make_response("sub-00000001"), draft_key=a)
    sql.save_response(make_response("sub-00000002"), draft_key=b)
    for s in (lite, sql):
        assert s.count_drafts() == 0
        assert s.submitted_response(a) == make_response("sub-00000001")
        assert s.submitted_response(b) == make_response("sub-00000002")
    assert lite._sql is None, "drafts and receipts stayed on sqlite3"
    lite.close()
    sql.close()


def test_a_schema_3_sqlite_file_is_brought_up_to_date(tmp_path: Path) -> None:
    """A real schema-3 file opens on the SQL store, gains the new tables and keeps its data."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(SCHEMA3_DUMP.read_text(encoding="utf-8"))
    assert _rows(path, "SELECT value FROM careerkit_meta") == [("3",)]
    url = _url(path)
    first = open_store(url, light=True)
    assert isinstance(first, SqlStore)  # the light store opens the current schema only
    assert first.schema_version() == schema.SCHEMA_VERSION == 6
    old = first.get_response("old-0001")
    assert old is not None and old.answers["q_skills"] == ("coaching", "budgeting")
    assert first.get_workshop("SPRING") is not None
    first.close()
    assert {"drafts", "receipts"} <= {r[0] for r in _rows(path, "SELECT name FROM sqlite_master")}
    fks = _rows(path, "PRAGMA foreign_key_list(receipts)")
    assert [(fk[2], fk[3], fk[4], fk[6]) for fk in fks] == [
        ("responses", "response_id", "id", "CASCADE")
    ]

    lite = open_store(url, light=True)
    assert isinstance(lite, LiteStore)
    key = new_key()
    lite.save_draft(make_draft(key, workshop="SPRING", submission_id="new-0001"))
    assert lite.save_response(make_response("new-0001", workshop="SPRING"), draft_key=key)
    assert lite.submitted_response(key) is not None
    assert lite.count_responses(workshop="SPRING") == 2
    lite.close()


def test_a_schema_3_postgres_database_is_brought_up_to_date(pg_url: str) -> None:
    """A PostgreSQL database at schema 3 (no drafts or receipts tables) gains them on open."""
    s = open_store(pg_url)
    assert isinstance(s, SqlStore)
    s.save_response(make_response("old-0001"))
    with s.engine.begin() as conn:
        conn.execute(text("DROP TABLE receipts; DROP TABLE drafts"))
        conn.execute(update(schema.meta).values(value="3"))
    s.close()
    again = open_store(pg_url)
    assert again.schema_version() == schema.SCHEMA_VERSION
    key = new_key()
    again.save_draft(make_draft(key, submission_id="new-0001"))
    assert again.get_draft(key, SURVEY, "spring") is not None
    assert again.get_response("old-0001") == make_response("old-0001")
    again.close()


@pytest.mark.parametrize("light", [False, True], ids=["sql", "light"])
def test_expired_rows_are_deleted_now_and_then(
    tmp_path: Path, light: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store deletes expired drafts and receipts on its first draft save, then once a minute."""
    path = tmp_path / "old.sqlite3"
    url = _ready(path)
    long_ago = datetime.now(UTC) - timedelta(hours=30)
    s = open_store(url, light=light)
    s.save_draft(make_draft(new_key(), submission_id="sub-00000001", updated_at=long_ago))
    s.save_draft(make_draft(new_key(), submission_id="sub-00000002"))
    s.save_response(make_response("sub-00000003"), draft_key=new_key())
    s.save_draft(make_draft(new_key(), submission_id="sub-00000004", updated_at=long_ago))
    assert _rows(path, "SELECT count(*) FROM drafts") == [(3,)]  # not yet a minute: kept
    s.close()

    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", "0.0001")  # 0.36 s: the receipt expires too
    time.sleep(0.5)
    s = open_store(url, light=light)
    s.save_draft(fresh := make_draft(new_key(), submission_id="sub-00000005"))
    assert _rows(path, "SELECT submission_id FROM drafts") == [(fresh.submission_id,)]
    assert _rows(path, "SELECT count(*) FROM receipts") == [(0,)]
    assert _rows(path, "SELECT count(*) FROM responses") == [(1,)]  # responses never expire
    s.close()


def test_a_survey_process_keeps_drafts_without_sqlalchemy(tmp_path: Path) -> None:
    """A fresh process saves, reads, submits and counts drafts on a ready file without SQLAlchemy."""
    url = _ready(tmp_path / "k.sqlite3")
    key = new_key()
    draft = make_draft(key, submission_id="sub-00000001")
    response = make_response("sub-00000001")
    code = (
        "import sys\n"
        "from careerkit.store import open_store\n"
        "from careerkit.model import Draft, Response\n"
        f"d = Draft.model_validate_json({draft.model_dump_json()!r})\n"
        f"r = Response.model_validate_json({response.model_dump_json()!r})\n"
        f"s = open_store({url!r}, light=True)\n"
        "s.save_draft(d)\n"
        "print(type(s).__name__, s.get_draft(d.key, d.survey_id, d.workshop) == d,\n"
        "      s.count_drafts(), s.save_response(r, draft_key=d.key),\n"
        "      s.submitted_response(d.key) == r, s.count_drafts(),\n"
        "      sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["LiteStore", "True", "1", "True", "True", "0", "[]"]
