"""A real `careerkit serve --max-kernels N`: the room-full page past the cap, culling, a flood."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from careerkit.serving.kernels import KERNEL_MIB

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))  # the bench's flood and participant, imported in tests

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SHORT = {  # culling within seconds, and a room-full page that retries soon
    "CAREERKIT_CULL_UNCONNECTED_SECONDS": "4",
    "CAREERKIT_CULL_DISCONNECTED_SECONDS": "4",
    "CAREERKIT_ROOM_FULL_RETRY_SECONDS": "2",
}


def _get_full(server: VoilaServer) -> tuple[int, dict[str, str], bytes]:
    import urllib.error
    import urllib.request

    from voila_server import SURVEY_PAGE

    try:
        with urllib.request.urlopen(server.url(SURVEY_PAGE), timeout=120) as resp:  # noqa: S310  (our own server)
            return int(resp.status), dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), dict(exc.headers), exc.read()


def _wait_for(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def test_past_the_cap_a_room_full_page_then_a_form_once_culled(tmp_path: Path) -> None:
    """With 3 kernels at most (one preheated per app), the next page gets 503, Retry-After and the
    careerkit page with the usual security headers, at once and with no kernel started; the
    kernels never pass 3; once the unconnected page's kernel is culled a new GET gets the form."""
    from voila_server import SURVEY_PAGE, _get, start_server

    with start_server(
        tmp_path / "data", pool_size=1, args=["--max-kernels", "3"], extra_env=SHORT
    ) as server:
        assert "careerkit: at most 3 kernels (--max-kernels)" in server.log()
        answers = []
        for _ in range(4):
            answers.append(_get_full(server))
            assert len(server.kernels()) <= 3
        full = [a for a in answers if a[0] == 503]
        assert full, [a[0] for a in answers]
        assert {a[0] for a in answers} <= {200, 503}
        _status, headers, body = full[0]
        assert headers["Retry-After"] == "2"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        assert headers["Content-Type"].startswith("text/html")
        assert b"The room is full right now" in body and b'content="2"' in body
        assert b"voila" not in body.lower()  # no kernel, no notebook: careerkit's page only
        assert len(server.kernels()) <= 3
        _wait_for(lambda: "culling kernel" in server.log(), 30, "a page's kernel culled")
        _status, body = _wait_for(
            lambda: (lambda r: r if r[0] == 200 else None)(_get(server.url(SURVEY_PAGE), 120)),
            60,
            "the form again after culling",
        )
        assert b"voila_finish" in body
        assert len(server.kernels()) <= 3
        assert "its page never connected" in server.log()


def test_a_connected_page_is_kept_while_idle_past_the_timeouts(
    tmp_path: Path, browser_page: Any
) -> None:
    """A survey open in Chromium outlives both (4 s) timeouts many times over and still answers;
    the culler meanwhile frees the readiness check's kernel, which no page holds."""
    from playwright.sync_api import expect
    from voila_server import SURVEY_PAGE, start_server

    with start_server(
        tmp_path / "data", pool_size=1, args=["--max-kernels", "4"], extra_env=SHORT
    ) as server:
        assert server.kernels()[0].cmdline()  # a real kernel process
        browser_page.goto(server.url(SURVEY_PAGE + "?workshop=KEEP"))
        expect(browser_page.locator(".careerkit-survey")).to_be_visible(timeout=60_000)
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', browser_page.content())
        assert kernel_id
        _wait_for(
            lambda: "its page never connected" in server.log(), 30, "the readiness kernel culled"
        )
        time.sleep(12)  # three times both timeouts, idle
        assert f"culling kernel {kernel_id.group(1)}" not in server.log()
        button = browser_page.locator(
            ".careerkit-q-more_responsibility button.widget-toggle-button[data-value='4']"
        )
        button.click()
        expect(button).to_have_class(re.compile(r"\bmod-active\b"))  # the kernel answered
        assert browser_page.errors == []
        browser_page.close()  # the tab leaves: its kernel goes once the timeout passes
        _wait_for(
            lambda: f"culling kernel {kernel_id.group(1)} (its page left)" in server.log(),
            30,
            "the left page's kernel culled",
        )


def test_a_tab_closed_while_loading_frees_the_kernel_started_for_it(tmp_path: Path) -> None:
    """No preheated kernels: a request that starts a kernel and hangs up after the first bytes
    leaves a kernel that no page will ever connect to; it is culled like a plain GET's."""
    import socket

    from voila_server import start_server

    with start_server(
        tmp_path / "data", pool_size=0, args=["--max-kernels", "2"], extra_env=SHORT
    ) as server:
        _wait_for(lambda: not server.kernels(), 30, "the readiness check's kernel culled")
        port = int(server.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
            sock.sendall(b"GET /voila/render/interest_survey.ipynb HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(64).startswith(b"HTTP/1.1 200")  # the page began: a kernel runs
        assert len(server.kernels()) == 1
        _wait_for(lambda: not server.kernels(), 60, "the closed tab's kernel culled")
        assert server.log().count("(its page never connected)") >= 2


FLOOD_CAP = 30


@pytest.mark.usefixtures("browser_ready")
def test_a_flood_of_plain_gets_stays_under_the_cap_and_a_participant_still_submits(
    tmp_path: Path,
) -> None:
    """500 GETs from 20 clients against 30 kernels at most: only 200 or 503, never more than 30
    kernels, their memory within 30 kernels' worth, and a Chromium participant who opens the
    link mid-flood waits on the room-full page, then gets the form and submits."""
    from flood import kernel_memory, run_flood  # the bench's own flood
    from voila_server import start_server
    from workshop_load import check_store

    env = {**SHORT, "CAREERKIT_CULL_UNCONNECTED_SECONDS": "20"}
    with start_server(
        tmp_path / "data", args=["--max-kernels", str(FLOOD_CAP)], extra_env=env
    ) as server:
        flood = run_flood(server, 500, 20, participant_after=250, workshop="FLOOD")
        assert set(flood.statuses) <= {"200", "503"}, flood.statuses
        assert sum(flood.statuses.values()) == 500
        assert flood.statuses["503"] > 0 and flood.statuses["200"] > 0
        assert flood.retry_after == {"2"}
        assert flood.samples > 10
        assert 0 < flood.peak_kernels <= FLOOD_CAP
        assert flood.peak_pss_mib <= FLOOD_CAP * KERNEL_MIB + 200, flood.peak_pss_mib
        outcome = flood.participant
        assert outcome.error is None, outcome.error
        assert outcome.usable_ms is not None and outcome.saved_ms is not None
        assert flood.participant_waited  # the room-full page first, then the form
        stored, problems = check_store(server, "FLOOD", 1)
        assert (stored, problems) == (1, [])
        assert kernel_memory(server)[0] <= FLOOD_CAP
