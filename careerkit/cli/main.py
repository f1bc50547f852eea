"""The `careerkit` command: the parser of every command family, and one-line messages for failures."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from careerkit.errors import CareerkitError
from careerkit.languages import _

from .adapting import add_adapting_commands
from .analyze import add_analyze_command
from .erase import add_erase_command
from .language import use_default_language
from .plans import add_plan_commands
from .report import add_report_command
from .responses import add_response_commands
from .serving import add_serving_commands
from .surveys import add_survey_commands
from .workshops import add_workshop_commands


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser, its help texts in the language in use (CAREERKIT_LANG's in main)."""
    parser = argparse.ArgumentParser(
        prog="careerkit", description=_("Career conversation workbooks and surveys.")
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_serving_commands(sub)
    add_survey_commands(sub)
    add_response_commands(sub)
    add_report_command(sub)
    add_analyze_command(sub)
    add_workshop_commands(sub)
    add_plan_commands(sub)
    add_erase_command(sub)
    add_adapting_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; every expected failure becomes a one-line message, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="careerkit: %(message)s")
    use_default_language()  # before the parser: `--help` reads CAREERKIT_LANG's language
    args = build_parser().parse_args(argv)  # a command with `--lang` switches again
    try:
        return int(args.func(args))
    except CareerkitError as exc:
        print(f"careerkit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(
            f"careerkit: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 2
