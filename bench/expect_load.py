"""`workshop_load.py --expect N`: a room of N opening the survey at once, `serve --expect N` vs the pool.

Two fresh `careerkit serve` in the same run, same kernel cap: the default pool (2 per app) and
`--expect N`. On each, N Chromium pages open the survey at once; the burst is from the first
page opening to the last form usable. For each server it prints open -> usable median and p95
and the CPU seconds the server and its kernels used during the burst (utime + stime from
/proc/PID/stat, summed over the server and every kernel seen), then every page answers and
submits, and the store is checked. Targets, same run: burst CPU with --expect at most half the
pool's, usable median and p95 lower.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from survey_app import stage_workbooks, wait_quiet
from voila_server import CHROMIUM, CHROMIUM_ARGS, VoilaServer, start_server
from workshop_load import (
    BARE,
    CLICK_CLOCK,
    KINDS,
    POOLED,
    SAVED,
    USABLE,
    answer_survey,
    check_store,
    nearest_rank,
    option_labels,
)

_TICK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int) -> tuple[int, float] | None:
    """(start time in ticks, CPU seconds used) of a process, from /proc/PID/stat; None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": field 3 onwards
    utime, stime, start = int(fields[11]), int(fields[12]), int(fields[19])
    return start, (utime + stime) / _TICK


def tree_cpu(server: VoilaServer, seen: dict[tuple[str, int, int], float]) -> int:
    """Record the CPU seconds of the server and each kernel in `seen`; how many kernels run."""
    try:
        root = psutil.Process(server.process.pid)
        procs = [(root, "server"), *((c, "kernels") for c in root.children(recursive=True))]
    except psutil.NoSuchProcess:
        return 0
    kernels = 0
    for proc, who in procs:
        try:
            kernel = who == "kernels" and "ipykernel_launcher" in " ".join(proc.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if who == "kernels" and not kernel:
            who = "server"  # a helper process of the server's, not a kernel
        found = proc_cpu(proc.pid)
        if found is not None:
            seen[(who, proc.pid, found[0])] = found[1]
            kernels += kernel
    return kernels


def used(
    before: dict[tuple[str, int, int], float], after: dict[tuple[str, int, int], float]
) -> dict[str, float]:
    """CPU seconds used between two records, by server and kernels (new processes from zero)."""
    out = {"server": 0.0, "kernels": 0.0}
    for key, seconds in after.items():
        out[key[0]] += seconds - before.get(key, 0.0)
    return out


@dataclass
class Burst:
    """One server's room: each page's time to a usable form, CPU, what was stored."""

    name: str
    usable_ms: list[float] = field(default_factory=list)
    saved_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    burst_cpu: dict[str, float] = field(default_factory=dict)
    wave_cpu: dict[str, float] = field(default_factory=dict)
    burst_seconds: float = 0.0
    peak_kernels: int = 0
    stored: int = 0


async def _open(browser: Any, url: str, timeout_s: float) -> tuple[Any, float | str]:
    _nb, form, submit, _saved = KINDS["survey"]
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(timeout_s * 1000)
    page = await context.new_page()
    try:
        await page.add_init_script(CLICK_CLOCK % submit)
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        handle = await page.wait_for_function(USABLE, arg=form, timeout=timeout_s * 1000)
        return page, float(await handle.json_value())
    except Exception as exc:  # one page's failure is reported, not raised
        return page, f"form never showed: {type(exc).__name__}: {str(exc).splitlines()[0]}"


async def _submit(page: Any, index: int, labels: dict[str, str]) -> float | str:
    _nb, _form, submit, saved = KINDS["survey"]
    try:
        await answer_survey(page, index, labels)
        await page.locator(submit).click()
        handle = await page.wait_for_function(SAVED, arg=saved)
        return float(await handle.json_value())
    except Exception as exc:
        return f"after the form showed: {type(exc).__name__}: {str(exc).splitlines()[0]}"


async def room(server: VoilaServer, name: str, n: int, code: str, timeout_s: float) -> Burst:
    """N pages at once: the burst to the last usable form, then answers and Submit on each."""
    from playwright.async_api import async_playwright, expect

    expect.set_options(timeout=timeout_s * 1000)
    out = Burst(name)
    url = server.url(f"voila/render/{KINDS['survey'][0]}?workshop={code}")
    labels = option_labels()
    seen: dict[tuple[str, int, int], float] = {}
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            kernels = await asyncio.to_thread(tree_cpu, server, seen)
            out.peak_kernels = max(out.peak_kernels, kernels)
            try:
                await asyncio.wait_for(stop.wait(), timeout=0.25)
            except TimeoutError:
                continue

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            tree_cpu(server, seen)
            start = dict(seen)
            sampler = asyncio.create_task(sample())
            began = time.monotonic()
            opened = await asyncio.gather(*(_open(browser, url, timeout_s) for _ in range(n)))
            out.burst_seconds = time.monotonic() - began
            tree_cpu(server, seen)
            out.burst_cpu = used(start, seen)
            for i, (_page, got) in enumerate(opened):
                if isinstance(got, str):
                    out.errors.append(f"participant {i}: {got}")
                else:
                    out.usable_ms.append(got)
            shown = [(i, p) for i, (p, got) in enumerate(opened) if not isinstance(got, str)]
            saved = await asyncio.gather(*(_submit(p, i, labels) for i, p in shown))
            tree_cpu(server, seen)
            out.wave_cpu = used(start, seen)
            stop.set()
            await sampler
            for (i, _p), got in zip(shown, saved, strict=True):
                if isinstance(got, str):
                    out.errors.append(f"participant {i}: {got}")
                else:
                    out.saved_ms.append(got)
        finally:
            stop.set()
            await browser.close()
    out.stored, problems = check_store(server, code, n)
    out.errors += problems
    return out


def _line(title: str, pool: float, expected: float, unit: str) -> str:
    ratio = expected / pool if pool else float("nan")
    return f"{title:<40}{pool:>10.1f} {unit:<3}{expected:>10.1f} {unit:<3}{ratio:>13.2f}"


def report(pool: Burst, expected: Burst, n: int, cap: int, pool_size: int = 2) -> bool:
    """The comparison table and the targets; True when all targets hold."""

    def stat(b: Burst, which: str) -> tuple[float, float]:
        values = getattr(b, which) or [float("nan")]
        return statistics.median(values), nearest_rank(values, 95)

    print(f"\n{n} people open the survey at once; same run, both servers capped at {cap} kernels")
    print(f"{'':<40}{f'pool {pool_size}/app':>14}{f'--expect {n}':>14}{'expect/pool':>13}")
    (pm, pp), (em, ep) = stat(pool, "usable_ms"), stat(expected, "usable_ms")
    rows = [
        _line("open -> usable form median", pm, em, "ms"),
        _line("open -> usable form p95", pp, ep, "ms"),
        _line(
            "burst: first open -> last form usable", pool.burst_seconds, expected.burst_seconds, "s"
        ),
    ]
    for who in ("server", "kernels"):
        rows.append(
            _line(
                f"CPU seconds in the burst: {who}",
                pool.burst_cpu[who],
                expected.burst_cpu[who],
                "s",
            )
        )
    pcpu, ecpu = sum(pool.burst_cpu.values()), sum(expected.burst_cpu.values())
    rows.append(_line("CPU seconds in the burst: server+kernels", pcpu, ecpu, "s"))
    rows.append(
        _line(
            "CPU s, whole wave (answers, Submit too)",
            sum(pool.wave_cpu.values()),
            sum(expected.wave_cpu.values()),
            "s",
        )
    )
    (ps, _), (es, _) = stat(pool, "saved_ms"), stat(expected, "saved_ms")
    rows.append(_line("Submit -> Saved median", ps, es, "ms"))
    rows.append(_line("kernels at peak", pool.peak_kernels, expected.peak_kernels, ""))
    print("\n".join(rows))
    for b in (pool, expected):
        print(f"{b.name}: errors {len(b.errors)}, rows stored {b.stored}/{n}")
        for error in b.errors[:5]:
            print(f"  {error}")
    targets = {
        "burst CPU server+kernels <= half": ecpu <= 0.5 * pcpu,
        "usable median lower": em < pm,
        "usable p95 lower": ep < pp,
    }
    print(
        "targets: "
        + ", ".join(f"{k}: {'met' if ok else 'NOT met'}" for k, ok in targets.items())
        + f" (CPU {ecpu:.1f} s vs {pcpu:.1f} s = {ecpu / pcpu if pcpu else float('nan'):.2f})"
    )
    clean = not pool.errors and not expected.errors
    return all(targets.values()) and clean and pool.stored == expected.stored == n


def expect_main(args: argparse.Namespace) -> int:
    """The --expect run: the pool's server, then the --expect server, then the table."""
    n, cap = args.expect, args.max_kernels
    folder = Path(tempfile.mkdtemp(prefix="careerkit-expect-"))
    results: dict[str, Burst] = {}
    try:
        stage_workbooks(folder)
        for name, extra in (("pool", []), ("expect", ["--expect", str(n)])):
            with start_server(
                folder / name,
                workbook_dir=folder / "workbooks",
                pool_size=args.pool_size,
                args=["--max-kernels", str(cap), *extra],
                ready_page=f"voila/render/{BARE}",  # the survey's kernels are all the room's
                timeout=900,
            ) as server:
                wait_quiet(server, POOLED, timeout=900)
                print(f"bench: {n} survey pages at once on the {name} server ...", flush=True)
                results[name] = asyncio.run(
                    room(server, name, n, f"EXPECT{name.upper()}", args.timeout)
                )
                print(
                    f"bench:   burst {results[name].burst_seconds:.0f} s, "
                    f"{len(results[name].errors)} error(s)",
                    flush=True,
                )
    finally:
        if args.keep:
            print(f"bench: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    ok = report(results["pool"], results["expect"], n, cap, args.pool_size)
    return 0 if ok else 1
