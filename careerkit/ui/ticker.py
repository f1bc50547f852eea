"""A live screen's heartbeat: call a step every few seconds on the kernel's own event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


def every(seconds: float, step: Callable[[], None]) -> asyncio.Task[None]:
    """Call `step` every `seconds`, between the kernel's messages, until the task is cancelled.

    In a kernel the loop is running; started outside one (a test), the task runs once the loop
    does.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.get_event_loop()
    return loop.create_task(_repeat(seconds, step))


async def _repeat(seconds: float, step: Callable[[], None]) -> None:
    while True:
        await asyncio.sleep(seconds)
        step()
