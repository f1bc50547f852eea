"""A real `careerkit serve` or `dashboard` and a headless Chromium for browser tests and benches.

Test modules load the fixtures with `pytest_plugins = ["voila_server"]`:

- `voila_server` (session): one server over the project's workbooks with its own data folder;
- `dashboard_server` (module): `careerkit dashboard` on that data folder, token on `.token`;
- `chromium` (session): a Playwright browser (skipped, or failed under CI, without Chromium);
- `browser_page` (function): a fresh browser page whose console errors are kept on `page.errors`.

`start_server()`, `start_dashboard()` and `launch_chromium()` work without pytest too
(see bench/survey_app.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CAREERKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SURVEY_PAGE = "voila/render/interest_survey.ipynb"
DASHBOARD_PAGE = "voila/render/dashboard.ipynb"
DASHBOARD_TOKEN = "test-token-" + "x" * 24  # the `dashboard_server` fixture's token
START_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class VoilaServer:
    """A running `careerkit serve` (or dashboard): its address, data folder, process and log file."""

    base_url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    seen_kernels: dict[int, Any] = field(default_factory=dict)  # pid -> psutil.Process
    token: str = ""  # the dashboard token, for a server from start_dashboard()

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'careerkit.sqlite3'}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kernels(self) -> list[Any]:
        """The server's kernel processes (psutil.Process), oldest first; remembered for stop()."""
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        found = []
        for child in children:
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    found.append(child)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        self.seen_kernels.update((k.pid, k) for k in found)
        return sorted(found, key=lambda k: k.create_time())


def _get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310  (our own http server)
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()


def _wait_until_up(server: VoilaServer, page: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise RuntimeError(f"careerkit serve exited with code {code}:\n{server.log()[-3000:]}")
        try:
            status, body = _get(server.url(page), timeout=30)
        except OSError as exc:
            last = str(exc)
        else:
            if status == 200 and b"voila_finish" in body:
                return
            last = f"HTTP {status}"
        time.sleep(0.5)
    raise RuntimeError(
        f"{page} did not answer within {timeout:.0f}s ({last}):\n{server.log()[-3000:]}"
    )


@contextlib.contextmanager
def start_server(
    data_dir: Path,
    *,
    workbook_dir: Path | None = None,
    pool_size: int = 1,
    ready_page: str = SURVEY_PAGE,
    timeout: float = START_TIMEOUT,
    command: str = "serve",
    extra_env: dict[str, str] | None = None,
    args: list[str] | None = None,
    port: int | None = None,
    base_url: str = "/",
) -> Iterator[VoilaServer]:
    """Run `careerkit serve` on a free port until the block ends, then stop it and its kernels.

    The server is ready when `ready_page` renders (which takes one of the preheated kernels).
    `args` go to the command as they are (e.g. `["--max-kernels", "3"]`); `port` reuses a
    port (a restart); `base_url` is its `--base-url`, part of `server.base_url` too.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    env = dict(os.environ)
    env.update(
        CAREERKIT_DATA_DIR=str(data_dir),
        CAREERKIT_SURVEY_DIR=str(ROOT / "survey"),
        CAREERKIT_WORKBOOK_DIR=str(workbook_dir or ROOT / "workbooks"),
        PYTHONUNBUFFERED="1",
    )
    for name in ("CAREERKIT_DATABASE_URL", "QUERY_STRING", "VOILA_PREHEAT"):
        env.pop(name, None)
    env.update(extra_env or {})
    argv = [
        sys.executable,
        "-m",
        "careerkit.cli",
        command,
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
    ]
    if command == "serve":
        argv += ["--pool-size", str(pool_size)]
    if base_url != "/":
        argv += ["--base-url", base_url]
    argv += args or []
    log_path = data_dir.parent / f"serve-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv,
            cwd=data_dir.parent,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: stop_server signals it as a whole
        )
    root = f"http://127.0.0.1:{port}{base_url.rstrip('/')}"
    server = VoilaServer(root, data_dir, process, log_path)
    try:
        _wait_until_up(server, ready_page, timeout)
        yield server
    finally:
        stop_server(server)


@contextlib.contextmanager
def start_dashboard(
    data_dir: Path,
    token: str,
    *,
    extra_env: dict[str, str] | None = None,
    base_url: str = "/",
) -> Iterator[VoilaServer]:
    """Run `careerkit dashboard` with a known token until the block ends (see start_server).

    The token goes in as CAREERKIT_DASHBOARD_TOKEN and stays on `server.token`; the server is
    ready when the dashboard page renders with it.
    """
    with start_server(
        data_dir,
        command="dashboard",
        ready_page=f"{DASHBOARD_PAGE}?token={token}",
        extra_env={**(extra_env or {}), "CAREERKIT_DASHBOARD_TOKEN": token},
        base_url=base_url,
    ) as server:
        server.token = token
        yield server


def stop_server(server: VoilaServer) -> None:
    """SIGTERM the server's process group (Voilà then shuts its kernels down), SIGKILL leftovers."""
    server.kernels()  # remember the kernels: they run in sessions of their own
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=5)
    import psutil

    for kernel in server.seen_kernels.values():
        with contextlib.suppress(psutil.NoSuchProcess):
            if kernel.is_running():  # same process (psutil compares start times), not a reused pid
                kernel.kill()


def chromium_missing() -> str | None:
    """Why no headless Chromium can start here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Playwright is not installed ({exc}); install careerkit[test]"
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (
            f"no Chromium at {CHROMIUM}: install Debian's chromium package "
            "(or set CAREERKIT_CHROMIUM to a Chromium binary)"
        )
    return None


@contextlib.contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (playwright Browser) from CHROMIUM, closed at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# -- pytest fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """One `careerkit serve` for the session, with a data folder of its own."""
    with start_server(tmp_path_factory.mktemp("serve") / "data") as server:
        yield server


@pytest.fixture(scope="module")
def dashboard_server(voila_server: VoilaServer) -> Iterator[VoilaServer]:
    """`careerkit dashboard` on the participants' data folder (its private files land there too)."""
    with start_dashboard(voila_server.data_dir, DASHBOARD_TOKEN) as server:
        yield server


def _browser_or_skip() -> None:
    """Skip with the reason when Chromium or Playwright is missing; under CI it must run."""
    reason = chromium_missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)


@pytest.fixture
def browser_ready() -> None:
    """For tests that start their own browsers (in another thread or process)."""
    _browser_or_skip()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Chromium; skipped with the reason when missing, but under CI it must run.

    One per test module: Playwright's synchronous API keeps an event loop running in the test
    process while it is open, and tests of careerkit's timers must not find one.
    """
    _browser_or_skip()
    with launch_chromium() as browser:
        yield browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the test item, so fixtures can tell a failed test."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


_REPORTS = pytest.StashKey[dict[str, Any]]()


@pytest.fixture(scope="module")
def page(chromium: Any) -> Iterator[Any]:
    """One page that a module's tests use in turn, as one participant walks from page to page."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(60_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def browser_page(chromium: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A new page in a fresh browser context; page errors collect in `page.errors`.

    When the test fails, a screenshot of the page is saved in the test's tmp_path.
    """
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        call = request.node.stash.get(_REPORTS, {}).get("call")
        if call is not None and call.failed:
            shot = tmp_path / "page-at-failure.png"
            with contextlib.suppress(Exception):
                pg.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the failed page: {shot}")
        context.close()
