"""Survey editions against a store: record them, match old answers, refuse meaning changes.

Every distinct validated definition of a survey id is an edition, stored once (model/edition.py).
A file whose `version` equals a stored edition's must not change what that edition's answers
mean; `check` lists each such change at its file:line:col with the fix, and notes changes of
wording only. Responses stored before editions were recorded (schema 4 and older) have none;
when a survey's first edition is recorded, those whose every answer is a possible answer to it
are matched to it (`record`); any other keeps no edition and is reported apart as an earlier,
unknown edition, so no stored answer is read against a definition it may not have had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from careerkit.errors import Problem
from careerkit.model import Edition, Loc, Survey, answers_fit, edition_of, meaning_changes

if TYPE_CHECKING:
    from careerkit.store import Store


@dataclass(frozen=True)
class EditionCheck:
    """What comparing a survey file with the stored editions found."""

    problems: list[Problem] = field(default_factory=list)  # meaning changes: refused
    notes: list[str] = field(default_factory=list)  # wording-only changes: passed


_READ: dict[str, Survey | None] = {}  # digest -> its survey: a dashboard refreshes often


def stored_survey(edition: Edition) -> Survey | None:
    """The survey an edition holds; None if this careerkit cannot read it (newer fields)."""
    if edition.digest not in _READ:
        try:
            _READ[edition.digest] = Survey.model_validate(edition.definition)
        except ValidationError:
            _READ[edition.digest] = None
    return _READ[edition.digest]


def next_version(survey: Survey, stored: list[Edition]) -> int:
    """The version a new edition of `survey` should get: one above every version in use."""
    return max([e.version for e in stored] + [survey.version]) + 1


def _fix(message: str, version: int) -> str:
    start = f"raise `version` to {version} to start a new edition"
    if "was removed" in message:
        return f"{start}, or put the question back"
    if message.startswith("question"):
        return f"{start}, or give the question a new id"
    return start


def check(store: Store, survey: Survey, path: Path) -> EditionCheck:
    """Compare `survey` (read from `path`) with the store's editions in use of its version.

    Editions in use are those holding responses; one nobody answered holds nothing back.
    """
    from careerkit.definitions import locate

    stored = store.editions(survey.id)
    digest = edition_of(survey, datetime.now(UTC)).digest
    counts = store.edition_counts(survey.id) if stored else {}
    same = [
        e
        for e in stored
        if e.version == survey.version and e.digest != digest and counts.get(e.digest)
    ]
    if not same:
        return EditionCheck()
    version = next_version(survey, stored)
    locs: dict[tuple[Loc, str], None] = {}
    for e in same:
        old = stored_survey(e)
        if old is None:
            continue
        n = counts.get(e.digest, 0)
        for loc, msg in meaning_changes(old, survey):
            held = f"{n} stored response{'s' * (n != 1)}"
            text = f"{msg} (edition version {e.version} holds {held}); {_fix(msg, version)}"
            locs[(loc, text)] = None
    if locs:
        return EditionCheck(problems=locate(path, list(locs)))
    note = (
        f"{path}: note: wording changed since the stored edition of version {survey.version} "
        "(texts, help or labels with the same ids); stored answers keep their meaning"
    )
    return EditionCheck(notes=[note])


def record(store: Store, survey: Survey) -> Edition:
    """Store the survey's edition (once), and match old answers without an edition to it.

    Old answers are matched only to the first edition recorded for the survey id, and only where
    every one of them is a possible answer to it; the rest keep no edition (see the module).
    """
    edition = edition_of(survey, datetime.now(UTC))
    store.record_edition(edition)
    if not store.edition_counts(survey.id).get(None):
        return edition
    first = store.editions(survey.id)[0]
    if first.digest == edition.digest:
        fits = [
            r.id
            for r in store.responses(survey_id=survey.id)
            if r.edition is None and answers_fit(survey, r.answers)
        ]
        if fits:
            store.adopt_edition(survey.id, edition.digest, fits)
    return edition


def check_and_record(store: Store, survey: Survey, path: Path) -> EditionCheck:
    """`check`, then `record` when nothing was refused."""
    found = check(store, survey, path)
    if not found.problems:
        record(store, survey)
    return found
