"""Drafts and receipts on sqlite3 for survey kernels: the same rows and rules as drafts_sql.py.

Each function takes the light store's connection; writes run inside its BEGIN IMMEDIATE
transaction (lite._write). Instants are SQLite text exactly as the SQL store writes them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from ..model import Draft, Response
from .expiry import cutoff
from .records import draft_from, draft_row, key_hash, response_from, sqlite_time

# A live draft: younger than the draft hours, and its submission not yet a response.
_LIVE = (
    "updated_at >= :since AND NOT EXISTS "
    "(SELECT 1 FROM responses WHERE responses.id = drafts.submission_id)"
)
_COLUMNS = "survey_id, workshop, submission_id, page, participant, answers, updated_at"
_UPSERT = (
    f"INSERT INTO drafts (key_hash, {_COLUMNS}) VALUES (:key_hash, :survey_id, :workshop, "  # noqa: S608  (fixed column names)
    ":submission_id, :page, :participant, :answers, :updated_at) "
    "ON CONFLICT (key_hash) DO UPDATE SET survey_id = excluded.survey_id, "
    "workshop = excluded.workshop, submission_id = excluded.submission_id, "
    "page = excluded.page, participant = excluded.participant, answers = excluded.answers, "
    "updated_at = excluded.updated_at"
)


def save(conn: sqlite3.Connection, draft: Draft, *, purge_first: bool) -> None:
    """Upsert `draft` by its key; nothing for a closed workshop or a form already submitted."""
    if purge_first:
        purge(conn)
    row = draft_row(draft)
    row["updated_at"] = sqlite_time(row["updated_at"])
    if draft.workshop is not None:
        closed = conn.execute(
            "SELECT closed_at FROM workshops WHERE code = ?", (draft.workshop,)
        ).fetchone()
        if closed is not None and closed[0] is not None:
            return
    submitted = conn.execute(
        "SELECT 1 FROM receipts WHERE key_hash = ? UNION ALL SELECT 1 FROM responses WHERE id = ?",
        (row["key_hash"], row["submission_id"]),
    ).fetchone()
    if submitted is None:
        conn.execute(_UPSERT, row)


def get(conn: sqlite3.Connection, key: str, survey_id: str, workshop: str | None) -> Draft | None:
    """The live draft of `key` for this survey and workshop; None otherwise."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM drafts WHERE key_hash = :h AND survey_id = :survey "  # noqa: S608  (fixed column names)
        f"AND workshop IS :workshop AND {_LIVE}",
        {"h": key_hash(key), "survey": survey_id, "workshop": workshop, "since": _since()},
    ).fetchone()
    return None if row is None else draft_from(row, key)


def submitted(conn: sqlite3.Connection, key: str) -> Response | None:
    """The response submitted from `key`'s draft, while its receipt is live; None otherwise."""
    row = conn.execute(
        "SELECT r.id, r.survey_id, r.workshop, r.participant, r.submitted_at, r.advancement, "
        "r.development, r.orientation, r.answers FROM receipts AS rc "
        "JOIN responses AS r ON r.id = rc.response_id "
        "WHERE rc.key_hash = ? AND rc.created_at >= ?",
        (key_hash(key), _since()),
    ).fetchone()
    return None if row is None else response_from(row)


def count(conn: sqlite3.Connection, workshop: str | None) -> int:
    """Live drafts, of one workshop or of all."""
    where = _LIVE if workshop is None else f"{_LIVE} AND workshop = :workshop"
    row = conn.execute(
        f"SELECT count(*) FROM drafts WHERE {where}",  # noqa: S608  (fixed conditions)
        {"since": _since(), "workshop": workshop},
    ).fetchone()
    return int(row[0])


def finish(conn: sqlite3.Connection, key: str, response_id: str) -> None:
    """Inside the submit's transaction: drop the key's draft, keep a receipt of the response."""
    h = key_hash(key)
    conn.execute("DELETE FROM drafts WHERE key_hash = ?", (h,))
    conn.execute(
        "INSERT INTO receipts (key_hash, response_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key_hash) DO NOTHING",
        (h, response_id, sqlite_time(datetime.now(UTC))),
    )


def purge(conn: sqlite3.Connection) -> None:
    """Delete expired drafts and receipts, and drafts whose submission is already a response."""
    since = _since()
    conn.execute(f"DELETE FROM drafts WHERE NOT ({_LIVE})", {"since": since})  # noqa: S608  (fixed)
    conn.execute("DELETE FROM receipts WHERE created_at < ?", (since,))


def _since() -> str:
    return sqlite_time(cutoff())
