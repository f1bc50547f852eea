"""Editing a development plan: pure functions that return a new, validated plan."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.languages import N_, _
from careerkit.model import Orientation, new_doc_code

from .model import Action, CheckIn, Confirmation, Goal, Plan, StatusChange

#: Plan codes are document codes (careerkit.model.new_doc_code).
new_plan_code = new_doc_code


def new_item_id() -> str:
    return secrets.token_hex(4)


def _rebuild(plan: Plan, **changes: Any) -> Plan:
    data = plan.model_dump()
    data.update(changes)
    new = Plan.model_validate(data)
    if _substance(new.goals) != _substance(plan.goals) and plan.confirmations:
        new = Plan.model_validate({**new.model_dump(), "confirmations": ()})
    return new


def _substance(goals: tuple[Goal, ...]) -> list[Any]:
    """What both sides agreed to: goals and actions, without progress (status) changes."""
    return [
        {
            **g.model_dump(exclude={"actions"}),
            "actions": [a.model_dump(exclude={"status"}) for a in g.actions],
        }
        for g in goals
    ]


def update_header(plan: Plan, **fields: Any) -> Plan:
    allowed = {
        "employee",
        "manager",
        "team",
        "review_date",
        "orientation",
        "survey_code",
        "workshop",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise CareerkitError(
            _("Unknown plan field(s): {names}").format(names=", ".join(sorted(unknown)))
        )
    return _rebuild(plan, **fields)


def add_goal(plan: Plan, title: str, **fields: Any) -> Plan:
    goal = Goal.model_validate({"id": new_item_id(), "title": title, **fields})
    return _rebuild(plan, goals=[*plan.model_dump()["goals"], goal.model_dump()])


_GOAL_FIELDS = {"title", "kind", "why_employee", "why_organization", "measure", "target"}
_ACTION_FIELDS = {"title", "owner", "due", "status"}


def _only(fields: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise CareerkitError(f"A {what} has no field(s) {', '.join(sorted(unknown))}")


def update_goal(plan: Plan, goal_id: str, **fields: Any) -> Plan:
    _only(fields, _GOAL_FIELDS | {"actions"}, "goal")
    plan.goal(goal_id)
    goals = [
        {**g.model_dump(), **fields} if g.id == goal_id else g.model_dump() for g in plan.goals
    ]
    return _rebuild(plan, goals=goals)


def remove_goal(plan: Plan, goal_id: str) -> Plan:
    plan.goal(goal_id)
    return _rebuild(plan, goals=[g.model_dump() for g in plan.goals if g.id != goal_id])


def add_action(plan: Plan, goal_id: str, title: str, owner: str, due: date | None = None) -> Plan:
    goal = plan.goal(goal_id)
    action = Action.model_validate(
        {"id": new_item_id(), "title": title, "owner": owner, "due": due}
    )
    return update_goal(
        plan, goal_id, actions=[*(a.model_dump() for a in goal.actions), action.model_dump()]
    )


def update_action(plan: Plan, action_id: str, **fields: Any) -> Plan:
    _only(fields, _ACTION_FIELDS, "action")
    plan.action(action_id)
    goals = []
    for g in plan.goals:
        actions = [
            {**a.model_dump(), **fields} if a.id == action_id else a.model_dump() for a in g.actions
        ]
        goals.append({**g.model_dump(), "actions": actions})
    return _rebuild(plan, goals=goals)


def remove_action(plan: Plan, action_id: str) -> Plan:
    plan.action(action_id)
    goals = [
        {**g.model_dump(), "actions": [a.model_dump() for a in g.actions if a.id != action_id]}
        for g in plan.goals
    ]
    return _rebuild(plan, goals=goals)


def add_checkin(plan: Plan, on: date, note: str, statuses: dict[str, str] | None = None) -> Plan:
    """Record a dated check-in; `statuses` moves actions on (action id -> new status)."""
    changes = []
    for action_id, new in (statuses or {}).items():
        old = plan.action(action_id).status
        if old != new:
            changes.append(
                StatusChange.model_validate({"action_id": action_id, "old": old, "new": new})
            )
    checkin = CheckIn(id=new_item_id(), on=on, note=note, changes=tuple(changes))
    for change in changes:
        plan = update_action(plan, change.action_id, status=change.new)
    return _rebuild(plan, checkins=[*plan.model_dump()["checkins"], checkin.model_dump()])


def confirm(plan: Plan, role: str, name: str, at: datetime) -> Plan:
    """One side confirms the plan as it stands; confirming again replaces that side's entry."""
    if not plan.goals:
        raise CareerkitError(_("Add at least one goal before confirming the plan."))
    entry = Confirmation.model_validate({"role": role, "name": name, "at": at})
    kept = [c.model_dump() for c in plan.confirmations if c.role != role]
    return Plan.model_validate({**plan.model_dump(), "confirmations": [*kept, entry.model_dump()]})


def commitments(plan: Plan) -> dict[str, list[tuple[Goal, Action]]]:
    """What each side has committed to; actions owned by both appear on both sides."""
    sides: dict[str, list[tuple[Goal, Action]]] = {"employee": [], "manager": []}
    for g in plan.goals:
        for a in g.actions:
            for side in sides:
                if a.owner in (side, "both"):
                    sides[side].append((g, a))
    return sides


def warnings(plan: Plan) -> list[str]:
    """Goals that one side does not yet hold up: no action for the employee or for the manager."""
    found = []
    for g in plan.goals:
        owners = {a.owner for a in g.actions if a.status != "dropped"}
        if not owners & {"employee", "both"}:
            found.append(
                _("Goal “{title}” has no action for the employee yet.").format(title=g.title)
            )
        if not owners & {"manager", "both"}:
            found.append(
                _("Goal “{title}” has no action for the manager yet.").format(title=g.title)
            )
    return found


_STARTERS: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "development": [
        (
            N_("Deepen a core skill of my current role"),
            "development",
            [
                (N_("Pick the skill and a course or mentor"), "employee"),
                (N_("Set aside learning time each week"), "manager"),
            ],
        ),
        (
            N_("Earn a certification that my role values"),
            "development",
            [
                (N_("Choose the certification and book the exam"), "employee"),
                (N_("Approve budget and study time"), "manager"),
            ],
        ),
    ],
    "advancement": [
        (
            N_("Take on more responsibility"),
            "advancement",
            [
                (N_("Name the role I am aiming for"), "employee"),
                (N_("Offer a stretch assignment within three months"), "manager"),
            ],
        ),
        (
            N_("Make my work visible to senior leaders"),
            "advancement",
            [
                (N_("Present one result to the leadership team"), "employee"),
                (N_("Create the opportunity to present"), "manager"),
            ],
        ),
    ],
}
_STARTERS["both"] = [_STARTERS["development"][0], _STARTERS["advancement"][0]]
_STARTERS["undecided"] = [
    (
        N_("Find out which direction fits me"),
        "development",
        [
            (N_("Shadow someone in a role I am curious about"), "employee"),
            (N_("Arrange the shadowing day"), "manager"),
        ],
    ),
]


def starter_goals(orientation: Orientation) -> list[dict[str, Any]]:
    """Suggested first goals for an orientation, each with actions for both sides."""
    return [
        {
            "title": _(title),
            "kind": kind,
            "actions": [{"title": _(t), "owner": o} for t, o in actions],
        }
        for title, kind, actions in _STARTERS[orientation]
    ]


def add_starter(plan: Plan, suggestion: dict[str, Any]) -> Plan:
    """Add one suggested goal with its actions."""
    plan = add_goal(plan, suggestion["title"], kind=suggestion["kind"])
    goal_id = plan.goals[-1].id
    for action in suggestion["actions"]:
        plan = add_action(plan, goal_id, action["title"], action["owner"])
    return plan
