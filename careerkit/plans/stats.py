"""How far development plans have come in a set of workshops, privacy-checked like every figure.

Plain numbers (no pandas): careerkit.reporting turns them into a table and a chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from careerkit.languages import N_, _
from careerkit.privacy import (
    DEFAULT_THRESHOLD,
    Tally,
    check_threshold,
    note,
    pooled_line,
    released,
    suppress_line,
)

from .model import Plan

MEASURES = {  # shown through careerkit.languages._
    "both_sides": N_("Actions for both the employee and the manager"),
    "confirmed": N_("Confirmed by both"),
}


@dataclass(frozen=True)
class PlanFigures:
    """Per measure: [with it, without it], rounded down to steps, and which of the two are hidden."""

    lines: dict[str, tuple[list[int], list[bool]]]
    total: int  # plans the figures cover, rounded down to a step; 0 when none is shown
    threshold: int
    note: str


def sides(plan: Plan) -> set[str]:
    """Who has actions in the plan: 'employee', 'manager' (an action owned by both counts for each)."""
    owners = {a.owner for g in plan.goals for a in g.actions}
    out = owners & {"employee", "manager"}
    return out | ({"employee", "manager"} if "both" in owners else set())


def plan_stats(
    plans: Sequence[Plan], workshops: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> PlanFigures:
    """Plans started, with actions on both sides, and confirmed, over the workshops given.

    Workshops with fewer than `threshold` plans are left out. In each workshop, a measure is
    shown with its complement (plans without it): both must reach the threshold, or the measure
    is hidden, since "started minus confirmed" would otherwise count a small group. Plans change
    in place and carry no arrival order, so every number is rounded down to a whole step of
    `threshold` (with 5, 10 means 10 to 14): one person's change moves nothing until a step fills. Several
    workshops are pooled like every figure: a sum shows only when each workshop shows its part.
    """
    k = check_threshold(threshold)
    asked = list(dict.fromkeys(workshops))
    per_workshop = Counter(p.workshop for p in plans)
    shown = [w for w in asked if per_workshop[w] >= k]
    left_out = tuple(w for w in asked if w not in shown)
    tally = Tally(line_word="group", left_out=left_out)
    lines: dict[str, list[tuple[list[int], list[bool]]]] = {m: [] for m in MEASURES}
    total = 0
    for w in shown:
        mine = [p for p in plans if p.workshop == w]
        yes = {
            "both_sides": sum(sides(p) == {"employee", "manager"} for p in mine),
            "confirmed": sum(p.confirmed for p in mine),
        }
        total += released(len(mine), k)
        for m in MEASURES:
            exact = [yes[m], len(mine) - yes[m]]
            hide = suppress_line(exact, k)
            if len(shown) == 1:
                tally.add_line(exact, hide, k)
            lines[m].append(([released(v, k) for v in exact], hide))
    out: dict[str, tuple[list[int], list[bool]]] = {}
    for m in MEASURES:
        values, hide = pooled_line([v for v, _h in lines[m]], [h for _v, h in lines[m]])
        if not shown:
            values, hide = [0, 0], [True, True]
        elif len(shown) > 1:
            tally.add_pooled(values, hide, k)
        out[m] = (values, hide)
    words = note(tally, k)
    if shown:
        words = (words + " " if words else "") + (
            _(
                "Plan numbers are rounded down to steps of {k} ({double} means {double} to "
                "{below_triple}), so one person's change to a plan does not show on its own."
            ).format(k=k, double=2 * k, below_triple=3 * k - 1)
        )
    return PlanFigures(out, total, k, words)
