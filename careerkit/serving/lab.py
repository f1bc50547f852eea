"""`careerkit lab`: JupyterLab on the workbooks folder, with the participant apps' data and surveys.

Kernels get the environment `careerkit serve` gives its kernels (`_kernel_env`: the same data
folder, survey folder and database), so a workbook adapted here behaves as it will when served.
The server listens on loopback only, behind a fresh token that lives in a private (0600) config
file in the data folder, never on a command line other users could read. Jupyter reads that
folder instead of ~/.jupyter (JUPYTER_CONFIG_DIR), so a stray user config cannot loosen it.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from careerkit.config import workbook_dir
from careerkit.errors import ConfigError

from .serve import _kernel_env, _private_data_dir

LAB_HOST = "127.0.0.1"
LAB_CONFIG_FILE = "jupyter_server_config.json"
#: JupyterLab keeps user settings under JUPYTER_CONFIG_DIR; this one stops it asking to fetch news.
NEWS_SETTINGS = Path("lab", "user-settings", "@jupyterlab", "apputils-extension")
NEWS_FILE = "notification.jupyterlab-settings"


@dataclass(frozen=True)
class LabOptions:
    port: int = 8868
    browser: bool = False  # also open it in this computer's web browser


@dataclass(frozen=True)
class LabLaunch:
    """Everything `careerkit lab` hands JupyterLab: its command line, environment and link."""

    argv: list[str]
    env: dict[str, str]
    config_file: Path
    workbooks: Path
    url: str


def lab_config_folder(data: Path) -> Path:
    """The private folder Jupyter reads its config from (and keeps JupyterLab's settings in)."""
    return data / "lab-config"


def stage_lab_config(target: Path, token: str) -> Path:
    """Write the server's config file (the login token, 0600), and turn JupyterLab's news off."""
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.chmod(0o700)
    path = target / LAB_CONFIG_FILE
    path.touch(mode=0o600)
    path.chmod(0o600)
    config = {"IdentityProvider": {"token": token}}
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    news = target / NEWS_SETTINGS / NEWS_FILE
    if not news.exists():  # a choice the trainer made in JupyterLab's settings stays
        news.parent.mkdir(parents=True, exist_ok=True)
        news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}) + "\n")
    return path


def lab_argv(workbooks: Path, opts: LabOptions) -> list[str]:
    """The JupyterLab command line: loopback, one port, the workbooks folder, no calls outside."""
    # JupyterLab refuses to start as root; `careerkit serve` runs as whoever starts it, and so
    # does this (containers and the test machines run as root).
    as_root = (
        ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    )
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={workbooks}",
        f"--ServerApp.ip={LAB_HOST}",
        f"--ServerApp.port={opts.port}",
        "--ServerApp.port_retries=0",  # the printed link names this port, or nothing starts
        f"--ServerApp.open_browser={opts.browser}",
        "--LabApp.news_url=None",  # no news feed fetched from the internet
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no extensions installed from PyPI through it
        *as_root,
    ]


def prepare_lab(opts: LabOptions) -> LabLaunch:
    """Create the private config with a new token; the command line, environment and link."""
    if not 0 < opts.port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535 (got {opts.port}).")
    workbooks = workbook_dir()
    if not workbooks.is_dir():
        raise ConfigError(
            f"No workbooks folder at {workbooks}; run from the careerkit folder or set "
            "CAREERKIT_WORKBOOK_DIR."
        )
    data = _private_data_dir()
    config_dir = lab_config_folder(data)
    token = secrets.token_urlsafe(24)
    config_file = stage_lab_config(config_dir, token)
    env = _kernel_env(data)
    env["JUPYTER_CONFIG_DIR"] = str(config_dir)
    env.pop("JUPYTER_TOKEN", None)  # the config file's token is the one that counts
    url = f"http://{LAB_HOST}:{opts.port}/lab?token={token}"
    return LabLaunch(lab_argv(workbooks, opts), env, config_file, workbooks, url)


def serve_lab(opts: LabOptions) -> None:
    """Replace this process with JupyterLab (signals reach it directly), after printing the link."""
    launch = prepare_lab(opts)
    print(
        "careerkit: starting JupyterLab on the workbooks. Open, and keep to yourself:", flush=True
    )
    print(f"  {launch.url}", flush=True)
    print(
        f"careerkit: workbooks in {launch.workbooks}; answers go to the same data as `careerkit "
        "serve`, so try things with a workshop code of their own. Press Ctrl+C to stop.",
        flush=True,
    )
    os.execve(sys.executable, launch.argv, launch.env)  # noqa: S606  (fixed argv, no shell)
