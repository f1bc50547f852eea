"""The reporting threshold of `report` and `analyze`: as given, else the workshops' own.

A workshop's own threshold is the one its dashboard last showed (careerkit.reporting.releases),
so a report written after the session shows what the room saw.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from careerkit.languages import _
from careerkit.privacy import DEFAULT_THRESHOLD, MIN_THRESHOLD, check_threshold

if TYPE_CHECKING:
    from careerkit.store import Store


def add_threshold_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--threshold",
        type=int,
        default=None,
        help=_(
            "smallest group shown, in people (default: the workshops' own, as their dashboard "
            "last showed it, else {default}; never below {least})"
        ).format(default=DEFAULT_THRESHOLD, least=MIN_THRESHOLD),
    )


def given_threshold(args: argparse.Namespace) -> int | None:
    """`--threshold` checked (before anything is read), or None when it was not given."""
    return None if args.threshold is None else check_threshold(args.threshold)


def workshops_threshold(store: Store, workshops: list[str], given: int | None) -> int:
    """The threshold given, else the strictest stored for these workshops, else the default."""
    if given is not None:
        return given
    from careerkit.reporting.releases import stored_threshold

    return stored_threshold(store, workshops, DEFAULT_THRESHOLD)
