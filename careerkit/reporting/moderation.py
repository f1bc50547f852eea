"""Comments the facilitator holds back from the room: one stored document per workshop.

A hidden comment is named by its response and question, never by its text, so the document
says nothing about what was written. Hiding changes only what the dashboard's shared views
(the projector view, the report) list; the answer itself stays stored and in the export.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from careerkit.errors import StoreError, VersionConflict
from careerkit.model import Frozen, Versioned

if TYPE_CHECKING:
    from careerkit.store import Store

#: (response id, question id) of one comment.
CommentKey = tuple[str, str]

_ATTEMPTS = 20


class HiddenComment(Frozen):
    """One free-text answer kept off the shared views."""

    response_id: str
    question_id: str


class Moderation(Versioned):
    """The comments of one workshop that the facilitator hid."""

    KIND = "moderation"
    hidden: tuple[HiddenComment, ...] = ()

    def keys(self) -> frozenset[CommentKey]:
        return frozenset((h.response_id, h.question_id) for h in self.hidden)


def moderation_code(workshop: str) -> str:
    """The one document code of a workshop's moderation, the same on every dashboard."""
    digest = hashlib.sha256(workshop.encode("utf-8")).hexdigest()[:32]
    return f"moderation{digest}"


def hidden_comments(store: Store, workshops: Iterable[str]) -> frozenset[CommentKey]:
    """Every comment hidden in these workshops (one read)."""
    chosen = list(dict.fromkeys(workshops))
    if not chosen:
        return frozenset()
    found: set[CommentKey] = set()
    for doc in store.docs(Moderation, workshops=chosen):
        found |= doc.keys()
    return frozenset(found)


def set_hidden(
    store: Store, workshop: str, response_id: str, question_id: str, hidden: bool
) -> frozenset[CommentKey]:
    """Hide (or show again) one comment; returns the workshop's hidden comments as stored."""
    key = HiddenComment(response_id=response_id, question_id=question_id)

    def change(current: tuple[HiddenComment, ...]) -> tuple[HiddenComment, ...]:
        rest = tuple(h for h in current if h != key)
        return (*rest, key) if hidden else rest

    return _update(store, workshop, change)


def forget_response(store: Store, workshop: str, response_id: str) -> int:
    """Drop every mention of a response that is being erased; how many there were.

    A response id is the result code its participant was shown, so erasing the response leaves
    no copy of it here either (`careerkit erase` calls this before it erases).
    """
    found = store.get_doc(Moderation, moderation_code(workshop))
    if found is None:
        return 0
    gone = sum(h.response_id == response_id for h in found.hidden)
    if gone:
        _update(store, workshop, lambda c: tuple(h for h in c if h.response_id != response_id))
    return gone


def _update(
    store: Store,
    workshop: str,
    change: Callable[[tuple[HiddenComment, ...]], tuple[HiddenComment, ...]],
) -> frozenset[CommentKey]:
    """Apply `change` to the workshop's hidden comments and save, redone over newer versions.

    Two dashboards may change the same workshop at once: a save refused for a stale version is
    redone over the newer one, so neither change is lost.
    """
    code = moderation_code(workshop)
    failure: StoreError | None = None
    for attempt in range(_ATTEMPTS):
        current = store.get_doc(Moderation, code) or Moderation(code=code, workshop=workshop)
        wanted = change(current.hidden)
        if wanted == current.hidden:
            return current.keys()
        try:
            return store.save_doc(current.model_copy(update={"hidden": wanted})).keys()
        except VersionConflict:
            # A pause of random length lets the other save finish (jitter, not a secret).
            time.sleep(random.uniform(0, 0.01 * (1 + attempt)))  # noqa: S311
            continue
        except StoreError as exc:
            if current.version:  # only a first save racing another's first save is redone
                raise
            failure = exc
    if failure is not None:
        raise failure
    raise StoreError(
        "Could not save the hidden comment: other dashboards kept changing it; try again."
    )
