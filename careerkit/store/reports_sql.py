"""Dashboard reads in SQL: long-form answers, per-response fields, answer counts; one query each.

Answer reads do not sort: ordering a million rows would double the time, and aggregates do not
need it (the in-memory twin sorts, for readable tests; compare the SQL results as sets).
`response_rows` comes in arrival order, which the dashboard's stepped releases rely on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Select, case, func, literal, select

from . import schema
from .reports import (
    ANSWER_COLUMNS,
    COUNT_COLUMNS,
    EDITION_COUNT_COLUMNS,
    ORIENTATION_COLUMNS,
    RESPONSE_COLUMNS,
    Row,
    Rows,
)


def _where(workshops: list[str], survey_id: str) -> list[Any]:
    r = schema.responses
    return [r.c.workshop.in_(workshops), r.c.survey_id == survey_id]


def _joined() -> Any:
    r, a = schema.responses, schema.answers
    return r.join(a, a.c.response_id == r.c.id)


def _fetch(engine: Engine, query: Select[Any]) -> list[Row]:
    with engine.connect() as conn:
        # Plain tuples, so callers (and pandas) get the same rows from either store.
        return [tuple(row) for row in conn.execute(query)]


def answer_rows(
    engine: Engine, workshops: list[str], survey_id: str, question_ids: list[str] | None = None
) -> Rows:
    """Answers of the responses to `survey_id` in `workshops`, one row per answered item."""
    r, a = schema.responses, schema.answers
    query = (
        select(
            r.c.id,
            r.c.workshop,
            r.c.orientation,
            r.c.advancement,
            r.c.development,
            a.c.question_id,
            a.c.seq,
            a.c.value_num,
            a.c.value_text,
            r.c.edition,
        )
        .select_from(_joined())
        .where(*_where(workshops, survey_id))
    )
    if question_ids is not None:
        query = query.where(a.c.question_id.in_(question_ids))
    return list(ANSWER_COLUMNS), _fetch(engine, query)


def response_rows(engine: Engine, workshops: list[str], survey_id: str) -> Rows:
    """Per-response fields (no names, no times, no answers) of `survey_id` in `workshops`."""
    r = schema.responses
    query = (
        select(r.c.id, r.c.workshop, r.c.orientation, r.c.advancement, r.c.development, r.c.edition)
        .where(*_where(workshops, survey_id))
        .order_by(r.c.submitted_at, r.c.id)
    )
    return list(RESPONSE_COLUMNS), _fetch(engine, query)


def _first_arrived(
    workshops: list[str], survey_id: str, upto: dict[str, int], by_edition: bool = False
) -> Any:
    """Ids, workshops, orientations (and editions) of the first `upto[w]` responses of each w."""
    r = schema.responses
    rank = func.row_number().over(partition_by=r.c.workshop, order_by=(r.c.submitted_at, r.c.id))
    kept = [r.c.id, r.c.workshop, r.c.orientation, *([r.c.edition] if by_edition else [])]
    ranked = select(*kept, rank.label("arrival")).where(*_where(workshops, survey_id)).subquery()
    limit = (
        case(*[(ranked.c.workshop == w, m) for w, m in upto.items()], else_=0)
        if upto
        else literal(0)
    )
    out = [
        ranked.c.id,
        ranked.c.workshop,
        ranked.c.orientation,
        *([ranked.c.edition] if by_edition else []),
    ]
    return select(*out).where(ranked.c.arrival <= limit).subquery()


def answer_counts(
    engine: Engine,
    workshops: list[str],
    survey_id: str,
    upto: dict[str, int] | None = None,
    by_edition: bool = False,
) -> Rows:
    """How many answers hold each value, by workshop and question: counted by the database.

    With `upto`, only the first `upto[w]` responses of each workshop w count (arrival order:
    submission time, then id).
    """
    a = schema.answers
    if upto is None:
        r: Any = schema.responses
        source, where = _joined(), _where(workshops, survey_id)
    else:
        r = _first_arrived(workshops, survey_id, upto, by_edition)
        source, where = r.join(a, a.c.response_id == r.c.id), []
    keys: tuple[Any, ...] = (r.c.workshop, a.c.question_id, a.c.value_num, a.c.value_text)
    if by_edition:  # only for surveys whose editions differ: one more key slows the GROUP BY
        keys = (*keys, r.c.edition)
    query = (
        select(*keys, func.count(), func.sum(case((a.c.seq == 0, 1), else_=0)))
        .select_from(source)
        .where(*where)
        .group_by(*keys)
    )
    rows = [(*row[:-2], int(row[-2]), int(row[-1])) for row in _fetch(engine, query)]
    return list(EDITION_COUNT_COLUMNS if by_edition else COUNT_COLUMNS), rows


def orientation_counts(
    engine: Engine, workshops: list[str], survey_id: str, upto: dict[str, int] | None = None
) -> Rows:
    """Responses per workshop, orientation and edition (`upto` as in `answer_counts`)."""
    if upto is None:
        r: Any = schema.responses
        where = _where(workshops, survey_id)
    else:
        r, where = _first_arrived(workshops, survey_id, upto, by_edition=True), []
    keys = (r.c.workshop, r.c.orientation, r.c.edition)
    query = select(*keys, func.count()).select_from(r).where(*where).group_by(*keys)
    rows = _fetch(engine, query)
    return list(ORIENTATION_COLUMNS), [(w, o, e, int(n)) for w, o, e, n in rows]
