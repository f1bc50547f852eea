"""Frozen models of a development plan: goals, action items for both sides, check-ins, agreement."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from careerkit.errors import CareerkitError
from careerkit.languages import N_, _
from careerkit.model import Frozen, Orientation, Versioned

Owner = Literal["employee", "manager", "both"]
Status = Literal["not_started", "in_progress", "done", "dropped"]
GoalKind = Literal["development", "advancement"]
OWNERS: tuple[str, ...] = get_args(Owner)
STATUSES: tuple[str, ...] = get_args(Status)
# Shown through careerkit.languages._ where they are shown.
STATUS_LABELS = {
    "not_started": N_("Not started"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
OWNER_LABELS = {"employee": N_("Employee"), "manager": N_("Manager"), "both": N_("Both")}

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{4,32}$")]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]


class Action(Frozen):
    id: ItemId
    title: Title
    owner: Owner
    due: date | None = None
    status: Status = "not_started"


class Goal(Frozen):
    id: ItemId
    title: Title
    kind: GoalKind = "development"
    why_employee: Note = ""
    why_organization: Note = ""
    measure: Note = ""
    target: date | None = None
    actions: tuple[Action, ...] = ()


class StatusChange(Frozen):
    action_id: ItemId
    old: Status
    new: Status


class CheckIn(Frozen):
    id: ItemId
    on: date
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
    changes: tuple[StatusChange, ...] = ()


class Confirmation(Frozen):
    role: Literal["employee", "manager"]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    at: datetime


class Plan(Versioned):
    KIND = "plan"
    employee: Name = ""
    manager: Name = ""
    team: Name = ""
    review_date: date | None = None
    orientation: Orientation | None = None
    survey_code: str | None = Field(default=None, max_length=64)
    goals: tuple[Goal, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    confirmations: tuple[Confirmation, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        ids = [g.id for g in self.goals] + [a.id for g in self.goals for a in g.actions]
        ids += [c.id for c in self.checkins]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"ids must be unique within a plan; repeated: {', '.join(dupes)}")
        roles = [c.role for c in self.confirmations]
        if len(roles) != len(set(roles)):
            raise ValueError("each side confirms a plan at most once")
        return self

    def goal(self, goal_id: str) -> Goal:
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise CareerkitError(
            _("That goal is no longer in the plan; reload to see the latest version.")
        )

    def action(self, action_id: str) -> Action:
        for g in self.goals:
            for a in g.actions:
                if a.id == action_id:
                    return a
        raise CareerkitError(
            _("That action is no longer in the plan; reload to see the latest version.")
        )

    @property
    def confirmed(self) -> bool:
        """Both the employee and the manager have confirmed this version of the plan."""
        return {c.role for c in self.confirmations} == {"employee", "manager"}
