"""SQLite settings and database files, shared by both SQLite stores and free of SQLAlchemy."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import StoreError
from .filesystems import refuse_network_folder

SQLITE_BUSY_MS = 10_000


def pragmas(busy_ms: int) -> tuple[str, ...]:
    """Settings for every new connection.

    WAL and a long busy timeout let many kernels write at once; FULL sync makes a commit
    survive a power cut; secure_delete overwrites erased rows.
    """
    return (
        "journal_mode=WAL",
        f"busy_timeout={busy_ms}",
        "synchronous=FULL",
        "secure_delete=ON",
        "foreign_keys=ON",
    )


def is_plain_file(database: str | None) -> bool:
    """True for a database given as a file path (not in-memory, not a `file:` URI)."""
    return bool(database) and database != ":memory:" and not str(database).startswith("file:")


def prepare_file(path: Path) -> None:
    """Make the data folder (private) and the database file (owner only), refusing network mounts."""
    folder = path.expanduser().resolve().parent
    refuse_network_folder(folder)  # WAL needs shared memory on one machine
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the data folder {folder}: {exc.strerror}. "
            "Set CAREERKIT_DATA_DIR to a folder you can write to."
        ) from None
    private_file(path)


def private_file(path: Path) -> None:
    """Create the SQLite file for its owner only; take group/other access off an existing one.

    Never adds permissions: a file made read-only on purpose stays read-only. SQLite gives its
    -wal and -shm files the database file's permissions, so they are private too.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(
            f"Cannot create the database file {path}: {exc.strerror}. "
            "Set CAREERKIT_DATA_DIR to a folder you can write to."
        ) from None
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = file.stat().st_mode
            if stat.S_ISREG(mode) and mode & 0o077:
                os.chmod(file, stat.S_IMODE(mode) & 0o700)
        except OSError:
            pass  # gone, or owned by someone else: SQLite reports anything that really matters


def is_busy(message: str) -> bool:
    """True for SQLite's "database is locked/busy", which a short wait and a retry sort out."""
    return "locked" in message or "busy" in message


def plain_reason(message: str) -> str:
    """A database error as one sentence for people; unknown errors keep their first line."""
    text = message.strip().splitlines()[0] if message.strip() else message
    if is_busy(text):
        return "the database is busy; try again in a moment"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only; ask the facilitator to check the data folder"
    if "does not support SSL" in text or "refuses SSL" in text:
        return "the database server does not support SSL, but the URL's sslmode requires it"
    if "connection" in text.lower() or "could not connect" in text:
        return "the database server cannot be reached; try again shortly"
    return text
