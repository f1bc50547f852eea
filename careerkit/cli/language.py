"""`--lang` for commands whose output people read (report, export).

It switches careerkit's words, and the survey's texts when the survey offers that language.
"""

from __future__ import annotations

import argparse
from typing import Any

from careerkit.errors import ConfigError
from careerkit.languages import LANGUAGES, use_language


def add_lang_option(parser: Any, what: str) -> None:
    """Add `--lang CODE` to a command; `what` names what it changes ("the report")."""
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=f"language of {what}: {', '.join(LANGUAGES)} (default {LANGUAGES[0]}); the "
        "survey's own texts follow when the survey file offers that language",
    )


def use_lang_option(args: argparse.Namespace) -> str | None:
    """Switch careerkit's words to `--lang` (checked; English when not given); the code or None."""
    lang: str | None = getattr(args, "lang", None)
    if lang is None:
        use_language(None)
        return None
    if lang not in LANGUAGES:
        raise ConfigError(
            f"--lang {lang[:20]!r}: careerkit's words come in {', '.join(LANGUAGES)}; "
            "give one of those."
        )
    use_language(lang)
    return lang
