"""`careerkit workshop create|list|close|reopen`: join codes, links and QR codes for a session."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.languages import LANGUAGES, NC_, _, pgettext, use_language

if TYPE_CHECKING:
    from careerkit.model import Workshop, WorkshopActivity

#: `workshop list`'s columns: heading, least width, `<` for text or `>` for numbers. A column is
#: as wide as its widest heading or value, so the columns line up in every language.
COLUMNS = (
    (NC_("workshop list column", "CODE"), 10, "<"),
    (NC_("workshop list column", "STATE"), 24, "<"),
    (NC_("workshop list column", "RESP"), 5, ">"),
    (NC_("workshop list column", "EXPECT"), 6, ">"),
    (NC_("workshop list column", "MIN"), 4, ">"),
    (NC_("workshop list column", "DRAFTS"), 6, ">"),
    (NC_("workshop list column", "PLANS"), 5, ">"),
    (NC_("workshop list column", "BRAIN"), 5, ">"),
    (NC_("workshop list column", "SURVEY"), 18, "<"),
    (NC_("workshop list column", "NAME"), 0, "<"),
)


def add_workshop_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    ws = sub.add_parser("workshop", help=_("create, list, close and reopen workshops"))
    ws_sub = ws.add_subparsers(dest="workshop_command", required=True, metavar="WORKSHOP_COMMAND")
    p = ws_sub.add_parser(
        "create", help=_("create a workshop; prints its join code, links and a QR code")
    )
    p.add_argument("name")
    p.add_argument("--code", help=_("choose the join code instead of a random one"))
    p.add_argument(
        "--base-url",
        default="http://localhost:8866",
        help=_("where participants reach `careerkit serve`"),
    )
    p.add_argument(
        "--qr", metavar="FILE.png", help=_("where to write the QR code (default: the data folder)")
    )
    p.add_argument(
        "--org",
        metavar="NAME",
        help=_(
            "organization goals for the brainstorm link: a file name in survey/org/ (&org=NAME)"
        ),
    )
    p.add_argument(
        "--survey",
        metavar="SURVEY",
        help=_("the survey its links open: a name in survey/ (default: career_interests)"),
    )
    p.add_argument("--expect", type=int, metavar="N", help=_("how many people are expected"))
    p.add_argument("--lang", metavar="CODE", help=_("the default language of its links (de, fr)"))
    p.add_argument(
        "--threshold",
        type=int,
        metavar="N",
        help=_(
            "fewest people behind any number its dashboard and participants see (default {count})"
        ).format(count=5),
    )
    ws_sub.add_parser("list", help=_("list workshops"))
    for verb, text in (
        ("close", _("take no more submissions")),
        ("reopen", _("take submissions again")),
    ):
        p = ws_sub.add_parser(verb, help=text)
        p.add_argument("code")
    ws.set_defaults(func=cmd_workshop)


def cmd_workshop(args: argparse.Namespace) -> int:
    from careerkit.config import data_dir
    from careerkit.privacy import check_threshold
    from careerkit.store import open_store
    from careerkit.ui.qr import qr_png
    from careerkit.workshop_links import participant_links

    store = open_store()
    if args.workshop_command == "create":
        if args.lang in LANGUAGES:  # its links' language is the facilitator's here too
            use_language(args.lang)
        if args.org:
            from careerkit.definitions import org_goals_named

            org_goals_named(args.org, "Give a file name from survey/org/ without .yaml.")
        threshold = None if args.threshold is None else check_threshold(args.threshold)
        workshop = store.create_workshop(args.name, args.code, **_fields(args))
        if threshold is not None:
            store.set_release_threshold([workshop.code], threshold)
        print(
            _("Workshop {name}: join code {code}").format(
                name=repr(workshop.name), code=workshop.code
            )
        )
        if threshold is not None:
            print("  " + _("Numbers shown need at least {k} people.").format(k=threshold))
        if workshop.survey:
            print("  " + _("Survey: {survey}").format(survey=workshop.survey))
        links = participant_links(args.base_url, workshop.code, args.org, workshop.lang)
        for name, link in links.items():
            print(f"  {name}: {link}")
        qr = Path(args.qr) if args.qr else data_dir() / f"workshop-{workshop.code}-qr.png"
        qr.parent.mkdir(parents=True, exist_ok=True)
        qr.write_bytes(qr_png(links["Interest survey"], box_size=12))
        print(_("QR code of the survey link for a slide: {file}").format(file=qr))
    elif args.workshop_command == "list":
        activity = store.workshop_activity()
        mins = store.release_thresholds([a.code for a in activity])
        _print_activity(activity, {w.code: w for w in store.workshops()}, mins)
    else:
        closed = args.workshop_command == "close"
        workshop = store.set_workshop_closed(args.code, closed)
        said = (
            _("Workshop {code} is closed: late participants see a polite notice.")
            if closed
            else _("Workshop {code} is open again.")
        )
        print(said.format(code=workshop.code))
    return 0


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    """The workshop's survey, expected size and language, each checked before it is stored."""
    from careerkit.errors import CareerkitError

    fields: dict[str, Any] = {}
    if args.survey:
        from careerkit.definitions import survey_named

        survey_named(args.survey, "Give a survey name from survey/ without .yaml.")
        fields["survey"] = args.survey
    if args.expect is not None:
        if not 1 <= args.expect <= 100_000:
            raise CareerkitError(
                _("--expect must be a number of people from 1 (got {given}).").format(
                    given=args.expect
                )
            )
        fields["expect"] = args.expect
    if args.lang:
        from pydantic import TypeAdapter, ValidationError

        from careerkit.model import LangCode

        try:
            fields["lang"] = TypeAdapter(LangCode).validate_python(args.lang)
        except ValidationError:
            raise CareerkitError(
                _("--lang takes a language code such as de, fr or pt-BR (got {given}).").format(
                    given=f"{args.lang!r:.20}"
                )
            ) from None
    return fields


def _print_activity(
    activity: list[WorkshopActivity], rows: dict[str, Workshop], mins: dict[str, int]
) -> None:
    """One line per workshop code in use, most recently active first.

    MIN: its release threshold (fewest people behind a number), where a dashboard or
    `create --threshold` set one.
    """
    if not activity:
        print(
            _(
                "No workshops yet. Create one with `careerkit workshop create NAME`, or start "
                "`careerkit serve --workshop CODE`, which creates it."
            )
        )
        return
    lines = [[pgettext("workshop list column", heading) for heading, _w, _a in COLUMNS]]
    for a in activity:
        if a.name is None:
            state = _("never created")
        elif a.closed_at is not None:
            state = _("closed {time}").format(time=f"{a.closed_at:%Y-%m-%d %H:%M}")
        else:
            state = _("open")
        name = a.name if a.name is not None else _("(only in links: create it to name or close it)")
        row = rows.get(a.code)
        expect = "" if row is None or row.expect is None else str(row.expect)
        survey = (row.survey if row is not None else None) or "career_interests"
        least = str(mins.get(a.code, ""))
        counts = (a.responses, expect, least, a.drafts, a.plans, a.brainstorms)
        lines.append([a.code, state, *map(str, counts), survey, name])
    widths = [
        max(narrowest, *(len(line[i]) for line in lines))
        for i, (_h, narrowest, _a) in enumerate(COLUMNS)
    ]
    for line in lines:
        cells = [
            f"{text:{align}{width}}"
            for text, width, (_h, _w, align) in zip(line, widths, COLUMNS, strict=True)
        ]
        cells[-1] = line[-1]  # the name, unpadded
        print(" ".join(cells[:8]), " ".join(cells[8:]), sep="  ")
