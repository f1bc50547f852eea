"""Start Voilà over the participant workbooks with safe settings, and say which link to share."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .config import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    SURVEY_DIR_ENV,
    data_dir,
    database_url,
    survey_dir,
    workbook_dir,
)
from .errors import ConfigError

#: The variable that may hold the dashboard's login token (the name of a setting, not a secret).
DASHBOARD_TOKEN_ENV = "CAREERKIT_DASHBOARD_TOKEN"  # noqa: S105

#: A kernel no page is connected to is shut down after this many idle seconds. Voilà's own
#: shutdown when a tab closes is refused (its request lacks the _xsrf field), so this frees them.
CULL_IDLE_SECONDS = 600

#: How long Voilà waits for a cell's output after it ran. Its 4 s default (and even 60 s on a
#: 2-core server) dropped the form of participants when a whole room opened the link at once:
#: their page stayed blank. A slow form is better than none.
IOPUB_SECONDS = 300

#: Settings that cannot be given on a command line without traitlets' deprecated `[...]`/`{...}`
#: syntax. They go into a `voila.json` that is the only config file Voilà reads (see voila_argv).
VOILA_CONFIG: dict[str, dict[str, object]] = {
    # /voila/files/ serves nothing: the staged folder holds notebooks only, and they stay private.
    # The "careerkit" template (careerkit/jupyter/, found through JUPYTER_PATH) is Voilà's lab
    # page plus a notice that asks people to reload when the kernel or the server is gone.
    "VoilaConfiguration": {"file_allowlist": [], "template": "careerkit"},
    "Voila": {
        "tornado_settings": {
            "headers": {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"},
        },
    },
}

#: Jupyter data folder holding careerkit's Voilà template (voila/templates/careerkit).
TEMPLATES = Path(__file__).resolve().parent / "jupyter"

# Unix socket paths are at most 104 bytes on macOS (108 on Linux). Kernel sockets live at
# <tmp>/voila_XXXXXXXX/kernel-<36-char uuid>-ipc-N, i.e. about 66 bytes below the temp folder.
_IPC_MAX_TMPDIR = 36


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


def stage_config(target: Path, token: str | None = None) -> Path:
    """Write Voilà's config file (`VOILA_CONFIG`, plus a login token) into `target`.

    The token lives only in this private file, never on a command line other users could read.
    """
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    config: dict[str, dict[str, object]] = json.loads(json.dumps(VOILA_CONFIG))
    if token:
        config["Voila"]["token"] = token
    config["NotebookNotary"] = notary_settings(target)
    path = target / "voila.json"
    path.touch(mode=0o600)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def notary_settings(config_dir: Path) -> dict[str, object]:
    """Voilà's notebook notary, kept in the private config folder instead of ~/.local/share."""
    return {
        "db_file": str(config_dir / "nbsignatures.db"),
        "secret_file": str(config_dir / "notebook_secret"),
    }


def trust_apps(apps: Path, config_dir: Path) -> None:
    """Sign the staged workbooks with the notary Voilà is told to use (`notary_settings`).

    They are careerkit's own notebooks, stored without outputs. Unsigned, Voilà logs "Notebook
    ... is not trusted" at every page load, which reads like an alarm in a facilitator's terminal.
    """
    import nbformat
    from nbformat.sign import NotebookNotary

    notary = NotebookNotary(**notary_settings(config_dir))  # type: ignore[no-untyped-call]  # no hints
    for path in sorted(apps.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]  # no hints
        notary.sign(notebook)  # type: ignore[no-untyped-call]  # no hints


def config_folder(apps: Path) -> Path:
    """Where `serve` puts voila.json: beside the staged apps, never inside the served folder."""
    return apps.parent / "voila-config"


def kernel_transport_args() -> list[str]:
    """Talk to kernels over Unix sockets in Voilà's private (0700) folder instead of TCP.

    Only where Unix sockets exist and their paths fit; elsewhere Voilà's default (TCP on
    localhost, messages signed with a per-kernel key) stays.
    """
    if os.name != "posix" or len(tempfile.gettempdir()) > _IPC_MAX_TMPDIR:
        return []
    return ["--KernelManager.transport=ipc"]


def voila_argv(
    apps: Path, opts: ServeOptions, config_dir: Path | None = None, *, preheat: bool = True
) -> list[str]:
    """The Voilà command line: sources stripped, no tracebacks, preheated kernels, culling.

    Voilà reads config files only from `config_dir` (default `config_folder(apps)`, written by
    `stage_config`), so a stray voila.py in the working folder or in ~/.jupyter can neither run
    nor loosen these settings. Command-line settings win over that file anyway.
    """
    config_dir = config_dir or config_folder(apps)
    return [
        sys.executable,
        "-m",
        "voila",
        str(apps),
        f"--port={opts.port}",
        f"--Voila.ip={opts.host}",
        "--no-browser",
        f"--Voila.config_file_paths={config_dir}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--preheat_kernel={preheat}",
        f"--pool_size={opts.pool_size}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",  # an open page keeps unsent answers
        f"--VoilaExecutor.iopub_timeout={IOPUB_SECONDS}",  # a busy server still shows each form
        *kernel_transport_args(),
    ]


def _public_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):  # noqa: S104  (compares, does not bind)
        host = socket.gethostname()  # the name other laptops in the room can reach
    elif host == "127.0.0.1":
        host = "localhost"
    return host


def participant_links(opts: ServeOptions, names: list[str]) -> list[str]:
    query = f"?workshop={opts.workshop}" if opts.workshop else ""
    host = _public_host(opts.host)
    return [f"http://{host}:{opts.port}/voila/render/{name}{query}" for name in names]


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
    from .store import open_store
    from .surveys import warm_cache

    names = warm_cache()
    open_store().close()
    return names


def serve(opts: ServeOptions) -> None:
    """Replace this process with the Voilà server (signals reach it directly)."""
    data = _private_data_dir()
    prepare_data()
    apps = data / "apps"
    names = stage_apps(apps)
    stage_config(config_folder(apps))
    trust_apps(apps, config_folder(apps))
    env = _kernel_env(data)
    first = [n for n in names if n == "interest_survey.ipynb"]
    links = participant_links(opts, first + [n for n in names if n not in first])
    print("careerkit: starting the participant apps (Voilà). Share these links:", flush=True)
    for link in links:
        print(f"  {link}", flush=True)
    print(f"careerkit: data is kept in {env[DATA_DIR_ENV]}; press Ctrl+C to stop.", flush=True)
    argv = voila_argv(apps, opts)
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
    host = _public_host(opts.host)
    print(
        "careerkit: starting the facilitator dashboard (Voilà). Open, and keep to yourself:",
        flush=True,
    )
    for name in names:
        print(f"  http://{host}:{opts.port}/voila/render/{name}?token={token}", flush=True)
    # No preheated kernels: their unauthenticated /voila/query websocket carries the page's
    # query string, token included, to whoever names the kernel.
    argv = voila_argv(apps, opts, config_dir=config_dir, preheat=False)
    os.execve(sys.executable, argv, _kernel_env(data))  # noqa: S606  (fixed argv, no shell)
