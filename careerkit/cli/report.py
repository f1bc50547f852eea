"""`careerkit report`: write the privacy-checked HTML report of one or more workshops to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from careerkit.languages import _
from careerkit.privacy import DEFAULT_COMMENT_THRESHOLD

from .language import add_lang_option, use_lang_option
from .thresholds import add_threshold_option, given_threshold, workshops_threshold


def add_report_command(sub: Any) -> None:
    """Add `report` to the `careerkit` subcommands (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "report",
        help=_("write a privacy-checked HTML report of one or more workshops, to email"),
        description=_(
            "One HTML file with no scripts and nothing loaded from outside: the "
            "dashboard's charts and tables, with groups under the threshold hidden and each "
            "section saying what was hidden and why."
        ),
    )
    p.add_argument(
        "--workshop", required=True, action="append", help=_("workshop code (repeat for several)")
    )
    p.add_argument("--output", required=True, metavar="FILE.html")
    add_threshold_option(p)
    p.add_argument(
        "--comment-threshold",
        type=int,
        default=None,
        help=_(
            "fewest people who wrote into a question before its comments are listed "
            "(default {count}, never below --threshold)"
        ).format(count=DEFAULT_COMMENT_THRESHOLD),
    )
    p.add_argument(
        "--survey",
        help=_("survey name or file (default: the first workshop's, else career_interests)"),
    )
    add_lang_option(p, _("the report"))
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    """Check the threshold first, then read the store once and write the page."""
    from careerkit.definitions import load_survey
    from careerkit.privacy import check_comment_threshold
    from careerkit.reporting.report import build_report
    from careerkit.store import open_store

    lang = use_lang_option(args)  # first, so a refused threshold is said in that language
    given = given_threshold(args)
    if given is not None and args.comment_threshold is not None:
        check_comment_threshold(args.comment_threshold, given)
    from .responses import workshop_survey

    store = open_store()
    try:
        threshold = workshops_threshold(store, args.workshop, given)
        comment_threshold = check_comment_threshold(
            max(DEFAULT_COMMENT_THRESHOLD, threshold)
            if args.comment_threshold is None
            else args.comment_threshold,
            threshold,
        )
        survey = load_survey(args.survey or workshop_survey(store, args.workshop[0]), lang)
        page = build_report(
            store,
            survey,
            args.workshop,
            threshold=threshold,
            comment_threshold=comment_threshold,
        )
    finally:
        store.close()
    output = Path(args.output)
    output.write_text(page, encoding="utf-8")
    codes = ", ".join(dict.fromkeys(args.workshop))
    print(_("Wrote the report on {codes} to {file}.").format(codes=codes, file=output))
    return 0
