"""`careerkit survey editions|diff NAME`: a survey's stored editions, and how the file differs."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.languages import _, ngettext

if TYPE_CHECKING:
    from careerkit.model import Survey
    from careerkit.store import Store


def add_edition_commands(sub: Any) -> None:
    """Add `survey editions` and `survey diff` (`sub` is argparse's subparsers object)."""
    sv = sub.add_parser("survey", help=_("a survey's editions in the database, and changes to it"))
    sv_sub = sv.add_subparsers(dest="survey_command", required=True, metavar="SURVEY_COMMAND")
    p = sv_sub.add_parser("editions", help=_("list a survey's editions with their response counts"))
    p.add_argument("name", help=_("survey name in survey/, or a survey file"))
    p = sv_sub.add_parser(
        "diff", help=_("show what changed between the survey file and the editions in use")
    )
    p.add_argument("name", help=_("survey name in survey/, or a survey file"))
    sv.set_defaults(func=cmd_survey)


def cmd_survey(args: argparse.Namespace) -> int:
    from careerkit.definitions import load_survey, survey_path
    from careerkit.store import open_store

    path = survey_path(args.name)
    survey = load_survey(path)
    store = open_store()
    try:
        if args.survey_command == "editions":
            return _editions(store, survey)
        return _diff(store, survey, path)
    finally:
        store.close()


def _editions(store: Store, survey: Survey) -> int:
    from careerkit.model import edition_of

    current = edition_of(survey, datetime.now(UTC)).digest
    editions = store.editions(survey.id)
    counts = store.edition_counts(survey.id)
    if not editions and not counts:
        said = _("{survey}: no editions stored yet (none was served, used or validated).")
        print(said.format(survey=survey.id))
        return 0
    print(f"{'VERSION':>7}  {'EDITION':<12}  {'FIRST SEEN':<16}  {'RESP':>5}  NOTE")
    for e in editions:
        note = _("the survey file now") if e.digest == current else ""
        print(
            f"{e.version:>7}  {e.digest[:12]:<12}  {e.first_seen:%Y-%m-%d %H:%M}  "
            f"{counts.get(e.digest, 0):>5}  {note}"
        )
    if counts.get(None):
        earlier = _("earlier")
        note = _(
            "stored before editions were recorded and not matching the first one; reported apart"
        )
        print(f"{'?':>7}  {earlier:<12}  {'':<16}  {counts[None]:>5}  {note}")
    return 0


def _diff(store: Store, survey: Survey, path: Path) -> int:
    from careerkit.definitions import locate
    from careerkit.model import edition_of, meaning_changes, other_changes
    from careerkit.survey.editions import next_version, stored_survey

    current = edition_of(survey, datetime.now(UTC)).digest
    editions = store.editions(survey.id)
    counts = store.edition_counts(survey.id)
    used = [e for e in editions if e.digest != current and counts.get(e.digest)]
    if not used:
        n = counts.get(current, 0)
        said = ngettext(
            "{file}: the file is the only edition in use ({count} response).",
            "{file}: the file is the only edition in use ({count} responses).",
            n,
        )
        print(said.format(file=path, count=n))
        return 0
    refused = 0
    for e in used:
        old = stored_survey(e)
        said = ngettext(
            "Edition version {version} ({edition}, {count} response):",
            "Edition version {version} ({edition}, {count} responses):",
            counts[e.digest],
        )
        print(said.format(version=e.version, edition=e.digest[:12], count=counts[e.digest]))
        if old is None:
            print("  " + _("this careerkit cannot read it (written by a newer careerkit)"))
            continue
        meaning = meaning_changes(old, survey)
        for problem in locate(path, meaning):
            print("  " + _("changes meaning: {change}").format(change=problem))
        for text in other_changes(old, survey):
            print("  " + _("keeps meaning: {change}").format(change=text))
        if not meaning and not other_changes(old, survey):
            print("  " + _("no change in questions or wording"))
        if meaning and e.version == survey.version:
            refused += 1
            said = _(
                "refused under the same version: raise `version` to {version} to start a new "
                "edition"
            )
            print("  " + said.format(version=next_version(survey, editions)))
    return 1 if refused else 0
