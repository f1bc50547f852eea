"""The `careerkit` command: thin wrappers that call the package and print plain messages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import CareerkitError
from .model import Survey


def _summary(survey: Survey) -> str:
    pages = len(survey.pages)
    scoring = "with scoring" if survey.scoring else "without scoring"
    return f"{survey.id}: {len(survey.questions)} questions on {pages} page{'s' * (pages > 1)}, {scoring}"


def _validate_org_goals(name: str) -> int:
    """Check one organization-goals file (survey/org/); 1 when it has problems."""
    from .surveys import check_org_goals
    from .surveys.org_goals import org_goals_summary

    goals, problems = check_org_goals(name)
    for problem in problems:
        print(problem)
    if goals is None:
        return 1
    print(f"{name}: ok ({org_goals_summary(goals)})")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from .serve import ServeOptions, serve_dashboard

    serve_dashboard(ServeOptions(port=args.port, host=args.host, pool_size=1))
    return 0  # pragma: no cover  (serve_dashboard replaces the process)


def cmd_validate(args: argparse.Namespace) -> int:
    from .surveys import check_file, is_org_goals_file

    failed = 0
    for name in args.files:
        if is_org_goals_file(name):
            failed += _validate_org_goals(name)
            continue
        survey, problems = check_file(name)
        if survey is None:
            failed += 1
            for problem in problems:
                print(problem)
        else:
            print(f"{name}: ok ({_summary(survey)})")
    if failed:
        print(
            f"{failed} of {len(args.files)} file(s) have problems; fix the lines above and run again.",
            file=sys.stderr,
        )
    return 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import ServeOptions, serve

    serve(
        ServeOptions(
            port=args.port, host=args.host, pool_size=args.pool_size, workshop=args.workshop
        )
    )
    return 0  # pragma: no cover  (serve replaces the process)


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo
    from .store import open_store
    from .surveys import load_survey

    if args.participants < 1:
        raise CareerkitError("--participants must be at least 1.")
    store = open_store()
    saved = run_demo(
        load_survey(args.survey), store, args.workshop, args.participants, seed=args.seed
    )
    print(f"Stored {saved} demo responses for workshop {args.workshop} in {store.describe()}.")
    return 0 if saved == args.participants else 1


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import write_csv
    from .store import open_store
    from .surveys import load_survey

    output = Path(args.output)
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or suffix
    if fmt not in ("csv", "xlsx"):
        raise CareerkitError(
            f"--output must end in .csv or .xlsx (got {output.name}), or add --format csv|xlsx."
        )
    if suffix in ("csv", "xlsx") and suffix != fmt:
        raise CareerkitError(f"--format {fmt} does not match the file name {output.name}.")
    survey = load_survey(args.survey)
    responses = open_store().responses(workshop=args.workshop, survey_id=survey.id)
    if fmt == "xlsx":
        from .exports_xlsx import write_xlsx

        n = write_xlsx(output, survey, responses)
    else:
        n = write_csv(output, survey, responses)
    print(
        f"Wrote {n} responses of workshop {args.workshop} to {output} (for the facilitator only)."
    )
    return 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from .plan import Plan
    from .plan_export import plan_html, plan_ics, plan_markdown
    from .planning import normalize_code
    from .store import open_store

    plan = open_store().get_doc(Plan, normalize_code(args.code))
    if plan is None:
        raise CareerkitError("No plan with that code.")
    output = Path(args.output)
    if args.format == "ics":
        output.write_bytes(plan_ics(plan))
    else:
        text = plan_markdown(plan) if args.format == "md" else plan_html(plan)
        output.write_text(text, encoding="utf-8")
    print(f"Wrote the plan as {args.format} to {output}.")
    return 0


def cmd_workshop(args: argparse.Namespace) -> int:
    from .config import data_dir
    from .store import open_store
    from .workshop_links import participant_links, write_qr

    store = open_store()
    if args.workshop_command == "create":
        if args.org:
            from .surveys import org_goals_named

            org_goals_named(args.org, "Give a file name from survey/org/ without .yaml.")
        workshop = store.create_workshop(args.name, args.code)
        print(f"Workshop {workshop.name!r}: join code {workshop.code}")
        links = participant_links(args.base_url, workshop.code, args.org)
        for name, link in links.items():
            print(f"  {name}: {link}")
        qr = Path(args.qr) if args.qr else data_dir() / f"workshop-{workshop.code}-qr.png"
        print(f"QR code of the survey link for a slide: {write_qr(links['Interest survey'], qr)}")
    elif args.workshop_command == "list":
        for w in store.workshops():
            state = f"closed {w.closed_at:%Y-%m-%d %H:%M}" if w.closed_at else "open"
            print(f"{w.code}  {state:<22} {w.name}")
    else:
        closed = args.workshop_command == "close"
        workshop = store.set_workshop_closed(args.code, closed)
        verb = "closed: late participants see a polite notice" if closed else "open again"
        print(f"Workshop {workshop.code} is {verb}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerkit", description="Career conversation workbooks and surveys."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("serve", help="serve the participant apps with Voilà")
    p.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; use 0.0.0.0 to let a room of laptops in)",
    )
    p.add_argument(
        "--pool-size", type=int, default=2, help="preheated kernels kept ready per app (default 2)"
    )
    p.add_argument("--workshop", help="workshop code to put into the printed links")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "validate", help="check survey and organization-goals files; one line per problem"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("dashboard", help="serve the facilitator dashboard (token required)")
    p.add_argument("--port", type=int, default=8867, help="port to listen on (default 8867)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("demo", help="store realistic synthetic responses for a workshop")
    p.add_argument("--workshop", required=True)
    p.add_argument("--participants", type=int, default=12)
    p.add_argument("--survey", default="career_interests", help="survey name or file")
    p.add_argument("--seed", type=int, default=None, help="random seed, for repeatable demos")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "export",
        help="write a workshop's individual responses to CSV or Excel (for the facilitator only)",
        description="Write one row per response. The file holds individual answers: keep it for "
        "the facilitator only and share `careerkit report` instead. Cells a spreadsheet could run "
        "as a formula are neutralized; Excel files hold values only, no formulas.",
    )
    p.add_argument("--workshop", required=True)
    p.add_argument("--output", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument(
        "--format", choices=["csv", "xlsx"], help="file format (default: from the file name)"
    )
    p.add_argument("--survey", default="career_interests", help="survey name or file")
    p.set_defaults(func=cmd_export)

    from .cli_report import add_report_command

    add_report_command(sub)

    ws = sub.add_parser("workshop", help="create, list, close and reopen workshops")
    ws_sub = ws.add_subparsers(dest="workshop_command", required=True, metavar="WORKSHOP_COMMAND")
    p = ws_sub.add_parser(
        "create", help="create a workshop; prints its join code, links and a QR code"
    )
    p.add_argument("name")
    p.add_argument("--code", help="choose the join code instead of a random one")
    p.add_argument(
        "--base-url",
        default="http://localhost:8866",
        help="where participants reach `careerkit serve`",
    )
    p.add_argument(
        "--qr", metavar="FILE.png", help="where to write the QR code (default: the data folder)"
    )
    p.add_argument(
        "--org",
        metavar="NAME",
        help="organization goals for the brainstorm link: a file name in survey/org/ (&org=NAME)",
    )
    ws_sub.add_parser("list", help="list workshops")
    for verb, text in (("close", "take no more submissions"), ("reopen", "take submissions again")):
        p = ws_sub.add_parser(verb, help=text)
        p.add_argument("code")
    ws.set_defaults(func=cmd_workshop)

    plan = sub.add_parser("plan", help="work with development plans")
    plan_sub = plan.add_subparsers(dest="plan_command", required=True, metavar="PLAN_COMMAND")
    p = plan_sub.add_parser(
        "export", help="write a plan as Markdown, a printable page or a calendar"
    )
    p.add_argument("code", help="the plan code")
    p.add_argument("--format", choices=["md", "html", "ics"], required=True)
    p.add_argument("--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_plan_export)

    from .cli_erase import add_erase_command

    add_erase_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; every expected failure becomes a one-line message, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="careerkit: %(message)s")
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
