"""Every route of both Voilà servers tried as an outsider: token routes refused, private files unreachable."""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

DASHBOARD = "/voila/render/dashboard.ipynb"
NO_KERNEL = "00000000-0000-4000-8000-000000000000"
KERNEL_ID = re.compile(rb'"kernelId": "([0-9a-f-]{36})"')
REFUSED = {302, 401, 403, 404, 405}  # 302 only to the login page (checked below)


def _port(server: VoilaServer) -> int:
    port = urllib.parse.urlsplit(server.base_url).port
    assert port is not None
    return port


def request(
    server: VoilaServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, str, bytes]:
    """One raw request, path sent exactly as written; (status, Location header, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=60)
    try:
        conn.request(method, path, body=b"" if method == "POST" else None, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Location") or "", resp.read()
    finally:
        conn.close()


def follow(server: VoilaServer, path: str) -> tuple[int, bytes]:
    """Request `path`, following redirects while they stay on this server; (status, body)."""
    for _hop in range(5):
        status, location, body = request(server, path)
        if status not in (301, 302, 303, 307, 308):
            return status, body
        assert location.startswith("/") and not location.startswith("//"), (path, location)
        path = location
    raise AssertionError(f"more than 5 redirects from {path}")


def websocket_status(server: VoilaServer, path: str) -> int:
    """101 when a websocket opens at `path`, else the HTTP status the server answered with."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    url = server.base_url.replace("http://", "ws://") + path
    try:
        with connect(url, open_timeout=30, origin=server.base_url):  # type: ignore[arg-type]
            return 101
    except InvalidStatus as exc:
        return int(exc.response.status_code)


def kernel_of(server: VoilaServer, path: str) -> str:
    """Open a page and return the id of the kernel it was given."""
    status, _location, body = request(server, path)
    assert status == 200, (path, status)
    found = KERNEL_ID.search(body)
    assert found, f"no kernel id in {path}"
    return found.group(1).decode()


# Routes of the dashboard server that need the token: (method, path; {kernel} = a live kernel).
DASHBOARD_ROUTES = [
    ("GET", "/"),
    ("GET", DASHBOARD),
    ("GET", f"{DASHBOARD}?workshop=ANY"),
    ("GET", "/voila/tree"),
    ("GET", "/voila/tree/dashboard.ipynb"),
    ("GET", "/voila/api/contents"),
    ("GET", "/voila/api/contents/dashboard.ipynb"),
    ("GET", "/voila/files/dashboard.ipynb"),
    ("GET", "/api/kernels"),
    ("GET", "/api/kernels/{kernel}"),
    ("DELETE", "/api/kernels/{kernel}"),
    ("POST", "/api/kernels/{kernel}/interrupt"),
    ("POST", "/api/kernels/{kernel}/restart"),
    ("POST", "/voila/api/shutdown/{kernel}"),
    ("GET", "/api/sessions"),
    ("GET", "/api/contents"),
    ("GET", "/api/me"),
    ("GET", "/tree"),
    ("GET", "/lab"),
    ("GET", "/static/"),
]
DASHBOARD_SOCKETS = ["/api/kernels/{kernel}/channels", "/voila/query/{kernel}"]
# Code and styles of the page itself: public on every Jupyter server, the same for everyone.
PUBLIC_ASSETS = [
    "/voila/static/voila.js",
    "/voila/templates/lab/static/voila.js",
    "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/package.json",
]


def test_every_dashboard_route_refuses_without_the_token(dashboard_server: VoilaServer) -> None:
    """Pages, APIs, kernel actions and both websockets answer 302-to-login/403/404 without the token."""
    token = dashboard_server.token
    kernel = kernel_of(dashboard_server, f"{DASHBOARD}?token={token}")
    answered = {}
    for method, template in DASHBOARD_ROUTES:
        path = template.format(kernel=kernel)
        wrong = ("&" if "?" in path else "?") + "token=wrong-token-0123456789abcdef"
        for full in (path, path + wrong):
            status, location, body = request(dashboard_server, full, method)
            answered[f"{method} {full}"] = status
            if status == 302:
                assert location.startswith("/login"), (full, location)
            assert token.encode() not in body, full
            assert b"careerkit-live-count" not in body, full
    refused = {route: status for route, status in answered.items() if status not in REFUSED}
    assert refused == {}, f"served without the token: {refused}"
    sockets = {
        p.format(kernel=kernel): websocket_status(dashboard_server, p.format(kernel=kernel))
        for p in DASHBOARD_SOCKETS
    }
    opened = {path: status for path, status in sockets.items() if status == 101}
    assert opened == {}, f"websockets opened without the token: {opened}"
    # The kernel survived every refused DELETE/restart/shutdown above.
    assert request(dashboard_server, f"/api/kernels/{kernel}?token={token}")[0] == 200


def test_dashboard_routes_work_with_the_token(dashboard_server: VoilaServer) -> None:
    """With the token the page, the listing and the kernel's websocket open: the refusals are the token's."""
    token = dashboard_server.token
    kernel = kernel_of(dashboard_server, f"{DASHBOARD}?token={token}&workshop=TOK1")
    for path in (
        f"{DASHBOARD}?token={token}",
        f"/voila/tree?token={token}",
        f"/api/kernels/{kernel}?token={token}",
    ):
        assert request(dashboard_server, path)[0] == 200, path
    channels = f"/api/kernels/{kernel}/channels?token={token}"
    assert websocket_status(dashboard_server, channels) == 101
    for path in PUBLIC_ASSETS:
        status, _location, body = request(dashboard_server, path)
        assert status == 200 and token.encode() not in body, path


def _private_targets(server: VoilaServer, token: str) -> dict[str, str]:
    """Files that exist beside the participants' apps, by the path that climbs to them."""
    data = server.data_dir
    return {
        "careerkit.sqlite3": "SQLite format 3",
        "careerkit.sqlite3-wal": "",
        "voila-config/voila.json": "tornado_settings",
        "dashboard-config/voila.json": token,
        "dashboard-apps/dashboard.ipynb": "dashboard",
        **({"dashboard-token": ""} if (data / "dashboard-token").exists() else {}),
    }


def _climbs(target: str, depth: int, yaml: str) -> list[str]:
    """Ways of writing `../target` that a careless server might resolve: encoded, doubled, reversed."""
    up = "../" * depth
    return [
        f"../{target}",
        f"%2e%2e/{target}",
        f"%2E%2E%2F{target}",
        f"..%2f{target}",
        f"%252e%252e/{target}",
        f"%252e%252e%252f{target}",
        f"..%5c{target}",
        f"..\\{target}",
        f"%2e%2e%5c{target.replace('/', '%5c')}",
        f".%2e/{target}",
        f"....//{target}",
        f"..;/{target}",
        f"/{up}{yaml}",
        f"{up}{yaml}",
        f"%2f{yaml.lstrip('/')}",
    ]


TEMPLATE_STATIC = "/voila/templates/lab/static/"
PREFIXES = [
    "/voila/files/",
    "/voila/files//",
    "/voila/render/",
    "/voila/render//",
    "/voila/tree/",
    "/voila/api/contents/",
    "/voila/static/",
    "/voila/static/..%2f",
    TEMPLATE_STATIC,
    "/voila/labextensions/",
    "/voila/api/themes/",
    "/static/",
    "//",
    "/",
]


def test_participant_server_never_serves_private_files(
    voila_server: VoilaServer, dashboard_server: VoilaServer
) -> None:
    """Database, WAL, config files, dashboard, token and survey YAML: 403/404 by every spelling of `..`."""
    from voila_server import ROOT

    yaml = str(ROOT / "survey" / "career_interests.yaml")
    assert (voila_server.data_dir / "careerkit.sqlite3").is_file()
    assert (voila_server.data_dir / "dashboard-config" / "voila.json").is_file()
    depth = len(voila_server.data_dir.joinpath("apps").parts)
    token = dashboard_server.token
    targets = _private_targets(voila_server, token)
    paths = [
        prefix + climb
        for prefix in PREFIXES
        for target in [*targets, "survey/career_interests.yaml"]
        for climb in _climbs(target, depth, yaml)
    ]
    paths += [
        f"/voila/files{yaml}",
        "/voila/files/career_interests.yaml",
        "/voila/render/dashboard.ipynb",
        "/voila/render/facilitator/dashboard.ipynb",
        "/voila/files/interest_survey.ipynb",
        "/voila/api/contents/interest_survey.ipynb/../../careerkit.sqlite3",
        "/api/contents/careerkit.sqlite3",
        "/api/kernels",
        "/api/sessions",
    ]
    served: dict[str, int] = {}
    for path in paths:
        status, body = follow(voila_server, path)
        if path.startswith(TEMPLATE_STATIC) and status == 500:
            # Voilà's template-asset handler trips on a path that leaves `<template>/static/`
            # (an unpacking error) before it opens anything: a bare error page, never a file.
            assert b"500: Internal Server Error" in body, path
            continue
        if status not in (403, 404):
            served[path] = status
        for marker in ("SQLite format 3", "id: career_interests", token, "tornado_settings"):
            assert marker.encode() not in body, (path, marker)
    assert served == {}, f"{len(served)} of {len(paths)} answered: {served}"


def test_participant_listings_show_only_participant_apps(voila_server: VoilaServer) -> None:
    """The participants' tree and contents listings hold the workbooks only, no dashboard or data."""
    listing = json.loads(request(voila_server, "/voila/api/contents")[2])
    names = {item["name"] for item in listing["content"]}
    assert "interest_survey.ipynb" in names
    assert names <= {"interest_survey.ipynb", "development_plan.ipynb", "creative_crossings.ipynb"}
    status, _location, tree = request(voila_server, "/voila/tree")
    assert status == 200
    for private in (b"dashboard.ipynb", b"sqlite3", b"voila.json", b".yaml", b"token"):
        assert private not in tree, private
