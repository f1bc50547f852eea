"""Versioned documents in SQL: each save bumps the version; a save from a stale copy is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Engine, insert, select, update

from ..errors import VersionConflict
from ..model import Versioned
from . import schema
from .engine import write_tx

D = TypeVar("D", bound=Versioned)


def _row(doc: Versioned) -> dict[str, object]:
    return {
        "kind": doc.KIND,
        "code": doc.code,
        "version": doc.version,
        "workshop": doc.workshop,
        "updated_at": datetime.now(UTC),
        "data": doc.model_dump_json(),
    }


def create(engine: Engine, doc: D) -> D:
    """Store a new document as version 1."""
    first = doc.model_copy(update={"version": 1})
    with write_tx(engine) as conn:
        conn.execute(insert(schema.documents).values(_row(first)))
    return first


def get(engine: Engine, model: type[D], code: str) -> D | None:
    t = schema.documents
    with engine.connect() as conn:
        data = conn.execute(
            select(t.c.data).where(t.c.kind == model.KIND, t.c.code == code)
        ).scalar()
    return None if data is None else model.model_validate_json(data)


def save(engine: Engine, doc: D) -> D:
    """Store `doc` over the version it was loaded at; VersionConflict if someone saved in between."""
    newer = doc.model_copy(update={"version": doc.version + 1})
    t = schema.documents
    key = (t.c.kind == doc.KIND, t.c.code == doc.code)
    with write_tx(engine) as conn:
        stmt = (
            update(t)
            .where(*key, t.c.version == doc.version)
            .values(_row(newer))
            .returning(t.c.version)
        )
        if conn.execute(stmt).first() is None:
            found = conn.execute(select(t.c.version).where(*key)).scalar()
            if found is None:
                conn.execute(insert(t).values(_row(newer)))
                return newer
            raise VersionConflict(doc.KIND, int(found), doc.version)
    return newer


def list_docs(engine: Engine, model: type[D], workshops: list[str] | None) -> list[D]:
    t = schema.documents
    query = select(t.c.data).where(t.c.kind == model.KIND).order_by(t.c.updated_at, t.c.code)
    if workshops is not None:
        query = query.where(t.c.workshop.in_(workshops))
    with engine.connect() as conn:
        return [model.model_validate_json(d) for d in conn.execute(query).scalars()]
