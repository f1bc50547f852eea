"""For the facilitator: which organization goals drew accepted crossings in a workshop, and which none.

Only the organization's side is counted; nothing an employee wrote about themselves is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .crossing import Brainstorm


@dataclass(frozen=True)
class OrgItemCount:
    """How often one organization item was crossed with an employee's own goals."""

    organization: str
    item_id: str
    text: str
    kind: str
    accepted: int  # accepted crossings, over all brainstorms
    brainstorms: int  # brainstorms with at least one accepted crossing to this item
    sent_to_plan: int  # accepted crossings that became a goal in a development plan


@dataclass(frozen=True)
class CrossingStats:
    """Counts over a set of brainstorms, e.g. one workshop's."""

    brainstorms: int
    accepted: int
    most: tuple[OrgItemCount, ...]  # items with accepted crossings, most first
    none: tuple[OrgItemCount, ...]  # items nobody crossed, in the order they were listed


def crossing_stats(brainstorms: Iterable[Brainstorm]) -> CrossingStats:
    """Accepted crossings per organization item (items added in a session count too)."""
    counts: dict[tuple[str, str], list[int]] = {}
    about: dict[tuple[str, str], tuple[str, str]] = {}
    total = accepted = 0
    for b in brainstorms:
        total += 1
        org = b.org.organization
        for item in b.org.items:
            key = (org, item.id)
            about.setdefault(key, (item.text, item.kind))
            counts.setdefault(key, [0, 0, 0])
        crossed: set[str] = set()
        for c in b.accepted:
            row = counts[(org, c.org_item)]
            row[0] += 1
            row[2] += c.sent_to_plan is not None
            crossed.add(c.org_item)
            accepted += 1
        for item_id in crossed:
            counts[(org, item_id)][1] += 1
    rows = [
        OrgItemCount(org, item_id, *about[(org, item_id)], *counts[(org, item_id)])
        for org, item_id in counts
    ]
    most = sorted((r for r in rows if r.accepted), key=lambda r: (-r.accepted, -r.brainstorms))
    return CrossingStats(
        brainstorms=total,
        accepted=accepted,
        most=tuple(most),
        none=tuple(r for r in rows if not r.accepted),
    )
