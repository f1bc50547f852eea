"""Frozen models of a crossing brainstorm: the employee's side, the pairs, and the whole document."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from careerkit.errors import CareerkitError
from careerkit.languages import N_
from careerkit.model import DocCode, Frozen, Ident, Versioned
from careerkit.model.org import (
    ORG_KIND_LABELS,
    ORG_KINDS,
    ItemText,
    OrgGoals,
    OrgItem,
    Tag,
    dupes,
)

EmployeeKind = Literal["career_goal", "skill", "role", "interest_work", "interest_outside"]
Origin = Literal["proposed", "own"]
CrossingStatus = Literal["proposed", "accepted", "rejected"]
EMPLOYEE_KINDS: tuple[str, ...] = get_args(EmployeeKind)
RATINGS = ("efficiency", "energy", "engagement")
EMPLOYEE_KIND_LABELS = {  # shown through careerkit.languages._
    "career_goal": N_("Career goal"),
    "skill": N_("Skill to grow"),
    "role": N_("Role I aim for"),
    "interest_work": N_("Interest at work"),
    "interest_outside": N_("Interest outside work"),
}

Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Rating = Annotated[int, Field(ge=1, le=5)]

__all__ = [  # the organization's side, re-exported for the crossings feature's own modules
    "EMPLOYEE_KINDS",
    "EMPLOYEE_KIND_LABELS",
    "ORG_KINDS",
    "ORG_KIND_LABELS",
    "RATINGS",
    "Brainstorm",
    "Crossing",
    "EmployeeItem",
    "ItemText",
    "OrgGoals",
    "OrgItem",
    "Tag",
]


class EmployeeItem(Frozen):
    """One thing the employee is after, at work or outside it."""

    id: Ident
    text: ItemText
    kind: EmployeeKind = "career_goal"
    tags: tuple[Tag, ...] = ()


class Crossing(Frozen):
    """A pair of one organization item and one employee item that can serve both at once."""

    org_item: Ident
    employee_item: Ident
    origin: Origin = "proposed"
    status: CrossingStatus = "proposed"
    reason: Reason = ""
    score: float = Field(default=0.0, ge=0, le=100)
    efficiency: Rating | None = None
    energy: Rating | None = None
    engagement: Rating | None = None
    sent_to_plan: DocCode | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.org_item, self.employee_item)


class Brainstorm(Versioned):
    """A manager and an employee looking for creative crossings; saved whole on each change."""

    KIND = "brainstorm"
    employee: Name = ""
    manager: Name = ""
    org: OrgGoals
    employee_items: tuple[EmployeeItem, ...] = ()
    crossings: tuple[Crossing, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Brainstorm:
        if dupes([e.id for e in self.employee_items]):
            raise ValueError("employee item ids must be unique within a brainstorm")
        org_ids = {o.id for o in self.org.items}
        employee_ids = {e.id for e in self.employee_items}
        pairs = [c.pair for c in self.crossings]
        if len(pairs) != len(set(pairs)):
            raise ValueError("each pair of items is crossed at most once")
        for c in self.crossings:
            if c.org_item not in org_ids or c.employee_item not in employee_ids:
                raise ValueError(f"crossing {c.org_item} x {c.employee_item} names a missing item")
        return self

    def employee_item(self, item_id: str) -> EmployeeItem:
        for item in self.employee_items:
            if item.id == item_id:
                return item
        raise CareerkitError("That item of yours is gone; reload to see the latest version.")

    def crossing(self, org_id: str, employee_id: str) -> Crossing | None:
        for c in self.crossings:
            if c.pair == (org_id, employee_id):
                return c
        return None

    @property
    def accepted(self) -> tuple[Crossing, ...]:
        return tuple(c for c in self.crossings if c.status == "accepted")
