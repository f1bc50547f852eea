"""The decisions people make on crossings: accept, reject, pair themselves, withdraw, rate."""

from __future__ import annotations

from typing import Any

from careerkit.errors import CareerkitError

from .matching import score_pair
from .model import RATINGS, Brainstorm, Crossing


def _with(brainstorm: Brainstorm, crossing: Crossing) -> Brainstorm:
    """`brainstorm` with `crossing` stored (replacing the one for the same pair, if any)."""
    crossings = [c.model_dump() for c in brainstorm.crossings if c.pair != crossing.pair]
    crossings.append(crossing.model_dump())
    return Brainstorm.model_validate({**brainstorm.model_dump(), "crossings": crossings})


def _decide(brainstorm: Brainstorm, org_id: str, employee_id: str, status: str) -> Brainstorm:
    found = brainstorm.crossing(org_id, employee_id)
    if found is None:
        c = score_pair(brainstorm.org.item(org_id), brainstorm.employee_item(employee_id))
        data: dict[str, Any] = {"org_item": org_id, "employee_item": employee_id}
        data.update(origin="proposed", reason=c.reason, score=c.score)
    else:
        data = found.model_dump()
    return _with(brainstorm, Crossing.model_validate({**data, "status": status}))


def accept(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Both sides agree that this pair is worth pursuing."""
    return _decide(brainstorm, org_id, employee_id, "accepted")


def reject(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Not a crossing for us; it is remembered so it is not proposed again."""
    return _decide(brainstorm, org_id, employee_id, "rejected")


def add_own(brainstorm: Brainstorm, org_id: str, employee_id: str, reason: str = "") -> Brainstorm:
    """A crossing people saw themselves, between any two items; accepted at once."""
    found = brainstorm.crossing(org_id, employee_id)
    if found is not None and found.status == "accepted":
        raise CareerkitError("These two items are already an accepted crossing.")
    c = score_pair(brainstorm.org.item(org_id), brainstorm.employee_item(employee_id))
    crossing = Crossing.model_validate(
        {
            "org_item": org_id,
            "employee_item": employee_id,
            "origin": "own",
            "status": "accepted",
            "reason": reason.strip() or f"our own pairing ({c.reason})",
            "score": c.score,
        }
    )
    return _with(brainstorm, crossing)


def withdraw(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Undo a decision: the pair is forgotten (a proposed one may be proposed again)."""
    if brainstorm.crossing(org_id, employee_id) is None:
        raise CareerkitError("That crossing is no longer there; reload to see the latest version.")
    crossings = [c.model_dump() for c in brainstorm.crossings if c.pair != (org_id, employee_id)]
    return Brainstorm.model_validate({**brainstorm.model_dump(), "crossings": crossings})


def rate(
    brainstorm: Brainstorm, org_id: str, employee_id: str, **ratings: int | None
) -> Brainstorm:
    """Rate an accepted crossing from 1 to 5 on efficiency, energy and engagement (None clears)."""
    unknown = set(ratings) - set(RATINGS)
    if unknown:
        raise CareerkitError(f"Rate on {', '.join(RATINGS)}; not on {', '.join(sorted(unknown))}.")
    found = brainstorm.crossing(org_id, employee_id)
    if found is None or found.status != "accepted":
        raise CareerkitError("Accept the crossing before rating it.")
    return _with(brainstorm, Crossing.model_validate({**found.model_dump(), **ratings}))


def mark_sent(brainstorm: Brainstorm, org_id: str, employee_id: str, plan_code: str) -> Brainstorm:
    """Remember which plan an accepted crossing went to."""
    found = brainstorm.crossing(org_id, employee_id)
    if found is None:
        raise CareerkitError("That crossing is no longer there; reload to see the latest version.")
    return _with(
        brainstorm, Crossing.model_validate({**found.model_dump(), "sent_to_plan": plan_code})
    )
