"""Erasure in SQL: delete one person's rows, then leave no old copy in the database files."""

from __future__ import annotations

import json

from sqlalchemy import Connection, Engine, Table, delete, select

from ..languages import N_, _
from ..model import Versioned
from . import schema
from .engine import retrying, write_tx
from .erasure import Erased

PLAN_KIND = (
    "plan"  # careerkit.plans.model.Plan.KIND, spelled out to keep the store below the plan model
)

_NOT_SCRUBBED = N_(
    "The rows are deleted, but another program kept reading the database, so old copies may "
    "remain in its journal file ({wal}) for now. Stop `careerkit serve` and the dashboard, "
    "then run the same command again: it empties the journal even when nothing is left to remove."
)
_PG_NOTE = N_(
    "PostgreSQL has vacuumed {tables}; its write-ahead log, archives and backups keep old "
    "copies until they expire."
)


def erase_response(engine: Engine, response_id: str) -> Erased:
    """Delete a response with its answers, drafts, receipts and plans that took it; then scrub."""

    def action() -> tuple[int, int, int, int]:
        with write_tx(engine) as conn:
            drafts = conn.execute(
                delete(schema.drafts).where(schema.drafts.c.submission_id == response_id)
            ).rowcount
            conn.execute(
                delete(schema.receipts).where(schema.receipts.c.response_id == response_id)
            )
            answers = conn.execute(
                delete(schema.answers).where(schema.answers.c.response_id == response_id)
            ).rowcount
            responses = conn.execute(
                delete(schema.responses).where(schema.responses.c.id == response_id)
            ).rowcount
            plans = _delete_plans_of(conn, response_id) if responses else 0
            return responses, answers, plans, drafts

    responses, answers, plans, drafts = retrying(action, "erase the response")
    touched = [schema.responses, schema.answers, schema.documents, schema.drafts, schema.receipts]
    scrubbed, note = scrub(engine, touched)
    docs = {PLAN_KIND: plans} if plans else {}
    return Erased(responses, answers if responses else 0, docs, scrubbed, note, drafts)


def _delete_plans_of(conn: Connection, response_id: str) -> int:
    """Delete the plans whose survey result code is `response_id`; how many there were."""
    t = schema.documents
    candidates = conn.execute(
        select(t.c.code, t.c.data).where(
            t.c.kind == PLAN_KIND, t.c.data.contains(response_id, autoescape=True)
        )
    ).all()
    codes = [c for c, data in candidates if json.loads(data).get("survey_code") == response_id]
    if not codes:
        return 0
    conn.execute(delete(t).where(t.c.kind == PLAN_KIND, t.c.code.in_(codes)))
    return len(codes)


def erase_doc(engine: Engine, model: type[Versioned], code: str) -> Erased:
    """Delete one plan or brainstorm (every version of it is the one row); then scrub."""
    t = schema.documents

    def action() -> int:
        with write_tx(engine) as conn:
            return conn.execute(delete(t).where(t.c.kind == model.KIND, t.c.code == code)).rowcount

    removed = retrying(action, f"erase the {model.KIND}")
    scrubbed, note = scrub(engine, [t])
    return Erased(docs={model.KIND: removed} if removed else {}, scrubbed=scrubbed, note=note)


def scrub(engine: Engine, tables: list[Table]) -> tuple[bool, str]:
    """Leave no copy of deleted rows in the database files; (done, a note for people).

    SQLite already overwrote the deleted rows with zeros (secure_delete=ON on every
    connection), but the journal (-wal) still holds the pages as they were before; a TRUNCATE
    checkpoint copies the new pages into the database file and cuts the journal to zero bytes.
    PostgreSQL gets a VACUUM of the touched tables, which needs a connection in autocommit.
    """
    if engine.dialect.name == "sqlite":
        return retrying(lambda: _sqlite_checkpoint(engine), "empty the database journal")
    names = ", ".join(engine.dialect.identifier_preparer.format_table(t) for t in tables)

    def vacuum() -> None:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f"VACUUM {names}")

    retrying(vacuum, "vacuum the database")
    return True, _(_PG_NOTE).format(tables=names)


def _sqlite_checkpoint(engine: Engine) -> tuple[bool, str]:
    # Straight on the driver connection: SQLAlchemy would open a transaction first (see the
    # "begin" hook in engine.py), and a checkpoint cannot finish inside one.
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        secure = cur.execute("PRAGMA secure_delete").fetchone()
        busy, frames, done = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cur.close()
    finally:
        raw.close()
    wal = f"{engine.url.database}-wal"
    if not secure or not secure[0]:  # pragma: no cover  (engine.py turns it on everywhere)
        return False, "secure_delete is off for this connection; deleted rows may stay readable."
    if busy or frames > 0 or done > 0:  # a finished TRUNCATE checkpoint reports (0, 0, 0)
        return False, _(_NOT_SCRUBBED).format(wal=wal)
    return True, ""
