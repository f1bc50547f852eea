"""A reload storm on two participant servers sharing one PostgreSQL database; one dashboard sees all."""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import participant
import pytest
from kernel_channels import kernel_id_in

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))  # the storm, shared
from storm import goal_of, run_storm

from careerkit.store import open_store

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

PER_SERVER = 10  # 20 participants in all
AT_ONCE = 5  # browser pages open at the same moment, over both servers
CAP = 8  # --max-kernels of each server
CULL = {"CAREERKIT_CULL_UNCONNECTED_SECONDS": "20", "CAREERKIT_CULL_DISCONNECTED_SECONDS": "4"}
WORKSHOP = "ORG20"
TOKEN = "multi-server-token-" + "m" * 20


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as resp:  # noqa: S310  (our loopback server)
        return str(resp.read().decode())


def _channels_status(base_url: str, kernel: str) -> int:
    """101 when the kernel's websocket opens on this server, else the HTTP status it answered."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    url = f"{base_url.replace('http://', 'ws://')}/api/kernels/{kernel}/channels"
    try:
        with connect(url, origin=base_url, open_timeout=60):  # type: ignore[arg-type]
            return 101
    except InvalidStatus as exc:
        return int(exc.response.status_code)


def test_reload_storm_on_two_servers_sharing_one_postgresql_database(
    chromium: Any, pg_url: str, tmp_path: Path
) -> None:
    """20 people over two `careerkit serve` on PostgreSQL, each reloading twice and sleeping once.

    All 20 submit exactly what they answered, 20 rows; kernels never above either server's cap;
    the dashboard counts 20; a kernel's websocket opens only on its own server.
    """
    from playwright.sync_api import expect
    from voila_server import start_dashboard, start_server

    env = {"CAREERKIT_DATABASE_URL": pg_url, **CULL}
    cap = ["--max-kernels", str(CAP)]
    with (
        start_server(tmp_path / "a" / "data", pool_size=2, extra_env=env, args=cap) as first,
        start_server(tmp_path / "b" / "data", pool_size=2, extra_env=env, args=cap) as second,
    ):
        started = time.monotonic()
        # Sync Playwright (the chromium fixture) holds this thread's event loop: the room gets its own.
        with ThreadPoolExecutor(1) as pool:
            room = run_storm([first, second], PER_SERVER, AT_ONCE, WORKSHOP)
            errors, tally = pool.submit(asyncio.run, room).result()
        seconds = time.monotonic() - started
        assert errors == [], errors
        url = first.url(f"voila/render/interest_survey.ipynb?workshop={WORKSHOP}")
        kernel = kernel_id_in(_get(url))
        assert _channels_status(first.base_url, kernel) == 101
        assert _channels_status(second.base_url, kernel) == 404  # why balancers must be sticky
    print(
        f"\n2 x {PER_SERVER} participants, {AT_ONCE} pages at once, in {seconds:.0f} s; "
        f"answers restored after {tally.restored} of {tally.reloads} reloads; "
        f"kernels at peak {sorted(tally.peak.values())} (cap {CAP} each)"
    )
    assert tally.restored == tally.reloads == 3 * 2 * PER_SERVER
    assert all(n <= CAP for n in tally.peak.values()), tally.peak

    store = open_store(pg_url)
    try:
        rows = list(store.responses(workshop=WORKSHOP))
        drafts = store.count_drafts(workshop=WORKSHOP)
    finally:
        store.close()
    assert sorted(str(r.answers["career_goal"]) for r in rows) == sorted(
        goal_of(s, i) for s in (1, 2) for i in range(PER_SERVER)
    )
    assert all(
        dict(r.answers) == participant.expected_answers(str(r.answers["career_goal"])) for r in rows
    )
    assert drafts == 0, "every draft became its response"

    with start_dashboard(tmp_path / "dash" / "data", TOKEN, extra_env=env) as dashboard:
        page = chromium.new_context().new_page()
        page.goto(dashboard.url(f"voila/render/dashboard.ipynb?token={TOKEN}&workshop={WORKSHOP}"))
        count = page.locator(".careerkit-live-count")
        expect(count).to_contain_text(f"{2 * PER_SERVER} responses so far", timeout=120_000)
        page.context.close()
