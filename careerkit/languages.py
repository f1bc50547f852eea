"""careerkit's own words in the reader's language: the gettext catalogs and the language in use.

Buttons, hints, errors and notices are written in English in the code, wrapped in `_()` (or
`ngettext()`; `N_()` marks words kept in a constant and translated where they are shown), and
translated through the compiled catalogs in `careerkit/locale/<lang>/LC_MESSAGES/careerkit.mo`
with the standard library's gettext: no Babel at run time. Contributors update the catalogs with
Babel (docs/translating.md).

One kernel serves one reader (a participant's page, a facilitator's dashboard), so the language
in use is the process's: `use_language("de")` before a screen is built or rebuilt. Words are
looked up when they are shown, never at import.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "NC_",
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "current_language",
    "decimal",
    "decimal_mark",
    "is_language_code",
    "ngettext",
    "pgettext",
    "pick_language",
    "translation",
    "use_language",
]

DOMAIN = "careerkit"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
#: The languages careerkit's own words are shipped in (a catalog each).
LANGUAGES: tuple[str, ...] = ("en", "de")
#: Each language named in itself, as a switcher offers it.
LANGUAGE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
    "pl": "Polski",
}
#: Languages that write a decimal comma (3,5); the others write a decimal point (3.5).
DECIMAL_COMMA = frozenset({"de", "fr", "es", "it", "nl", "pt", "pl"})
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_current = SOURCE_LANGUAGE


def is_language_code(text: object) -> bool:
    """A language code as files and links give it: `en`, `de`, `pt-BR`."""
    return isinstance(text, str) and _CODE.match(text) is not None


@lru_cache(maxsize=8)
def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; a language without one gives the English words."""
    if lang not in LANGUAGES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)


def use_language(lang: str | None) -> str:
    """Show careerkit's words in `lang` from now on (English without a catalog); return it."""
    global _current
    _current = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    return _current


def current_language() -> str:
    """The language careerkit's words are shown in now."""
    return _current


def _(message: str) -> str:
    """`message` in the language in use."""
    return translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the language in use."""
    return translation(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in `context`, in the language in use.

    For English words that need other ones in another language by their sense: "Both" people
    and "Both" sides of an orientation are "Beide" and "Beides".
    """
    return translation(_current).pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark `message` in `context` for the catalogs; it is shown through `pgettext`."""
    return message


def decimal(value: float, places: int | None = 1, lang: str | None = None) -> str:
    """`value` with `places` decimals as a reader of `lang` (default: the language in use) writes it.

    "3.5" in English, "3,5" in German; the standard library only, so participant kernels can
    use it. Whole numbers (`places=0`) have no separator; a minus sign stays "-". `places=None`
    gives as few digits as the value needs (Python's `:g`: 2.5, 10, 0.25).
    """
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", decimal_mark(lang))


def decimal_mark(lang: str | None = None) -> str:
    """The decimal mark of `lang` (default: the language in use): "," for 3,5, else "."."""
    return "," if (lang or _current).split("-")[0] in DECIMAL_COMMA else "."


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it yet (it is shown through `_`)."""
    return message


def pick_language(requested: str | None, offered: tuple[str, ...]) -> tuple[str | None, bool]:
    """The language to show of `offered` (a survey's), and whether `requested` had to be refused.

    Nothing requested gives the first offered; a code not offered (or not a code) falls back to
    the first offered language. A file that declares no languages offers none: (None, False).
    """
    if not offered:
        return None, False
    if requested is None or requested == "":
        return offered[0], False
    if requested in offered:
        return requested, False
    return offered[0], True
