"""Organization-goals files (survey/org/*.yaml) for the crossings brainstorm, checked like surveys."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from careerkit.config import survey_dir
from careerkit.errors import DefinitionError, Problem, SurveyNotFound
from careerkit.model.org import OrgGoals, org_cross_check

from .messages import placed
from .yamlnodes import read_yaml

ORG_FOLDER = "org"
_TOP_KEY = re.compile(rb"^organization\s*:", re.MULTILINE)
_LINK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def org_dir() -> Path:
    """The folder of organization-goals files: `org/` inside the survey folder."""
    return survey_dir() / ORG_FOLDER


def is_org_goals_file(path: str | Path) -> bool:
    """A file in an `org/` folder, or one with a top-level `organization:` line."""
    given = Path(path)
    if given.parent.name == ORG_FOLDER:
        return True
    try:
        return _TOP_KEY.search(given.read_bytes()[:1_000_000]) is not None
    except OSError:
        return False


def check_org_goals(
    path: str | Path, lang: str | None = None
) -> tuple[OrgGoals | None, list[Problem]]:
    """Validate one organization-goals file without raising: (goals in `lang` or None, problems).

    Without `lang`, or with one the file does not offer, the texts are in its first language.
    """
    from . import read_definition  # defined by the package, which imports this module first

    goals, problems = read_definition(Path(path), OrgGoals, lang=lang)
    if goals is None:
        return None, problems
    late = org_cross_check(goals)
    if late:
        data, positions, _ = read_yaml(Path(path).read_text(encoding="utf-8"), str(path))
        return None, placed(late, data, positions, str(path))
    return goals, []


def list_org_goals(folder: Path | None = None) -> list[str]:
    """Names of the organization-goals files (default: survey/org/)."""
    folder = folder or org_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def org_goals_path(name_or_path: str | Path) -> Path:
    """An organization-goals file from a path, or from a name in survey/org/."""
    from . import find_definition  # the package imports this module; resolve at call time

    return find_definition(name_or_path, org_dir(), "organization-goals")


def load_org_goals(name_or_path: str | Path, lang: str | None = None) -> OrgGoals:
    """Load organization goals by name (in survey/org/) or path, texts in `lang`.

    DefinitionError lists every problem.
    """
    goals, problems = check_org_goals(org_goals_path(name_or_path), lang)
    if goals is None:
        raise DefinitionError(problems)
    return goals


def org_goals_named(name: str, fix: str = "Check the name.", lang: str | None = None) -> OrgGoals:
    """The goals of file NAME in survey/org/, by name only (no path): for links and options.

    An unknown name (or anything that is not a plain name) raises SurveyNotFound listing the
    names there, then `fix`, and never the server's folders.
    """
    available = list_org_goals()
    if not _LINK_NAME.match(name) or name not in available:
        raise SurveyNotFound(
            f"No organization goals named '{name:.64}' on this server "
            f"(there are: {', '.join(available) or 'none'}). {fix}"
        )
    return load_org_goals(name, lang)


def org_goals_summary(goals: OrgGoals) -> str:
    """`Northwind: 9 items (4 goals, 3 strategies, 2 needs)` for the validate command."""
    kinds = Counter(item.kind for item in goals.items)
    plural = {"goal": "goals", "strategy": "strategies", "need": "needs"}
    parts = [f"{n} {kind if n == 1 else plural[kind]}" for kind, n in sorted(kinds.items())]
    count = len(goals.items)
    return f"{goals.organization}: {count} item{'s' * (count != 1)} ({', '.join(parts)})"
