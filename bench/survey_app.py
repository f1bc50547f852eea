"""Survey app vs a bare ipywidgets notebook: time to a usable page and kernel memory.

Starts one `careerkit serve` over copies of workbooks/*.ipynb plus bare.ipynb (one Button),
opens each page in headless Chromium for N rounds and prints medians and survey/bare ratios.
With `--database postgresql://...` it does so on SQLite, then on that database, and prints the
survey kernel's memory on PostgreSQL against SQLite. See bench/README.md for the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nbformat
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from voila_server import (  # noqa: E402  (the shared server/browser helpers live with the tests)
    VoilaServer,
    chromium_missing,
    launch_chromium,
    start_server,
)

SURVEY = "interest_survey.ipynb"
BARE = "bare.ipynb"
PAGES = {
    # name: (notebook, query, CSS selector of the usable form)
    "survey": (SURVEY, "?workshop=BENCH", ".careerkit-survey"),
    "bare": (BARE, "", ".bench-bare-button"),
}
BARE_CODE = """import ipywidgets as widgets

button = widgets.Button(description="Press me")
button.add_class("bench-bare-button")
button"""
MIB = 1024 * 1024

# What a survey kernel loads beyond a bare one; each line adds to the one before it. On SQLite
# the survey kernel saves through careerkit.store.lite (the standard library's sqlite3, which
# IPython has loaded already) and reads the link with careerkit.serving.query' own websocket receiver.
# `careerkit serve` validates every survey into the survey cache first, so a kernel loads its
# survey from JSON: the YAML reader and the organization-goals loader stay out.
IMPORT_STEPS = [
    ("ipykernel + ipywidgets (bare kernel)", "import ipykernel.ipkernel, ipywidgets"),
    ("+ pydantic", "import pydantic"),
    ("+ careerkit models", "import careerkit.model"),
    ("+ survey loader (cached JSON)", "import careerkit.definitions"),
    (
        "+ survey screen and light store",
        "import careerkit.serving.apps, careerkit.store.lite, careerkit.survey.screens.form",
    ),
    (
        "+ first validation (the workshop row)",
        "import datetime, careerkit.model as m; "
        "m.Workshop(code='BENCH', name='Bench', created_at=datetime.datetime.now(datetime.UTC))",
    ),
    (
        "(YAML, org goals: cold cache only)",
        "import careerkit.definitions.yamlnodes, careerkit.definitions.org_goals",
    ),
    ("(SQLAlchemy, not loaded)", "import sqlalchemy, careerkit.store.sql"),
]
SURVEY_STEPS = 6  # the steps above that a survey kernel with a warm cache takes

# Database drivers a survey kernel could save through, each measured in its own interpreter
# after the survey kernel's steps: the import, then (with --database) a connection and a query.
# name: (environment, import, connect and query given `url`)
DRIVERS = {
    "sqlite3 (light store, SQLite)": ({}, "import sqlite3", None),
    "pg8000 (light store, PostgreSQL)": (
        {},
        "import careerkit.store.lite_pg",
        "careerkit.store.lite_pg.LitePgStore(url).schema_version()",
    ),
    "psycopg, system libpq (ctypes)": (
        {"PSYCOPG_IMPL": "python"},
        "import psycopg",
        "psycopg.connect(url).execute('SELECT 1').fetchone()",
    ),
    "psycopg, binary wheel's libpq": (
        {"PSYCOPG_IMPL": "binary"},
        "import psycopg",
        "psycopg.connect(url).execute('SELECT 1').fetchone()",
    ),
    "SQLAlchemy + psycopg binary (SQL store)": (
        {"PSYCOPG_IMPL": "binary"},
        "import careerkit.store.sql",
        "careerkit.store.sql.SqlStore(url).schema_version()",
    ),
}


@dataclass
class Sample:
    ms: float
    rss: float
    uss: float


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {k: [] for k in PAGES})


def stage_workbooks(folder: Path) -> Path:
    """Copies of the participant workbooks plus bare.ipynb, as CAREERKIT_WORKBOOK_DIR."""
    books = folder / "workbooks"
    books.mkdir(parents=True)
    for nb in sorted((ROOT / "workbooks").glob("*.ipynb")):
        shutil.copy2(nb, books / nb.name)
    bare = nbformat.v4.new_notebook()
    bare.cells = [nbformat.v4.new_code_cell(BARE_CODE)]
    bare.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nbformat.write(bare, books / BARE)
    return books


def prepare_workshop(data: Path, database: str | None) -> None:
    """The database as a facilitator leaves it before a session: `careerkit workshop create`.

    On a PostgreSQL database kept from an earlier run the workshop may be there already.
    """
    env = {**os.environ, "CAREERKIT_DATA_DIR": str(data)}
    env.pop("CAREERKIT_DATABASE_URL", None)
    if database:
        env["CAREERKIT_DATABASE_URL"] = database
    done = subprocess.run(
        [sys.executable, "-m", "careerkit.cli", "workshop", "create", "Bench", "--code", "BENCH"],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 and "already taken" not in done.stdout + done.stderr:
        raise RuntimeError(f"careerkit workshop create failed:\n{done.stdout}{done.stderr}")


def _log_lines(server: VoilaServer) -> list[str]:
    return server.log().splitlines()


def pool_full(server: VoilaServer, notebook: str) -> bool:
    """True when Voilà has refilled the notebook's pool since it last handed out a kernel."""
    lines = _log_lines(server)
    used = [i for i, ln in enumerate(lines) if "Using pre-heated kernel" in ln and notebook in ln]
    filled = [i for i, ln in enumerate(lines) if f"Kernel pool of {notebook} is filled" in ln]
    return bool(filled) and (not used or filled[-1] > used[-1])


def wait_quiet(server: VoilaServer, notebooks: list[str], timeout: float = 90.0) -> None:
    """Wait until every pool is full and all kernels are idle (preheating done)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(pool_full(server, nb) for nb in notebooks):
            kernels = server.kernels()
            for k in kernels:
                k.cpu_percent(None)
            time.sleep(0.5)
            busy = [k for k in kernels if _cpu(k) > 5.0]
            if not busy:
                return
        else:
            time.sleep(0.3)
    raise RuntimeError(f"kernel pools did not settle within {timeout:.0f}s")


def _cpu(proc: psutil.Process) -> float:
    try:
        return float(proc.cpu_percent(None))
    except psutil.NoSuchProcess:
        return 0.0


def kernel_of_page(server: VoilaServer, before: int, notebook: str) -> psutil.Process:
    """The kernel Voilà handed to the page just opened (logged after line `before`)."""
    lines = _log_lines(server)[before:]
    pattern = re.compile(rf"Using pre-heated kernel: (\S+) for {re.escape(notebook)}")
    ids = [m.group(1) for line in lines if (m := pattern.search(line))]
    if not ids:
        raise RuntimeError(f"no pre-heated kernel was used for {notebook}; is the pool empty?")
    for proc in server.kernels():
        if f"kernel-{ids[-1]}.json" in " ".join(proc.cmdline()):
            return proc
    raise RuntimeError(f"kernel {ids[-1]} of {notebook} has no process")


def measure(browser: Any, server: VoilaServer, name: str) -> Sample:
    """Open one page in a fresh browser context; time to usable form, then the kernel's memory."""
    notebook, query, selector = PAGES[name]
    wait_quiet(server, [nb for nb, _q, _s in PAGES.values()])
    before = len(_log_lines(server))
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(server.url(f"voila/render/{notebook}{query}"), wait_until="commit")
        # performance.now() is milliseconds since navigation start, read when the form shows.
        handle = page.wait_for_function(
            """sel => { const el = document.querySelector(sel);
                        return el && el.offsetParent !== null && el.getClientRects().length > 0
                               && performance.now(); }""",
            arg=selector,
            timeout=120_000,
        )
        ms = float(handle.json_value())
        kernel = kernel_of_page(server, before, notebook)
        deadline = time.monotonic() + 10
        kernel.cpu_percent(None)
        while time.monotonic() < deadline:  # let the kernel finish sending the page's widgets
            time.sleep(0.3)
            if _cpu(kernel) < 5.0:
                break
        info = kernel.memory_full_info()
        return Sample(ms=ms, rss=info.rss / MIB, uss=info.uss / MIB)
    finally:
        context.close()


def _rss_after(steps: list[tuple[str, str]], env: dict[str, str] | None = None) -> list[float]:
    """RSS of a fresh interpreter after each step (MiB), `exec`uted in order in one namespace."""
    code = (
        "import json, psutil\n"
        "p = psutil.Process()\n"
        "out = []\n"
        f"for label, stmt in {steps!r}:\n"
        "    exec(stmt)\n"
        "    out.append(p.memory_info().rss / 1048576)\n"
        "print(json.dumps(out))\n"
    )
    with tempfile.TemporaryDirectory() as cwd:  # kernels run outside the checkout, as under Voilà
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
    return [float(rss) for rss in json.loads(done.stdout)]


def import_breakdown() -> list[tuple[str, float]]:
    """RSS of a fresh interpreter after each import step (MiB), as the participant kernel would."""
    return list(zip([label for label, _ in IMPORT_STEPS], _rss_after(IMPORT_STEPS), strict=True))


def driver_costs(database: str | None) -> list[tuple[str, float, float | None]]:
    """What each driver adds to a survey kernel (MiB): importing it, and connected (with a URL)."""
    out = []
    for name, (env, imports, connect) in DRIVERS.items():
        steps = [*IMPORT_STEPS[:SURVEY_STEPS], ("driver", imports)]
        if database and connect:
            steps.append(("connected", f"url = {database!r}; {connect}"))
        rss = _rss_after(steps, env)
        base = rss[SURVEY_STEPS - 1]
        out.append(
            (
                name,
                rss[SURVEY_STEPS] - base,
                rss[-1] - base if len(rss) > SURVEY_STEPS + 1 else None,
            )
        )
    return out


def _fmt(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):8.1f} {unit}  ({min(values):.1f}-{max(values):.1f})"


def report(results: Results, title: str) -> None:
    s, b = results.samples["survey"], results.samples["bare"]
    print(f"\n{title}")
    cols = [
        ("time to usable", "ms", "ms"),
        ("kernel RSS", "MiB", "rss"),
        ("kernel USS", "MiB", "uss"),
    ]
    print()
    print(f"{'page':<14}" + "".join(f"{title + ' median (min-max)':<38}" for title, _u, _a in cols))
    for name, samples in (("survey", s), ("bare", b)):
        row = [_fmt([getattr(x, attr) for x in samples], unit) for _t, unit, attr in cols]
        print(f"{name:<14}" + "".join(f"{cell:<38}" for cell in row))
    ratios = [
        statistics.median(getattr(x, a) for x in s) / statistics.median(getattr(x, a) for x in b)
        for _t, _u, a in cols
    ]
    print(f"{'survey/bare':<14}" + "".join(f"{r:8.2f}{'':<30}" for r in ratios))
    targets = {"time": ratios[0], "memory (RSS)": ratios[1]}
    verdict = ", ".join(f"{k} {v:.2f} {'<=' if v <= 1.2 else '>'} 1.2" for k, v in targets.items())
    print(f"targets: {verdict}")


def compare(sqlite: Results, postgres: Results) -> None:
    """The survey kernel on PostgreSQL against the one on SQLite, medians of the same run."""
    ratios = {
        attr: statistics.median(getattr(x, attr) for x in postgres.samples["survey"])
        / statistics.median(getattr(x, attr) for x in sqlite.samples["survey"])
        for attr in ("rss", "uss", "ms")
    }
    print(
        f"\nsurvey kernel PostgreSQL/SQLite: RSS {ratios['rss']:.2f} "
        f"({'<=' if ratios['rss'] <= 1.1 else '>'} 1.1), USS {ratios['uss']:.2f}, "
        f"time to usable {ratios['ms']:.2f}"
    )


def run(args: argparse.Namespace, browser: Any, database: str | None) -> Results:
    """Every round of page loads on one `careerkit serve` (SQLite in its data folder, or `database`)."""
    folder = Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    results = Results()
    try:
        books = stage_workbooks(folder)
        prepare_workshop(folder / "data", database)
        where = database_name(database)
        print(f"bench: starting careerkit serve over {books} on {where} ...", flush=True)
        extra = {"CAREERKIT_DATABASE_URL": database} if database else None
        server_cm = start_server(
            folder / "data", workbook_dir=books, pool_size=args.pool_size, extra_env=extra
        )
        with server_cm as server:
            for r in range(args.rounds):
                order = ["survey", "bare"] if r % 2 == 0 else ["bare", "survey"]
                for name in order:
                    sample = measure(browser, server, name)
                    results.samples[name].append(sample)
                    if args.verbose:
                        print(
                            f"  round {r + 1} {name:<6} {sample.ms:7.0f} ms  "
                            f"RSS {sample.rss:6.1f} MiB  USS {sample.uss:6.1f} MiB",
                            flush=True,
                        )
                print(f"bench: round {r + 1}/{args.rounds} done", flush=True)
    finally:
        if args.keep:
            print(f"bench: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def database_name(database: str | None) -> str:
    """The database in words, without a password."""
    if not database:
        return "SQLite"
    parts = urlsplit(database)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 5432}{parts.path}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="page loads per app (default 5)")
    parser.add_argument("--pool-size", type=int, default=1, help="preheated kernels per app")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="also run on this PostgreSQL database (its BENCH workshop is created if missing)",
    )
    parser.add_argument("--no-breakdown", action="store_true", help="skip the import memory table")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and log")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every sample")
    args = parser.parse_args(argv)

    missing = chromium_missing()
    if missing:
        print(f"bench: {missing}", file=sys.stderr)
        return 2
    with launch_chromium() as browser:
        on_sqlite = run(args, browser, None)
        on_postgres = run(args, browser, args.database) if args.database else None
    report(on_sqlite, "SQLite")
    if on_postgres is not None:
        report(on_postgres, database_name(args.database))
        compare(on_sqlite, on_postgres)
    if not args.no_breakdown:
        print("\nimport cost in a fresh interpreter (RSS, cumulative):")
        previous = None
        for label, rss in import_breakdown():
            delta = "" if previous is None else f"  (+{rss - previous:5.1f})"
            print(f"  {label:<40} {rss:7.1f} MiB{delta}")
            previous = rss
        print("\ndrivers, each after the survey kernel's steps (RSS added, MiB):")
        print(f"  {'driver':<42} {'import':>7} {'connected':>10}")
        for name, imported, connected in driver_costs(args.database):
            shown = "" if connected is None else f"{connected:+10.1f}"
            print(f"  {name:<42} {imported:+7.1f} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
