"""Try a failed save again by itself, after growing pauses, on the kernel's own event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from careerkit.languages import ngettext

#: `schedule(delay, callback)` runs `callback` after `delay` seconds and returns a function that
#: cancels it, or returns None when nothing can run callbacks later (plain Python, no kernel).
Schedule = Callable[[float, Callable[[], None]], Callable[[], None] | None]

#: Pauses before the automatic attempts, in seconds; the last one repeats.
DELAYS: tuple[float, ...] = (2.0, 4.0, 8.0, 15.0, 30.0)

#: After this many automatic attempts (about a quarter of an hour) only a click tries again, so a
#: page left open on a broken database does not keep its kernel busy for ever.
LIMIT = 32


def on_event_loop(delay: float, callback: Callable[[], None]) -> Callable[[], None] | None:
    """Run `callback` later on the running asyncio loop: the kernel's, where widgets live.

    In an ipykernel every cell and every widget event runs inside that loop, so a callback
    scheduled here runs between messages, on the same thread, and its widget changes reach
    the page like any click's. Outside a running loop there is nothing to run it: None.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop.call_later(delay, callback).cancel


class Retry:
    """Calls `attempt` again after growing pauses until `reset()` (saved) or the limit.

    The caller reports each failure with `schedule()`, which says how many seconds until the
    next attempt (or None: no automatic attempt), and each success with `reset()`.
    """

    def __init__(
        self,
        attempt: Callable[[], None],
        *,
        schedule: Schedule = on_event_loop,
        delays: Sequence[float] = DELAYS,
        limit: int = LIMIT,
    ) -> None:
        self._attempt, self._schedule = attempt, schedule
        self.delays, self.limit = tuple(delays), limit
        self.attempts = 0
        self._cancel: Callable[[], None] | None = None

    @property
    def waiting(self) -> bool:
        """True while an automatic attempt is scheduled."""
        return self._cancel is not None

    def schedule(self) -> float | None:
        """Plan the next automatic attempt; the pause in seconds, or None if there is none."""
        self.cancel()
        if self.attempts >= self.limit:
            return None
        delay = self.delays[min(self.attempts, len(self.delays) - 1)]
        cancel = self._schedule(delay, self._fire)
        if cancel is None:
            return None
        self.attempts += 1
        self._cancel = cancel
        return delay

    def reset(self) -> None:
        """Saved: no more automatic attempts, and the next failure starts with a short pause."""
        self.cancel()
        self.attempts = 0

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel()
            self._cancel = None

    def _fire(self) -> None:
        self._cancel = None
        self._attempt()


def seconds(delay: float) -> str:
    """`4 seconds`, `1 second`: a pause as people say it."""
    n = round(delay)
    return ngettext("{n} second", "{n} seconds", n).format(n=n)
