"""`careerkit plan export`: a development plan as Markdown, a printable page or a calendar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.languages import _


def add_plan_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    plan = sub.add_parser("plan", help=_("work with development plans"))
    plan_sub = plan.add_subparsers(dest="plan_command", required=True, metavar="PLAN_COMMAND")
    p = plan_sub.add_parser(
        "export", help=_("write a plan as Markdown, a printable page or a calendar")
    )
    p.add_argument("code", help=_("the plan code"))
    p.add_argument("--format", choices=["md", "html", "ics"], required=True)
    p.add_argument("--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_plan_export)


def cmd_plan_export(args: argparse.Namespace) -> int:
    from careerkit.model import normalize_code
    from careerkit.plans.calendar import plan_ics
    from careerkit.plans.export import plan_html, plan_markdown
    from careerkit.plans.model import Plan
    from careerkit.store import open_store

    plan = open_store().get_doc(Plan, normalize_code(args.code))
    if plan is None:
        raise CareerkitError(_("No plan with that code."))
    output = Path(args.output)
    if args.format == "ics":
        output.write_bytes(plan_ics(plan))
    else:
        text = plan_markdown(plan) if args.format == "md" else plan_html(plan)
        output.write_text(text, encoding="utf-8")
    print(_("Wrote the plan as {format} to {file}.").format(format=args.format, file=output))
    return 0
