"""A reload storm: participants who reload twice at random points and sleep once, in real Chromium.

Each participant answers the interest survey step by step (tests/participant.py) and, at three
random steps, waits for the draft of what they gave so far and then either reloads the page or
"sleeps": the browser goes offline and the page's socket dies, as on a phone that locks, until
the server has culled the kernel; back online, the page reloads by itself. After each, the form
must say the answers are back. A sampler keeps the peak of each server's kernels and their PSS.
`workshop_load.py --reloads` prints it; tests/serving/test_multi_server.py checks it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import participant
from voila_server import CHROMIUM, CHROMIUM_ARGS

from careerkit.definitions import load_survey

SURVEY = load_survey("career_interests")
KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")
SOCKET_DIES = (
    "() => { const k = window.jupyterapp.widgetManager.kernel; if (k._ws) k._ws.close(); }"
)


def goal_of(server: int, index: int) -> str:
    """The written goal of one participant: tells every stored row apart."""
    return f"Server {server} participant {index:02d}: lead a small team."


@dataclass
class Tally:
    """What the storm saw."""

    restored: int = 0  # reloads after which every answer given so far was back
    reloads: int = 0
    served: int = 0  # participants who saw "Saved"
    peak: dict[str, int] = field(default_factory=dict)  # base URL -> most kernels seen at once
    peak_pss_mib: float = 0.0  # the kernels' memory at its peak, summed over the servers


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
    workshop: str,
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
            await page.goto(f"{base_url}/voila/render/interest_survey.ipynb?workshop={workshop}")
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
            tally.served += 1
            return None
        except Exception as exc:  # each participant's failure is reported, not raised
            shown = await page.locator(".careerkit-status").all_inner_texts()
            return f"{goal}: {type(exc).__name__}: {str(exc).splitlines()[0]}; status line: {shown}"
        finally:
            await context.close()


def _kernels_pss(server: Any) -> tuple[int, float]:
    """How many kernels the server holds, and the PSS in MiB of all its kernel processes.

    A kernel counts while the server still knows its id (`/api/kernels/<id>` answers 200): a
    process the server has already let go of, in its last moments of exiting, is not held.
    """
    count, pss = 0, 0.0
    for kernel in server.kernels():
        try:
            pss += kernel.memory_full_info().pss / 2**20
            found = KERNEL_FILE.search(" ".join(kernel.cmdline()))
        except Exception:  # noqa: S112  (a kernel that just ended counts no more)
            continue
        if found and _status(f"{server.base_url}/api/kernels/{found.group(1)}") == 200:
            count += 1
    return count, pss


async def _watch_kernels(servers: list[Any], tally: Tally, stop: asyncio.Event) -> None:
    """Sample each server's kernels until `stop`; the peaks go on `tally`."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        total = 0.0
        for server in servers:
            n, pss = await loop.run_in_executor(None, _kernels_pss, server)
            tally.peak[server.base_url] = max(tally.peak.get(server.base_url, 0), n)
            total += pss
        tally.peak_pss_mib = max(tally.peak_pss_mib, total)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def run_storm(
    servers: list[Any], per_server: int, at_once: int, workshop: str, seed: int = 20
) -> tuple[list[str], Tally]:
    """`per_server` participants on each server, `at_once` pages open; the errors and the tally."""
    from playwright.async_api import async_playwright

    rng = random.Random(seed)  # the same storm every run
    room = asyncio.Semaphore(at_once)
    tally, stop = Tally(), asyncio.Event()
    watcher = asyncio.create_task(_watch_kernels(servers, tally, stop))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            outcomes = await asyncio.gather(
                *(
                    _participant(
                        browser, server.base_url, goal_of(s, i), rng, room, tally, workshop
                    )
                    for i in range(per_server)
                    for s, server in enumerate(servers, start=1)
                )
            )
        finally:
            stop.set()
            await watcher
            await browser.close()
    return [o for o in outcomes if o], tally
