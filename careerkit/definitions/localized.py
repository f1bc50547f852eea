"""Texts given per language (`text: {en: ..., de: ...}`) resolved to one language before validation.

A file that starts with `languages: [en, de]` may give any text either per language or, in a file
of one language, as plain text. Resolving happens on the plain data, before the model sees it, so
the model (and everything after it) holds plain text in one language; ids never change with the
language. Every text missing a declared language, and every language not declared, is a problem
placed at its file:line:col.
"""

from __future__ import annotations

from typing import Any

from careerkit.errors import Problem
from careerkit.languages import is_language_code
from careerkit.model import Option

from .yamlnodes import Path, Positions, field_name

LANGUAGES_FIELD = "languages"
#: Fields that hold words people read (in surveys and organization-goals files).
TEXT_FIELDS = frozenset(
    {
        "title",
        "intro",
        "help",
        "text",
        "label",
        "low",
        "high",
        "placeholder",
        "summary",
        "organization",
        "unit",
    }
)
#: Fields that hold a list of texts, or of options whose bare text is a label.
TEXT_LISTS = frozenset({"next_steps", "options"})


def declared(
    data: dict[str, Any], pos: Positions, name: str
) -> tuple[tuple[str, ...], list[Problem]]:
    """The `languages:` list at the top of the file (empty when there is none), checked."""
    given = data.get(LANGUAGES_FIELD)
    if given is None:
        return (), []
    where = pos.find((LANGUAGES_FIELD,))
    example = "write `languages: [en, de]` (language codes, the default first)"
    if not isinstance(given, list) or not given:
        return (), [
            Problem(name, *where, LANGUAGES_FIELD, f"expected a list of languages; {example}")
        ]
    problems: list[Problem] = []
    seen: list[str] = []
    for i, code in enumerate(given):
        at = pos.find((LANGUAGES_FIELD, i))
        if not is_language_code(code):
            msg = f"{code!r} is not a language code such as en, de or pt-BR; {example}"
            problems.append(Problem(name, *at, f"{LANGUAGES_FIELD}[{i}]", msg))
        elif code in seen:
            msg = f"'{code}' is listed twice; list each language once"
            problems.append(Problem(name, *at, f"{LANGUAGES_FIELD}[{i}]", msg))
        else:
            seen.append(code)
    return tuple(seen), problems


def resolve(
    data: dict[str, Any], pos: Positions, name: str, lang: str | None
) -> tuple[dict[str, Any], list[Problem]]:
    """`data` with every text in `lang` (default: the first declared language), and its problems.

    A file without `languages:` is returned as it is, apart from a problem for each text that
    is given per language anyway.
    """
    languages, problems = declared(data, pos, name)
    if problems:
        return data, problems
    chosen = lang if lang in languages else (languages[0] if languages else None)
    walker = _Walker(languages, chosen, pos, name)
    out = walker.mapping(data, ())
    if languages:
        out[LANGUAGES_FIELD] = list(languages)
    return out, walker.problems


class _Walker:
    def __init__(self, languages: tuple[str, ...], lang: str | None, pos: Positions, name: str):
        self.languages, self.lang, self.pos, self.name = languages, lang, pos, name
        self.problems: list[Problem] = []

    def value(self, value: Any, path: Path, text: bool) -> Any:
        if isinstance(value, dict):
            if text:
                return self.text(value, path)
            return self.mapping(value, path)
        if isinstance(value, list):
            key = path[-1] if path else None
            return [self.item(v, (*path, i), key) for i, v in enumerate(value)]
        if text and isinstance(value, str) and value.strip() and len(self.languages) > 1:
            self.missing(path, self.languages, plain=True)
        return value

    def mapping(self, value: dict[str, Any], path: Path) -> dict[str, Any]:
        return {k: self.value(v, (*path, k), k in TEXT_FIELDS) for k, v in value.items()}

    def item(self, value: Any, path: Path, key: object) -> Any:
        if key == "next_steps":
            return self.value(value, path, True)
        if key == "options" and (isinstance(value, str) or _per_language(value)):
            if isinstance(value, str):
                return self.value(value, path, True)
            label = self.text(value, path)
            first = value.get(self.languages[0]) if self.languages else None
            if not isinstance(first, str) or not isinstance(label, str):
                return label
            return {"id": Option.model_validate(first).id, "label": label}  # an id in one language
        return self.value(value, path, False)

    def text(self, given: dict[str, Any], path: Path) -> Any:
        """One text given per language: the chosen language's, after checking the languages."""
        if not _per_language(given):
            return given  # not texts per language: the model says what is wrong with it
        if not self.languages:
            msg = (
                "texts are given per language here; declare them at the top of the file, "
                f"e.g. `languages: [{', '.join(given)}]`"
            )
            self.problems.append(Problem(self.name, *self.pos.find(path), field_name(path), msg))
            return given
        for code in given:
            if code not in self.languages:
                msg = (
                    f"'{code}' is not one of the languages at the top of the file "
                    f"({', '.join(self.languages)}); add it there or remove this text"
                )
                at = self.pos.find((*path, code), key=True)
                self.problems.append(Problem(self.name, *at, field_name((*path, code)), msg))
        missing = [c for c in self.languages if not _has_text(given.get(c))]
        if missing:
            self.missing(path, tuple(missing), plain=False)
        chosen = given.get(self.lang or "")
        return chosen if _has_text(chosen) else given.get(self.languages[0], chosen)

    def missing(self, path: Path, codes: tuple[str, ...], *, plain: bool) -> None:
        shown = ", ".join(codes)
        if plain:
            example = ", ".join(f"{c}: ..." for c in self.languages)
            msg = f"give this text in every language of the file ({shown}): {{{example}}}"
        else:
            msg = f"the text in {shown} is missing; add `{codes[0]}: ...` beside the others"
        self.problems.append(Problem(self.name, *self.pos.find(path), field_name(path), msg))


def _per_language(value: object) -> bool:
    """A mapping whose keys all look like language codes: one text per language."""
    return isinstance(value, dict) and bool(value) and all(is_language_code(k) for k in value)


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
