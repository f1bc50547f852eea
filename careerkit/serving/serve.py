"""Start Voilà over the participant workbooks with safe settings, and say which link to share."""

from __future__ import annotations

import importlib.util
import os
import secrets
import socket
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

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

from .kernels import (
    DASHBOARD_MAX_KERNELS,
    KernelCap,
    available_memory,
    cap_for_memory,
    preheat_plan,
)

if TYPE_CHECKING:
    from careerkit.store import Store

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
#: What JupyterHub gives a managed service: the secrets stay out of the kernels.
HUB_SECRETS = ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN")


def hub_service_options(opts: ServeOptions) -> ServeOptions:
    """`opts` with the address and prefix JupyterHub gives this service (`--hub`)."""
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
    parts = urlsplit(url)
    if not prefix or not parts.hostname or not parts.port:
        raise ConfigError(
            "--hub: JUPYTERHUB_SERVICE_URL (with a port) and JUPYTERHUB_SERVICE_PREFIX are not "
            f"set (got {url!r}, {prefix!r}). Start this command as a JupyterHub service that has "
            "a `url`, as in docs/jupyterhub_config.py."
        )
    return replace(opts, host=parts.hostname, port=parts.port, base_url=prefix, hub=True)


def _public_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):  # noqa: S104  (compares, does not bind)
        host = socket.gethostname()  # the name other laptops in the room can reach
    elif host == "127.0.0.1":
        host = "localhost"
    return host


def server_root(opts: ServeOptions) -> str:
    """Where this server answers, prefix included: `http://host:port/PREFIX/`.

    A hub service is reached through the hub: its public URL when the hub gives one, else a path.
    """
    prefix = normalize_base_url(opts.base_url)
    if opts.hub:
        return os.environ.get("JUPYTERHUB_PUBLIC_URL", "").rstrip("/") + prefix
    return f"http://{_public_host(opts.host)}:{opts.port}{prefix}"


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
    for secret in (DASHBOARD_TOKEN_ENV, *HUB_SECRETS):  # kernels never need these tokens
        env.pop(secret, None)
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
    store = open_store()
    try:
        editions_in_use(store)
    finally:
        store.close()
    return names


def editions_in_use(store: Store) -> None:
    """Record each survey's edition; refuse meaning changes under a version already in use."""
    from careerkit.definitions import list_surveys, load_survey, survey_path
    from careerkit.errors import DefinitionError
    from careerkit.survey.editions import check_and_record

    problems = []
    for name in list_surveys():
        path = survey_path(name)
        found = check_and_record(store, load_survey(path), path)
        problems += found.problems
        for note in found.notes:
            print(f"careerkit: {note}", flush=True)
    if problems:
        raise DefinitionError(problems)


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
    plan = preheat_plan(names, opts.pool_size, cap.kernels, opts.expect)
    env = _kernel_env(data)
    first = [n for n in names if n == "interest_survey.ipynb"]
    links = participant_links(opts, first + [n for n in names if n not in first])
    print("careerkit: starting the participant apps (Voilà). Share these links:", flush=True)
    for link in links:
        print(f"  {link}", flush=True)
    print(f"careerkit: data is kept in {env[DATA_DIR_ENV]}; press Ctrl+C to stop.", flush=True)
    print(cap.describe(), flush=True)
    if plan.expected:
        print(plan.describe(), flush=True)
    preheated = plan.total
    if cap.kernels < preheated and not plan.expected:
        print(
            f"careerkit: {preheated} kernels would be preheated (--pool-size {opts.pool_size} "
            f"for {len(names)} apps), more than the cap; only {cap.kernels} start.",
            flush=True,
        )
    argv = voila_argv(apps, opts, max_kernels=cap.kernels, expect=plan.room)
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


def _hub_api_token() -> str:
    """The API token JupyterHub gives this service, once its login code is known to be there."""
    if importlib.util.find_spec("jupyterhub") is None:  # hub_auth.py builds on its classes
        raise ConfigError(
            "--hub needs JupyterHub's login code, which is not installed; "
            "install it with: pip install 'careerkit[hub]'"
        )
    token = os.environ.get("JUPYTERHUB_API_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "--hub: JUPYTERHUB_API_TOKEN is not set; start this command as a "
            "JupyterHub service, as in docs/jupyterhub_config.py."
        )
    return token


def serve_dashboard(opts: ServeOptions) -> None:
    """The facilitator's dashboard: its own Voilà server, on its own port, behind a token.

    Run by JupyterHub (`opts.hub`), the hub logs people in instead and lets in only those it
    grants the service's access scope.
    """
    hub_token = _hub_api_token() if opts.hub else None
    data = _private_data_dir()
    apps = data / "dashboard-apps"
    names = stage_apps(apps, workbook_dir() / "facilitator")
    token = None if opts.hub else dashboard_token(data)
    config_dir = data / "dashboard-config"
    stage_config(config_dir, token=token, hub_token=hub_token)
    trust_apps(apps, config_dir)
    how = "for the hub's facilitators" if opts.hub else "Open, and keep to yourself"
    print(f"careerkit: starting the facilitator dashboard (Voilà). {how}:", flush=True)
    query = "" if opts.hub else f"?token={token}"
    for name in names:
        print(f"  {server_root(opts)}voila/render/{name}{query}", flush=True)
    # No preheated kernels: their unauthenticated /voila/query websocket carries the page's
    # query string, token included, to whoever names the kernel.
    argv = voila_argv(
        apps, opts, config_dir=config_dir, preheat=False, max_kernels=DASHBOARD_MAX_KERNELS
    )
    os.execve(sys.executable, argv, _kernel_env(data))  # noqa: S606  (fixed argv, no shell)
