"""Frozen models of an organization-goals file: what the organization is after, item by item.

Its own module in the base because the definitions layer reads these files, below the crossings
feature that uses them.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, ValidationInfo, model_validator

from ..errors import CareerkitError
from ..languages import N_
from .base import DEFER_CROSS_CHECK, Frozen, Ident, LangCode, Loc

OrgKind = Literal["goal", "strategy", "need"]
ORG_KINDS: tuple[str, ...] = get_args(OrgKind)
# Shown through careerkit.languages._ where they are shown.
ORG_KIND_LABELS = {"goal": N_("Goal"), "strategy": N_("Strategy"), "need": N_("Open need")}

Tag = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
ItemText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class OrgItem(Frozen):
    """One thing the organization is after: a goal, a strategy to reach it, or an open need."""

    id: Ident
    text: ItemText
    kind: OrgKind = "goal"
    tags: tuple[Tag, ...] = ()


def dupes(ids: list[str]) -> list[int]:
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
    #: The languages the file gives its texts in (the first is the default); empty: just one.
    languages: tuple[LangCode, ...] = ()

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
    for i in dupes([item.id for item in goals.items]):
        item_id = goals.items[i].id
        problems.append((("items", i, "id"), f"duplicate item id '{item_id}'; give each its own"))
    for i, item in enumerate(goals.items):
        for t in dupes(list(item.tags)):
            problems.append(
                (("items", i, "tags", t), f"tag '{item.tags[t]}' is given twice; keep one")
            )
    return problems
