"""For the facilitator: which organization goals drew accepted crossings in a workshop, and which none.

Only the organization's side is counted; nothing an employee wrote about themselves is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Brainstorm


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


@dataclass(frozen=True)
class SharedCrossings:
    """What the dashboard and the report may show of the crossings: see `shared_crossings`."""

    brainstorms: int  # rounded down to a whole step of the threshold
    drew: tuple[tuple[str, int], ...]  # (item text, brainstorms that crossed it, rounded down)
    few: tuple[str, ...]  # items crossed in too few (or too many) brainstorms to show a number
    left_out: tuple[str, ...]  # workshops with fewer brainstorms than the threshold
    threshold: int


def _step(n: int, k: int) -> int:
    return n - n % k


def shared_crossings(
    brainstorms: Iterable[Brainstorm], workshops: Sequence[str], threshold: int
) -> SharedCrossings:
    """Organization items by how many brainstorms crossed them, under the reporting threshold.

    Like every figure: workshops with fewer than `threshold` brainstorms count nowhere; in each
    workshop an item's number shows only when both the brainstorms that crossed it and those
    that did not reach the threshold; pooled over workshops, only when each workshop shows its
    part. Brainstorms change in place, so numbers are rounded down to whole steps of the
    threshold. Items with no number are listed together, so "nobody" and "few" look alike.
    """
    k = threshold
    by_workshop: dict[str, list[Brainstorm]] = defaultdict(list)
    for b in brainstorms:
        by_workshop[b.workshop or ""].append(b)
    asked = list(dict.fromkeys(workshops))
    shown = [w for w in asked if len(by_workshop[w]) >= k]
    items: dict[tuple[str, str], str] = {}
    parts: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for w in shown:
        stats = crossing_stats(by_workshop[w])
        for r in (*stats.most, *stats.none):
            items.setdefault((r.organization, r.item_id), r.text)
        for r in (*stats.most, *stats.none):
            ok = r.brainstorms >= k and stats.brainstorms - r.brainstorms >= k
            parts[(r.organization, r.item_id)].append(_step(r.brainstorms, k) if ok else None)
    drew, few = [], []
    for key, text in items.items():
        got = parts[key]
        if len(got) == len(shown) and all(n is not None for n in got):
            drew.append((text, sum(n or 0 for n in got)))
        else:
            few.append(text)
    return SharedCrossings(
        brainstorms=sum(_step(len(by_workshop[w]), k) for w in shown),
        drew=tuple(sorted(drew, key=lambda d: -d[1])),
        few=tuple(few),
        left_out=tuple(w for w in asked if w not in shown),
        threshold=k,
    )
