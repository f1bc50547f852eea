"""`careerkit serve` and `careerkit dashboard`: start the participant apps or the facilitator's dashboard."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from careerkit.languages import _, ngettext


def add_serving_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser("serve", help=_("serve the participant apps with Voilà"))
    p.add_argument(
        "--port",
        type=int,
        default=8866,
        help=_("port to listen on (default {port})").format(port=8866),
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=_(
            "address to listen on (default {host}; use 0.0.0.0 to let a room of laptops in)"
        ).format(host="127.0.0.1"),
    )
    p.add_argument(
        "--pool-size",
        type=int,
        default=2,
        help=_("preheated kernels kept ready per app (default {count})").format(count=2),
    )
    p.add_argument(
        "--workshop",
        metavar="CODE",
        help=_("workshop code to put into the printed links (created when it does not exist)"),
    )
    p.add_argument(
        "--max-kernels",
        type=int,
        help=_(
            "most kernels at once, preheated ones included; pages past it are asked to wait "
            "(default: from the memory free at start, printed)"
        ),
    )
    p.add_argument(
        "--expect",
        type=int,
        metavar="N",
        help=_(
            "N people will open the survey at once: preheat N survey kernels (within the "
            "kernel cap) before the server says it is ready; the printed line says the memory held"
        ),
    )
    _add_base_url(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("dashboard", help=_("serve the facilitator dashboard (token required)"))
    p.add_argument(
        "--port",
        type=int,
        default=8867,
        help=_("port to listen on (default {port})").format(port=8867),
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("address to listen on (default {host})").format(host="127.0.0.1"),
    )
    p.add_argument(
        "--comment-threshold",
        type=int,
        metavar="N",
        help=_(
            "fewest people who wrote into a question before its comments are listed "
            "(default {count}, never below the reporting threshold; the dashboard can raise it)"
        ).format(count=10),
    )
    _add_base_url(p, dashboard=True)
    p.set_defaults(func=cmd_dashboard)


def _add_base_url(p: argparse.ArgumentParser, dashboard: bool = False) -> None:
    p.add_argument(
        "--base-url",
        default="/",
        metavar="/PREFIX/",
        help=_("path prefix to serve under, behind a reverse proxy (default /)"),
    )
    p.add_argument(
        "--hub",
        action="store_true",
        help=_(
            "run as a JupyterHub service: address and prefix from the hub; the hub logs "
            "facilitators in instead of the token"
        )
        if dashboard
        else _("run as a JupyterHub service: address and prefix from the hub"),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from careerkit.serving.serve import hub_service_options, serve
    from careerkit.serving.staging import ServeOptions, normalize_base_url

    base_url = normalize_base_url(args.base_url)  # a wrong prefix stops before anything is made
    opts = ServeOptions(
        port=args.port,
        host=args.host,
        pool_size=args.pool_size,
        workshop=args.workshop,
        max_kernels=args.max_kernels,
        base_url=base_url,
        expect=args.expect,
    )
    if args.hub:
        opts = hub_service_options(opts)
    if args.workshop:
        expected = _ensure_workshop(args.workshop)
        if opts.expect is None and expected is not None:
            said = ngettext(
                "careerkit: workshop {code} expects {count} person.",
                "careerkit: workshop {code} expects {count} people.",
                expected,
            )
            print(said.format(code=args.workshop, count=expected), flush=True)
            opts = replace(opts, expect=expected)  # what `workshop create --expect` recorded

    serve(opts)
    return 0  # pragma: no cover  (serve replaces the process)


def cmd_dashboard(args: argparse.Namespace) -> int:
    import os

    from careerkit.config import COMMENT_THRESHOLD_ENV
    from careerkit.privacy import DEFAULT_THRESHOLD, check_comment_threshold
    from careerkit.serving.serve import hub_service_options, serve_dashboard
    from careerkit.serving.staging import ServeOptions, normalize_base_url

    if args.comment_threshold is not None:
        given = check_comment_threshold(args.comment_threshold, DEFAULT_THRESHOLD)
        os.environ[COMMENT_THRESHOLD_ENV] = str(given)  # the dashboard's kernels read it

    base_url = normalize_base_url(args.base_url)
    opts = ServeOptions(port=args.port, host=args.host, pool_size=1, base_url=base_url)
    serve_dashboard(hub_service_options(opts) if args.hub else opts)
    return 0  # pragma: no cover  (serve_dashboard replaces the process)


def _ensure_workshop(code: str) -> int | None:
    """Create the workshop `serve --workshop CODE` names, so every list and picker shows it.

    Returns the room size it was created for (`workshop create --expect N`), if any.
    """
    from careerkit.store import open_store

    store = open_store()
    try:
        known = store.get_workshop(code)
        if known is None:
            store.create_workshop(f"Workshop {code}", code)
            print(_("careerkit: created workshop {code}.").format(code=code), flush=True)
            return None
        return known.expect
    finally:
        store.close()
