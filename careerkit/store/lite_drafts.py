"""Drafts and receipts for survey kernels: the same rows and rules as drafts_sql.py.

Each function takes a light store's connection (records.Db: sqlite3 or pg8000, one SQL text for
both); writes run inside that store's write transaction. Instants go in as the database's
columns take them (Db.instant), exactly as the SQL store writes them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..model import Draft, Response
from .expiry import cutoff
from .records import Db, draft_from, draft_row, key_hash, response_from

# A live draft: younger than the draft hours, and its submission not yet a response.
_LIVE = (
    "updated_at >= :since AND NOT EXISTS "
    "(SELECT 1 FROM responses WHERE responses.id = drafts.submission_id)"
)
_COLUMNS = "survey_id, workshop, submission_id, page, participant, answers, updated_at, edition"
_UPSERT = (
    f"INSERT INTO drafts (key_hash, {_COLUMNS}) VALUES (:key_hash, :survey_id, :workshop, "  # noqa: S608  (fixed column names)
    ":submission_id, :page, :participant, :answers, :updated_at, :edition) "
    "ON CONFLICT (key_hash) DO UPDATE SET survey_id = excluded.survey_id, "
    "workshop = excluded.workshop, submission_id = excluded.submission_id, "
    "page = excluded.page, participant = excluded.participant, answers = excluded.answers, "
    "updated_at = excluded.updated_at, edition = excluded.edition"
)
_CLOSED = "SELECT closed_at FROM workshops WHERE code = :code"


def is_closed(db: Db, code: str | None) -> bool:
    """Whether `code` names a workshop that was closed (no code, or an unknown one: False)."""
    if code is None:
        return False
    row = db.one(_CLOSED, {"code": code})
    return row is not None and row["closed_at"] is not None


def save(db: Db, draft: Draft, *, purge_first: bool) -> None:
    """Upsert `draft` by its key; nothing for a closed workshop or a form already submitted."""
    if purge_first:
        purge(db)
    row = draft_row(draft)
    row["updated_at"] = db.instant(row["updated_at"])
    if is_closed(db, draft.workshop):
        return
    submitted = db.one(
        "SELECT 1 AS found FROM receipts WHERE key_hash = :key_hash "
        "UNION ALL SELECT 1 AS found FROM responses WHERE id = :submission_id",
        row,
    )
    if submitted is None:
        db.run(_UPSERT, row)


def get(db: Db, key: str, survey_id: str, workshop: str | None) -> Draft | None:
    """The live draft of `key` for this survey and workshop; None otherwise."""
    same_workshop = "workshop IS NULL" if workshop is None else "workshop = :workshop"
    row = db.one(
        f"SELECT {_COLUMNS} FROM drafts WHERE key_hash = :h AND survey_id = :survey "  # noqa: S608  (fixed column names)
        f"AND {same_workshop} AND {_LIVE}",
        {"h": key_hash(key), "survey": survey_id, "workshop": workshop, "since": _since(db)},
    )
    return None if row is None else draft_from(row, key)


def submitted(db: Db, key: str) -> Response | None:
    """The response submitted from `key`'s draft, while its receipt is live; None otherwise."""
    row = db.one(
        "SELECT r.id, r.survey_id, r.workshop, r.participant, r.submitted_at, r.advancement, "
        "r.development, r.orientation, r.answers, r.edition FROM receipts AS rc "
        "JOIN responses AS r ON r.id = rc.response_id "
        "WHERE rc.key_hash = :h AND rc.created_at >= :since",
        {"h": key_hash(key), "since": _since(db)},
    )
    return None if row is None else response_from(row)


def count(db: Db, workshop: str | None) -> int:
    """Live drafts, of one workshop or of all."""
    where = _LIVE if workshop is None else f"{_LIVE} AND workshop = :workshop"
    row = db.one(
        f"SELECT count(*) AS n FROM drafts WHERE {where}",  # noqa: S608  (fixed conditions)
        {"since": _since(db), "workshop": workshop},
    )
    return 0 if row is None else int(row["n"])


def finish(db: Db, key: str, response_id: str) -> None:
    """Inside the submit's transaction: drop the key's draft, keep a receipt of the response."""
    h = key_hash(key)
    db.run("DELETE FROM drafts WHERE key_hash = :h", {"h": h})
    db.run(
        "INSERT INTO receipts (key_hash, response_id, created_at) VALUES (:h, :id, :at) "
        "ON CONFLICT (key_hash) DO NOTHING",
        {"h": h, "id": response_id, "at": db.instant(datetime.now(UTC))},
    )


def purge(db: Db) -> None:
    """Delete expired drafts and receipts, and drafts whose submission is already a response."""
    since = _since(db)
    db.run(f"DELETE FROM drafts WHERE NOT ({_LIVE})", {"since": since})  # noqa: S608  (fixed)
    db.run("DELETE FROM receipts WHERE created_at < :since", {"since": since})


def _since(db: Db) -> object:
    return db.instant(cutoff())
