"""`careerkit serve --expect N`: the room's kernels are up before the server says it is ready.

One real server with `--expect 4` and a cap of 7 (one preheated kernel for each other app):
watched from its first second, then given more survey pages than it preheated.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

CAP = 7
RUNNING = "Voilà is running at"


def _status(server: VoilaServer, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(server.url(path), timeout=120) as resp:  # noqa: S310  (our own server)
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()
    except OSError:
        return 0, b""  # not listening yet


def test_expect_4_is_up_before_ready_and_never_past_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before "running at", pages are told to wait and 4 + 2 kernels come up; then the room takes
    the preheated ones without a kernel started for each, and the kernels never pass the cap."""
    import voila_server

    seen: list[tuple[bool, int, int]] = []  # (said it is running, kernels, survey page status)
    peak = {"kernels": 0}
    original = voila_server._wait_until_up

    def watch_then_wait(server: VoilaServer, page: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and server.process.poll() is None:
            running = RUNNING in server.log()
            kernels = len(server.kernels())
            status, body = (0, b"") if running else _status(server, voila_server.SURVEY_PAGE)
            if status == 503:
                assert b"The forms are being prepared" in body, body[:300]
            seen.append((running, kernels, status))
            if running:
                break
            time.sleep(0.2)
        original(server, page, timeout)

    monkeypatch.setattr(voila_server, "_wait_until_up", watch_then_wait)
    with voila_server.start_server(
        tmp_path / "data", pool_size=1, args=["--expect", "4", "--max-kernels", str(CAP)]
    ) as server:
        log = server.log()
        assert (
            "careerkit: --expect 4: 4 kernels preheated for interest_survey.ipynb, 2 for the other apps, 6 in all, about 360 MiB"
            in log
        )
        assert 503 in [s for _r, _k, s in seen], "no page was told to wait while kernels started"
        first_running = next(k for r, k, _s in seen if r)
        assert first_running >= 6, f"only {first_running} kernels when the server said it was ready"
        assert log.index("careerkit: ready: 6 of 6 preheated kernels up") < log.index(RUNNING)

        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak["kernels"] = max(peak["kernels"], len(server.kernels()))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            statuses = [_status(server, voila_server.SURVEY_PAGE)[0] for _ in range(5)]
        finally:
            stop.set()
            sampler.join()
        log = server.log()
        used = log.count("Using pre-heated kernel")
        assert used >= 4, f"the room took {used} preheated kernels"
        assert statuses.count(200) >= 3, statuses
        assert set(statuses) <= {200, 503}, statuses
        if 503 in statuses:  # the pool's refill may take the last places: only a full room waits
            assert peak["kernels"] == CAP, (statuses, peak)
        assert peak["kernels"] <= CAP and len(server.kernels()) <= CAP, peak
