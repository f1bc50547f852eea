"""`careerkit lab` and `careerkit check`: adapt the workbooks in JupyterLab, then check them all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from careerkit.languages import _

from .surveys import validate_files

NOTEBOOK = ".ipynb"
DEFINITION = (".yaml", ".yml")


def add_adapting_commands(sub: Any) -> None:
    """Add these commands to `careerkit` (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "lab",
        help=_("open JupyterLab on the workbooks, with the data and surveys `serve` uses"),
        description=_(
            "JupyterLab on the workbooks folder, on this computer only (127.0.0.1), "
            "behind a new token each time; prints the link to open."
        ),
    )
    p.add_argument(
        "--port",
        type=int,
        default=8868,
        help=_("port to listen on (default {port})").format(port=8868),
    )
    p.add_argument("--browser", action="store_true", help=_("also open it in the web browser"))
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser(
        "check",
        help=_("after adapting: validate every survey file, then run every workbook headless"),
        description=_(
            "Validates survey/*.yaml and survey/org/*.yaml, then runs each workbook "
            "(workbooks/*.ipynb and workbooks/facilitator/*.ipynb, or the PATHs given) from top "
            "to bottom against a throw-away data folder, and prints one line per file: ok, or the "
            "failing cell and its error. Exit 0 when all pass, 1 otherwise."
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("workbooks (.ipynb), folders of workbooks, or more survey files (.yaml) to check"),
    )
    p.set_defaults(func=cmd_check)


def cmd_lab(args: argparse.Namespace) -> int:
    from careerkit.serving.lab import LabOptions, serve_lab

    serve_lab(LabOptions(port=args.port, browser=args.browser))
    return 0  # pragma: no cover  (serve_lab replaces the process)


def _shown(path: Path) -> str:
    """A path relative to the working folder when it lies inside it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _definitions(paths: list[Path]) -> list[str]:
    from careerkit.config import survey_dir

    folder = survey_dir()
    found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    found += sorted((folder / "org").glob("*.yaml")) + sorted((folder / "org").glob("*.yml"))
    found += [p for p in paths if p.suffix in DEFINITION]
    return [_shown(p) for p in dict.fromkeys(p.resolve() for p in found)]


def _workbooks(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The notebooks to run, and a line for each PATH that is none of the kinds checked."""
    from careerkit.serving.workbook_check import all_workbooks

    if not paths:
        from careerkit.config import workbook_dir

        found = all_workbooks()
        missing = _("{folder}: no workbooks (.ipynb) found; run from the careerkit folder.").format(
            folder=_shown(workbook_dir())
        )
        return found, [] if found else [missing]
    notebooks: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.glob(f"*{NOTEBOOK}"))
            notebooks += inside
            if not inside:
                problems.append(
                    _("{path}: no workbooks (.ipynb) in this folder.").format(path=path)
                )
        elif path.suffix == NOTEBOOK and path.is_file():
            notebooks.append(path)
        elif path.suffix == NOTEBOOK:
            problems.append(_("{path}: no such file; check the path.").format(path=path))
        elif path.suffix not in DEFINITION:
            said = _("{path}: not a workbook (.ipynb) or survey file (.yaml); left out.")
            problems.append(said.format(path=path))
    return list(dict.fromkeys(notebooks)), problems


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the definitions, then run the workbooks against a throw-away data folder."""
    from careerkit.definitions import check_file, is_org_goals_file
    from careerkit.serving.workbook_check import check_env, run_workbook, scratch_data

    paths = [Path(p) for p in args.paths]
    definitions = _definitions(paths)
    failed = validate_files(definitions)
    notebooks, problems = _workbooks(paths)
    for line in problems:
        print(line)
    failed += len(problems)
    if notebooks:
        checked = [check_file(d)[0] for d in definitions if not is_org_goals_file(d)]
        with scratch_data([s for s in checked if s is not None]) as data:
            env = check_env(data)
            for notebook in notebooks:
                result = run_workbook(notebook, env)
                print(result.line(_shown(notebook)), flush=True)
                failed += not result.ok
    total = len(definitions) + len(notebooks) + len(problems)
    if failed:
        said = _(
            "{failed} of {total} file(s) have problems; fix them and run `careerkit check` again."
        )
        print(said.format(failed=failed, total=total), file=sys.stderr)
    return 1 if failed else 0
