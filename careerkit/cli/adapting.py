"""`careerkit lab`: adapt the workbooks in JupyterLab, with the data and surveys `serve` uses."""

from __future__ import annotations

import argparse
from typing import Any


def add_adapting_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "lab",
        help="open JupyterLab on the workbooks, with the data and surveys `serve` uses",
        description="JupyterLab on the workbooks folder, on this computer only (127.0.0.1), "
        "behind a new token each time; prints the link to open.",
    )
    p.add_argument("--port", type=int, default=8868, help="port to listen on (default 8868)")
    p.add_argument("--browser", action="store_true", help="also open it in the web browser")
    p.set_defaults(func=cmd_lab)


def cmd_lab(args: argparse.Namespace) -> int:
    from careerkit.serving.lab import LabOptions, serve_lab

    serve_lab(LabOptions(port=args.port, browser=args.browser))
    return 0  # pragma: no cover  (serve_lab replaces the process)
