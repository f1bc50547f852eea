"""A participant's store on PostgreSQL through pg8000, without SQLAlchemy or psycopg.

The statements and rules are lite_base.py's, shared with the sqlite3 light store. pg8000 is
pure Python on the standard library's sockets and ssl: a survey kernel pays about 4 MiB for
it, against about 9 MiB for psycopg (either libpq) and 23 MiB with SQLAlchemy on top
(bench/README.md). Like the SQL store on PostgreSQL it runs each write as one READ COMMITTED
transaction and retries serialization failures and deadlocks; a connection the server or the
network dropped is opened again, which is safe because every write here is idempotent.
"""

from __future__ import annotations

import getpass
import os
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

import pg8000.native
from pg8000.exceptions import DatabaseError, InterfaceError

from ..errors import StoreError, could_not
from .lite_base import SCHEMA_STAMP, LightStore, SchemaNotReady, check_stamp
from .records import Db, Row
from .sqlite_files import plain_reason

T = TypeVar("T")
_ATTEMPTS = 5
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected (engine.py)
_UNDEFINED_TABLE = "42P01"
_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg", "postgresql+pg8000"}
_TLS_OPTIONS = {"sslmode", "sslrootcert"}
_UNSUPPORTED = object()

__all__ = ["LitePgStore", "SchemaNotReady", "pg_params"]


def pg_params(url: str) -> dict[str, Any] | None:
    """pg8000's connection arguments for a `postgresql://user:pw@host:port/db` URL.

    TLS follows libpq's `sslmode` (from the URL or $PGSSLMODE): `prefer` by default (TLS when
    the server offers it), `disable`, `require`, `verify-ca` and `verify-full` with `sslrootcert`
    (a file, or `system`) or ~/.postgresql/root.crt. None for anything else (other libpq
    options such as `?host=/socket` or client certificates, no host, no database): such URLs
    go to the SQL store, whose libpq reads them in full.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
        query = dict(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or parts.fragment or set(query) - _TLS_OPTIONS:
        return None
    database = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not database or "/" in database:
        return None
    tls = _tls(
        query.get("sslmode") or os.environ.get("PGSSLMODE") or "prefer",
        query.get("sslrootcert") or os.environ.get("PGSSLROOTCERT"),
    )
    if tls is _UNSUPPORTED:
        return None
    return {
        "user": unquote(parts.username) if parts.username else _default_user(),
        "password": unquote(parts.password) if parts.password else os.environ.get("PGPASSWORD"),
        "host": parts.hostname,
        "port": port or int(os.environ.get("PGPORT", "5432")),
        "database": database,
        "application_name": "careerkit survey",
        "ssl_context": tls,
    }


def _tls(mode: str, rootcert: str | None) -> ssl.SSLContext | bool | object | None:
    """pg8000's `ssl_context` for a libpq sslmode: None tries TLS and falls back, as `prefer`."""
    default_root = Path("~/.postgresql/root.crt").expanduser()
    if rootcert is None and default_root.is_file():
        rootcert = str(default_root)
    if mode == "prefer":
        return None
    if mode == "disable":
        return False
    if mode == "require" and rootcert is None:
        return True  # encrypted, certificate not checked: libpq's `require`
    if mode not in ("require", "verify-ca", "verify-full") or rootcert is None:
        return _UNSUPPORTED
    if rootcert != "system" and not Path(rootcert).is_file():
        return _UNSUPPORTED  # the SQL store's libpq says what is missing
    # libpq: `require` with a root certificate at hand checks it, as `verify-ca` does.
    context = ssl.create_default_context(cafile=None if rootcert == "system" else rootcert)
    context.check_hostname = mode == "verify-full"
    return context


def _default_user() -> str:
    """As libpq: $PGUSER, else the name of the account running the kernel."""
    return os.environ.get("PGUSER") or getpass.getuser()


class _PgDb:
    """records.Db on a pg8000 native connection: rows by column name, instants as datetimes."""

    def __init__(self, conn: pg8000.native.Connection) -> None:
        self.conn = conn

    def all(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        rows = self.conn.run(sql, **params) or []
        names = [c["name"] for c in self.conn.columns or []]
        return [dict(zip(names, row, strict=True)) for row in rows]

    def one(self, sql: str, params: Mapping[str, Any]) -> Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def run(self, sql: str, params: Mapping[str, Any]) -> int:
        self.conn.run(sql, **params)
        return int(self.conn.row_count or 0)

    def instant(self, value: datetime) -> Any:
        return value


class LitePgStore(LightStore):
    """Responses, drafts and workshops in PostgreSQL through pg8000; one connection per kernel."""

    def __init__(self, url: str) -> None:
        params = pg_params(url)
        if params is None:
            raise StoreError(
                f"The light store takes a plain postgresql://host/db URL, not {url!r}."
            )
        super().__init__(url)
        self._params = params
        self._lock = threading.Lock()
        self._conn: pg8000.native.Connection | None = None
        try:
            check_stamp(self.describe(), self._stamp("prepare the database"))
        except BaseException:
            self._close()
            raise

    def describe(self) -> str:
        """The database in words, without a password."""
        p = self._params
        return f"postgresql://{p['user']}{':***' if p['password'] else ''}@{p['host']}:{p['port']}/{p['database']}"

    def _close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with suppress(InterfaceError, OSError):  # already gone: nothing to give back
                conn.close()

    def _stamp(self, what: str = "read the schema version") -> int | None:
        def read(db: Db) -> int | None:
            try:
                row = db.one(SCHEMA_STAMP, {})
            except DatabaseError as exc:
                if _sqlstate(exc) == _UNDEFINED_TABLE:
                    return None
                raise
            return None if row is None else int(row["value"])

        return self._read(read, what)

    def _read(self, work: Callable[[Db], T], what: str) -> T:
        return self._run(work, what, transaction=False)

    def _write(self, work: Callable[[Db], T], what: str) -> T:
        return self._run(work, what, transaction=True)

    def _run(self, work: Callable[[Db], T], what: str, *, transaction: bool) -> T:
        """Run `work` under the lock, retrying what a second try sorts out; else StoreError."""
        for attempt in range(_ATTEMPTS):
            last = attempt == _ATTEMPTS - 1
            try:
                with self._lock:
                    return self._once(work, transaction)
            except DatabaseError as exc:
                if _sqlstate(exc) in _RETRY_SQLSTATES and not last:
                    time.sleep(min(1.0, 0.05 * (2**attempt)))
                    continue
                raise StoreError(could_not(what, plain_reason(_message(exc)))) from exc
            except (InterfaceError, OSError) as exc:
                self._close()  # a dropped connection: the next attempt opens a new one
                reason = _connection_trouble(exc)
                if reason is None and attempt == 0:
                    continue
                raise StoreError(
                    could_not(
                        what, reason or "the database server cannot be reached; try again shortly"
                    )
                ) from exc
        raise StoreError(
            could_not(what, "the database stayed busy; try again.")
        )  # pragma: no cover

    def _once(self, work: Callable[[Db], T], transaction: bool) -> T:
        if self._conn is None:
            self._conn = pg8000.native.Connection(**self._params)
        conn = self._conn
        db = _PgDb(conn)
        if not transaction:
            return work(db)
        conn.run("START TRANSACTION")
        try:
            result = work(db)
            conn.run("COMMIT")
        except BaseException:
            with suppress(InterfaceError, OSError):  # a lost connection took the transaction
                conn.run("ROLLBACK")
            raise
        return result


def _connection_trouble(exc: Exception) -> str | None:
    """What a failed connection says that trying again will not change; None for the network."""
    text = str(exc)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the database server's certificate was not accepted ({exc.verify_message})"
    if "refuses SSL" in text or "password" in text or "authentication" in text.lower():
        return plain_reason(text)
    return None


def _sqlstate(exc: DatabaseError) -> str | None:
    fields = exc.args[0] if exc.args else None
    return fields.get("C") if isinstance(fields, dict) else None


def _message(exc: DatabaseError) -> str:
    fields = exc.args[0] if exc.args else None
    if isinstance(fields, dict):
        return str(fields.get("M", exc))
    return str(exc)
