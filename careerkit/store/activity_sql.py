"""Workshop activity in SQL: a few GROUP BY counts in one read, put together by activity.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select

from ..model import WorkshopActivity
from . import schema
from .activity import Tally, activity
from .drafts_sql import live
from .expiry import cutoff
from .records import aware, workshop_from


def workshop_activity(engine: Engine) -> list[WorkshopActivity]:
    """Every code with a workshop row, responses, live drafts or documents; most recent first."""
    r, d, doc, w = schema.responses, schema.drafts, schema.documents, schema.workshops
    with engine.connect() as conn, conn.begin():  # one snapshot for every count
        workshops = [workshop_from(row) for row in conn.execute(select(w)).mappings()]
        responses = {
            code: (int(n), _instant(t))
            for code, n, t in conn.execute(
                select(r.c.workshop, func.count(), func.max(r.c.submitted_at))
                .where(r.c.workshop.is_not(None))
                .group_by(r.c.workshop)
            )
        }
        drafts = {
            code: (int(n), _instant(t))
            for code, n, t in conn.execute(
                select(d.c.workshop, func.count(), func.max(d.c.updated_at))
                .where(d.c.workshop.is_not(None), *live(cutoff()))
                .group_by(d.c.workshop)
            )
        }
        docs: dict[tuple[str, str], Tally] = {
            (kind, code): (int(n), _instant(t))
            for kind, code, n, t in conn.execute(
                select(doc.c.kind, doc.c.workshop, func.count(), func.max(doc.c.updated_at))
                .where(doc.c.workshop.is_not(None))
                .group_by(doc.c.kind, doc.c.workshop)
            )
        }
    return activity(workshops, responses, drafts, docs)


def _instant(value: datetime | str | None) -> datetime | None:
    return None if value is None else aware(value)
