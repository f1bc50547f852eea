"""`careerkit analyze`: how well the survey's scores hold together, for the trainer who adapts it."""

from __future__ import annotations

import argparse
from typing import Any

from careerkit.languages import _

from .thresholds import add_threshold_option, given_threshold, workshops_threshold


def add_analyze_command(sub: Any) -> None:
    """Add `analyze` to the `careerkit` subcommands (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "analyze",
        help=_("instrument quality: Cronbach's alpha and item statistics of each score"),
        description=_(
            "For each score (advancement, development): Cronbach's alpha with its 95 percent "
            "interval, and per item its corrected item-total correlation and alpha if deleted, "
            "with flags for items to look at. Privacy-checked like the dashboard: workshops and "
            "groups under the threshold are never shown."
        ),
    )
    p.add_argument(
        "--workshop", required=True, action="append", help=_("workshop code (repeat for several)")
    )
    p.add_argument(
        "--survey",
        help=_("survey name or file (default: the first workshop's, else career_interests)"),
    )
    add_threshold_option(p)
    p.add_argument("--no-guide", action="store_true", help=_("leave out the guide to reading it"))
    p.set_defaults(func=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    """Check the threshold first, then read the released responses once and print the figures."""
    from careerkit.definitions import load_survey
    from careerkit.reporting.reliability import read_reliability
    from careerkit.reporting.reliability_text import as_text
    from careerkit.store import open_store

    given = given_threshold(args)
    from .responses import workshop_survey

    store = open_store()
    try:
        threshold = workshops_threshold(store, args.workshop, given)
        survey = load_survey(args.survey or workshop_survey(store, args.workshop[0]))
        rel = read_reliability(store, survey, args.workshop, threshold)
    finally:
        store.close()
    print(as_text(rel, guide=not args.no_guide))
    return 0
