"""A reload storm on two participant servers sharing one PostgreSQL database; one dashboard sees all."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import participant
import pytest
from kernel_channels import kernel_id_in

from careerkit.definitions import load_survey
from careerkit.store import open_store

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser
SURVEY = load_survey("career_interests")

PER_SERVER = 10  # 20 participants in all
AT_ONCE = 5  # browser pages open at the same moment, over both servers
CAP = 8  # --max-kernels of each server
CULL = {"CAREERKIT_CULL_UNCONNECTED_SECONDS": "20", "CAREERKIT_CULL_DISCONNECTED_SECONDS": "4"}
WORKSHOP = "ORG20"
SOCKET_DIES = "() => { const k = window.jupyterapp.widgetManager.kernel; if (k._ws) k._ws.close(); }"
TOKEN = "multi-server-token-" + "m" * 20


def goal_of(server: int, index: int) -> str:
    """The written goal of one participant: tells every stored row apart."""
    return f"Server {server} participant {index:02d}: lead a small team."


@dataclass
class Tally:
    restored: int = 0  # reloads after which every answer given so far was back
    reloads: int = 0
    peak: dict[str, int] = field(default_factory=dict)  # base URL -> most kernels seen at once


async def _kernel_gone(base_url: str, kernel_id: str) -> None:
    """Wait until the server no longer has `kernel_id` (the culler shut it down)."""
    loop = asyncio.get_running_loop()
    for _ in range(120):
        status = await loop.run_in_executor(None, _status, f"{base_url}/api/kernels/{kernel_id}")
        if status == 404:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"kernel {kernel_id} was never culled")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310  (our loopback server)
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


async def _participant(
    browser: Any,
    base_url: str,
    goal: str,
    rng: random.Random,
    room: asyncio.Semaphore,
    tally: Tally,
) -> str | None:
    """Answer everything with two reloads at random points and one sleep; None or the error."""
    expect = participant.patient_expect()

    labels = {o.id: o.label for q in SURVEY.questions for o in getattr(q, "options", ())}
    todo = participant.steps(goal, labels)
    breaks = sorted(rng.sample(range(1, len(todo)), 3))
    sleep_at = rng.choice(breaks)
    async with room:
        context = await browser.new_context(viewport={"width": 420, "height": 860})
        context.set_default_timeout(300_000)
        page = await context.new_page()
        try:
            await page.goto(f"{base_url}/voila/render/interest_survey.ipynb?workshop={WORKSHOP}")
            await participant.form_ready(page)
            hint = ""
            for i, (_name, act) in enumerate(todo):
                if i in breaks:
                    hint = await participant.draft_saved(page, hint)
                    if i == sleep_at:  # the phone locks: offline until its kernel is culled
                        kernel = await page.evaluate("window.jupyterapp.widgetManager.kernel.id")
                        await context.set_offline(True)
                        # Offline emulation stops new connections only; a sleeping phone's
                        # open socket dies too (the OS or the network drops it): close it.
                        await page.evaluate(SOCKET_DIES)
                        await _kernel_gone(base_url, kernel)
                        await context.set_offline(False)
                    else:
                        await page.reload()
                    tally.reloads += 1
                    await participant.restored(page)
                    tally.restored += 1
                    hint = ""
                await act(page)
            await participant.submit(page)
            await expect(page.locator(".careerkit-connection-lost")).to_be_hidden()
            return None
        except Exception as exc:  # each participant's failure is reported, not raised
            shown = await page.locator(".careerkit-status").all_inner_texts()
            return f"{goal}: {type(exc).__name__}: {str(exc).splitlines()[0]}; status line: {shown}"
        finally:
            await context.close()


async def _watch_kernels(servers: list[Any], tally: Tally, stop: asyncio.Event) -> None:
    """Sample each server's kernel processes until `stop`; the peaks go on `tally`."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        for server in servers:
            n = len(await loop.run_in_executor(None, server.kernels))
            tally.peak[server.base_url] = max(tally.peak.get(server.base_url, 0), n)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def _room(servers: list[Any]) -> tuple[list[str], Tally]:
    from playwright.async_api import async_playwright
    from voila_server import CHROMIUM, CHROMIUM_ARGS

    rng = random.Random(20)  # the same storm every run
    room = asyncio.Semaphore(AT_ONCE)
    tally, stop = Tally(), asyncio.Event()
    watcher = asyncio.create_task(_watch_kernels(servers, tally, stop))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            outcomes = await asyncio.gather(
                *(
                    _participant(browser, server.base_url, goal_of(s, i), rng, room, tally)
                    for i in range(PER_SERVER)
                    for s, server in enumerate(servers, start=1)
                )
            )
        finally:
            stop.set()
            await watcher
            await browser.close()
    return [o for o in outcomes if o], tally


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
            errors, tally = pool.submit(asyncio.run, _room([first, second])).result()
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
