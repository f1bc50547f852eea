"""Database engines with safe settings: SQLite tuned for many writers, PostgreSQL with retries."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ..errors import ConfigError, MissingExtra, StoreError, could_not
from ..languages import _
from .sqlite_files import (
    SQLITE_BUSY_MS,
    is_busy,
    is_plain_file,
    plain_reason,
    pragmas,
    prepare_file,
)

T = TypeVar("T")
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL, with careerkit's settings applied."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            _("Cannot read the database URL {url}: {reason}").format(url=repr(url), reason=exc)
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(
                parsed, pool_size=2, max_overflow=3, pool_pre_ping=True, pool_recycle=1800
            )
        except (NoSuchModuleError, ModuleNotFoundError):
            raise MissingExtra(
                _(
                    "PostgreSQL needs its driver: install careerkit[postgres] "
                    "(pip install 'careerkit[postgres]')."
                )
            ) from None
    raise ConfigError(
        _(
            "careerkit stores data in SQLite or PostgreSQL; the URL {url} names neither. Use "
            "sqlite:///path/to/file.sqlite3 or postgresql://user@host/db."
        ).format(url=repr(parsed.render_as_string()))
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and is_plain_file(database):
        prepare_file(Path(database))
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (DEFERRED or IMMEDIATE).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in pragmas(SQLITE_BUSY_MS):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("careerkit_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction: BEGIN IMMEDIATE on SQLite, a plain transaction elsewhere."""
    with engine.connect() as conn:
        conn.execution_options(careerkit_write=True)
        with conn.begin():
            yield conn


def retrying(action: Callable[[], T], what: str, attempts: int = 5) -> T:
    """Run `action`, retrying serialization failures and deadlocks; wrap other errors."""
    for attempt in range(attempts):
        try:
            return action()
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            if (code in _RETRY_SQLSTATES or _sqlite_busy(exc)) and attempt < attempts - 1:
                # SQLite answers "busy" at once, without its busy handler, when many processes
                # switch a new file to WAL together; a short pause sorts them out.
                time.sleep(min(1.0, 0.05 * (2**attempt)))
                continue
            raise StoreError(could_not(what, _reason(exc))) from exc
        except SQLAlchemyError as exc:
            raise StoreError(could_not(what, _reason(exc))) from exc
    raise StoreError(could_not(what, "the database stayed busy; try again."))  # pragma: no cover


def _sqlite_busy(exc: DBAPIError) -> bool:
    return type(exc.orig).__module__.startswith("sqlite3") and is_busy(str(exc.orig))


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return plain_reason(str(orig if orig is not None else exc))
