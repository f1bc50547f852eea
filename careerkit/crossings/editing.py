"""Editing a crossing brainstorm's two sides: pure functions that return a new, validated brainstorm."""

from __future__ import annotations

import re
import secrets
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.model import new_doc_code

from .model import Brainstorm, EmployeeItem, OrgGoals, OrgItem

_NOT_TAG = re.compile(r"[^a-z0-9]+")


def new_brainstorm(org: OrgGoals, workshop: str | None = None) -> Brainstorm:
    """A fresh brainstorm over a copy of the organization's goals (edits stay in this session)."""
    return Brainstorm(code=new_doc_code(), workshop=workshop, org=org)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed ("Leadership, cloud migration") in stored form ("leadership", "cloud_migration")."""
    tags: list[str] = []
    for part in re.split(r"[,;#]", text):
        tag = _NOT_TAG.sub("_", part.strip().lower()).strip("_")[:40].rstrip("_")
        if not tag:
            continue
        if not tag[0].isalpha():
            raise CareerkitError(f"A tag starts with a letter; change '{part.strip()}'.")
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _rebuild(brainstorm: Brainstorm, **changes: Any) -> Brainstorm:
    return Brainstorm.model_validate({**brainstorm.model_dump(), **changes})


def update_names(
    brainstorm: Brainstorm, *, employee: str | None = None, manager: str | None = None
) -> Brainstorm:
    changes = {k: v for k, v in (("employee", employee), ("manager", manager)) if v is not None}
    return _rebuild(brainstorm, **changes)


def add_org_item(
    brainstorm: Brainstorm, text: str, kind: str = "goal", tags: str = ""
) -> Brainstorm:
    """Add something the organization needs that came up in the conversation."""
    if not text.strip():
        raise CareerkitError("Type the organization's goal, strategy or need first.")
    item = OrgItem.model_validate(
        {"id": f"org_{secrets.token_hex(3)}", "text": text, "kind": kind, "tags": parse_tags(tags)}
    )
    org = brainstorm.org.model_dump()
    org["items"] = [*org["items"], item.model_dump()]
    return _rebuild(brainstorm, org=org)


def remove_org_item(brainstorm: Brainstorm, item_id: str) -> Brainstorm:
    """Take an organization item off this brainstorm, with the crossings that use it."""
    brainstorm.org.item(item_id)
    if len(brainstorm.org.items) == 1:
        raise CareerkitError(
            "Keep at least one organization item; add another before removing this one."
        )
    org = brainstorm.org.model_dump()
    org["items"] = [i for i in org["items"] if i["id"] != item_id]
    crossings = [c.model_dump() for c in brainstorm.crossings if c.org_item != item_id]
    return _rebuild(brainstorm, org=org, crossings=crossings)


def add_employee_item(
    brainstorm: Brainstorm, text: str, kind: str = "career_goal", tags: str = ""
) -> Brainstorm:
    """Add one of the employee's goals, skills, aimed-for roles or interests."""
    if not text.strip():
        raise CareerkitError("Type your goal, skill, role or interest first.")
    item = EmployeeItem.model_validate(
        {"id": f"me_{secrets.token_hex(3)}", "text": text, "kind": kind, "tags": parse_tags(tags)}
    )
    items = [*(e.model_dump() for e in brainstorm.employee_items), item.model_dump()]
    return _rebuild(brainstorm, employee_items=items)


def remove_employee_item(brainstorm: Brainstorm, item_id: str) -> Brainstorm:
    """Take an employee item off, with the crossings that use it."""
    brainstorm.employee_item(item_id)
    items = [e.model_dump() for e in brainstorm.employee_items if e.id != item_id]
    crossings = [c.model_dump() for c in brainstorm.crossings if c.employee_item != item_id]
    return _rebuild(brainstorm, employee_items=items, crossings=crossings)


def edit_item(
    brainstorm: Brainstorm, side: str, item_id: str, text: str, kind: str, tags: str = ""
) -> Brainstorm:
    """Reword an item, or change its kind or tags, in place (`side`: "org" or "employee").

    Its crossings stay with it; proposals are worked out again from the new words and tags.
    """
    if not text.strip():
        raise CareerkitError("An item needs some words; remove it instead if it no longer applies.")
    new = {"id": item_id, "text": text, "kind": kind, "tags": parse_tags(tags)}
    if side == "org":
        brainstorm.org.item(item_id)  # says so if another tab removed it meanwhile
        org = brainstorm.org.model_dump()
        org["items"] = [new if i["id"] == item_id else i for i in org["items"]]
        return _rebuild(brainstorm, org=org)
    brainstorm.employee_item(item_id)
    items = [new if e.id == item_id else e.model_dump() for e in brainstorm.employee_items]
    return _rebuild(brainstorm, employee_items=items)
