"""`careerkit validate`: check survey and organization-goals files, one line per problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from careerkit.model import Survey


def add_survey_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "validate", help="check survey and organization-goals files; one line per problem"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)


def _summary(survey: Survey) -> str:
    pages = len(survey.pages)
    scoring = "with scoring" if survey.scoring else "without scoring"
    asked = sum(len(p.questions) for p in survey.pages)  # a matrix is one question here
    return f"{survey.id}: {asked} questions on {pages} page{'s' * (pages > 1)}, {scoring}"


def _validate_org_goals(name: str) -> int:
    """Check one organization-goals file (survey/org/); 1 when it has problems."""
    from careerkit.definitions import check_org_goals
    from careerkit.definitions.org_goals import org_goals_summary

    goals, problems = check_org_goals(name)
    for problem in problems:
        print(problem)
    if goals is None:
        return 1
    print(f"{name}: ok ({org_goals_summary(goals)})")
    return 0


def validate_files(names: list[str]) -> int:
    """Print `name: ok (...)` or one line per problem for each file; return how many failed."""
    from careerkit.definitions import check_file, is_org_goals_file

    failed = 0
    for name in names:
        if is_org_goals_file(name):
            failed += _validate_org_goals(name)
            continue
        survey, problems = check_file(name)
        if survey is None:
            failed += 1
            for problem in problems:
                print(problem)
        else:
            print(f"{name}: ok ({_summary(survey)})")
    return failed


def cmd_validate(args: argparse.Namespace) -> int:
    failed = validate_files(args.files)
    if failed:
        print(
            f"{failed} of {len(args.files)} file(s) have problems; fix the lines above and run again.",
            file=sys.stderr,
        )
    return 1 if failed else 0
