"""careerkit as two services of a real JupyterHub, configured by docs/jupyterhub_config.py.

The hub (sqlite database, loopback ports, its configurable-http-proxy, the dummy
authenticator) starts `careerkit serve --hub` and `careerkit dashboard --hub`; participants need
no hub account, the dashboard only lets in hub users of the "facilitators" group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from answers import answer_in_browser
from reverse_proxy import need_chp

from careerkit.definitions import load_survey
from careerkit.store import open_store

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "hub-test-password"  # noqa: S105  (the dummy authenticator's, for this test only)
WORKSHOP = "HUB1"
SURVEY = "services/careerkit/voila/render/interest_survey.ipynb"
DASHBOARD = "services/careerkit-dashboard/voila/render/dashboard.ipynb"

#: Loaded after docs/jupyterhub_config.py: loopback ports, a test login, the test's folders.
_TEST_CONFIG = """
import sys
c = get_config()
exec(open({example!r}).read())
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {{"ana", "olga"}}
c.JupyterHub.load_groups = {{"facilitators": {{"users": ["ana"]}}}}
for service, port in zip(c.JupyterHub.services, ({serve_port}, {dashboard_port})):
    service["url"] = f"http://127.0.0.1:{{port}}"
    service["command"] = [sys.executable, "-m", "careerkit.cli", *service["command"][1:]]
    if service["name"] == "careerkit":
        service["command"] += ["--pool-size", "1"]
    service["cwd"] = {folder!r}
    service["environment"] = {env!r}
"""


@dataclass
class Hub:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    data: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _status(url: str) -> tuple[int, str, str]:
    """Status, Location header and body of a GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=60) as resp:
            return int(resp.status), "", resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.headers.get("Location", ""), exc.read().decode(errors="replace")


def _wait_for(hub: Hub, path: str, timeout: float = 180.0) -> None:
    deadline, last = time.monotonic() + timeout, "no answer"
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited:\n{hub.log()[-3000:]}")
        with contextlib.suppress(OSError):
            status, _, body = _status(f"{hub.url}/{path}")
            if status == 200 and "voila_finish" in body:
                return
            last = f"HTTP {status}"
        time.sleep(1)
    raise RuntimeError(f"{path} did not come up ({last}):\n{hub.log()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the hub (it stops its services, they their kernels); then kill what is left."""
    import psutil

    family = psutil.Process(process.pid).children(recursive=True)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    _, alive = psutil.wait_procs(family, timeout=15)
    for leftover in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    from voila_server import free_port

    chp = need_chp()
    folder = tmp_path_factory.mktemp("hub")
    data = folder / "data"
    env = {
        "CAREERKIT_DATA_DIR": str(data),
        "CAREERKIT_SURVEY_DIR": str(ROOT / "survey"),
        "CAREERKIT_WORKBOOK_DIR": str(ROOT / "workbooks"),
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    config = folder / "jupyterhub_config.py"
    config.write_text(
        _TEST_CONFIG.format(
            example=str(ROOT / "docs" / "jupyterhub_config.py"),
            port=port,
            hub_port=free_port(),
            api_port=free_port(),
            chp=str(chp),
            folder=str(folder),
            password=PASSWORD,
            serve_port=free_port(),
            dashboard_port=free_port(),
            env=env,
        ),
        encoding="utf-8",
    )
    log_path = folder / "jupyterhub.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # the hub's own command, from this venv
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=folder,
            env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", process, log_path, data)
    try:
        _wait_for(hub, SURVEY)
        yield hub
    finally:
        _stop(process)


def _login(page: Any, name: str) -> None:
    page.locator("input[name=username]").fill(name)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[type=submit], button[type=submit]").first.click()


def test_an_anonymous_request_for_the_dashboard_is_sent_to_the_hub_login(hub: Hub) -> None:
    """Without a hub login the dashboard service shows nothing and sends the visitor to the
    hub's OAuth; its API refuses outright."""
    status, location, body = _status(f"{hub.url}/{DASHBOARD}")
    assert status == 302 and location.startswith("/hub/api/oauth2/authorize"), (status, location)
    assert "careerkit" not in body
    status, _, _ = _status(f"{hub.url}/services/careerkit-dashboard/api/kernels")
    assert status in (302, 403, 404)  # Voilà lists no kernels to anyone


def test_a_participant_submits_and_a_facilitator_of_the_group_sees_it_counted(
    chromium: Any, hub: Hub
) -> None:
    """A participant with no hub account submits through /services/careerkit/; a hub user
    outside the group is refused the dashboard; one in the group sees the response counted."""
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{hub.url}/{SURVEY}?workshop={WORKSHOP}")
    expect(page.locator(".careerkit-survey")).to_be_visible(timeout=120_000)
    answer_in_browser(page, load_survey("career_interests"))
    page.locator(".careerkit-submit").click()
    expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=60_000)
    context.close()
    store = open_store(f"sqlite:///{hub.data / 'careerkit.sqlite3'}")
    assert len(store.responses(workshop=WORKSHOP)) == 1
    store.close()

    outsider = chromium.new_context().new_page()
    outsider.goto(f"{hub.url}/{DASHBOARD}?workshop={WORKSHOP}")
    _login(outsider, "olga")
    expect(outsider.locator("body")).to_contain_text("403", timeout=60_000)
    assert outsider.locator(".careerkit-live-count").count() == 0
    outsider.context.close()

    board = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    board.goto(f"{hub.url}/{DASHBOARD}?workshop={WORKSHOP}")
    _login(board, "ana")
    expect(board.locator(".careerkit-live-count")).to_contain_text("1 response", timeout=120_000)
    assert board.url.startswith(f"{hub.url}/{DASHBOARD}")
    board.context.close()
