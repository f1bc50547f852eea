"""Start Voilà over the participant workbooks with safe settings, and say which link to share."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from .config import DATA_DIR_ENV, SURVEY_DIR_ENV, data_dir, survey_dir, workbook_dir
from .errors import ConfigError

#: Idle participant kernels are shut down after this many seconds (a closed tab frees memory).
CULL_IDLE_SECONDS = 1200


@dataclass(frozen=True)
class ServeOptions:
    port: int = 8866
    host: str = "127.0.0.1"
    pool_size: int = 2
    workshop: str | None = None


def stage_apps(target: Path, source: Path | None = None) -> list[str]:
    """Copy the participant workbooks (top level of workbooks/, not facilitator/) into `target`.

    Only these copies are served, so the dashboard, the database and the survey files are
    never reachable from the participants' server.
    """
    source = source or workbook_dir()
    notebooks = sorted(p for p in source.glob("*.ipynb") if p.is_file())
    if not notebooks:
        raise ConfigError(f"No workbooks found in {source}; run from the careerkit folder.")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True, mode=0o700)
    for nb in notebooks:
        shutil.copy2(nb, target / nb.name)
    return [nb.name for nb in notebooks]


def voila_argv(apps: Path, opts: ServeOptions) -> list[str]:
    """The Voilà command line: sources stripped, no tracebacks, preheated kernels, culling."""
    return [
        sys.executable, "-m", "voila", str(apps),
        f"--port={opts.port}",
        f"--Voila.ip={opts.host}",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--preheat_kernel=True",
        f"--pool_size={opts.pool_size}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=True",
        "--VoilaConfiguration.file_allowlist=[]",
        "--Voila.tornado_settings={'headers': {'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer'}}",
    ]


def participant_links(opts: ServeOptions, names: list[str]) -> list[str]:
    host = opts.host
    if host in ("0.0.0.0", "::"):  # noqa: S104  (compares, does not bind)
        host = socket.gethostname()  # the name other laptops in the room can reach
    elif host == "127.0.0.1":
        host = "localhost"
    query = f"?workshop={opts.workshop}" if opts.workshop else ""
    return [f"http://{host}:{opts.port}/voila/render/{name}{query}" for name in names]


def serve(opts: ServeOptions) -> None:
    """Replace this process with the Voilà server (signals reach it directly)."""
    apps = data_dir() / "apps"
    names = stage_apps(apps)
    env = dict(os.environ)
    env[SURVEY_DIR_ENV] = str(survey_dir().resolve())
    env.setdefault(DATA_DIR_ENV, str(data_dir()))
    links = participant_links(opts, [n for n in names if n == "interest_survey.ipynb"] or names)
    print("careerkit: starting the participant apps (Voilà). Share this link:", flush=True)
    for link in links:
        print(f"  {link}", flush=True)
    print(f"careerkit: data is kept in {env[DATA_DIR_ENV]}; press Ctrl+C to stop.", flush=True)
    argv = voila_argv(apps, opts)
    os.execve(sys.executable, argv, env)  # noqa: S606  (fixed argv built above, no shell)
