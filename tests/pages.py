"""What browser tests share besides their fixtures (those are in voila_server.py)."""

from __future__ import annotations

from typing import Any


def expect(locator: Any) -> Any:
    """Playwright's `expect`, imported when a browser test first needs it."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)
