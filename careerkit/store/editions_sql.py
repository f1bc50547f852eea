"""Survey editions in SQL: each definition stored once, and which edition each response answered."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Edition
from . import schema
from .engine import write_tx
from .records import edition_from, edition_row


def record(engine: Engine, edition: Edition) -> bool:
    """Store `edition` unless its digest is already stored; True when this call stored it."""
    builder = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    stmt = (
        builder(schema.editions)
        .values(edition_row(edition))
        .on_conflict_do_nothing(index_elements=["digest"])
        .returning(schema.editions.c.digest)
    )
    with write_tx(engine) as conn:
        return conn.execute(stmt).first() is not None


def editions(engine: Engine, survey_id: str | None) -> list[Edition]:
    """The stored editions (of one survey, or all), oldest first."""
    e = schema.editions
    query = select(e).order_by(e.c.survey_id, e.c.first_seen, e.c.digest)
    if survey_id is not None:
        query = query.where(e.c.survey_id == survey_id)
    with engine.connect() as conn:
        return [edition_from(row) for row in conn.execute(query).mappings()]


def counts(engine: Engine, survey_id: str) -> dict[str | None, int]:
    """Responses to `survey_id` per edition digest (None: not matched to an edition yet)."""
    r = schema.responses
    query = (
        select(r.c.edition, func.count()).where(r.c.survey_id == survey_id).group_by(r.c.edition)
    )
    with engine.connect() as conn:
        return {digest: int(n) for digest, n in conn.execute(query)}


def adopt(engine: Engine, survey_id: str, digest: str, ids: Sequence[str]) -> int:
    """Mark these responses of `survey_id` as answers to edition `digest`, where none is set."""
    r = schema.responses
    done = 0
    with write_tx(engine) as conn:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            result = conn.execute(
                update(r)
                .where(r.c.id.in_(chunk), r.c.survey_id == survey_id, r.c.edition.is_(None))
                .values(edition=digest)
            )
            done += int(result.rowcount or 0)
    return done
