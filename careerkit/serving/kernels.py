"""How many kernels a server may hold, and which kernels no page holds any more.

Plain rules on plain numbers, so they are tested without a server; `voila_app` applies them.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from careerkit.errors import ConfigError

MIB = 1024 * 1024

#: What one kernel costs, in MiB of PSS (shared pages split among the processes using them).
#: Measured with real kernels on `careerkit serve` (pool 1, 3 survey pages open in headless
#: Chromium, 7 kernels, 2-core Debian machine): "Pss:" of /proc/PID/smaps_rollup was 44.6-45.0
#: MiB for each survey page's kernel once its form showed, 58.7-59.6 MiB for the preheated
#: development plan and crossings kernels, and the server grew by about 1 MiB per page. The
#: cap counts every kernel, so it takes the heaviest app's: 59 + 1, i.e. 60 MiB.
KERNEL_MIB = 60

#: The server process itself, in MiB of PSS: 83 MiB measured with its pools full and no page
#: open (same run as KERNEL_MIB), rounded up for its growth with the pages it serves.
SERVER_BASE_MIB = 100

#: The share of the memory free at start that kernels may take; the rest is for the system.
MEMORY_SHARE = 0.8

#: Never fewer kernels than this, however little memory looks free (a small room still works).
MIN_KERNELS = 8

#: The facilitator's dashboard holds only a few pages at once (one facilitator, a spare tab).
DASHBOARD_MAX_KERNELS = 6

#: Settings read by the server process (seconds), with their defaults.
CULL_UNCONNECTED_ENV = "CAREERKIT_CULL_UNCONNECTED_SECONDS"
CULL_DISCONNECTED_ENV = "CAREERKIT_CULL_DISCONNECTED_SECONDS"
ROOM_FULL_RETRY_ENV = "CAREERKIT_ROOM_FULL_RETRY_SECONDS"
CULL_UNCONNECTED_SECONDS = 120.0
CULL_DISCONNECTED_SECONDS = 300.0
ROOM_FULL_RETRY = (20, 30)  # seconds, jittered so a full room does not retry in step


def meminfo_available(text: str) -> int | None:
    """MemAvailable in bytes from the text of /proc/meminfo, or None when it is not there."""
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name == "MemAvailable":
            return int(rest.split()[0]) * 1024
    return None


def cgroup_room(max_text: str, current_text: str) -> int | None:
    """What a cgroup v2 still allows in bytes (memory.max - memory.current); None if unlimited."""
    limit = max_text.strip()
    if limit in ("", "max"):
        return None
    return max(0, int(limit) - int(current_text.strip()))


def _cgroup_dir(proc_cgroup: str, root: Path) -> Path | None:
    for line in proc_cgroup.splitlines():
        if line.startswith("0::"):
            return root / line[3:].lstrip("/")
    return None


def available_memory(proc: Path = Path("/proc"), cgroups: Path = Path("/sys/fs/cgroup")) -> int:
    """Bytes free for kernels now: MemAvailable, or the cgroup v2 limit's room when lower."""
    try:
        free = meminfo_available((proc / "meminfo").read_text(encoding="ascii"))
    except OSError:
        free = None
    if free is None:
        raise ConfigError(
            "Cannot tell how much memory is free (no MemAvailable in /proc/meminfo); "
            "give the number of kernels with --max-kernels N."
        )
    try:
        folder = _cgroup_dir((proc / "self" / "cgroup").read_text(encoding="ascii"), cgroups)
        if folder is not None:
            room = cgroup_room(
                (folder / "memory.max").read_text(encoding="ascii"),
                (folder / "memory.current").read_text(encoding="ascii"),
            )
            if room is not None:
                free = min(free, room)
    except (OSError, ValueError):
        pass  # no cgroup v2 limit to read: MemAvailable stands
    return free


@dataclass(frozen=True)
class KernelCap:
    """The most kernels a server holds (preheated ones included), and the figures behind it."""

    kernels: int
    available_mib: int | None = None  # None when the number was given, not computed

    def describe(self) -> str:
        """The line printed at start: the figure, the rule, and how to change it."""
        if self.available_mib is None:
            return f"careerkit: at most {self.kernels} kernels (--max-kernels)"
        return (
            f"careerkit: at most {self.kernels} kernels ({self.available_mib} MiB available; "
            f"{MEMORY_SHARE:.0%} of it less {SERVER_BASE_MIB} MiB for the server, at "
            f"{KERNEL_MIB} MiB per kernel, at least {MIN_KERNELS}); change with --max-kernels"
        )


def cap_for_memory(available_bytes: int) -> KernelCap:
    """80% of the free memory minus the server's base, in kernels of KERNEL_MIB, at least 8."""
    mib = available_bytes // MIB
    room = int(mib * MEMORY_SHARE) - SERVER_BASE_MIB
    return KernelCap(max(MIN_KERNELS, room // KERNEL_MIB), available_mib=mib)


#: The app a room opens first (the link `careerkit serve` prints first): `--expect` preheats it.
EXPECTED_APP = "interest_survey.ipynb"


@dataclass(frozen=True)
class Preheat:
    """How many kernels each app has ready at start, and what they hold (`--expect`)."""

    pools: dict[str, int]  # app -> kernels preheated before the server says it is ready
    standing: int  # kernels each app keeps ready once the expected room has taken its own
    expected: int | None = None  # the room announced with --expect (None: no room announced)

    @property
    def total(self) -> int:
        return sum(self.pools.values())

    @property
    def room(self) -> int:
        """Kernels preheated for the expected room (0 without --expect)."""
        return self.pools.get(EXPECTED_APP, 0) if self.expected else 0

    def describe(self) -> str:
        """The sizing line of --expect: the kernels, the memory they hold, what refilling does."""
        if not self.expected:
            return ""
        bound = (
            "" if self.room >= self.expected else f", the kernel cap leaves room for {self.room}"
        )
        others = self.total - self.room
        return (
            f"careerkit: --expect {self.expected}: {self.room} kernels preheated for "
            f"{EXPECTED_APP}{bound}, {others} for the other apps, {self.total} in all, about "
            f"{self.total * KERNEL_MIB} MiB ({KERNEL_MIB} MiB each) held from the start; the "
            f"links answer once they are up. As the room takes them, each app is refilled to "
            f"{self.standing} kernel{'' if self.standing == 1 else 's'} only, never past the cap."
        )


def preheat_plan(apps: list[str], pool_size: int, cap: int, expect: int | None = None) -> Preheat:
    """Kernels per app at start: `pool_size` each, or for `expect` people on EXPECTED_APP.

    The room's kernels never push the other apps' pools past the cap: they take what the cap
    leaves, and never fewer than `pool_size`, as without --expect.
    """
    if expect is not None and expect < 1:
        raise ConfigError(f"--expect must be at least 1 person (got {expect}).")
    pools = dict.fromkeys(apps, max(0, pool_size))
    if expect is None or EXPECTED_APP not in pools:
        return Preheat(pools, max(0, pool_size))
    left = cap - sum(n for app, n in pools.items() if app != EXPECTED_APP)
    pools[EXPECTED_APP] = max(pools[EXPECTED_APP], min(expect, left))
    return Preheat(pools, max(0, pool_size), expect)


def retry_seconds(env: dict[str, str] | None = None, rng: random.Random | None = None) -> int:
    """When a refused page tries again: 20-30 s at random, or the setting (tests shorten it)."""
    given = (env if env is not None else os.environ).get(ROOM_FULL_RETRY_ENV, "").strip()
    if given:
        return max(1, int(given))
    return (rng or random.SystemRandom()).randint(*ROOM_FULL_RETRY)


def cull_timeouts(env: dict[str, str] | None = None) -> tuple[float, float]:
    """(never connected, disconnected) in seconds, from the settings or their defaults."""
    source = env if env is not None else os.environ

    def read(name: str, default: float) -> float:
        text = source.get(name, "").strip()
        if not text:
            return default
        try:
            value = float(text)
        except ValueError:
            raise ConfigError(f"{name} must be a number of seconds (got {text!r}).") from None
        if value <= 0:
            raise ConfigError(f"{name} must be above 0 (got {text!r}).")
        return value

    return (
        read(CULL_UNCONNECTED_ENV, CULL_UNCONNECTED_SECONDS),
        read(CULL_DISCONNECTED_ENV, CULL_DISCONNECTED_SECONDS),
    )


@dataclass
class _Page:
    since: float  # when the page's response ended (or the kernel was first seen serving one)
    loading: bool = False  # its page is still being sent
    connections: int = 0
    ever_connected: bool = False
    left_at: float | None = None  # when its last websocket closed


@dataclass
class PageKernels:
    """What the server knows about each kernel that serves a page, and which to shut down.

    A kernel whose page never opened its websocket goes `unconnected` seconds after the page
    was sent; one whose page disconnected goes `disconnected` seconds after it left. A kernel
    with a page connected, or a page still being sent, stays; pooled kernels are no pages.
    """

    unconnected: float = CULL_UNCONNECTED_SECONDS
    disconnected: float = CULL_DISCONNECTED_SECONDS
    pages: dict[str, _Page] = field(default_factory=dict)

    def _page(self, kernel_id: str, now: float) -> _Page:
        return self.pages.setdefault(kernel_id, _Page(since=now))

    def loading(self, kernel_id: str, now: float) -> None:
        self._page(kernel_id, now).loading = True

    def sent(self, kernel_id: str, now: float) -> None:
        page = self._page(kernel_id, now)
        page.loading, page.since = False, now

    def connected(self, kernel_id: str, now: float) -> None:
        page = self._page(kernel_id, now)
        page.connections += 1
        page.ever_connected = True

    def disconnected_at(self, kernel_id: str, now: float) -> None:
        page = self._page(kernel_id, now)
        page.connections = max(0, page.connections - 1)
        if page.connections == 0:
            page.left_at = now

    def forget(self, kernel_id: str) -> None:
        self.pages.pop(kernel_id, None)

    def to_cull(
        self, running: set[str], pooled: set[str], now: float, ahead: float = 0.0
    ) -> list[str]:
        """The running kernels to shut down now; forgets kernels that are gone or pooled.

        `ahead` is the time to the next look: a kernel due before then goes now, so none
        outlives its timeout.
        """
        for gone in [k for k in self.pages if k not in running or k in pooled]:
            del self.pages[gone]
        cull = []
        for kernel_id in sorted(running - pooled):
            page = self._page(kernel_id, now)  # first seen now when no page told us of it
            if page.loading or page.connections > 0:
                continue
            due = now + ahead
            if page.ever_connected:
                if page.left_at is not None and due - page.left_at >= self.disconnected:
                    cull.append(kernel_id)
            elif due - page.since >= self.unconnected:
                cull.append(kernel_id)
        return cull
