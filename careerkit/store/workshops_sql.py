"""Workshops in SQL: join codes, names, closing or reopening them, and their release thresholds."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from ..errors import CareerkitError, WorkshopClosed
from ..model import Workshop
from . import schema
from .engine import write_tx
from .records import workshop_from, workshop_row

#: Join codes avoid look-alike characters (0/O, 1/I/L) so they can be read off a slide.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create(engine: Engine, name: str, code: str | None = None, **fields: Any) -> Workshop:
    """A new workshop with a fresh join code (or the code given, if still free).

    `fields`: its survey, expected room size and language (model.Workshop), where given.
    """
    for _ in range(20):
        workshop = Workshop(
            code=code or new_code(), name=name, created_at=datetime.now(UTC), **fields
        )
        try:
            with write_tx(engine) as conn:
                conn.execute(insert(schema.workshops).values(workshop_row(workshop)))
            return workshop
        except IntegrityError:
            if code is not None:
                raise CareerkitError(
                    f"Workshop code {code} is already taken; choose another."
                ) from None
    raise CareerkitError("Could not find a free workshop code; try again.")  # pragma: no cover


def get(engine: Engine, code: str) -> Workshop | None:
    with engine.connect() as conn:
        row = (
            conn.execute(select(schema.workshops).where(schema.workshops.c.code == code))
            .mappings()
            .first()
        )
    return None if row is None else workshop_from(row)


def list_all(engine: Engine) -> list[Workshop]:
    t = schema.workshops
    with engine.connect() as conn:
        rows = conn.execute(select(t).order_by(t.c.created_at, t.c.code)).mappings()
        return [workshop_from(r) for r in rows]


def set_closed(engine: Engine, code: str, closed: bool) -> Workshop:
    t = schema.workshops
    with write_tx(engine) as conn:
        value = datetime.now(UTC) if closed else None
        found = conn.execute(
            update(t).where(t.c.code == code).values(closed_at=value).returning(t.c.code)
        ).first()
    if found is None:
        raise CareerkitError(f"No workshop with code {code}; `careerkit workshop list` shows them.")
    workshop = get(engine, code)
    assert workshop is not None  # noqa: S101  (just updated)
    return workshop


def ensure_open(conn: Connection, code: str | None) -> None:
    """Inside a write transaction: refuse answers for a closed workshop (unknown codes pass)."""
    if code is not None and is_closed(conn, code):
        raise WorkshopClosed(code)


def is_closed(conn: Connection, code: str | None) -> bool:
    """Whether `code` names a workshop that was closed (no code, or an unknown one: False)."""
    if code is None:
        return False
    t = schema.workshops
    closed = conn.execute(select(t.c.closed_at).where(t.c.code == code)).first()
    return closed is not None and closed.closed_at is not None


def thresholds(engine: Engine, codes: list[str]) -> dict[str, int]:
    """The release threshold stored for each of these codes that has one."""
    chosen = list(dict.fromkeys(codes))
    if not chosen:
        return {}
    t = schema.releases
    with engine.connect() as conn:
        rows = conn.execute(select(t.c.workshop, t.c.threshold).where(t.c.workshop.in_(chosen)))
        return {str(r.workshop): int(r.threshold) for r in rows}


def set_threshold(engine: Engine, codes: list[str], threshold: int) -> None:
    """Store `threshold` for each code (one transaction; a code's earlier value is replaced)."""
    chosen = list(dict.fromkeys(codes))
    if not chosen:
        return
    t = schema.releases
    now = datetime.now(UTC)
    with write_tx(engine) as conn:
        builder = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        stmt = builder(t).values(
            [{"workshop": c, "threshold": threshold, "updated_at": now} for c in chosen]
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["workshop"],
                set_={"threshold": stmt.excluded.threshold, "updated_at": stmt.excluded.updated_at},
            )
        )
