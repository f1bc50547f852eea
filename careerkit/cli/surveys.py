"""`careerkit validate`: check survey and organization-goals files, one line per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.languages import _, ngettext
from careerkit.model import Survey

if TYPE_CHECKING:
    from careerkit.store import Store


def add_survey_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "validate", help=_("check survey and organization-goals files; one line per problem")
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)
    from .editions import add_edition_commands

    add_edition_commands(sub)


def _summary(survey: Survey) -> str:
    pages = len(survey.pages)
    scoring = _("with scoring") if survey.scoring else _("without scoring")
    asked = sum(len(p.questions) for p in survey.pages)  # a matrix is one question here
    questions = ngettext("{count} question", "{count} questions", asked).format(count=asked)
    said = ngettext(
        "{survey}: {questions} on {pages} page, {scoring}",
        "{survey}: {questions} on {pages} pages, {scoring}",
        pages,
    )
    return said.format(survey=survey.id, questions=questions, pages=pages, scoring=scoring)


def _validate_org_goals(name: str) -> int:
    """Check one organization-goals file (survey/org/); 1 when it has problems."""
    from careerkit.definitions import check_org_goals
    from careerkit.definitions.org_goals import org_goals_summary

    goals, problems = check_org_goals(name)
    for problem in problems:
        print(problem)
    if goals is None:
        return 1
    print(_("{file}: ok ({summary})").format(file=name, summary=org_goals_summary(goals)))
    return 0


def validate_files(names: list[str]) -> int:
    """Print `name: ok (...)` or one line per problem for each file; return how many failed."""
    failed = 0
    store = existing_store()
    try:
        for name in names:
            failed += _validate_one(name, store)
    finally:
        if store is not None:
            store.close()
    return failed


def _validate_one(name: str, store: Store | None) -> int:
    """Check one file, and a survey against the editions of the store holding its responses."""
    from careerkit.definitions import check_file, is_org_goals_file
    from careerkit.survey.editions import check_and_record

    if is_org_goals_file(name):
        return _validate_org_goals(name)
    survey, problems = check_file(name)
    if survey is None:
        for problem in problems:
            print(problem)
        return 1
    if store is not None and store.count_responses(survey_id=survey.id):
        found = check_and_record(store, survey, Path(name))
        for problem in found.problems:
            print(problem)
        if found.problems:
            return 1
        for note in found.notes:
            print(note)
    print(_("{file}: ok ({summary})").format(file=name, summary=_summary(survey)))
    return 0


def existing_store() -> Store | None:
    """The configured store if it already exists (a validation never creates a database)."""
    from careerkit.config import database_url
    from careerkit.store import open_store
    from careerkit.store.lite import sqlite_file

    url = database_url()
    path = sqlite_file(url)
    if url == "memory://" or (path is not None and not Path(path).is_file()):
        return None
    return open_store(url)


def cmd_validate(args: argparse.Namespace) -> int:
    failed = validate_files(args.files)
    if failed:
        said = ngettext(
            "{failed} of {count} file has problems; fix the lines above and run again.",
            "{failed} of {count} files have problems; fix the lines above and run again.",
            len(args.files),
        )
        print(said.format(failed=failed, count=len(args.files)), file=sys.stderr)
    return 1 if failed else 0
