"""Workshop activity: per code, its workshop row and what it holds, most recently active first.

Free of SQLAlchemy: the SQL store (activity_sql.py) and the in-memory store gather the counts
their own way and both put them together here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from ..model import Workshop, WorkshopActivity

#: How many rows there are and the latest instant among them.
Tally = tuple[int, datetime | None]

# Document kinds counted (Plan.KIND, Brainstorm.KIND: spelled out to keep the store below them).
PLAN_KIND = "plan"
BRAINSTORM_KIND = "brainstorm"
_NONE: Tally = (0, None)


def activity(
    workshops: Iterable[Workshop],
    responses: Mapping[str, Tally],
    drafts: Mapping[str, Tally],
    docs: Mapping[tuple[str, str], Tally],
) -> list[WorkshopActivity]:
    """One entry per code seen anywhere; `docs` is keyed by (kind, workshop code)."""
    rows = {w.code: w for w in workshops}
    codes = set(rows) | set(responses) | set(drafts) | {code for _kind, code in docs}
    found = []
    for code in codes:
        w = rows.get(code)
        doc_times = [t for (_kind, c), (_n, t) in docs.items() if c == code]
        instants = [
            w.created_at if w else None,
            responses.get(code, _NONE)[1],
            drafts.get(code, _NONE)[1],
            *doc_times,
        ]
        known = [t.astimezone(UTC) for t in instants if t is not None]
        found.append(
            WorkshopActivity(
                code=code,
                name=w.name if w else None,
                created_at=w.created_at if w else None,
                closed_at=w.closed_at if w else None,
                responses=responses.get(code, _NONE)[0],
                drafts=drafts.get(code, _NONE)[0],
                plans=docs.get((PLAN_KIND, code), _NONE)[0],
                brainstorms=docs.get((BRAINSTORM_KIND, code), _NONE)[0],
                last_active=max(known) if known else None,
            )
        )
    return sorted(found, key=_recent_first)


def _recent_first(a: WorkshopActivity) -> tuple[bool, float, str]:
    # Codes without any instant go last; ties are broken by code, so the order is stable.
    return (a.last_active is None, -a.last_active.timestamp() if a.last_active else 0.0, a.code)
