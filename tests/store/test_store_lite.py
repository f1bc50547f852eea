"""The light sqlite3 store of survey kernels: same file, rows, settings and rules as the SQL store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import update
from test_store import RICH, make_response

from careerkit.errors import StoreError, WorkshopClosed
from careerkit.store import open_store, schema
from careerkit.store.lite import LiteStore, sqlite_file
from careerkit.store.sql import SqlStore


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _ready(path: Path) -> str:
    """A SQLite file whose tables the SQL store created; its URL."""
    open_store(_url(path)).close()
    return _url(path)


def _stamp(url: str, version: int) -> None:
    s = open_store(url)
    assert isinstance(s, SqlStore)
    with s.engine.begin() as conn:
        conn.execute(
            update(schema.meta)
            .where(schema.meta.c.key == "schema_version")
            .values(value=str(version))
        )
    s.close()


def _table(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(sql).fetchall()


def test_only_ready_tables_open_light(tmp_path: Path) -> None:
    """A new or older file goes to the SQL store, which makes it current; then it opens light."""
    url = _url(tmp_path / "new" / "careerkit.sqlite3")
    first = open_store(url, light=True)
    assert isinstance(first, SqlStore)
    assert first.schema_version() == schema.SCHEMA_VERSION
    first.close()
    again = open_store(url, light=True)
    assert isinstance(again, LiteStore)
    assert again.schema_version() == schema.SCHEMA_VERSION
    again.close()

    _stamp(url, schema.SCHEMA_VERSION - 1)
    older = open_store(url, light=True)
    assert isinstance(older, SqlStore)
    older.close()
    assert isinstance(open_store(url, light=True), LiteStore)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A file stamped by a newer careerkit is refused by the light store, saying to upgrade."""
    url = _ready(tmp_path / "x.sqlite3")
    _stamp(url, schema.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="Upgrade careerkit") as info:
        open_store(url, light=True)
    assert f"schema {schema.SCHEMA_VERSION + 1}" in str(info.value)


def test_settings_in_force(tmp_path: Path) -> None:
    """The light store's connection uses WAL, a busy timeout, FULL sync, secure delete, FKs."""
    s = open_store(_ready(tmp_path / "p.sqlite3"), light=True)
    assert isinstance(s, LiteStore)

    def pragma(name: str) -> object:
        return s._conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert int(str(pragma("busy_timeout"))) >= 5000
    assert pragma("synchronous") == 2
    assert pragma("secure_delete") == 1
    assert pragma("foreign_keys") == 1
    s.close()


def test_rows_are_the_sql_stores_rows(tmp_path: Path) -> None:
    """Both stores write identical rows, and each reads back what the other saved, equal."""
    via_sql, via_lite = tmp_path / "sql.sqlite3", tmp_path / "lite.sqlite3"
    plain = make_response("plain-0001", workshop=None, answers={})
    sql = open_store(_url(via_sql))
    lite = open_store(_ready(via_lite), light=True)
    assert isinstance(lite, LiteStore)
    for s in (sql, lite):
        assert s.save_response(RICH) is True
        assert s.save_response(plain) is True
        assert s.save_response(RICH) is False
        s.close()
    for sql_text in (
        "SELECT * FROM responses ORDER BY id",
        "SELECT * FROM answers ORDER BY 1, 2, 3",
    ):
        assert _table(via_lite, sql_text) == _table(via_sql, sql_text)

    sql_reads_lite = open_store(_url(via_lite))
    lite_reads_sql = open_store(_url(via_sql), light=True)
    for s in (sql_reads_lite, lite_reads_sql):
        assert s.get_response(RICH.id) == RICH
        assert s.responses() == [plain, RICH]  # by instant: RICH is 09:30:15.65 UTC
        s.close()


def test_closed_workshop_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    """Answers for a closed workshop raise WorkshopClosed and leave no row; reopened, they save."""
    url = _ready(tmp_path / "w.sqlite3")
    admin = open_store(url)
    admin.create_workshop("Spring", "SPRING")
    admin.set_workshop_closed("SPRING", True)
    lite = open_store(url, light=True)
    assert isinstance(lite, LiteStore)
    late = make_response("late-0001", workshop="SPRING")
    with pytest.raises(WorkshopClosed):
        lite.save_response(late)
    assert lite.count_responses() == 0
    assert not lite._conn.in_transaction
    closed = lite.get_workshop("SPRING")
    assert closed is not None and closed.closed
    assert closed.closed_at == admin.get_workshop("SPRING").closed_at  # type: ignore[union-attr]

    admin.set_workshop_closed("SPRING", False)
    assert lite.save_response(late) is True
    assert lite._sql is None, "saving and reading workshops stayed on sqlite3"
    lite.close()
    admin.close()


def test_other_operations_go_to_the_sql_store(tmp_path: Path) -> None:
    """What the light store does not do itself (creating a workshop) works through the SQL store."""
    lite = open_store(_ready(tmp_path / "d.sqlite3"), light=True)
    assert isinstance(lite, LiteStore)
    made = lite.create_workshop("Autumn", "AUTUMN")
    assert isinstance(lite._sql, SqlStore)
    assert lite.get_workshop("AUTUMN") == made
    assert [w.code for w in lite.workshops()] == ["AUTUMN"]
    lite.close()


def test_a_busy_database_is_waited_for(tmp_path: Path) -> None:
    """A save while another process holds the write lock waits for it, then is stored."""
    path = tmp_path / "busy.sqlite3"
    lite = open_store(_ready(path), light=True)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    assert lite.save_response(RICH) is True
    release.join()
    holder.close()
    assert lite.get_response(RICH.id) == RICH
    lite.close()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:x.db?mode=memory&uri=true",
        "sqlite+pysqlite:///x.db",
    ],
)
def test_other_sqlite_urls_use_the_sql_store(url: str) -> None:
    """Only a plain sqlite:///FILE URL is opened light; in-memory, URI and driver URLs are not."""
    assert sqlite_file(url) is None


def test_a_survey_process_saves_without_sqlalchemy(tmp_path: Path) -> None:
    """A fresh process saves and reads a response on a ready file without importing SQLAlchemy."""
    path = tmp_path / "k.sqlite3"
    url = _ready(path)
    code = (
        "import sys\n"
        "from careerkit.store import open_store\n"
        "from careerkit.model import Response\n"
        f"RICH = Response.model_validate_json({RICH.model_dump_json()!r})\n"
        f"s = open_store({url!r}, light=True)\n"
        "print(type(s).__name__, s.save_response(RICH), s.get_response(RICH.id) == RICH,\n"
        "      sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["LiteStore", "True", "True", "[]"]
    assert _table(path, "SELECT id FROM responses") == [(RICH.id,)]
