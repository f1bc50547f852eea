"""When drafts and receipts expire, and how often a store deletes the expired rows.

Expired rows are never given back or counted, whatever is still in the tables; deleting them
is tidying, done now and then by the store that writes a draft, not by a background thread.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from ..config import draft_hours

#: A store deletes expired drafts and receipts at most this often (seconds).
PURGE_EVERY = 60.0


def cutoff(now: datetime | None = None) -> datetime:
    """The oldest instant (UTC) a live draft or receipt may have: now less the draft hours."""
    return (now or datetime.now(UTC)).astimezone(UTC) - timedelta(hours=draft_hours())


class PurgeClock:
    """Says when a store's next purge is due: the first time, then once every PURGE_EVERY."""

    def __init__(self, every: float = PURGE_EVERY) -> None:
        self._every = every
        self._next = 0.0
        self._lock = threading.Lock()

    def due(self) -> bool:
        """True at most once per period (and on the first call); the caller then purges."""
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                return False
            self._next = now + self._every
            return True
