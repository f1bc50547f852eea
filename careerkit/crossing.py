"""Frozen models of a crossing brainstorm: the organization's side, the employee's, and the pairs."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from .errors import CareerkitError
from .model import DEFER_CROSS_CHECK, DocCode, Frozen, Ident, Versioned

OrgKind = Literal["goal", "strategy", "need"]
EmployeeKind = Literal["career_goal", "skill", "role", "interest_work", "interest_outside"]
Origin = Literal["proposed", "own"]
CrossingStatus = Literal["proposed", "accepted", "rejected"]
ORG_KINDS: tuple[str, ...] = get_args(OrgKind)
EMPLOYEE_KINDS: tuple[str, ...] = get_args(EmployeeKind)
RATINGS = ("efficiency", "energy", "engagement")
ORG_KIND_LABELS = {"goal": "Goal", "strategy": "Strategy", "need": "Open need"}
EMPLOYEE_KIND_LABELS = {
    "career_goal": "Career goal",
    "skill": "Skill to grow",
    "role": "Role I aim for",
    "interest_work": "Interest at work",
    "interest_outside": "Interest outside work",
}

Tag = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
ItemText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Rating = Annotated[int, Field(ge=1, le=5)]
Loc = tuple[str | int, ...]


class OrgItem(Frozen):
    """One thing the organization is after: a goal, a strategy to reach it, or an open need."""

    id: Ident
    text: ItemText
    kind: OrgKind = "goal"
    tags: tuple[Tag, ...] = ()


class EmployeeItem(Frozen):
    """One thing the employee is after, at work or outside it."""

    id: Ident
    text: ItemText
    kind: EmployeeKind = "career_goal"
    tags: tuple[Tag, ...] = ()


def _dupes(ids: list[str]) -> list[int]:
    """Indexes of ids already seen earlier in the list."""
    seen: set[str] = set()
    found = []
    for i, item_id in enumerate(ids):
        if item_id in seen:
            found.append(i)
        seen.add(item_id)
    return found


class OrgGoals(Frozen):
    """An organization-goals file (survey/org/*.yaml), and the organization side of a brainstorm."""

    organization: ItemText
    intro: str = Field(default="", max_length=2000)
    items: tuple[OrgItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> OrgGoals:
        if info.context and info.context.get(DEFER_CROSS_CHECK):
            return self
        problems = org_cross_check(self)
        if problems:
            raise ValueError("; ".join(f"{'.'.join(map(str, loc))}: {m}" for loc, m in problems))
        return self

    def item(self, item_id: str) -> OrgItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise CareerkitError("That organization item is gone; reload to see the latest version.")


def org_cross_check(goals: OrgGoals) -> list[tuple[Loc, str]]:
    """Problems across items: a repeated item id, a tag given twice on one item."""
    problems: list[tuple[Loc, str]] = []
    for i in _dupes([item.id for item in goals.items]):
        item_id = goals.items[i].id
        problems.append((("items", i, "id"), f"duplicate item id '{item_id}'; give each its own"))
    for i, item in enumerate(goals.items):
        for t in _dupes(list(item.tags)):
            problems.append(
                (("items", i, "tags", t), f"tag '{item.tags[t]}' is given twice; keep one")
            )
    return problems


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
        if _dupes([e.id for e in self.employee_items]):
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
