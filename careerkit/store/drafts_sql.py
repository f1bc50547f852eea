"""Drafts and receipts in SQL: a survey form's answers in progress, and what a submit became.

Rows are kept under the SHA-256 of the tab's key (records.key_hash). A draft is live while it
is younger than the draft hours (expiry.py) and its submission is not yet a response.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, exists, func, select
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Draft, Response
from . import schema
from .engine import write_tx
from .expiry import PurgeClock, cutoff
from .records import draft_from, draft_row, key_hash, response_from
from .workshops_sql import is_closed


def live(since: datetime) -> list[ColumnElement[bool]]:
    """Conditions for live drafts: updated since `since`, and not yet submitted as a response."""
    d, r = schema.drafts, schema.responses
    return [d.c.updated_at >= since, ~exists().where(r.c.id == d.c.submission_id)]


def save(engine: Engine, draft: Draft, clock: PurgeClock) -> None:
    """Upsert `draft` by its key; nothing for a closed workshop or a form already submitted."""
    row = draft_row(draft)
    with write_tx(engine) as conn:
        if clock.due():
            purge(conn)
        if is_closed(conn, draft.workshop) or _submitted(conn, row):
            return
        stmt = _insert(conn, schema.drafts).values(row)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key_hash"], set_={k: v for k, v in row.items() if k != "key_hash"}
        )
        conn.execute(stmt)


def _submitted(conn: Connection, row: dict[str, Any]) -> bool:
    """Whether this tab already submitted (a receipt) or its submission id is a response."""
    rc, r = schema.receipts, schema.responses
    receipt = conn.execute(select(rc.c.key_hash).where(rc.c.key_hash == row["key_hash"])).first()
    if receipt is not None:
        return True
    return conn.execute(select(r.c.id).where(r.c.id == row["submission_id"])).first() is not None


def get(engine: Engine, key: str, survey_id: str, workshop: str | None) -> Draft | None:
    """The live draft of `key` for this survey and workshop; None otherwise."""
    d = schema.drafts
    same_workshop = d.c.workshop.is_(None) if workshop is None else d.c.workshop == workshop
    query = select(d).where(
        d.c.key_hash == key_hash(key), d.c.survey_id == survey_id, same_workshop, *live(cutoff())
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else draft_from(row, key)


def submitted(engine: Engine, key: str) -> Response | None:
    """The response submitted from `key`'s draft, while its receipt is live; None otherwise."""
    rc, r = schema.receipts, schema.responses
    query = (
        select(r)
        .join(rc, rc.c.response_id == r.c.id)
        .where(rc.c.key_hash == key_hash(key), rc.c.created_at >= cutoff())
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else response_from(row)


def count(engine: Engine, workshop: str | None) -> int:
    """Live drafts, of one workshop or of all."""
    d = schema.drafts
    query = select(func.count()).select_from(d).where(*live(cutoff()))
    if workshop is not None:
        query = query.where(d.c.workshop == workshop)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def finish(conn: Connection, key: str, response_id: str) -> None:
    """Inside the submit's transaction: drop the key's draft, keep a receipt of the response."""
    h = key_hash(key)
    conn.execute(delete(schema.drafts).where(schema.drafts.c.key_hash == h))
    stmt = _insert(conn, schema.receipts).values(
        key_hash=h, response_id=response_id, created_at=datetime.now(UTC)
    )
    conn.execute(stmt.on_conflict_do_nothing(index_elements=["key_hash"]))


def purge(conn: Connection) -> None:
    """Delete expired drafts and receipts, and drafts whose submission is already a response."""
    since = cutoff()
    conn.execute(delete(schema.drafts).where(~and_(*live(since))))
    conn.execute(delete(schema.receipts).where(schema.receipts.c.created_at < since))


def _insert(conn: Connection, table: Any) -> Any:
    builder = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    return builder(table)
