"""The language of what `careerkit` prints: `--lang` where a command has it, else CAREERKIT_LANG.

`--lang` (report, export) switches careerkit's words, and the survey's texts when the survey
offers that language. Every other command prints in CAREERKIT_LANG's language (`de`), English
when it is unset or names a language careerkit's words do not come in.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from careerkit.errors import ConfigError
from careerkit.languages import LANGUAGES, _, use_language

#: The language of every command's messages when the command is not given `--lang`.
LANG_ENV = "CAREERKIT_LANG"


def default_language() -> str | None:
    """CAREERKIT_LANG when careerkit's words come in it (`de`), else None (English)."""
    given = os.environ.get(LANG_ENV, "").strip()
    return given if given in LANGUAGES else None


def use_default_language() -> str:
    """Show careerkit's words in CAREERKIT_LANG's language (English without it); return it."""
    return use_language(default_language())


def add_lang_option(parser: Any, what: str) -> None:
    """Add `--lang CODE` to a command; `what` names what it changes ("the report")."""
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_(
            "language of {what}: {languages} (default: {env}, else {default}); the survey's own "
            "texts follow when the survey file offers that language"
        ).format(what=what, languages=", ".join(LANGUAGES), env=LANG_ENV, default=LANGUAGES[0]),
    )


def use_lang_option(args: argparse.Namespace) -> str | None:
    """Switch careerkit's words to `--lang` (checked), else CAREERKIT_LANG's; the code or None."""
    lang: str | None = getattr(args, "lang", None)
    if lang is None:
        lang = default_language()
        use_language(lang)
        return lang
    if lang not in LANGUAGES:
        raise ConfigError(
            _("--lang {given}: careerkit's words come in {languages}; give one of those.").format(
                given=repr(lang[:20]), languages=", ".join(LANGUAGES)
            )
        )
    use_language(lang)
    return lang
