"""A participant's store on a SQLite file through the standard library, without SQLAlchemy.

A survey kernel saves one response, its drafts (lite_drafts.py) and looks up its workshop;
SQLAlchemy would add about
14 MiB to every such kernel. This store writes the same rows to the same tables with the same
settings and rules as the SQL store (records.py, sqlite_files.py); anything else it is asked
for goes to a SQL store opened on first use. It opens only a file whose tables are already at
this schema version: creating or migrating them stays the SQL store's job.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StoreError, WorkshopClosed
from ..model import Draft, Response, Workshop, WorkshopActivity
from . import lite_drafts, sqlite_files
from .erasure import Erased
from .expiry import PurgeClock
from .records import (
    SCHEMA_VERSION,
    answer_rows,
    newer_schema,
    response_from,
    response_row,
    sqlite_time,
    workshop_from,
)
from .reports import Rows

if TYPE_CHECKING:
    from ..model import Versioned
    from .sql import SqlStore

D = TypeVar("D", bound="Versioned")
T = TypeVar("T")
_ATTEMPTS = 5
_RESPONSE_COLUMNS = (
    "id, survey_id, workshop, participant, submitted_at, advancement, development, "
    "orientation, answers"
)

_INSERT_RESPONSE = (
    "INSERT INTO responses (id, survey_id, workshop, participant, submitted_at, advancement, "
    "development, orientation, answers) VALUES (:id, :survey_id, :workshop, :participant, "
    ":submitted_at, :advancement, :development, :orientation, :answers) "
    "ON CONFLICT (id) DO NOTHING"
)


class SchemaNotReady(Exception):
    """Raised when the file's tables are missing or older than this careerkit.

    The SQL store creates or migrates them; the light store never changes tables.
    """


def sqlite_file(url: str) -> str | None:
    """The file of a plain `sqlite:///PATH` URL; None for any other URL (driver, query, memory)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    path = url[len(prefix) :]
    if not sqlite_files.is_plain_file(path) or any(c in path for c in "?#%"):
        return None
    return path


class LiteStore:
    """Responses and workshops in a SQLite file through `sqlite3`; safe for many kernels at once."""

    def __init__(self, url: str) -> None:
        path = sqlite_file(url)
        if path is None:
            raise StoreError(f"The light store takes a plain sqlite:/// file URL, not {url!r}.")
        self.url = url
        self._lock = threading.Lock()
        self._sql: SqlStore | None = None
        self._purge = PurgeClock()
        sqlite_files.prepare_file(Path(path))
        self._conn = self._run(lambda: _connect(path), "open the database")
        try:
            found = self._run(lambda: _schema_stamp(self._conn), "prepare the database")
        except BaseException:
            self._conn.close()
            raise
        if found is None or found < SCHEMA_VERSION:
            self._conn.close()
            raise SchemaNotReady(f"{url} holds schema {found}, not {SCHEMA_VERSION}")
        if found > SCHEMA_VERSION:
            self._conn.close()
            raise newer_schema(found)

    def describe(self) -> str:
        """The database in words (a SQLite URL carries no password)."""
        return self.url

    def close(self) -> None:
        self._conn.close()
        if self._sql is not None:
            self._sql.close()

    # -- what a survey kernel does, on sqlite3 ------------------------------------------------
    def schema_version(self) -> int:
        found = self._run(lambda: _schema_stamp(self._conn), "read the schema version")
        if found is None:
            raise StoreError("Could not read the schema version: the database has none.")
        return found

    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        """Store a response; False if a response with this id was already stored (a retry).

        With `draft_key`, the same transaction deletes that tab's draft and keeps a receipt.
        """
        row = response_row(response)
        row["submitted_at"] = sqlite_time(row["submitted_at"])
        answers = list(answer_rows(response))

        def work(conn: sqlite3.Connection) -> bool:
            if response.workshop is not None:
                closed = conn.execute(
                    "SELECT closed_at FROM workshops WHERE code = ?", (response.workshop,)
                ).fetchone()
                if closed is not None and closed[0] is not None:
                    raise WorkshopClosed(response.workshop)
            created = conn.execute(_INSERT_RESPONSE, row).rowcount
            if created == 1 and answers:
                conn.executemany(
                    "INSERT INTO answers (response_id, question_id, seq, value_num, value_text) "
                    "VALUES (:response_id, :question_id, :seq, :value_num, :value_text)",
                    answers,
                )
            if draft_key is not None:
                lite_drafts.finish(conn, draft_key, response.id)
            return created == 1

        return self._run(lambda: _write(self._conn, work), "save your answers")

    def save_draft(self, draft: Draft) -> None:
        """Upsert a tab's draft; nothing for a closed workshop or a form already submitted."""
        due = self._purge.due()
        self._run(
            lambda: _write(self._conn, lambda c: lite_drafts.save(c, draft, purge_first=due)),
            "save your draft",
        )

    def get_draft(self, key: str, survey_id: str, workshop: str | None) -> Draft | None:
        return self._run(
            lambda: lite_drafts.get(self._conn, key, survey_id, workshop), "read your draft"
        )

    def submitted_response(self, key: str) -> Response | None:
        return self._run(lambda: lite_drafts.submitted(self._conn, key), "read your answers")

    def count_drafts(self, *, workshop: str | None = None) -> int:
        return self._run(lambda: lite_drafts.count(self._conn, workshop), "count drafts")

    def get_response(self, response_id: str) -> Response | None:
        found = self._select_responses("WHERE id = ?", (response_id,))
        return found[0] if found else None

    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]:
        where, params = _filters(workshop, survey_id)
        return self._select_responses(where, params)

    def count_responses(self, *, workshop: str | None = None, survey_id: str | None = None) -> int:
        where, params = _filters(workshop, survey_id)
        sql = f"SELECT count(*) FROM responses {where}"  # noqa: S608  (fixed column names)
        return int(
            self._run(lambda: self._conn.execute(sql, params).fetchone()[0], "count responses")
        )

    def get_workshop(self, code: str) -> Workshop | None:
        def read() -> Any:
            cur = self._conn.execute(
                "SELECT code, name, created_at, closed_at FROM workshops WHERE code = ?", (code,)
            )
            return cur.fetchone()

        row = self._run(read, "read the workshop")
        return None if row is None else workshop_from(row)

    def _select_responses(self, where: str, params: tuple[str, ...]) -> list[Response]:
        sql = f"SELECT {_RESPONSE_COLUMNS} FROM responses {where} ORDER BY submitted_at, id"  # noqa: S608
        rows = self._run(lambda: self._conn.execute(sql, params).fetchall(), "read responses")
        return [response_from(row) for row in rows]

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
                raise StoreError(
                    f"Could not {what}: {sqlite_files.plain_reason(str(exc))}"
                ) from exc
        raise StoreError(
            f"Could not {what}: the database stayed busy; try again."
        )  # pragma: no cover

    # -- everything else: the SQL store, opened on first use ----------------------------------
    def _full(self) -> SqlStore:
        if self._sql is None:
            from .sql import SqlStore

            self._sql = SqlStore(self.url)
        return self._sql

    def create_workshop(self, name: str, code: str | None = None) -> Workshop:
        return self._full().create_workshop(name, code)

    def workshops(self) -> list[Workshop]:
        return self._full().workshops()

    def set_workshop_closed(self, code: str, closed: bool) -> Workshop:
        return self._full().set_workshop_closed(code, closed)

    def workshop_activity(self) -> list[WorkshopActivity]:
        return self._full().workshop_activity()

    def create_doc(self, doc: D) -> D:
        return self._full().create_doc(doc)

    def get_doc(self, model: type[D], code: str) -> D | None:
        return self._full().get_doc(model, code)

    def save_doc(self, doc: D) -> D:
        return self._full().save_doc(doc)

    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]:
        return self._full().docs(model, workshops=workshops)

    def answer_rows(
        self, workshops: list[str], survey_id: str, *, question_ids: list[str] | None = None
    ) -> Rows:
        return self._full().answer_rows(workshops, survey_id, question_ids=question_ids)

    def response_rows(self, workshops: list[str], survey_id: str) -> Rows:
        return self._full().response_rows(workshops, survey_id)

    def answer_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows:
        return self._full().answer_counts(workshops, survey_id, upto=upto)

    def erase_response(self, response_id: str) -> Erased:
        return self._full().erase_response(response_id)

    def erase_doc(self, model: type[D], code: str) -> Erased:
        return self._full().erase_doc(model, code)


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
        row = conn.execute(
            "SELECT value FROM careerkit_meta WHERE key = 'schema_version'"
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return None if row is None else int(row[0])


def _write(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """`work` in a BEGIN IMMEDIATE transaction: committed when it returns, else rolled back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def _filters(workshop: str | None, survey_id: str | None) -> tuple[str, tuple[str, ...]]:
    parts, params = [], []
    if workshop is not None:
        parts.append("workshop = ?")
        params.append(workshop)
    if survey_id is not None:
        parts.append("survey_id = ?")
        params.append(survey_id)
    return ("WHERE " + " AND ".join(parts) if parts else ""), tuple(params)
