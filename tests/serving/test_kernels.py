"""The kernel cap's arithmetic and the culler's decisions, on plain numbers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from careerkit.errors import ConfigError
from careerkit.serving.kernels import (
    EXPECTED_APP,
    KERNEL_MIB,
    MIB,
    MIN_KERNELS,
    PageKernels,
    available_memory,
    cap_for_memory,
    cgroup_room,
    cull_timeouts,
    meminfo_available,
    preheat_plan,
    retry_seconds,
)
from careerkit.serving.room_full import room_full_page

MEMINFO = "MemTotal:       24684084 kB\nMemFree:        18376536 kB\nMemAvailable:    4194304 kB\n"


def test_meminfo_and_cgroup_are_read_in_bytes() -> None:
    """MemAvailable is in kB; a cgroup v2 limit leaves max - current; "max" is no limit."""
    assert meminfo_available(MEMINFO) == 4 * 1024 * MIB
    assert meminfo_available("MemTotal: 1 kB\n") is None
    assert cgroup_room("2147483648\n", "1073741824\n") == 1024 * MIB
    assert cgroup_room("max\n", "5\n") is None
    assert cgroup_room("100\n", "200\n") == 0


def _fake_system(tmp_path: Path, limit: str | None) -> tuple[Path, Path]:
    proc, cgroups = tmp_path / "proc", tmp_path / "cgroup"
    (proc / "self").mkdir(parents=True)
    (proc / "meminfo").write_text(MEMINFO)
    (proc / "self" / "cgroup").write_text("0::/workshop.slice\n")
    folder = cgroups / "workshop.slice"
    folder.mkdir(parents=True)
    if limit is not None:
        (folder / "memory.max").write_text(limit)
        (folder / "memory.current").write_text(str(512 * MIB))
    return proc, cgroups


def test_a_lower_cgroup_limit_wins_over_memavailable(tmp_path: Path) -> None:
    """A container's limit (here 2 GiB with 0.5 GiB used) is what is free, not the host's 4 GiB."""
    proc, cgroups = _fake_system(tmp_path, str(2048 * MIB))
    assert available_memory(proc, cgroups) == 1536 * MIB
    proc, cgroups = _fake_system(tmp_path / "nolimit", "max")
    assert available_memory(proc, cgroups) == 4096 * MIB
    proc, cgroups = _fake_system(tmp_path / "nofile", None)
    assert available_memory(proc, cgroups) == 4096 * MIB
    (proc / "meminfo").write_text("MemTotal: 1 kB\n")
    with pytest.raises(ConfigError, match="--max-kernels"):
        available_memory(proc, cgroups)


def test_cap_is_80_percent_minus_the_server_over_the_kernel_cost_with_a_floor() -> None:
    """4 GiB free holds (3276 - 100) // 60 = 52 kernels; a tiny machine still gets the floor."""
    cap = cap_for_memory(4096 * MIB)
    assert cap.kernels == (3276 - 100) // KERNEL_MIB == 52
    assert cap.available_mib == 4096
    assert cap.describe() == (
        "careerkit: at most 52 kernels (4096 MiB available; 80% of it less 100 MiB for the "
        "server, at 60 MiB per kernel, at least 8); change with --max-kernels"
    )
    assert cap_for_memory(200 * MIB).kernels == MIN_KERNELS
    assert cap_for_memory(0).kernels == MIN_KERNELS


def test_timeouts_and_retry_come_from_settings() -> None:
    """Defaults 120 s and 300 s; settings shorten them; nonsense is refused with the name."""
    assert cull_timeouts({}) == (120.0, 300.0)
    env = {"CAREERKIT_CULL_UNCONNECTED_SECONDS": "3", "CAREERKIT_CULL_DISCONNECTED_SECONDS": "4.5"}
    assert cull_timeouts(env) == (3.0, 4.5)
    with pytest.raises(ConfigError, match="CAREERKIT_CULL_UNCONNECTED_SECONDS"):
        cull_timeouts({"CAREERKIT_CULL_UNCONNECTED_SECONDS": "soon"})
    with pytest.raises(ConfigError, match="above 0"):
        cull_timeouts({"CAREERKIT_CULL_DISCONNECTED_SECONDS": "0"})
    rng = random.Random(7)
    seen = {retry_seconds({}, rng) for _ in range(200)}
    assert min(seen) >= 20 and max(seen) <= 30 and len(seen) > 5  # jittered
    assert retry_seconds({"CAREERKIT_ROOM_FULL_RETRY_SECONDS": "2"}) == 2


def test_a_page_that_never_connects_goes_after_the_unconnected_timeout() -> None:
    """Counted from when its page was sent, never while it is still being sent."""
    book = PageKernels(unconnected=120, disconnected=300)
    book.loading("k", now=0)
    assert book.to_cull({"k"}, set(), now=500) == []  # still being sent: kept
    book.sent("k", now=500)
    assert book.to_cull({"k"}, set(), now=619) == []
    assert book.to_cull({"k"}, set(), now=620) == ["k"]
    book.sent("k", now=1000)  # looked at every 10 s: one due before the next look goes now
    assert book.to_cull({"k"}, set(), now=1110, ahead=10) == ["k"]
    assert book.to_cull({"k"}, set(), now=1109.5, ahead=0) == []


def test_a_connected_page_is_never_culled_and_a_left_one_goes_after_its_timeout() -> None:
    """Connected for hours: kept. Both tabs closed: culled 300 s after the last one left."""
    book = PageKernels(unconnected=120, disconnected=300)
    book.sent("k", now=0)
    book.connected("k", now=1)
    book.connected("k", now=2)  # a second tab (or a reconnect before the close was seen)
    assert book.to_cull({"k"}, set(), now=100_000) == []
    book.disconnected_at("k", now=100_000)
    assert book.to_cull({"k"}, set(), now=100_400) == []  # one tab still open
    book.disconnected_at("k", now=100_500)
    assert book.to_cull({"k"}, set(), now=100_799) == []
    assert book.to_cull({"k"}, set(), now=100_800) == ["k"]


def test_pooled_kernels_stay_and_unknown_kernels_count_from_first_seen() -> None:
    """A preheated kernel is no page; a kernel no page told of is timed from when first seen."""
    book = PageKernels(unconnected=10, disconnected=10)
    assert book.to_cull({"pool", "odd"}, {"pool"}, now=0) == []
    assert book.to_cull({"pool", "odd"}, {"pool"}, now=10_000) == ["odd"]
    assert "pool" not in book.pages
    book.sent("gone", now=0)
    assert book.to_cull(set(), set(), now=50) == [] and "gone" not in book.pages  # forgotten


def test_room_full_page_is_small_accessible_and_self_contained() -> None:
    """lang, title, viewport, a main and a heading, a refresh after the seconds; nothing remote."""
    html = room_full_page(23)
    for part in ('<html lang="en">', "<title>", 'name="viewport"', "<main", "<h1>"):
        assert part in html
    assert '<noscript><meta http-equiv="refresh" content="23"></noscript>' in html
    assert "23 * 1000" in html and "Stop trying by itself" in html  # the participant can stop it
    assert "every 23 seconds" in html and "room is full" in html.lower()
    assert "http" not in html.replace('http-equiv="refresh"', "")  # no remote asset
    assert "<script src" not in html and "<link" not in html and html.count("<script>") == 1


def test_preheat_plan_takes_the_room_within_the_cap() -> None:
    """The survey gets the expected room, bounded by what the other apps' pools leave of the cap."""
    apps = [EXPECTED_APP, "development_plan.ipynb", "creative_crossings.ipynb"]
    assert preheat_plan(apps, 2, 30).pools == dict.fromkeys(apps, 2)
    plan = preheat_plan(apps, 2, 30, 20)
    assert plan.pools[EXPECTED_APP] == 20 and plan.total == 24 and plan.standing == 2
    assert (
        "20 kernels preheated for interest_survey.ipynb, 4 for the other apps, 24 in all, about 1440 MiB"
        in plan.describe()
    )
    bounded = preheat_plan(apps, 2, 10, 20)
    assert bounded.pools[EXPECTED_APP] == 6 and bounded.total == 10
    assert "the kernel cap leaves room for 6" in bounded.describe()
    assert preheat_plan(apps, 2, 30, 1).pools[EXPECTED_APP] == 2  # never fewer than the pool
    with pytest.raises(ConfigError, match="--expect must be at least 1"):
        preheat_plan(apps, 2, 30, 0)
    waiting = room_full_page(5, preparing=True)
    assert "The forms are being prepared" in waiting and "every 5 seconds" in waiting
    assert "room is full" not in waiting.lower()
