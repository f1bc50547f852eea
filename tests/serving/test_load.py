"""A small room at once: bench/workshop_load.py's participants against a real `careerkit serve`."""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from workshop_load import run_wave  # noqa: E402  (the bench's own participants)

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

PARTICIPANTS = 8


@pytest.mark.usefixtures("browser_ready")
def test_participants_submitting_at_once_are_all_stored(tmp_path: Path) -> None:
    """Eight pages answering and submitting the survey at once store eight exact rows, no errors."""
    from voila_server import start_server

    # Its own thread and event loop: Playwright's sync API may already run in this one.
    with start_server(tmp_path / "data", pool_size=1) as server, ThreadPoolExecutor(1) as pool:
        load = run_wave(server, "survey", PARTICIPANTS, "LOADTEST", 120.0)
        wave = pool.submit(asyncio.run, load).result()
    assert wave.errors == [], "\n".join(wave.errors)
    assert wave.stored == PARTICIPANTS
    assert all(o.usable_ms is not None and o.saved_ms is not None for o in wave.outcomes)
    assert wave.peak["kernels"] >= PARTICIPANTS  # one kernel per page was really running
