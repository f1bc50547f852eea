"""A value a document's model refuses, said plainly in the reader's language (not pydantic's English).

Plan and brainstorm screens validate each edit with the model before saving it; the first
problem is named by its field and a short reason: "title: must not be empty".
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from careerkit.languages import N_, _

#: The fields people type into, named as the screens name them.
FIELD_NAMES = {
    "title": N_("title"),
    "text": N_("text"),
    "note": N_("note"),
    "name": N_("name"),
    "employee": N_("employee"),
    "manager": N_("manager"),
    "team": N_("team"),
    "owner": N_("owner"),
    "status": N_("status"),
    "kind": N_("kind"),
    "due": N_("due date"),
    "target": N_("target date"),
    "on": N_("date"),
    "review_date": N_("review date"),
    "reason": N_("reason"),
    "efficiency": N_("efficiency"),
    "energy": N_("energy"),
    "engagement": N_("engagement"),
    "tags": N_("tags"),
}


def _reason(err: Any) -> str:
    kind, ctx = str(err.get("type", "")), err.get("ctx") or {}
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("is too long (at most {count} characters)").format(count=ctx.get("max_length"))
    if kind.startswith(("date", "datetime")):
        return _("is not a date (write it as 2025-06-30)")
    if kind in ("literal_error", "enum"):
        return _("is not one of the choices offered")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _("is out of range")
    if kind == "missing":
        return _("is missing")
    return _("is not valid here")


def friendly(exc: ValidationError) -> str:
    """The first validation problem in words: `title: must not be empty`."""
    err = exc.errors(include_url=False)[0]
    names = [str(p) for p in err["loc"] if isinstance(p, str)]
    last = names[-1] if names else ""
    field = _(FIELD_NAMES[last]) if last in FIELD_NAMES else (last.replace("_", " ") or _("value"))
    return _("{field}: {reason}").format(field=field, reason=_reason(err))


def not_saved(exc: ValidationError) -> str:
    """The status line's message for an edit the model refused."""
    return _("Not saved: {problem}").format(problem=friendly(exc))
