"""The base of every model: frozen pydantic models, ids, orientations, documents, workshops."""

from __future__ import annotations

import secrets
import string
from datetime import datetime
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
#: A language a definition file gives its texts in: `en`, `de`, `pt-BR`.
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
Orientation = Literal["advancement", "development", "both", "undecided"]
ORIENTATIONS: tuple[str, ...] = get_args(Orientation)

#: Context flag that lets a loader run the cross-checks itself, to place each problem in its file.
DEFER_CROSS_CHECK = "careerkit_defer_cross_check"

#: Where a problem sits in a definition: keys and list indexes from the top.
Loc = tuple[str | int, ...]


class Frozen(BaseModel):
    # defer_build: a model's validator is built when it first validates, not at import, so a
    # survey kernel that only rebuilds its cached survey (definitions/trusted.py) builds none of them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


DocCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,64}$")]
_CODE_CHARS = string.ascii_letters + string.digits


def new_doc_code() -> str:
    """An unguessable document code: 22 letters and digits (about 131 random bits).

    Letters and digits only, so a code never starts with '-' (read as an option by commands)
    and survives being pasted into a link or a chat message.
    """
    return "".join(secrets.choice(_CODE_CHARS) for _ in range(22))


def normalize_code(text: str) -> str:
    """A code as typed or pasted: spaces and surrounding punctuation removed."""
    return "".join(text.split()).strip("<>\"'")


class Versioned(Frozen):
    """A document people edit over time (a plan, a brainstorm): saved whole, one version per save."""

    KIND: ClassVar[str] = "document"
    code: DocCode
    workshop: str | None = Field(default=None, max_length=64)
    version: int = Field(default=0, ge=0)


class Workshop(Frozen):
    """A session with a join code; closed workshops take no more submissions."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    created_at: datetime
    closed_at: datetime | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class WorkshopActivity(Frozen):
    """What happened under one workshop code: its row (if it was created) and what it holds.

    `drafts` counts live drafts only; `last_active` is the latest of the workshop's creation,
    its responses, its drafts and its documents (plans, brainstorms).
    """

    code: str
    name: str | None  # None when the code was never created (it was only used in links)
    created_at: datetime | None
    closed_at: datetime | None
    responses: int = Field(ge=0)
    drafts: int = Field(ge=0)
    plans: int = Field(ge=0)
    brainstorms: int = Field(ge=0)
    last_active: datetime | None
