"""JupyterHub's own reverse proxy (configurable-http-proxy, from npm) in front of test servers.

`scripts/test.sh` installs it into `.tools/node/` when npm is there; `CAREERKIT_CHP` names
another binary. Routes are added through the proxy's REST API, as JupyterHub adds them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCAL_CHP = ROOT / ".tools" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"


def chp_binary() -> Path | None:
    """`$CAREERKIT_CHP`, else the copy scripts/test.sh installs, else one on PATH."""
    given = os.environ.get("CAREERKIT_CHP")
    if given:
        return Path(given)
    if LOCAL_CHP.is_file():
        return LOCAL_CHP
    found = shutil.which("configurable-http-proxy")
    return Path(found) if found else None


def need_chp() -> Path:
    """The proxy's binary; skipped with the reason only where npm is missing, failed under CI."""
    binary = chp_binary()
    if binary is not None and os.access(binary, os.X_OK):
        return binary
    if shutil.which("npm") is None and not os.environ.get("CI"):
        pytest.skip("npm is missing, so configurable-http-proxy cannot be installed here")
    pytest.fail(
        "configurable-http-proxy is not installed: run `bash scripts/test.sh` (it installs it "
        "into .tools/node with npm) or set CAREERKIT_CHP to its binary"
    )


@dataclass
class Proxy:
    """A running configurable-http-proxy: `url` is its public side."""

    url: str
    api_url: str
    api_token: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def add_route(self, prefix: str, target: str) -> None:
        """Send requests for `prefix` (e.g. `/careerkit`) to `target`, path unchanged."""
        request = urllib.request.Request(  # noqa: S310  (our loopback proxy)
            f"{self.api_url}/api/routes{prefix.rstrip('/')}",
            data=json.dumps({"target": target}).encode(),
            headers={"Authorization": f"token {self.api_token}"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as resp:  # noqa: S310  (loopback)
            assert resp.status == 201, resp.status

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def start_proxy(binary: Path, log_dir: Path) -> Iterator[Proxy]:
    """Run the proxy on two free loopback ports, with no default target, until the block ends."""
    from voila_server import free_port

    port, api_port = free_port(), free_port()
    token = secrets.token_hex(16)
    log_path = log_dir / f"chp-{port}.log"
    argv = [
        str(binary),
        "--ip=127.0.0.1",
        f"--port={port}",
        "--api-ip=127.0.0.1",
        f"--api-port={api_port}",
        "--log-level=warn",
    ]
    env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": token}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    proxy = Proxy(
        f"http://127.0.0.1:{port}", f"http://127.0.0.1:{api_port}", token, process, log_path
    )
    try:
        _wait_for_api(proxy)
        yield proxy
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def _wait_for_api(proxy: Proxy, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proxy.process.poll() is not None:
            raise RuntimeError(f"configurable-http-proxy exited:\n{proxy.log()[-2000:]}")
        request = urllib.request.Request(  # noqa: S310  (our loopback proxy)
            f"{proxy.api_url}/api/routes", headers={"Authorization": f"token {proxy.api_token}"}
        )
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(request, timeout=5) as resp,  # noqa: S310  (loopback)
        ):
            if resp.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"configurable-http-proxy did not start:\n{proxy.log()[-2000:]}")
