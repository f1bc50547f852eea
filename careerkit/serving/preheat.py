"""`careerkit serve --expect N`: the room's kernels are up before the server says it is ready.

Voilà starts each app's pool when its kernel manager is made. With an expected room, the
survey's pool starts at the room's size (kernels.preheat_plan) and is then set back to the
standing pool size, so kernels the room takes are not replaced one for one during the burst.
A preheated kernel is up once it has run its workbook as far as the link (it then waits on
`/voila/query/<id>` for its page) or to the end. Until every preheated kernel is up, pages
get the "being prepared" answer (503, Retry-After) and Voilà's "running at" line is held back:
it is logged, with careerkit's ready line, once they are.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from voila.request_info_handler import RequestInfoSocketHandler

from .kernels import EXPECTED_APP

#: How long the start waits for the preheated kernels before it says it is ready anyway.
READY_TIMEOUT_SECONDS = 900.0
_READY_WORDS = "is running at"


def expect_pool(pools_config: dict[str, Any], expect: int) -> dict[str, Any]:
    """Voilà's `kernel_pools_config` with EXPECTED_APP's pool at `expect` kernels."""
    out = dict(pools_config)
    default = dict(out.get("default", {}))
    out[EXPECTED_APP] = {**default, **dict(out.get(EXPECTED_APP, {})), "pool_size": expect}
    return out


def standing_pool(pools_config: dict[str, Any]) -> dict[str, Any]:
    """`kernel_pools_config` back to the default pool for EXPECTED_APP (its refill target)."""
    return {k: v for k, v in pools_config.items() if k != EXPECTED_APP}


def kernel_up(item: asyncio.Task[Any]) -> bool | None:
    """True when a pool entry's kernel waits for its page (or ran to the end); None: not yet.

    False when it failed (the room was full, the kernel died): it is not waited for.
    """
    if not item.done():
        return None
    if item.cancelled() or item.exception() is not None:
        return False
    content = item.result()
    # Voilà keeps the kernels whose workbook waits on /voila/query for its page in this map.
    if content["kernel_id"] in RequestInfoSocketHandler._waiters:
        return True
    render: asyncio.Task[Any] = content["task"]
    return True if render.done() else None


class HeldBack(logging.Filter):
    """Keeps Voilà's "running at" line back until `release()`, then logs it as it was."""

    def __init__(self, log: logging.Logger) -> None:
        super().__init__()
        self.log = log
        self.held: list[logging.LogRecord] = []
        self.open = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.open or _READY_WORDS not in record.getMessage():
            return True
        self.held.append(record)
        return False

    def release(self) -> None:
        self.open = True
        for record in self.held:
            self.log.handle(record)


async def announce_when_up(
    tasks: list[asyncio.Task[Any]],
    log: logging.Logger,
    ready: Callable[[], None],
    timeout: float = READY_TIMEOUT_SECONDS,
) -> None:
    """Wait until every preheated kernel in `tasks` is up (or failed), log it, call `ready()`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        states = [kernel_up(t) for t in tasks]
        if None not in states:
            break
        await asyncio.sleep(0.25)
    states = [kernel_up(t) for t in tasks]
    up = sum(1 for s in states if s)
    log.info(
        "careerkit: ready: %d of %d preheated kernels up (their forms built) after %.0f s",
        up,
        len(tasks),
        time.monotonic() - started,
    )
    ready()
