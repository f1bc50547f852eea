"""A participant's store on a SQLite file through the standard library, without SQLAlchemy.

The statements and rules are lite_base.py's, shared with the PostgreSQL light store; this module
adds the sqlite3 connection with the SQL store's settings (sqlite_files.py): WAL, a busy
timeout, FULL sync, secure delete, and BEGIN IMMEDIATE for every write.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError, could_not
from . import sqlite_files
from .lite_base import SCHEMA_STAMP, LightStore, SchemaNotReady, check_stamp
from .records import Db, Row, sqlite_time

T = TypeVar("T")
_ATTEMPTS = 5

__all__ = ["LiteStore", "SchemaNotReady", "sqlite_file"]


def sqlite_file(url: str) -> str | None:
    """The file of a plain `sqlite:///PATH` URL; None for any other URL (driver, query, memory)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    path = url[len(prefix) :]
    if not sqlite_files.is_plain_file(path) or any(c in path for c in "?#%"):
        return None
    return path


class _SqliteDb:
    """records.Db on a sqlite3 connection: instants as the SQL store's UTC text."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def one(self, sql: str, params: Mapping[str, Any]) -> Row | None:
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def run(self, sql: str, params: Mapping[str, Any]) -> int:
        return self.conn.execute(sql, params).rowcount

    def instant(self, value: datetime) -> Any:
        return sqlite_time(value)


class LiteStore(LightStore):
    """Responses and workshops in a SQLite file through `sqlite3`; safe for many kernels at once."""

    def __init__(self, url: str) -> None:
        path = sqlite_file(url)
        if path is None:
            raise StoreError(f"The light store takes a plain sqlite:/// file URL, not {url!r}.")
        super().__init__(url)
        self._lock = threading.Lock()
        sqlite_files.prepare_file(Path(path))
        self._conn = self._run(lambda: _connect(path), "open the database")
        self._db = _SqliteDb(self._conn)
        try:
            check_stamp(url, self._stamp())
        except BaseException:
            self._conn.close()
            raise

    def _close(self) -> None:
        self._conn.close()

    def _stamp(self) -> int | None:
        return self._run(lambda: _schema_stamp(self._conn), "read the schema version")

    def _read(self, work: Callable[[Db], T], what: str) -> T:
        return self._run(lambda: work(self._db), what)

    def _write(self, work: Callable[[Db], T], what: str) -> T:
        return self._run(lambda: _immediate(self._conn, lambda: work(self._db)), what)

    def _run(self, action: Callable[[], T], what: str) -> T:
        """Run `action` under the lock, retrying SQLite's "busy"; other errors become StoreError."""
        for attempt in range(_ATTEMPTS):
            try:
                with self._lock:
                    return action()
            except sqlite3.Error as exc:
                if sqlite_files.is_busy(str(exc)) and attempt < _ATTEMPTS - 1:
                    # As in engine.retrying: many processes switching a new file to WAL together
                    # get "busy" at once, without the busy handler; a short pause sorts them out.
                    time.sleep(min(1.0, 0.05 * (2**attempt)))
                    continue
                raise StoreError(could_not(what, sqlite_files.plain_reason(str(exc)))) from exc
        raise StoreError(
            could_not(what, "the database stayed busy; try again.")
        )  # pragma: no cover


def _connect(path: str) -> sqlite3.Connection:
    busy_ms = sqlite_files.SQLITE_BUSY_MS
    # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
    conn = sqlite3.connect(
        path, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.row_factory = sqlite3.Row
        for pragma in sqlite_files.pragmas(busy_ms):
            conn.execute(f"PRAGMA {pragma}")
    except BaseException:
        conn.close()
        raise
    return conn


def _schema_stamp(conn: sqlite3.Connection) -> int | None:
    """The schema version stamped in the file; None when it has no careerkit tables yet."""
    try:
        row = conn.execute(SCHEMA_STAMP).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return None if row is None else int(row[0])


def _immediate(conn: sqlite3.Connection, work: Callable[[], T]) -> T:
    """`work` in a BEGIN IMMEDIATE transaction: committed when it returns, else rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result
