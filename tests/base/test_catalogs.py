"""careerkit's own words: every one is in every shipped catalog, none is stale, the .mo files match."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

import careerkit
from careerkit import languages
from careerkit.languages import LANGUAGES, _, ngettext, pgettext, translation, use_language

PACKAGE = Path(careerkit.__file__).parent
ROOT = PACKAGE.parent
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NC_": ((1, "c"), 2),
}


Key = tuple[str | None, str | tuple[str, ...]]  # (context, message or singular and plural)


def extracted() -> dict[Key, str]:
    """Every word in the code as pybabel extracts it (docs/translating.md), with its file."""
    found: dict[Key, str] = {}
    method_map = [("**.py", "python")]
    for filename, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.setdefault((context, key), filename)
    return found


def catalog(lang: str) -> Catalog:
    with (PACKAGE / "locale" / lang / "LC_MESSAGES" / "careerkit.po").open("rb") as f:
        return read_po(f, locale=lang)


def ids(cat: Catalog) -> set[Key]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in cat if m.id}


def fields(text: str) -> set[str]:
    """The `{name}` fields of a message, which a translation must keep exactly."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_has_words_to_translate() -> None:
    """The extraction finds the survey form's words, so the comparisons below are not vacuous."""
    words = extracted()
    assert (None, "Submit") in words and (None, "Page {page} of {pages}") in words
    assert ("orientation", "Both") in words and len(words) > 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_every_word_and_nothing_stale(lang: str) -> None:
    """A word in the code but not in the catalog, or one the code no longer has, fails by name."""
    in_code, in_catalog = extracted(), ids(catalog(lang))
    missing = sorted(f"{in_code[m]}: {m!r}" for m in set(in_code) - in_catalog)
    stale = sorted(repr(m) for m in in_catalog - set(in_code))
    assert missing == [], f"run pybabel extract and update (docs/translating.md): {missing}"
    assert stale == [], f"run pybabel update; these are no longer in the code: {stale}"
    assert not catalog(lang).obsolete, "remove the obsolete (#~) entries"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_is_translated_with_the_same_fields(lang: str) -> None:
    """Each message has a translation, none fuzzy, each keeping the message's {fields}."""
    problems = []
    for m in catalog(lang):
        if not m.id:
            continue
        sources = [m.id] if isinstance(m.id, str) else list(m.id)
        targets = [m.string] if isinstance(m.string, str) else list(m.string)
        if "fuzzy" in m.flags or not all(t and t.strip() for t in targets):
            problems.append(f"not translated: {m.id!r}")
            continue
        wanted = set().union(*(fields(s) for s in sources))
        if any(fields(t) - wanted for t in targets) or fields(targets[-1]) != fields(sources[-1]):
            problems.append(f"other {{fields}} than the message: {m.id!r} -> {m.string!r}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_matches_its_po_file(lang: str) -> None:
    """The shipped .mo holds exactly what the .po says: run pybabel compile after each edit."""
    po = catalog(lang)
    fresh = io.BytesIO()
    write_mo(fresh, po)
    fresh.seek(0)
    shipped_path = PACKAGE / "locale" / lang / "LC_MESSAGES" / "careerkit.mo"
    with shipped_path.open("rb") as f:
        shipped = read_mo(f)
    compiled = read_mo(fresh)

    def pairs(cat: Catalog) -> dict[object, object]:
        return {str(m.id): str(m.string) for m in cat if m.id}

    assert pairs(shipped) == pairs(compiled)


def test_words_follow_the_language_in_use() -> None:
    """use_language switches careerkit's words; an unknown language gives English."""
    try:
        assert use_language("de") == "de" and _("Submit") == "Absenden"
        assert ngettext("{n} second", "{n} seconds", 1).format(n=1) == "1 Sekunde"
        assert ngettext("{n} second", "{n} seconds", 4).format(n=4) == "4 Sekunden"
        assert pgettext("orientation", "Both") == "Beides" and _("Both") == "Beide"
        assert use_language("xx") == "en" and _("Submit") == "Submit"
        assert use_language(None) == "en"
    finally:
        use_language(None)
    assert translation("xx").gettext("Submit") == "Submit"


def test_catalogs_are_package_data_and_babel_is_not_needed_to_read_them() -> None:
    """The .mo files are package data, and the runtime module reads them with gettext only."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/careerkit.mo"' in pyproject
    source = Path(languages.__file__).read_text(encoding="utf-8")
    assert re.search(r"^import gettext$", source, re.MULTILINE)
    assert not re.search(r"^\s*(import|from) babel", source, re.MULTILINE)


def test_no_word_is_wrapped_inside_an_f_string() -> None:
    """`_()` inside an f-string's braces is invisible to pybabel extract: hoist it out first."""
    import tokenize

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        with path.open("rb") as f:
            for tok in tokenize.tokenize(f.readline):
                text = tok.string
                in_f_string = tok.type == tokenize.STRING and re.match(r"^[rRbB]*[fF]", text)
                if in_f_string and re.search(r"\b(_|N_|ngettext)\(\s*['\"]", text):
                    found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert found == []
