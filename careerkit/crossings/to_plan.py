"""Sending an accepted crossing to the development plan: a goal with first actions for both sides."""

from __future__ import annotations

from typing import Any

from careerkit.errors import CareerkitError
from careerkit.languages import _
from careerkit.plans.editing import add_action, add_goal
from careerkit.plans.model import Plan

from .model import EMPLOYEE_KIND_LABELS, ORG_KIND_LABELS, RATINGS, Brainstorm, Crossing

_ORG_ACTIONS = {
    "goal": (
        "Propose one concrete way I can contribute to: {org}",
        "Introduce the employee to the people driving: {org}",
    ),
    "strategy": (
        "Find out how we carry out this strategy and pick one part to join: {org}",
        "Make room in the employee's workload to join the work on: {org}",
    ),
    "need": (
        "Offer to take on a first, small part of: {org}",
        "Agree scope, time and support for the employee's part in: {org}; tell the team",
    ),
}
_EMPLOYEE_ACTIONS = {
    "career_goal": "Write down how this work moves me towards: {emp}",
    "skill": "Choose how I will practise and show this skill here: {emp}",
    "role": "List the experience this work gives me for the role I aim for: {emp}",
    "interest_work": "Note what keeps this interest alive in the work: {emp}",
    "interest_outside": "Name what I bring from outside work: {emp}",
}
_CHECK_IN = "Check in after a month: does this serve both sides, and does it give energy?"


def _clip(text: str, size: int = 300) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def to_plan_goal(brainstorm: Brainstorm, crossing: Crossing) -> dict[str, Any]:
    """A plan goal for an accepted crossing, with first actions for the employee and the manager."""
    org = brainstorm.org.item(crossing.org_item)
    emp = brainstorm.employee_item(crossing.employee_item)
    mine, manager = _ORG_ACTIONS[org.kind]
    rated = [f"{n} {getattr(crossing, n)}/5" for n in RATINGS if getattr(crossing, n) is not None]
    measure = (
        f"Expected payoff, rated in the crossings brainstorm: {', '.join(rated)}."
        if rated
        else "At the next review both sides can name what this brought the organization and me."
    )
    owner_of = brainstorm.org.organization
    return {
        "title": _clip(f"{emp.text} - through: {org.text}"),
        "kind": "advancement" if emp.kind == "role" else "development",
        "why_employee": f"{_(EMPLOYEE_KIND_LABELS[emp.kind])}: {emp.text}",
        "why_organization": f"{owner_of}, {_(ORG_KIND_LABELS[org.kind]).lower()}: {org.text}",
        "measure": measure,
        "actions": [
            {"title": _clip(mine.format(org=org.text)), "owner": "employee"},
            {"title": _clip(_EMPLOYEE_ACTIONS[emp.kind].format(emp=emp.text)), "owner": "employee"},
            {"title": _clip(manager.format(org=org.text)), "owner": "manager"},
            {"title": _CHECK_IN, "owner": "both"},
        ],
    }


def send_to_plan(plan: Plan, brainstorm: Brainstorm, org_id: str, employee_id: str) -> Plan:
    """`plan` with the accepted crossing added as a goal and its first actions."""
    crossing = brainstorm.crossing(org_id, employee_id)
    if crossing is None or crossing.status != "accepted":
        raise CareerkitError("Accept the crossing before sending it to a plan.")
    goal = to_plan_goal(brainstorm, crossing)
    if crossing.sent_to_plan == plan.code or any(g.title == goal["title"] for g in plan.goals):
        raise CareerkitError("This crossing is already a goal in that plan.")
    actions = goal.pop("actions")
    plan = add_goal(plan, goal.pop("title"), **goal)
    goal_id = plan.goals[-1].id
    for action in actions:
        plan = add_action(plan, goal_id, action["title"], action["owner"])
    return plan
