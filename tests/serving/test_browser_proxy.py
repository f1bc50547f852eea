"""careerkit under a path prefix behind JupyterHub's proxy (configurable-http-proxy, a real one).

`/careerkit/` goes to `careerkit serve --base-url /careerkit/`, `/facilitator/` to
`careerkit dashboard --base-url /facilitator/`; nothing else is routed.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from answers import answer_in_browser
from reverse_proxy import Proxy, need_chp, start_proxy

from careerkit.definitions import load_survey
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY_PAGE = "voila/render/interest_survey.ipynb"
DASHBOARD_PAGE = "voila/render/dashboard.ipynb"
TOKEN = "proxy-test-token-" + "p" * 20
WORKSHOP = "PROXY1"
CAP = 4  # 3 apps x pool 1 preheated, plus one: the room fills after two pages


@dataclass
class Site:
    proxy: Proxy
    serve: VoilaServer
    dashboard: VoilaServer

    def url(self, path: str) -> str:
        return f"{self.proxy.url}/{path.lstrip('/')}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _fetch(url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers (names in lower case) and body of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=60) as resp:
            status, headers, body = int(resp.status), resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        status, headers, body = int(exc.code), exc.headers, exc.read()
    return status, {k.lower(): v for k, v in headers.items()}, body.decode(errors="replace")


def _host(server: VoilaServer) -> str:
    return re.sub(r"^(http://[^/]+).*$", r"\1", server.base_url)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from voila_server import start_dashboard, start_server

    binary = need_chp()
    root = tmp_path_factory.mktemp("proxied")
    with (
        start_proxy(binary, root) as proxy,
        start_server(
            root / "data", base_url="/careerkit/", args=["--max-kernels", str(CAP)]
        ) as serve,
        start_dashboard(root / "data", TOKEN, base_url="/facilitator/") as dashboard,
    ):
        proxy.add_route("/careerkit", _host(serve))
        proxy.add_route("/facilitator", _host(dashboard))
        yield Site(proxy, serve, dashboard)


def test_printed_links_carry_the_prefix(site: Site) -> None:
    """The links `serve` and `dashboard` print to share are under their prefixes."""
    port = site.serve.base_url.split(":")[2].split("/")[0]
    assert f"http://localhost:{port}/careerkit/{SURVEY_PAGE}" in site.serve.log()
    port = site.dashboard.base_url.split(":")[2].split("/")[0]
    assert f"http://localhost:{port}/facilitator/{DASHBOARD_PAGE}?token=" in site.dashboard.log()


def test_a_participant_submits_through_the_proxy_and_the_dashboard_counts_it(
    chromium: Any, site: Site
) -> None:
    """Every request and websocket of the page goes through the proxy under /careerkit/; the
    answer is stored, and the dashboard opened through the proxy with its token counts it."""
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(60_000)
    page = context.new_page()
    requests: list[str] = []
    sockets: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(site.url(f"careerkit/{SURVEY_PAGE}?workshop={WORKSHOP}"))
    expect(page.locator(".careerkit-survey")).to_be_visible(timeout=120_000)
    answer_in_browser(page, load_survey("career_interests"))
    page.locator(".careerkit-submit").click()
    expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=60_000)
    ours = [u for u in requests if u.startswith("http://127.0.0.1")]  # the template uses a CDN too
    assert ours and all(u.startswith(f"{site.proxy.url}/careerkit/") for u in ours), ours
    ws_root = site.proxy.url.replace("http://", "ws://") + "/careerkit/api/kernels/"
    assert sockets and all(u.startswith(ws_root) for u in sockets), sockets
    context.close()
    store = open_store(site.serve.sqlite_url)
    assert len(store.responses(workshop=WORKSHOP)) == 1
    store.close()

    board = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    board.goto(site.url(f"facilitator/{DASHBOARD_PAGE}?token={TOKEN}&workshop={WORKSHOP}"))
    expect(board.locator(".careerkit-live-count")).to_contain_text("1 response", timeout=120_000)
    board.context.close()


def test_the_dashboard_through_the_proxy_needs_its_token(site: Site) -> None:
    """Without the token the dashboard answers with its own login page, under its prefix."""
    status, headers, _ = _fetch(site.url(f"facilitator/{DASHBOARD_PAGE}"))
    assert status == 302 and headers.get("location", "").startswith("/facilitator/login"), (
        status,
        headers,
    )
    status, _, _ = _fetch(site.url(f"facilitator/{DASHBOARD_PAGE}?token=wrong-{TOKEN}"))
    assert status in (302, 403)
    for path in ("facilitator/api/kernels", "facilitator/voila/api/contents"):
        assert _fetch(site.url(path))[0] in (302, 403, 404), path
    status, _, body = _fetch(site.url("facilitator/login"))  # where the redirect leads
    assert status == 200 and 'name="password"' in body
    assert _fetch(site.url(f"facilitator/{DASHBOARD_PAGE}?token={TOKEN}"))[0] == 200


def test_nothing_is_reachable_around_the_prefix(site: Site) -> None:
    """Unprefixed paths answer 404, through the proxy and on the servers themselves; the
    participants' prefix never leads to the dashboard."""
    for path in (SURVEY_PAGE, DASHBOARD_PAGE, "api/kernels", "voila/static/voila.js", "login", ""):
        assert _fetch(site.url(path))[0] == 404, path
        assert _fetch(f"{_host(site.serve)}/{path}")[0] == 404, path
        assert _fetch(f"{_host(site.dashboard)}/{path}")[0] == 404, path
    for path in (f"careerkit/{DASHBOARD_PAGE}", f"careerkit/%2e%2e/facilitator/{DASHBOARD_PAGE}"):
        status, _, body = _fetch(site.url(path))
        # 503 once the room is full: the cap is checked before the notebook is looked up.
        assert status in (404, 503) and "voila_finish" not in body, (path, status)


def test_a_full_room_asks_to_wait_under_the_prefix(chromium: Any, site: Site) -> None:
    """Past the kernel cap the page through the proxy is the room-full page (503, Retry-After),
    and its retry asks for the same prefixed link again."""
    link = site.url(f"careerkit/{SURVEY_PAGE}?workshop={WORKSHOP}")
    for _ in range(CAP + 1):
        status, headers, body = _fetch(link)
        if status == 503:
            break
    assert status == 503 and int(headers["retry-after"]) > 0
    assert "The room is full" in body and "url=" not in body.lower()  # refreshes this link
    page = chromium.new_context().new_page()
    page.goto(link)
    assert page.locator("h1").inner_text() == "The room is full right now"
    assert page.url == link
    page.context.close()
