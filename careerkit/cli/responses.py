"""`careerkit demo` and `careerkit export`: store synthetic responses, or write the real ones to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError
from careerkit.languages import _, ngettext

from .language import add_lang_option, use_lang_option

if TYPE_CHECKING:
    from careerkit.store import Store


def add_response_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser("demo", help=_("store realistic synthetic responses for a workshop"))
    p.add_argument("--workshop", required=True)
    p.add_argument("--participants", type=int, default=12)
    p.add_argument("--survey", default="career_interests", help=_("survey name or file"))
    p.add_argument("--seed", type=int, default=None, help=_("random seed, for repeatable demos"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "export",
        help=_(
            "write a workshop's individual responses to CSV or Excel (for the facilitator only)"
        ),
        description=_(
            "Write one row per response. The file holds individual answers: keep it for "
            "the facilitator only and share `careerkit report` instead. Cells a spreadsheet could "
            "run as a formula are neutralized; Excel files hold values only, no formulas."
        ),
    )
    p.add_argument("--workshop", required=True)
    p.add_argument("--output", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument(
        "--format", choices=["csv", "xlsx"], help=_("file format (default: from the file name)")
    )
    p.add_argument(
        "--survey",
        help=_("survey name or file (default: the workshop's survey, else career_interests)"),
    )
    add_lang_option(p, _("the Excel file's sheets and question texts (CSV columns are ids)"))
    p.set_defaults(func=cmd_export)


def cmd_demo(args: argparse.Namespace) -> int:
    from careerkit.definitions import load_survey
    from careerkit.store import open_store
    from careerkit.survey.demo import run_demo

    if args.participants < 1:
        raise CareerkitError(_("--participants must be at least 1."))
    from careerkit.definitions import survey_path
    from careerkit.errors import DefinitionError
    from careerkit.survey.editions import check_and_record

    path = survey_path(args.survey)
    survey = load_survey(path)
    store = open_store()
    found = check_and_record(store, survey, path)  # the demo answers this edition
    if found.problems:
        raise DefinitionError(found.problems)
    saved = run_demo(survey, store, args.workshop, args.participants, seed=args.seed)
    text = ngettext(
        "Stored {count} demo response for workshop {code} in {store}.",
        "Stored {count} demo responses for workshop {code} in {store}.",
        saved,
    )
    print(text.format(count=saved, code=args.workshop, store=store.describe()))
    return 0 if saved == args.participants else 1


def cmd_export(args: argparse.Namespace) -> int:
    from careerkit.definitions import load_survey
    from careerkit.reporting.export_csv import write_csv
    from careerkit.store import open_store

    lang = use_lang_option(args)  # first, so a refusal is said in that language
    output = Path(args.output)
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in ("csv", "xlsx"):
        raise CareerkitError(
            _("--output must end in .csv or .xlsx (got {name}), or add --format csv|xlsx.").format(
                name=output.name
            )
        )
    if suffix in ("csv", "xlsx") and suffix != fmt:
        raise CareerkitError(
            _("--format {format} does not match the file name {name}.").format(
                format=fmt, name=output.name
            )
        )
    store = open_store()
    survey = load_survey(args.survey or workshop_survey(store, args.workshop), lang)
    responses = store.responses(workshop=args.workshop, survey_id=survey.id)
    versions = {e.digest: e.version for e in store.editions(survey.id)}
    if fmt == "xlsx":
        from careerkit.reporting.export_xlsx import write_xlsx

        n = write_xlsx(output, survey, responses, versions)
    else:
        n = write_csv(output, survey, responses, versions)
    text = ngettext(
        "Wrote {count} response of workshop {code} to {file} (for the facilitator only).",
        "Wrote {count} responses of workshop {code} to {file} (for the facilitator only).",
        n,
    )
    print(text.format(count=n, code=args.workshop, file=output))
    others = store.count_responses(workshop=args.workshop) - n
    if others:
        text = ngettext(
            "The workshop also holds {count} response to other surveys; export it with "
            "--survey NAME.",
            "The workshop also holds {count} responses to other surveys; export them with "
            "--survey NAME.",
            others,
        )
        print(text.format(count=others))
    return 0


def workshop_survey(store: Store, code: str) -> str:
    """The survey a workshop was created with (career_interests when none, or no such row)."""
    found = store.get_workshop(code)
    return (found.survey if found is not None else None) or "career_interests"
