"""A flood of plain page requests (reloads, scripts, link previews) against a capped server.

N GETs of the survey page from C clients at once, none of which opens the page's websocket,
while a sampler counts the server's kernels and sums their PSS; optionally one real Chromium
participant opens the link in the middle of it, waits through the room-full page, answers and
submits. `workshop_load.py --flood` prints it; tests/serving/test_kernel_cap.py checks it.
"""

from __future__ import annotations

import asyncio
import http.client
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voila_server import CHROMIUM, CHROMIUM_ARGS, VoilaServer

SURVEY_PAGE = "/voila/render/interest_survey.ipynb"


@dataclass
class Flood:
    """What the flood saw: answers by status, and the kernels' peak count and memory."""

    statuses: Counter[str] = field(default_factory=Counter)
    retry_after: set[str] = field(default_factory=set)
    peak_kernels: int = 0
    peak_pss_mib: float = 0.0
    samples: int = 0
    seconds: float = 0.0
    participant: Any = None  # workshop_load.Outcome of the Chromium participant, if any
    participant_seconds: float = 0.0  # from opening the link to "Saved", room-full page included
    participant_after: int = 0  # GETs sent when the participant opened the link
    participant_waited: bool = False  # the participant got the room-full page first


def pss_mib(pid: int) -> float:
    """A process's PSS from /proc/PID/smaps_rollup, in MiB (0 when it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def kernel_memory(server: VoilaServer) -> tuple[int, float]:
    """The server's kernel processes now: how many, and their PSS summed (MiB)."""
    kernels = server.kernels()
    return len(kernels), sum(pss_mib(k.pid) for k in kernels)


def _get(port: int, path: str) -> tuple[str, str | None]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return str(resp.status), resp.getheader("Retry-After")
    except OSError as exc:
        return f"error ({type(exc).__name__})", None
    finally:
        conn.close()


def _sample(server: VoilaServer, flood: Flood, stop: threading.Event) -> None:
    while not stop.is_set():
        count, pss = kernel_memory(server)
        flood.peak_kernels = max(flood.peak_kernels, count)
        flood.peak_pss_mib = max(flood.peak_pss_mib, pss)
        flood.samples += 1
        stop.wait(0.2)


async def _one_participant(
    url: str, timeout_s: float, start: threading.Event | None = None
) -> tuple[Any, float]:
    """One Chromium participant; with `start`, the browser is up first and opens the link on it."""
    from playwright.async_api import async_playwright
    from workshop_load import option_labels, participant

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            if start is not None:
                await asyncio.get_running_loop().run_in_executor(None, start.wait, timeout_s)
            started = time.monotonic()
            outcome, _page = await participant(
                browser, url, "survey", 0, option_labels(), timeout_s
            )
            seconds = time.monotonic() - started
        finally:
            await browser.close()
    return outcome, seconds


def run_flood(
    server: VoilaServer,
    requests: int,
    clients: int,
    *,
    participant_after: int | None = None,
    workshop: str = "FLOOD",
    participant_timeout: float = 120.0,
) -> Flood:
    """`requests` GETs from `clients` at once; a Chromium participant joins after that many."""
    port = urllib.parse.urlsplit(server.base_url).port
    assert port is not None
    flood = Flood(participant_after=participant_after or 0)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(server, flood, stop), daemon=True)
    sampler.start()
    lock = threading.Lock()
    # The participant joins at the first room-full answer after `participant_after` GETs (the
    # room is full at that moment, whatever the culler did before), with a browser already up.
    done = threading.Event() if participant_after is not None else None
    # Then the rest of the flood waits until the participant's request has been seen: room-full
    # answers take a millisecond, so the flood would otherwise be over before the page loads.
    go = threading.Event()
    if done is None:
        go.set()
    sent = 0

    def client() -> None:
        nonlocal sent
        while True:
            with lock:
                if sent >= requests:
                    return
                sent += 1
            if done is not None and done.is_set():
                go.wait(timeout=participant_timeout)
            status, retry = _get(port, SURVEY_PAGE)
            with lock:
                flood.statuses[status] += 1
                if retry is not None:
                    flood.retry_after.add(retry)
                if done is not None and status == "503" and sent >= (participant_after or 0):
                    if not done.is_set():
                        flood.participant_after = sent
                    done.set()

    started = time.monotonic()
    with ThreadPoolExecutor(clients + 1) as pool:
        workers = [pool.submit(client) for _ in range(clients)]
        joined = None
        if done is not None:
            url = server.url(f"voila/render/interest_survey.ipynb?workshop={workshop}")
            opened = threading.Event()
            joined = pool.submit(asyncio.run, _one_participant(url, participant_timeout, opened))
            # With no room-full answer at all, the participant joins once the flood is over.
            while not done.wait(0.1) and not all(w.done() for w in workers):
                pass
            opened.set()
            asked = f"GET /voila/render/interest_survey.ipynb?workshop={workshop} "
            deadline = time.monotonic() + participant_timeout
            while asked not in server.log() and time.monotonic() < deadline:
                time.sleep(0.1)
            go.set()
        for worker in workers:
            worker.result()
        flood.seconds = time.monotonic() - started
        if joined is not None:
            flood.participant, flood.participant_seconds = joined.result()
            # The flood's own requests carry no query string, the participant's link does.
            mark = f"503 GET /voila/render/interest_survey.ipynb?workshop={workshop} "
            flood.participant_waited = mark in server.log()
    stop.set()
    sampler.join()
    return flood


def describe(flood: Flood, cap: int, per_kernel_mib: float) -> list[str]:
    """The printed lines: answers by status, kernels at peak vs cap, memory, participants."""
    answers = ", ".join(f"{status}: {n}" for status, n in sorted(flood.statuses.items()))
    per = flood.peak_pss_mib / flood.peak_kernels if flood.peak_kernels else 0.0
    lines = [
        f"{sum(flood.statuses.values())} GETs in {flood.seconds:.0f} s; answers by status: "
        f"{answers}; Retry-After seen: {', '.join(sorted(flood.retry_after)) or 'none'}",
        f"kernels at peak {flood.peak_kernels} (cap {cap}), {flood.samples} samples",
        f"kernels' memory at peak {flood.peak_pss_mib:.0f} MiB PSS ({per:.1f} MiB per kernel; "
        f"cap x {per_kernel_mib:.0f} MiB = {cap * per_kernel_mib:.0f} MiB)",
    ]
    if flood.participant is not None:
        served = int(flood.participant.error is None)
        lines.append(
            f"participants served {served} / 1 (joined after {flood.participant_after} GETs;"
            f" link to Saved {flood.participant_seconds:.0f} s, room-full page included; "
            f"got the room-full page first: {'yes' if flood.participant_waited else 'no'})"
            + _why(flood.participant)
        )
    return lines


def _why(outcome: Any) -> str:
    return f" ({outcome.error})" if outcome.error else ""
