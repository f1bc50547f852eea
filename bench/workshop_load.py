"""A room of participants at once: the interest survey under load vs a bare one-button page.

Starts `careerkit serve` (temporary data folder, SQLite) on 127.0.0.1, opens N pages at once in
one headless Chromium (one browser context per participant), answers and submits the survey on
each, checks the store, and prints times and server memory next to a bare one-button notebook
driven the same way in the same run. See bench/README.md for how to run it and read the table.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from answers import (  # noqa: E402  (the answers the browser tests give too)
    ACTIVITIES,
    CHOICES,
    PAGE_1,
    PAGE_2,
    ROLE,
    complete_answers,
)
from survey_app import stage_workbooks, wait_quiet  # noqa: E402  (same staging as the page bench)
from voila_server import (  # noqa: E402  (the shared server/browser helpers live with the tests)
    CHROMIUM,
    CHROMIUM_ARGS,
    VoilaServer,
    chromium_missing,
    start_server,
)

from careerkit.definitions import load_survey  # noqa: E402
from careerkit.store import open_store  # noqa: E402

MIB = 1024 * 1024
SURVEY = "interest_survey.ipynb"
BARE = "bare.ipynb"
POOLED = [SURVEY, "development_plan.ipynb", "creative_crossings.ipynb", BARE]
# The bare page: one Button whose click goes to the kernel and comes back as "Saved".
BARE_CODE = """import ipywidgets as widgets

button = widgets.Button(description="Submit")
button.add_class("bench-bare-button")
button.on_click(lambda b: setattr(b, "description", "Saved"))
button"""
KINDS = {
    # kind: (notebook, CSS of the usable form, CSS of Submit, CSS of the element saying "Saved")
    "survey": (SURVEY, ".careerkit-survey", ".careerkit-submit", ".careerkit-status"),
    "bare": (BARE, ".bench-bare-button", ".bench-bare-button", ".bench-bare-button"),
}
# Records, in the page, when Submit was clicked (capture phase: before any widget handler).
CLICK_CLOCK = """document.addEventListener("click", e => {
  if (e.target.closest && e.target.closest(%r)) window.__benchClick = performance.now();
}, true);"""
USABLE = """sel => { const el = document.querySelector(sel);
  return el && el.offsetParent !== null && el.getClientRects().length > 0 && performance.now(); }"""
SAVED = """sel => { const el = document.querySelector(sel);
  return el && /\\bSaved\\b/.test(el.innerText) && window.__benchClick !== undefined
         && performance.now() - window.__benchClick; }"""
ACTIVE = re.compile(r"\bmod-active\b")


def goal_of(index: int) -> str:
    """The written goal of participant `index`: tells every stored row apart."""
    return f"Participant {index:03d}: lead a small product team within two years."


def expected_answers(index: int) -> dict[str, Any]:
    return complete_answers(goal_of(index))


@dataclass
class Outcome:
    """One participant: milliseconds to a usable form and from Submit to "Saved", or the error."""

    usable_ms: float | None = None
    saved_ms: float | None = None
    error: str | None = None


@dataclass
class Wave:
    """N participants of one kind at once: outcomes, memory peaks and what the store holds."""

    kind: str
    outcomes: list[Outcome]
    idle: dict[str, float]
    peak: dict[str, float]
    stored: int = 0
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average when the wave began, ended
    problems: list[str] = field(default_factory=list)
    kernels_left: int = 0

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error] + self.problems


def tree_memory(server: VoilaServer, cpu: dict[Any, float] | None = None) -> dict[str, float]:
    """RSS, PSS and USS (MiB) summed over the server process and all its children, and a count.

    `cpu` collects each process's CPU seconds so far, by (server or kernel, pid, start time).
    """
    try:
        procs = [psutil.Process(server.process.pid)]
        procs += procs[0].children(recursive=True)
    except psutil.NoSuchProcess:
        return {"rss": 0.0, "pss": 0.0, "uss": 0.0, "kernels": 0.0}
    total = {"rss": 0.0, "pss": 0.0, "uss": 0.0, "kernels": 0.0}
    for proc in procs:
        try:
            info = proc.memory_full_info()
            kernel = "ipykernel_launcher" in " ".join(proc.cmdline())
            times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total["kernels"] += kernel
        for key in ("rss", "pss", "uss"):
            total[key] += getattr(info, key) / MIB
        if cpu is not None:
            who = "kernels" if kernel else "server"
            cpu[(who, proc.pid, proc.create_time())] = times.user + times.system
    return total


def browser_cpu(server: VoilaServer) -> float:
    """CPU seconds of this script's other children: Chromium and Playwright's driver."""
    total = 0.0
    for proc in psutil.Process().children(recursive=True):
        try:
            if server.process.pid not in {proc.pid, *(p.pid for p in proc.parents())}:
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


async def sample_peak(
    server: VoilaServer, stop: asyncio.Event, peak: dict[str, float], cpu: dict[Any, float]
) -> None:
    """Until `stop`, sample the server tree about twice a second and keep each figure's maximum."""
    while True:
        now = await asyncio.to_thread(tree_memory, server, cpu)
        for key, value in now.items():
            peak[key] = max(peak.get(key, 0.0), value)
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
            return
        except TimeoutError:
            continue


async def _likert(page: Any, qid: str, value: int) -> None:
    from playwright.async_api import expect

    button = page.locator(f".careerkit-q-{qid} button.widget-toggle-button[data-value='{value}']")
    await button.click()
    await expect(button).to_have_class(ACTIVE)  # the kernel's value came back to the page


async def _option(page: Any, qid: str, label: str, kind: str) -> None:
    from playwright.async_api import expect

    box = page.locator(f".careerkit-q-{qid} label", has_text=label).locator(f"input[type={kind}]")
    await box.check()
    await expect(box).to_be_checked()


async def _next_page(page: Any, number: int) -> None:
    from playwright.async_api import expect

    await page.get_by_role("button", name="Next").click()
    await expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number} of 3")


async def answer_survey(page: Any, index: int, labels: dict[str, str]) -> None:
    """Answer every question of the three pages as `expected_answers(index)` says."""
    for qid, value in PAGE_1.items():
        await _likert(page, qid, value)
    role = page.locator(".careerkit-q-next_role_name input[type=text]")
    await role.wait_for(state="visible")  # shown because next_role >= 4
    await role.fill(ROLE)
    await _next_page(page, 2)
    for qid, value in PAGE_2.items():
        await _likert(page, qid, value)
    await _next_page(page, 3)
    for option in ACTIVITIES:
        await _option(page, "activities", labels[f"activities.{option}"], "checkbox")
    for qid, option in CHOICES.items():
        await _option(page, qid, labels[f"{qid}.{option}"], "radio")
    await page.locator(".careerkit-q-career_goal textarea").fill(goal_of(index))


async def participant(
    browser: Any, url: str, kind: str, index: int, labels: dict[str, str], timeout_s: float
) -> tuple[Outcome, Any]:
    """Open the page, answer, press Submit and wait for "Saved"; the context stays open."""
    _notebook, form, submit, saved = KINDS[kind]
    outcome = Outcome()
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(timeout_s * 1000)
    page = await context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        await page.add_init_script(CLICK_CLOCK % submit)
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        handle = await page.wait_for_function(USABLE, arg=form, timeout=timeout_s * 1000)
        outcome.usable_ms = float(await handle.json_value())
        if kind == "survey":
            await answer_survey(page, index, labels)
        await page.locator(submit).click()
        handle = await page.wait_for_function(SAVED, arg=saved, timeout=timeout_s * 1000)
        outcome.saved_ms = float(await handle.json_value())
    except Exception as exc:  # one participant's failure is reported, not raised
        where = "form never showed" if outcome.usable_ms is None else "after the form showed"
        first = str(exc).splitlines()[0]
        outcome.error = f"participant {index} ({where}): {type(exc).__name__}: {first}"
    if page_errors and not outcome.error:
        outcome.error = f"participant {index}: JavaScript error on the page: {page_errors[0]}"
    return outcome, page


def option_labels() -> dict[str, str]:
    """`qid.option_id` -> label shown on the page, from the survey file the server uses."""
    survey = load_survey(ROOT / "survey" / "career_interests.yaml")
    return {f"{q.id}.{o.id}": o.label for q in survey.questions for o in getattr(q, "options", ())}


def check_store(
    server: VoilaServer, code: str, n: int, wanted: dict[str, dict[str, Any]] | None = None
) -> tuple[int, list[str]]:
    """How many rows the workshop holds, and every way they differ from what was answered.

    `wanted` maps each written goal to its answers (default: this bench's n participants).
    """
    store = open_store(server.sqlite_url)
    try:
        rows = list(store.responses(workshop=code))
    finally:
        store.close()
    if wanted is None:
        wanted = {goal_of(i): expected_answers(i) for i in range(n)}
    problems = []
    for row in rows:
        want = wanted.pop(str(row.answers.get("career_goal")), None)
        if want is None:
            problems.append(f"unexpected or duplicate row {row.id} in workshop {code}")
        elif row.answers != want:
            problems.append(f"row {row.id} stored {row.answers}, answered {want}")
    problems += [f"not stored: {goal}" for goal in wanted]
    return len(rows), problems


async def run_wave(
    server: VoilaServer, kind: str, n: int, code: str = "LOAD", timeout_s: float = 300.0
) -> Wave:
    """N participants of `kind` at once against `server`; pages close (tab closed) at the end."""
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=timeout_s * 1000)  # checks wait as long as any other step

    notebook = KINDS[kind][0]
    query = f"?workshop={code}" if kind == "survey" else ""
    url = server.url(f"voila/render/{notebook}{query}")
    labels = option_labels()
    cpu_idle: dict[Any, float] = {}
    idle = await asyncio.to_thread(tree_memory, server, cpu_idle)
    cpu = dict(cpu_idle)
    load_before = os.getloadavg()[0]
    peak: dict[str, float] = {}
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_peak(server, stop, peak, cpu))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            done = await asyncio.gather(
                *(participant(browser, url, kind, i, labels, timeout_s) for i in range(n))
            )
            await asyncio.sleep(2.0)  # all pages still open: a last look at the memory peak
            stop.set()
            await sampler
            peak["cpu browser"] = browser_cpu(server)
            for key, seconds in cpu.items():  # CPU used during the wave, by server and kernels
                used = seconds - cpu_idle.get(key, 0.0)
                peak[f"cpu {key[0]}"] = peak.get(f"cpu {key[0]}", 0.0) + used
            for _outcome, page in done:  # closing the tab lets Voilà shut its kernel down
                await page.close(run_before_unload=True)
            await asyncio.sleep(3.0)
        finally:
            stop.set()
            await browser.close()
    wave = Wave(kind, [o for o, _p in done], idle, peak, load=(load_before, os.getloadavg()[0]))
    wave.kernels_left = len(server.kernels())
    if kind == "survey":
        wave.stored, wave.problems = check_store(server, code, n)
    return wave


@contextmanager
def bench_server(folder: Path, name: str, pool_size: int) -> Iterator[VoilaServer]:
    """A fresh `careerkit serve` over the staged workbooks, pools filled and kernels idle."""
    with start_server(folder / name, workbook_dir=folder / "workbooks", pool_size=pool_size) as s:
        wait_quiet(s, POOLED, timeout=300)
        yield s


def nearest_rank(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def report(waves: dict[str, list[Wave]], n: int, pool_size: int) -> None:
    """The table: times, memory, ratios survey/bare, store check, sizing."""

    def times(kind: str, attr: str) -> list[float]:
        found = [getattr(o, attr) for w in waves[kind] for o in w.outcomes]
        return [t for t in found if t is not None] or [math.nan]

    def mem(kind: str, which: str, key: str) -> float:
        return statistics.median(getattr(w, which)[key] for w in waves[kind])

    rows: list[tuple[str, float, float, str]] = []
    for title, attr in (("open -> usable form", "usable_ms"), ("Submit -> Saved", "saved_ms")):
        for stat, fn in (("median", statistics.median), ("p95", lambda v: nearest_rank(v, 95))):
            rows.append(
                (f"{title} {stat}", fn(times("survey", attr)), fn(times("bare", attr)), "ms")
            )
    for key in ("pss", "uss", "rss"):
        rows.append(
            (
                f"peak {key.upper()} server+kernels",
                mem("survey", "peak", key),
                mem("bare", "peak", key),
                "MiB",
            )
        )
    rows.append(
        (
            "idle PSS before the pages",
            mem("survey", "idle", "pss"),
            mem("bare", "idle", "pss"),
            "MiB",
        )
    )
    per = {k: (mem(k, "peak", "pss") - mem(k, "idle", "pss")) / n for k in waves}
    rows.append(("PSS per participant", per["survey"], per["bare"], "MiB"))
    for who in ("server", "kernels", "browser"):
        key = f"cpu {who}"
        rows.append(
            (f"CPU seconds: {who}", mem("survey", "peak", key), mem("bare", "peak", key), "s")
        )
    rows.append(
        ("kernels at peak", mem("survey", "peak", "kernels"), mem("bare", "peak", "kernels"), "")
    )
    print(
        f"\n{n} participants at once, pool {pool_size} per app, "
        f"{len(waves['survey'])} round(s); medians over rounds for memory"
    )
    print(f"{'':<34}{'survey':>12}{'bare':>12}{'survey/bare':>14}")
    for title, s, b, unit in rows:
        ratio = s / b if b else math.nan
        print(f"{title:<34}{s:>9.0f} {unit:<3}{b:>8.0f} {unit:<3}{ratio:>12.2f}")
    for kind in waves:
        errors = [e for w in waves[kind] for e in w.errors]
        stored = sum(w.stored for w in waves[kind])
        extra = f", rows stored {stored}/{n * len(waves[kind])}" if kind == "survey" else ""
        left = ", ".join(str(w.kernels_left) for w in waves[kind])
        load = ", ".join(f"{w.load[0]:.0f}->{w.load[1]:.0f}" for w in waves[kind])
        print(
            f"{kind}: errors {len(errors)}{extra}, kernels left after tabs closed: {left}, "
            f"machine load average {load}"
        )
        for error in errors[:10]:
            print(f"  {error}")
    base, worst = mem("survey", "idle", "pss"), mem("survey", "peak", "pss")
    print(
        f"\nsizing: {worst:.0f} MiB PSS at {n} participants = {base:.0f} MiB before the "
        f"pages + {per['survey']:.1f} MiB each -> {1024 / per['survey']:.1f} participants "
        f"per GiB above the base; 4 GiB holds {(4096 - base) / per['survey']:.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--participants", type=int, default=40, help="pages at once (40)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="waves of each kind, order alternating"
    )
    parser.add_argument("--pool-size", type=int, default=2, help="preheated kernels per app (2)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per page step (600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and logs")
    parser.add_argument(
        "--flood",
        type=int,
        metavar="N",
        help="instead: N plain GETs of the survey page (no websocket), -c at once, and one "
        "Chromium participant halfway through, against --max-kernels",
    )
    parser.add_argument(
        "--reloads",
        type=int,
        metavar="N",
        help="instead: N Chromium participants, -c pages at once, each reloading twice at random "
        "points and sleeping once (offline until its kernel is culled), against --max-kernels",
    )
    parser.add_argument(
        "-c", "--clients", type=int, default=20, help="flood: clients at once; reloads: pages"
    )
    parser.add_argument(
        "--expect",
        type=int,
        metavar="N",
        help="instead: N survey pages at once on the default pool, then on `serve --expect N`, "
        "same cap; usable-form times and the burst's server and kernel CPU seconds",
    )
    parser.add_argument(
        "--max-kernels", type=int, default=30, help="flood, reloads, expect: the cap (30)"
    )
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"bench: {missing}", file=sys.stderr)
        return 2
    if args.flood:
        return flood_main(args)
    if args.reloads:
        return reloads_main(args)
    if args.expect:
        from expect_load import expect_main

        return expect_main(args)
    folder = Path(tempfile.mkdtemp(prefix="careerkit-load-"))
    waves: dict[str, list[Wave]] = {"survey": [], "bare": []}
    try:
        stage_workbooks(folder)
        _write_bare(folder / "workbooks" / BARE)  # a Submit that answers "Saved"
        for r in range(args.rounds):
            for kind in ("survey", "bare") if r % 2 == 0 else ("bare", "survey"):
                with bench_server(folder, f"{kind}-{r}", args.pool_size) as server:
                    print(f"bench: round {r + 1}: {args.participants} {kind} pages ...", flush=True)
                    started = time.monotonic()
                    wave = asyncio.run(
                        run_wave(server, kind, args.participants, f"LOAD{r}", args.timeout)
                    )
                    waves[kind].append(wave)
                    print(
                        f"bench:   done in {time.monotonic() - started:.0f} s, "
                        f"{len(wave.errors)} error(s)",
                        flush=True,
                    )
        report(waves, args.participants, args.pool_size)
    finally:
        if args.keep:
            print(f"bench: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    failed = [w for ws in waves.values() for w in ws if w.errors]
    short = [w for w in waves["survey"] if w.stored != args.participants]
    complete = all(len(ws) == args.rounds for ws in waves.values())
    return 1 if failed or short or not complete else 0


def flood_main(args: argparse.Namespace) -> int:
    """The --flood run: a fresh capped server, the flood, the printed figures; 1 on a failure."""
    from flood import describe, run_flood

    from careerkit.serving.kernels import KERNEL_MIB

    folder = Path(tempfile.mkdtemp(prefix="careerkit-flood-"))
    env = {  # culled within seconds, and a room-full page retrying soon, so the run is short
        "CAREERKIT_CULL_UNCONNECTED_SECONDS": "8",
        "CAREERKIT_CULL_DISCONNECTED_SECONDS": "8",
        "CAREERKIT_ROOM_FULL_RETRY_SECONDS": "2",
    }
    try:
        with start_server(
            folder / "data",
            pool_size=args.pool_size,
            args=["--max-kernels", str(args.max_kernels)],
            extra_env=env,
        ) as server:
            print(
                f"bench: {args.flood} GETs from {args.clients} clients, cap {args.max_kernels}, "
                f"pool {args.pool_size} per app ...",
                flush=True,
            )
            flood = run_flood(server, args.flood, args.clients, participant_after=args.flood // 2)
            for line in describe(flood, args.max_kernels, KERNEL_MIB):
                print(line)
            stored, problems = check_store(server, "FLOOD", 1)
            print(f"rows stored {stored}/1" + "".join(f"\n  {p}" for p in problems[:5]))
    finally:
        if args.keep:
            print(f"bench: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    bad = set(flood.statuses) - {"200", "503"}
    over = flood.peak_kernels > args.max_kernels
    failed = bool(flood.participant and flood.participant.error)
    return 1 if bad or over or failed or problems else 0


def reloads_main(args: argparse.Namespace) -> int:
    """The --reloads run: a capped server, the storm, the printed figures; 1 on a failure."""
    import participant
    from storm import goal_of as storm_goal
    from storm import run_storm

    from careerkit.serving.kernels import KERNEL_MIB

    folder = Path(tempfile.mkdtemp(prefix="careerkit-reloads-"))
    env = {  # a sleeping page's kernel is culled within seconds, so the run is short
        "CAREERKIT_CULL_UNCONNECTED_SECONDS": "20",
        "CAREERKIT_CULL_DISCONNECTED_SECONDS": "4",
    }
    cap = args.max_kernels
    try:
        with start_server(
            folder / "data",
            pool_size=args.pool_size,
            args=["--max-kernels", str(cap)],
            extra_env=env,
        ) as server:
            print(
                f"bench: {args.reloads} participants, {args.clients} pages at once, each reloading "
                f"twice and sleeping once; cap {cap}, pool {args.pool_size} per app ...",
                flush=True,
            )
            started = time.monotonic()
            errors, tally = asyncio.run(run_storm([server], args.reloads, args.clients, "RELOADS"))
            seconds = time.monotonic() - started
            goals = [storm_goal(1, i) for i in range(args.reloads)]
            wanted = {g: participant.expected_answers(g) for g in goals}
            stored, problems = check_store(server, "RELOADS", args.reloads, wanted)
    finally:
        if args.keep:
            print(f"bench: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    peak = max(tally.peak.values(), default=0)
    print(f"{args.reloads} participants in {seconds:.0f} s")
    print(f"kernels at peak {peak} (cap {cap})")
    print(
        f"kernels' memory at peak {tally.peak_pss_mib:.0f} MiB PSS "
        f"(cap x {KERNEL_MIB} MiB = {cap * KERNEL_MIB} MiB)"
    )
    print(f"answers restored {tally.restored} / reloads {tally.reloads}")
    print(f"participants served {tally.served} / {args.reloads}; rows stored {stored}")
    for line in (errors + problems)[:5]:
        print(f"  {line}")
    return 1 if errors or problems or peak > cap or tally.restored != tally.reloads else 0


def _write_bare(path: Path) -> None:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell(BARE_CODE)]
    nbformat.write(nb, path)


if __name__ == "__main__":
    sys.exit(main())
