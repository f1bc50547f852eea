"""What Voilà is given: the staged workbooks, a private config file, and its command line."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from careerkit.config import workbook_dir
from careerkit.errors import ConfigError

#: How long Voilà waits for a cell's output after it ran. Its 4 s default (and even 60 s on a
#: 2-core server) dropped the form of participants when a whole room opened the link at once:
#: their page stayed blank. A slow form is better than none.
IOPUB_SECONDS = 300

#: Settings that cannot be given on a command line without traitlets' deprecated `[...]`/`{...}`
#: syntax. They go into a `voila.json` that is the only config file Voilà reads (see voila_argv).
VOILA_CONFIG: dict[str, dict[str, object]] = {
    # /voila/files/ serves nothing: the staged folder holds notebooks only, and they stay private.
    # The "careerkit" template (careerkit/serving/jupyter/, found through JUPYTER_PATH) is Voilà's lab
    # page plus a notice that asks people to reload when the kernel or the server is gone.
    "VoilaConfiguration": {"file_allowlist": [], "template": "careerkit"},
    "Voila": {
        "tornado_settings": {
            "headers": {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"},
        },
    },
}

#: The kernel manager Voilà builds its pools on: the cap, and what the culler knows of each page.
CAPPED_MANAGER = "careerkit.serving.voila_app.CappedKernelManager"

#: A dashboard run as a JupyterHub service logs people in with the hub (hub_auth.py), no token.
HUB_AUTH_ARGS = [
    "--Voila.identity_provider_class=careerkit.serving.hub_auth.HubIdentityProvider",
    "--Voila.authorizer_class=careerkit.serving.hub_auth.HubAuthorizer",
]

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
    max_kernels: int | None = None  # None: from the memory free at start (serve.kernel_cap)
    base_url: str = "/"  # the path prefix every page, file and websocket is served under
    hub: bool = False  # run as a JupyterHub service (address from the hub; dashboard: its login)
    expect: int | None = None  # people expected at once: survey kernels preheated (kernels.py)


def normalize_base_url(given: str) -> str:
    """`--base-url` as Voilà needs it: a path that starts and ends with `/` (`careerkit` -> `/careerkit/`).

    Only a path: a host belongs in the links a proxy answers (`CAREERKIT_PUBLIC_URL`).
    """
    text = given.strip()
    if "://" in text or any(c in text for c in "?#\\ "):
        raise ConfigError(
            f"--base-url must be a path such as /careerkit/ (got {given!r}); put the host "
            "name into the links with CAREERKIT_PUBLIC_URL or `careerkit workshop create --base-url`."
        )
    parts = [part for part in text.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise ConfigError(f"--base-url may not contain . or .. (got {given!r}).")
    return "/" + "".join(f"{part}/" for part in parts)


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


def stage_config(target: Path, token: str | None = None, hub_token: str | None = None) -> Path:
    """Write Voilà's config file (`VOILA_CONFIG`, plus a login token) into `target`.

    The token lives only in this private file, never on a command line other users could read.
    So does a hub service's API token (`hub_token`): there it reaches the hub's login code
    (HubOAuth, hub_auth.py) in the server, while the kernels' environment goes without it.
    """
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    config: dict[str, dict[str, object]] = json.loads(json.dumps(VOILA_CONFIG))
    if token:
        config["Voila"]["token"] = token
    if hub_token:
        config["HubOAuth"] = {"api_token": hub_token}
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
    apps: Path,
    opts: ServeOptions,
    config_dir: Path | None = None,
    *,
    preheat: bool = True,
    max_kernels: int = 0,
    expect: int = 0,
) -> list[str]:
    """The Voilà command line: sources stripped, no tracebacks, preheated kernels, a kernel cap.

    It runs careerkit's Voilà (`voila_app`): at most `max_kernels` kernels (0: no cap), the
    room-full page past them, and its culler instead of jupyter_server's (which is left off).
    `expect` survey kernels are preheated before it says it is ready (preheat.py; 0: the pool).

    Voilà reads config files only from `config_dir` (default `config_folder(apps)`, written by
    `stage_config`), so a stray voila.py in the working folder or in ~/.jupyter can neither run
    nor loosen these settings. Command-line settings win over that file anyway.
    """
    config_dir = config_dir or config_folder(apps)
    return [
        sys.executable,
        "-m",
        "careerkit.serving.voila_app",
        str(apps),
        f"--port={opts.port}",
        f"--Voila.ip={opts.host}",
        f"--Voila.base_url={normalize_base_url(opts.base_url)}",
        "--no-browser",
        f"--Voila.config_file_paths={config_dir}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--preheat_kernel={preheat}",
        f"--pool_size={opts.pool_size}",
        f"--VoilaConfiguration.multi_kernel_manager_class={CAPPED_MANAGER}",
        f"--CappedKernelManager.max_kernels={max_kernels}",
        *([f"--CappedKernelManager.expect={expect}"] if expect > 0 and preheat else []),
        f"--VoilaExecutor.iopub_timeout={IOPUB_SECONDS}",  # a busy server still shows each form
        *kernel_transport_args(),
        *(HUB_AUTH_ARGS if opts.hub and not preheat else []),
    ]
