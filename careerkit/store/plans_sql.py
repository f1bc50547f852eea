"""Plans in SQL: each save bumps the version, and a save from a stale copy is refused."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from ..errors import PlanConflict
from ..plan import Plan
from . import schema
from .engine import write_tx

_CONFLICT = (
    "this plan was changed in another window or by someone else (now at version {found}, "
    "this page has version {mine}). Reload to see the latest version, then make your change again."
)


def _row(plan: Plan) -> dict[str, object]:
    return {
        "code": plan.code,
        "version": plan.version,
        "workshop": plan.workshop,
        "updated_at": datetime.now(UTC),
        "data": plan.model_dump_json(),
    }


def create(engine: Engine, plan: Plan) -> Plan:
    """Store a new plan as version 1."""
    first = plan.model_copy(update={"version": 1})
    with write_tx(engine) as conn:
        conn.execute(insert(schema.plans).values(_row(first)))
    return first


def get(engine: Engine, code: str) -> Plan | None:
    with engine.connect() as conn:
        data = conn.execute(select(schema.plans.c.data).where(schema.plans.c.code == code)).scalar()
    return None if data is None else Plan.model_validate_json(data)


def save(engine: Engine, plan: Plan) -> Plan:
    """Store `plan` over the version it was loaded at; PlanConflict if someone saved in between."""
    newer = plan.model_copy(update={"version": plan.version + 1})
    t = schema.plans
    with write_tx(engine) as conn:
        stmt = (
            update(t)
            .where(t.c.code == plan.code, t.c.version == plan.version)
            .values(_row(newer))
            .returning(t.c.version)
        )
        if conn.execute(stmt).first() is None:
            found = conn.execute(select(t.c.version).where(t.c.code == plan.code)).scalar()
            if found is None:
                conn.execute(insert(t).values(_row(newer)))
                return newer
            raise PlanConflict(_CONFLICT.format(found=found, mine=plan.version))
    return newer


def list_plans(engine: Engine, workshop: str | None) -> list[Plan]:
    t = schema.plans
    query = select(t.c.data).order_by(t.c.updated_at, t.c.code)
    if workshop is not None:
        query = query.where(t.c.workshop == workshop)
    with engine.connect() as conn:
        return [Plan.model_validate_json(d) for d in conn.execute(query).scalars()]
