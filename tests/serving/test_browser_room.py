"""A real room in a real browser: reloads, a killed kernel, a restarted server, forged keys.

Every test runs `careerkit serve` and headless Chromium; answers come from tests/answers.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import participant
import pytest

from careerkit.definitions import load_survey
from careerkit.store import open_store

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY = load_survey("career_interests")
LABELS = {o.id: o.label for q in SURVEY.questions for o in getattr(q, "options", ())}
PAGE = "voila/render/interest_survey.ipynb"


def _run(coro: Any) -> Any:
    """Run async Playwright in a thread of its own (the sync `chromium` fixture holds this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _browser(pw: Any) -> Any:
    from voila_server import CHROMIUM, CHROMIUM_ARGS

    return await pw.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


async def _page(browser: Any) -> Any:
    context = await browser.new_context(viewport={"width": 420, "height": 860})  # a phone
    context.set_default_timeout(120_000)
    return await context.new_page()


async def _do(page: Any, steps: list[participant.Step]) -> str:
    """Take `steps`, then wait for the draft of the last one; the hint's text."""
    before = await page.locator(participant.HINT).inner_text()
    for _name, act in steps:
        await act(page)
    return await participant.draft_saved(page, before)


def _rows(url: str, workshop: str) -> list[Any]:
    store = open_store(url)
    try:
        return store.responses(workshop=workshop)
    finally:
        store.close()


def _drafts(url: str, workshop: str) -> int:
    store = open_store(url)
    try:
        return store.count_drafts(workshop=workshop)
    finally:
        store.close()


def test_reload_keeps_answers_page_and_result_and_a_new_tab_starts_empty(
    voila_server: Any,
) -> None:
    """Reload mid-survey: every answer and the page come back; after Submit a reload shows the result."""
    from playwright.async_api import async_playwright

    expect = participant.patient_expect()

    goal = "Reload: lead the support team."
    url = voila_server.url(f"{PAGE}?workshop=RELOAD")
    todo = participant.steps(goal, LABELS)

    async def scenario() -> tuple[str, str]:
        async with async_playwright() as pw:
            browser = await _browser(pw)
            page = await _page(browser)
            await page.goto(url)
            await participant.form_ready(page)
            await _do(page, todo[:9])  # page 1, Next, two answers on page 2
            await page.reload()
            await participant.restored(page)
            await expect(page.locator(".careerkit-survey")).to_contain_text("Page 2 of 3")
            for qid in ("deepen_strengths", "training"):
                value = participant.PAGE_2[qid]
                await expect(
                    page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
                ).to_have_class(re.compile(r"\bmod-active\b"))
            await _do(page, todo[9:])
            code = await participant.submit(page)
            await page.reload()
            await expect(page.locator(".careerkit-status")).to_contain_text("Saved")
            shown_again = await page.locator(".careerkit-result").inner_text()
            fresh = await page.context.new_page()  # another tab: its own key, an empty form
            await fresh.goto(url)
            await participant.form_ready(fresh)
            await expect(fresh.locator(".careerkit-submit")).to_be_hidden()
            await expect(fresh.locator(".careerkit-survey")).to_contain_text("Page 1 of 3")
            active = await fresh.locator(".careerkit-survey button.mod-active").count()
            await browser.close()
            assert active == 0, "a new tab shows none of the other tab's answers"
            return code, shown_again

    code, shown_again = _run(scenario())
    rows = _rows(voila_server.sqlite_url, "RELOAD")
    assert [r.id for r in rows] == [code]
    assert dict(rows[0].answers) == participant.expected_answers(goal)
    assert re.sub(r"\W", "", code) in re.sub(r"\W", "", shown_again)
    assert _drafts(voila_server.sqlite_url, "RELOAD") == 0, "submitting used up the draft"


def test_forged_or_foreign_keys_open_an_empty_form_and_touch_no_draft(voila_server: Any) -> None:
    """A malformed key, a guessed one, or another tab's key on a fresh visit: empty form, no draft changed."""
    from playwright.async_api import async_playwright

    url = voila_server.url(f"{PAGE}?workshop=FORGE")
    todo = participant.steps("Forge: owner.", LABELS)
    name = "careerkit-draft:/voila/render/interest_survey.ipynb|FORGE"
    secrets_seen: list[str] = []

    async def scenario() -> dict[str, int]:
        async with async_playwright() as pw:
            browser = await _browser(pw)
            owner = await _page(browser)
            await owner.goto(url)
            await participant.form_ready(owner)
            await _do(owner, todo[:3])
            secret = await owner.evaluate(f"sessionStorage.getItem({name!r})")
            assert re.fullmatch(r"[0-9a-f]{32}", secret)
            secrets_seen.append(secret)
            active: dict[str, int] = {}
            for label, value, how in (
                ("malformed", "../../etc/passwd", "reload"),
                ("guessed", "0123456789abcdef0123456789abcdef", "reload"),
                ("foreign", secret, "visit"),  # someone copies the key into a fresh tab
            ):
                other = await _page(browser)
                await other.goto(url)
                await participant.form_ready(other)
                await other.evaluate(f"sessionStorage.setItem({name!r}, {value!r})")
                if how == "reload":
                    await other.reload()
                else:
                    await other.goto(url)
                await participant.form_ready(other)
                await other.wait_for_timeout(2500)  # a restore would have filled the form by now
                active[label] = await other.locator(".careerkit-survey button.mod-active").count()
                await other.context.close()
            await browser.close()
            return active

    active = _run(scenario())
    assert active == {"malformed": 0, "guessed": 0, "foreign": 0}
    store = open_store(voila_server.sqlite_url)
    try:
        assert store.count_drafts(workshop="FORGE") == 1, "only the owner's draft exists"
    finally:
        store.close()
    log = voila_server.log()
    assert secrets_seen and not any(k in log for k in secrets_seen), "no draft key in the log"


def _kernel_of(server: Any, kernel_id: str) -> Any:
    for kernel in server.kernels():
        if kernel_id in " ".join(kernel.cmdline()):
            return kernel
    raise AssertionError(f"no kernel process for {kernel_id}")


def test_a_killed_kernel_reloads_the_page_by_itself_with_every_answer(
    tmp_path: Path,
) -> None:
    """kill -9 of the page's kernel: the notice shows, the page reloads by itself, answers are back."""
    from playwright.async_api import async_playwright

    expect = participant.patient_expect()
    from voila_server import start_server

    goal = "Killed kernel: nothing lost."
    todo = participant.steps(goal, LABELS)
    with start_server(tmp_path / "data", pool_size=1) as server:
        url = server.url(f"{PAGE}?workshop=KERNEL")

        async def scenario() -> str:
            async with async_playwright() as pw:
                browser = await _browser(pw)
                page = await _page(browser)
                await page.goto(url)
                await participant.form_ready(page)
                await _do(page, todo[:7])
                kernel_id = await page.evaluate("window.jupyterapp.widgetManager.kernel.id")
                _kernel_of(server, kernel_id).kill()
                await expect(page.locator(".careerkit-connection-lost")).to_be_visible()
                await participant.restored(page)  # reloaded by itself
                await _do(page, todo[7:])
                code = await participant.submit(page)
                await browser.close()
                return code

        code = _run(scenario())
        rows = _rows(server.sqlite_url, "KERNEL")
    assert [r.id for r in rows] == [code]
    assert dict(rows[0].answers) == participant.expected_answers(goal)


def test_server_killed_and_restarted_every_saved_draft_comes_back(tmp_path: Path) -> None:
    """kill -9 of the server mid-survey, restart on the same port: each page reloads with its draft."""
    from playwright.async_api import async_playwright

    expect = participant.patient_expect()
    from voila_server import start_server

    people = 3
    data = tmp_path / "data"
    goals = [f"Restart {i}: keep going." for i in range(people)]
    with start_server(data, pool_size=people) as first:
        url = first.url(f"{PAGE}?workshop=RESTART")
        port = int(first.base_url.rsplit(":", 1)[1])

        async def before_kill(browser: Any) -> list[Any]:
            pages = []
            for goal in goals:
                page = await _page(browser)
                await page.goto(url)
                await participant.form_ready(page)
                await _do(page, participant.steps(goal, LABELS)[:8])
                pages.append(page)
            return pages

        async def scenario() -> list[str]:
            async with async_playwright() as pw:
                browser = await _browser(pw)
                pages = await before_kill(browser)
                first.kernels()
                os.kill(first.process.pid, signal.SIGKILL)
                for kernel in first.seen_kernels.values():
                    with contextlib.suppress(Exception):
                        kernel.kill()
                for page in pages:
                    await expect(page.locator(".careerkit-connection-lost")).to_be_visible()
                with start_server(data, pool_size=people, port=port):
                    codes = []
                    for page, goal in zip(pages, goals, strict=True):
                        await participant.restored(page)
                        await _do(page, participant.steps(goal, LABELS)[8:])
                        codes.append(await participant.submit(page))
                await browser.close()
                return codes

        codes = _run(scenario())
    rows = {r.id: r for r in _rows(f"sqlite:///{data / 'careerkit.sqlite3'}", "RESTART")}
    assert sorted(rows) == sorted(codes)
    for code, goal in zip(codes, goals, strict=True):
        assert dict(rows[code].answers) == participant.expected_answers(goal)


def test_readme_walkthrough_serve_with_a_code_then_the_dashboard_from_its_printed_link(
    tmp_path: Path,
) -> None:
    """README "Running a workshop": `serve --workshop TEAM1`, two people submit through the printed
    link, `careerkit dashboard` opened from its printed link shows TEAM1's answers, no typing."""
    from playwright.async_api import async_playwright
    from voila_server import DASHBOARD_TOKEN, start_dashboard, start_server

    expect = participant.patient_expect()
    data = tmp_path / "data"
    goals = ["Walkthrough one.", "Walkthrough two."]
    with start_server(data, pool_size=2, args=["--workshop", "TEAM1"]) as server:
        printed = re.findall(r"^\s+(http://\S+)$", server.log(), re.M)
        survey_link = next(link for link in printed if "interest_survey" in link)
        assert survey_link.endswith("?workshop=TEAM1")
        assert "created workshop TEAM1" in server.log()

        async def participants() -> None:
            async with async_playwright() as pw:
                browser = await _browser(pw)
                for goal in goals:
                    page = await _page(browser)
                    await page.goto(survey_link)
                    await participant.form_ready(page)
                    for _name, act in participant.steps(goal, LABELS):
                        await act(page)
                    await participant.submit(page)
                await browser.close()

        _run(participants())

    with start_dashboard(data, DASHBOARD_TOKEN) as dashboard:
        link = re.findall(r"^\s+(http://\S+dashboard\.ipynb\?token=\S+)$", dashboard.log(), re.M)
        assert len(link) == 1

        async def facilitator() -> tuple[str, list[str]]:
            async with async_playwright() as pw:
                browser = await _browser(pw)
                page = await browser.new_page(viewport={"width": 1200, "height": 900})
                await page.goto(link[0])
                count = page.locator(".careerkit-live-count")
                await expect(count).to_contain_text("2 responses so far")
                picked = await page.locator(
                    ".careerkit-workshop-picker select option:checked"
                ).all_inner_texts()
                text = await count.inner_text()
                await browser.close()
                return text, picked

        text, picked = _run(facilitator())
    assert "2 responses so far" in text
    assert len(picked) == 1 and picked[0].startswith("TEAM1")
