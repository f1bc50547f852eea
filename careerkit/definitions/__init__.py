"""Survey and organization-goals files to models, with file:line:col problems: the only YAML reader."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from careerkit.config import survey_dir
from careerkit.errors import DefinitionError, Problem, SurveyNotFound
from careerkit.model import DEFER_CROSS_CHECK, Loc, Survey, cross_check

from . import cache

if TYPE_CHECKING:
    from .org_goals import (
        check_org_goals,
        is_org_goals_file,
        list_org_goals,
        load_org_goals,
        org_goals_named,
    )

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "check_file",
    "check_org_goals",
    "is_org_goals_file",
    "list_org_goals",
    "list_surveys",
    "load_org_goals",
    "load_survey",
    "locate",
    "org_goals_named",
    "read_definition",
    "survey_named",
    "survey_path",
    "warm_cache",
]

# Loaded on first use: a survey kernel with a warm cache needs neither the YAML reader nor the
# organization-goals loader (and the crossing models it brings).
_LAZY = {
    "check_org_goals": "org_goals",
    "is_org_goals_file": "org_goals",
    "list_org_goals": "org_goals",
    "load_org_goals": "org_goals",
    "org_goals_named": "org_goals",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_definition(
    path: Path, model: type[M], shown_as: str | None = None, lang: str | None = None
) -> tuple[M | None, list[Problem]]:
    """Load any definition file into `model`, its texts in `lang`; problems carry file:line:col."""
    name = shown_as or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
    return parse_definition(raw, model, name, lang)


def parse_definition(
    raw: bytes, model: type[M], name: str, lang: str | None = None
) -> tuple[M | None, list[Problem]]:
    """The bytes of a definition file (shown as `name` in problems) into `model`.

    Texts given per language come out in `lang`, or in the file's first language when it does
    not offer `lang`; a text missing one of the file's languages is a problem in any language.
    """
    from .localized import resolve
    from .messages import placed, problems_from
    from .yamlnodes import read_yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        msg = (
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} here); "
            "save the file with the UTF-8 encoding"
        )
        return None, [Problem(name, line, col, "", msg)]
    data, positions, problems = read_yaml(text, name)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        if isinstance(data, list):
            kind = "a list"
        else:
            kind = "an empty value" if data is None else f"a single value ({data!r:.40})"
        msg = f"expected `field: value` lines at the top of the file, got {kind}"
        line, col = positions.find(())
        return None, [Problem(name, line, col, "", msg)]
    data, problems = resolve(data, positions, name, lang)
    if problems:
        return None, problems
    try:
        result = model.model_validate(data, context={DEFER_CROSS_CHECK: True})
    except ValidationError as exc:
        return None, problems_from(exc, model, data, positions, name)
    if isinstance(result, Survey):
        late = cross_check(result)
        if late:
            return None, placed(late, data, positions, name)
    return result, []


def locate(path: Path, locs: list[tuple[Loc, str]]) -> list[Problem]:
    """Problems for (place, message) pairs found in a valid file, each with its file:line:col."""
    from .messages import placed
    from .yamlnodes import read_yaml

    data, positions, _problems = read_yaml(path.read_text(encoding="utf-8"), str(path))
    return placed(list(locs), data, positions, str(path))


def check_file(path: str | Path) -> tuple[Survey | None, list[Problem]]:
    """Validate one survey file in each of its languages without raising: (survey or None, problems).

    The survey returned is in the file's first language.
    """
    survey, problems = read_definition(Path(path), Survey)
    for lang in survey.languages[1:] if survey is not None else ():
        _, more = read_definition(Path(path), Survey, lang=lang)
        problems += [p for p in more if p not in problems]
    return (survey if not problems else None), problems


def find_definition(name_or_path: str | Path, folder: Path, what: str) -> Path:
    """A definition file from a path, or from a name in `folder`; the error lists what exists."""
    given = Path(name_or_path)
    if given.suffix in (".yaml", ".yml") or given.parent != Path():
        if given.is_file():
            return given
        raise SurveyNotFound(f"No {what} file at {given}; check the path.")
    for suffix in (".yaml", ".yml"):
        candidate = folder / f"{given}{suffix}"
        if candidate.is_file():
            return candidate
    available = ", ".join(list_surveys(folder)) or "none"
    raise SurveyNotFound(f"No {what} '{given}' in {folder}/; available: {available}")


def survey_path(name_or_path: str | Path) -> Path:
    """A survey file from a path, or from a name in the survey folder."""
    return find_definition(name_or_path, survey_dir(), "survey")


def list_surveys(folder: Path | None = None) -> list[str]:
    """Names of the survey files in a folder (default: the survey folder)."""
    folder = folder or survey_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def load_survey(name_or_path: str | Path, lang: str | None = None) -> Survey:
    """Load a survey by name or path, its texts in `lang`; raise DefinitionError listing every problem.

    Without `lang`, or with a language the file does not offer, the texts are in the file's first
    language (`careerkit.languages.pick_language` tells which will be shown). A file validated
    before (same bytes, same careerkit, same language) comes from the cache without reading
    YAML; any other is read, validated and then cached.
    """
    from careerkit.languages import is_language_code

    lang = lang if is_language_code(lang) else None
    path = survey_path(name_or_path)
    try:
        raw = path.read_bytes()
    except OSError:
        survey, problems = check_file(path)  # says why the file cannot be read, with its name
    else:
        known = cache.cached_survey(path, raw, lang)
        if known is not None:
            return known
        survey, problems = parse_definition(raw, Survey, str(path), lang)
        if survey is not None:
            cache.keep_survey(path, raw, survey, lang)
    if survey is None:
        raise DefinitionError(problems)
    return survey


_LINK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # as model.SurveyName


def survey_named(name: str, fix: str = "Check the name.") -> Survey:
    """The survey of file NAME in survey/, by name only (no path): for links and options.

    Anything that is not a plain name of a file there raises SurveyNotFound listing the names
    there, then `fix`, and never the server's folders.
    """
    available = list_surveys()
    if not _LINK_NAME.match(name) or name not in available:
        raise SurveyNotFound(
            f"No survey named '{name:.64}' on this server "
            f"(there are: {', '.join(available) or 'none'}). {fix}"
        )
    return load_survey(name)


def warm_cache(folder: Path | None = None) -> list[str]:
    """Validate (and cache) every survey in `folder`; DefinitionError lists all problems found."""
    folder = folder or survey_dir()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    problems: list[Problem] = []
    for path in files:
        try:
            for lang in (None, *load_survey(path).languages):  # a survey kernel may ask for any
                load_survey(path, lang)
        except DefinitionError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DefinitionError(problems)
    return [p.stem for p in files]
