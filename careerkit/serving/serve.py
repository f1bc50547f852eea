"""Start Voilà over the participant workbooks with safe settings, and say which link to share."""

from __future__ import annotations

import os
import secrets
import socket
import sys
from pathlib import Path

from careerkit.config import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    SURVEY_DIR_ENV,
    data_dir,
    database_url,
    survey_dir,
    workbook_dir,
)
from careerkit.errors import ConfigError

from .kernels import DASHBOARD_MAX_KERNELS, KernelCap, available_memory, cap_for_memory
from .staging import (
    TEMPLATES,
    ServeOptions,
    config_folder,
    normalize_base_url,
    stage_apps,
    stage_config,
    trust_apps,
    voila_argv,
)

#: The variable that may hold the dashboard's login token (the name of a setting, not a secret).
DASHBOARD_TOKEN_ENV = "CAREERKIT_DASHBOARD_TOKEN"  # noqa: S105


def _public_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):  # noqa: S104  (compares, does not bind)
        host = socket.gethostname()  # the name other laptops in the room can reach
    elif host == "127.0.0.1":
        host = "localhost"
    return host


def server_root(opts: ServeOptions) -> str:
    """Where this server answers, prefix included: `http://host:port/PREFIX/`."""
    return f"http://{_public_host(opts.host)}:{opts.port}{normalize_base_url(opts.base_url)}"


def participant_links(opts: ServeOptions, names: list[str]) -> list[str]:
    query = f"?workshop={opts.workshop}" if opts.workshop else ""
    return [f"{server_root(opts)}voila/render/{name}{query}" for name in names]


def _kernel_env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[SURVEY_DIR_ENV] = str(survey_dir().resolve())
    # Absolute: kernels run inside the apps folder, where a relative path would point elsewhere.
    env[DATA_DIR_ENV] = str(data)
    if env.get(DATABASE_URL_ENV):
        env[DATABASE_URL_ENV] = database_url()  # a relative SQLite file made absolute, likewise
    env.pop(DASHBOARD_TOKEN_ENV, None)  # kernels never need the facilitator's token
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), env.get("JUPYTER_PATH")]))
    return env


def _private_data_dir() -> Path:
    data = data_dir().resolve()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new data folder is private
    return data


def prepare_data() -> list[str]:
    """Validate every survey into the survey cache, and create the tables, before Voilà starts.

    A broken survey stops the start with file:line:col instead of showing in a participant's
    page; survey kernels then read no YAML and save through the light store from the first one.
    """
    from careerkit.definitions import warm_cache
    from careerkit.store import open_store

    names = warm_cache()
    open_store().close()
    return names


def kernel_cap(opts: ServeOptions) -> KernelCap:
    """`--max-kernels`, else as many kernels as the memory free now holds (kernels.py)."""
    if opts.max_kernels is not None:
        if opts.max_kernels < 1:
            raise ConfigError(f"--max-kernels must be at least 1 (got {opts.max_kernels}).")
        return KernelCap(opts.max_kernels)
    return cap_for_memory(available_memory())


def serve(opts: ServeOptions) -> None:
    """Replace this process with the Voilà server (signals reach it directly)."""
    data = _private_data_dir()
    prepare_data()
    apps = data / "apps"
    names = stage_apps(apps)
    stage_config(config_folder(apps))
    trust_apps(apps, config_folder(apps))
    cap = kernel_cap(opts)
    env = _kernel_env(data)
    first = [n for n in names if n == "interest_survey.ipynb"]
    links = participant_links(opts, first + [n for n in names if n not in first])
    print("careerkit: starting the participant apps (Voilà). Share these links:", flush=True)
    for link in links:
        print(f"  {link}", flush=True)
    print(f"careerkit: data is kept in {env[DATA_DIR_ENV]}; press Ctrl+C to stop.", flush=True)
    print(cap.describe(), flush=True)
    preheated = opts.pool_size * len(names)
    if cap.kernels < preheated:
        print(
            f"careerkit: {preheated} kernels would be preheated (--pool-size {opts.pool_size} "
            f"for {len(names)} apps), more than the cap; only {cap.kernels} start.",
            flush=True,
        )
    argv = voila_argv(apps, opts, max_kernels=cap.kernels)
    os.execve(sys.executable, argv, env)  # noqa: S606  (fixed argv built above, no shell)


def dashboard_token(data: Path) -> str:
    """`$CAREERKIT_DASHBOARD_TOKEN`, else a random token kept (0600) in the data folder."""
    given = os.environ.get(DASHBOARD_TOKEN_ENV, "").strip()
    if given:
        if len(given) < 16:
            raise ConfigError(f"{DASHBOARD_TOKEN_ENV} must be at least 16 characters long.")
        return given
    path = data / "dashboard-token"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    token = secrets.token_urlsafe(24)
    path.touch(mode=0o600)
    path.write_text(token + "\n", encoding="utf-8")
    return token


def serve_dashboard(opts: ServeOptions) -> None:
    """The facilitator's dashboard: its own Voilà server, on its own port, behind a token."""
    data = _private_data_dir()
    apps = data / "dashboard-apps"
    names = stage_apps(apps, workbook_dir() / "facilitator")
    token = dashboard_token(data)
    config_dir = data / "dashboard-config"
    stage_config(config_dir, token=token)
    trust_apps(apps, config_dir)
    print(
        "careerkit: starting the facilitator dashboard (Voilà). Open, and keep to yourself:",
        flush=True,
    )
    for name in names:
        print(f"  {server_root(opts)}voila/render/{name}?token={token}", flush=True)
    # No preheated kernels: their unauthenticated /voila/query websocket carries the page's
    # query string, token included, to whoever names the kernel.
    argv = voila_argv(
        apps, opts, config_dir=config_dir, preheat=False, max_kernels=DASHBOARD_MAX_KERNELS
    )
    os.execve(sys.executable, argv, _kernel_env(data))  # noqa: S606  (fixed argv, no shell)
