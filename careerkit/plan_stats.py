"""How far development plans have come in a set of workshops, privacy-checked like every figure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from .plan import Plan
from .privacy import (
    DEFAULT_THRESHOLD,
    Breakdown,
    Tally,
    check_threshold,
    masked,
    note,
    suppress_line,
)

MEASURES = {
    "both_sides": "Actions for both the employee and the manager",
    "confirmed": "Confirmed by both",
}


def sides(plan: Plan) -> set[str]:
    """Who has actions in the plan: 'employee', 'manager' (an action owned by both counts for each)."""
    owners = {a.owner for g in plan.goals for a in g.actions}
    out = owners & {"employee", "manager"}
    return out | ({"employee", "manager"} if "both" in owners else set())


def plan_stats(
    plans: Sequence[Plan], workshops: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> Breakdown:
    """Plans started, with actions on both sides, and confirmed, over the workshops given.

    Workshops with fewer than `threshold` plans are left out. Each measure is shown with its
    complement (plans without it): both must reach the threshold, or the measure is hidden, since
    "started minus confirmed" would otherwise count a small group.
    """
    k = check_threshold(threshold)
    asked = list(dict.fromkeys(workshops))
    per_workshop = Counter(p.workshop for p in plans)
    shown = {w for w in asked if per_workshop[w] >= k}
    left_out = tuple(w for w in asked if w not in shown)
    mine = [p for p in plans if p.workshop in shown]
    started = len(mine)
    yes = {
        "both_sides": sum(sides(p) == {"employee", "manager"} for p in mine),
        "confirmed": sum(p.confirmed for p in mine),
    }
    table = pd.DataFrame(
        [[yes[m], started - yes[m]] for m in MEASURES], index=list(MEASURES), columns=["yes", "no"]
    )
    tally = Tally(line_word="group", left_out=left_out)
    hidden = []
    for m in MEASURES:
        row = table.loc[m].tolist()
        hide = suppress_line(row, k)
        if started >= k:
            tally.add_line(row, hide, k)
        hidden.append(hide)
    total = started if started >= k else None
    return Breakdown(
        title="Development plans",
        counts=masked(table, hidden),
        totals=pd.Series([total] * len(MEASURES), index=list(MEASURES), dtype="Int64"),
        row_labels=dict(MEASURES),
        column_labels={"yes": "Yes", "no": "Not yet"},
        threshold=k,
        note=note(tally, k),
    )
