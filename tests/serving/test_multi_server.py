"""Two participant servers on one PostgreSQL database, 20 people each at once; one dashboard sees all 40."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from answers import CHOICES, PAGE_1, PAGE_2, ROLE
from kernel_channels import kernel_id_in

from careerkit.definitions import load_survey
from careerkit.store import open_store

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

PER_SERVER = 20
AT_ONCE = 6  # browser pages open at the same moment, over both servers
WORKSHOP = "ORG40"
TOKEN = "multi-server-token-" + "m" * 20
# Answers as in tests/answers.py, except two activities instead of three (as this test always gave).
ACTIVITIES = ("mentoring", "stretch_project")


def goal_of(server: int, index: int) -> str:
    """The written goal of one participant: tells every stored row apart."""
    return f"Server {server} participant {index:02d}: lead a small team."


async def _likert(page: Any, qid: str, value: int) -> None:
    from playwright.async_api import expect

    button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
    await button.click()
    await expect(button).to_have_class(__import__("re").compile(r"\bmod-active\b"))


async def _participant(
    browser: Any, url: str, goal: str, labels: dict[str, str], room: asyncio.Semaphore
) -> str | None:
    """Open the survey, answer all three pages, submit and wait for "Saved"; None or the error."""
    async with room:
        return await _answer(browser, url, goal, labels)


async def _answer(browser: Any, url: str, goal: str, labels: dict[str, str]) -> str | None:
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(300_000)
    page = await context.new_page()
    try:
        await page.goto(url)
        for qid, value in PAGE_1.items():
            await _likert(page, qid, value)
        await page.locator(".careerkit-q-next_role_name input[type=text]").fill(ROLE)
        for number, answers in ((2, PAGE_2), (3, {})):
            await page.get_by_role("button", name="Next").click()
            await expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number} of 3")
            for qid, value in answers.items():
                await _likert(page, qid, value)
        for option in ACTIVITIES:
            await (
                page.locator(".careerkit-q-activities label", has_text=labels[option])
                .locator("input")
                .check()
            )
        for qid, option in CHOICES.items():
            await (
                page.locator(f".careerkit-q-{qid} label", has_text=labels[option])
                .locator("input")
                .check()
            )
        await page.locator(".careerkit-q-career_goal textarea").fill(goal)
        await page.locator(".careerkit-submit").click()
        await expect(page.locator(".careerkit-status")).to_contain_text("Saved")
        return None
    except Exception as exc:  # each participant's failure is reported, not raised
        shown = await page.locator(".careerkit-status").all_inner_texts()
        return f"{goal}: {type(exc).__name__}: {str(exc).splitlines()[0]}; status line: {shown}"
    finally:
        await page.close(run_before_unload=True)  # a closed tab: Voilà shuts the kernel down
        await context.close()


async def _peak_connections(pg_url: str, stop: asyncio.Event) -> int:
    """Sample PostgreSQL's open connections to this database until `stop`; the highest count."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(pg_url).database
    engine = create_engine(pg_url, pool_size=1)
    peak = 0
    sql = text("SELECT count(*) FROM pg_stat_activity WHERE datname = :db")
    try:
        while not stop.is_set():
            with engine.connect() as conn:
                peak = max(peak, int(conn.execute(sql, {"db": name}).scalar_one()) - 1)
            try:
                await asyncio.wait_for(stop.wait(), timeout=0.5)
            except TimeoutError:
                continue
    finally:
        engine.dispose()
    return peak


async def _room(urls: list[str], pg_url: str) -> tuple[list[str], int]:
    from playwright.async_api import async_playwright
    from voila_server import CHROMIUM, CHROMIUM_ARGS

    survey = load_survey("career_interests")
    labels = {o.id: o.label for q in survey.questions for o in getattr(q, "options", ())}
    room = asyncio.Semaphore(AT_ONCE)
    stop = asyncio.Event()
    sampler = asyncio.create_task(_peak_connections(pg_url, stop))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            outcomes = await asyncio.gather(
                *(
                    _participant(browser, url, goal_of(s, i), labels, room)
                    for i in range(PER_SERVER)
                    for s, url in enumerate(urls, start=1)
                )
            )
        finally:
            stop.set()
            await browser.close()
    return [o for o in outcomes if o], await sampler


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


def test_two_servers_share_one_postgresql_database(
    chromium: Any, pg_url: str, tmp_path: Path
) -> None:
    """2 x 20 participants at once on two `careerkit serve`: 40 rows, each as answered; the dashboard counts 40."""
    from playwright.sync_api import expect
    from voila_server import start_dashboard, start_server

    db = {"CAREERKIT_DATABASE_URL": pg_url}
    with (
        start_server(tmp_path / "a" / "data", pool_size=2, extra_env=db) as first,
        start_server(tmp_path / "b" / "data", pool_size=2, extra_env=db) as second,
    ):
        urls = [
            s.url(f"voila/render/interest_survey.ipynb?workshop={WORKSHOP}")
            for s in (first, second)
        ]
        started = time.monotonic()
        # Sync Playwright (the chromium fixture) holds this thread's event loop: the room gets its own.
        with ThreadPoolExecutor(1) as pool:
            errors, peak = pool.submit(asyncio.run, _room(urls, pg_url)).result()
        seconds = time.monotonic() - started
        assert errors == [], errors
        kernels = len(first.kernels()) + len(second.kernels())
        kernel = kernel_id_in(_get(urls[0]))
        assert _channels_status(first.base_url, kernel) == 101
        assert _channels_status(second.base_url, kernel) == 404  # why balancers must be sticky
    print(
        f"\n2 x {PER_SERVER} participants, {AT_ONCE} pages at once, in {seconds:.0f} s; "
        f"peak PostgreSQL connections {peak}; kernels still running at the end {kernels}"
    )

    store = open_store(pg_url)
    try:
        rows = list(store.responses(workshop=WORKSHOP))
    finally:
        store.close()
    goals = sorted(str(r.answers["career_goal"]) for r in rows)
    assert goals == sorted(goal_of(s, i) for s in (1, 2) for i in range(PER_SERVER))
    assert all(
        r.answers["visibility"] == PAGE_1["visibility"] and r.answers["activities"] == ACTIVITIES
        for r in rows
    )

    with start_dashboard(tmp_path / "dash" / "data", TOKEN, extra_env=db) as dashboard:
        page = chromium.new_context().new_page()
        page.goto(dashboard.url(f"voila/render/dashboard.ipynb?token={TOKEN}&workshop={WORKSHOP}"))
        count = page.locator(".careerkit-live-count")
        expect(count).to_contain_text(f"{2 * PER_SERVER} responses so far", timeout=120_000)
        page.context.close()
