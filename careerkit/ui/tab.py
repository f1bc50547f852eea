"""Hidden bridges between a page's browser tab and its kernel (see static/careerkit-tab.js).

`TabKey` receives the tab's draft key: the careerkit Voilà template keeps a random key per tab
in `sessionStorage` and types it into this hidden field, as `new:KEY` on a fresh visit or
`restore:KEY` when the page was reloaded, and `flush:KEY` when the page is about to go.
`Address` goes the other way: the kernel names a link parameter (`plan=CODE`) and the template
writes it into the page's address with `history.replaceState`, so a reload reopens the same
document. Neither is ever visible, focusable or read out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any, Literal

import ipywidgets as widgets

#: A draft key is 32 hex digits (128 random bits) made by the tab; anything else is ignored.
KEY_PATTERN = re.compile(r"[0-9a-f]{32}")

Intent = Literal["new", "restore", "flush"]


@dataclass(frozen=True)
class TabMessage:
    """What the tab said: its key, and whether it is a fresh visit, a reload or a page leaving."""

    intent: Intent
    key: str


def parse(value: str) -> TabMessage | None:
    """`restore:KEY` -> TabMessage; None for anything malformed (a forged value stores nothing).

    A third part (`flush:KEY:3`) is a counter the tab adds so each flush is a new value.
    """
    intent, _, rest = value.strip().partition(":")
    key = rest.split(":", 1)[0]
    if intent not in ("new", "restore", "flush") or not KEY_PATTERN.fullmatch(key):
        return None
    return TabMessage(intent, key)  # type: ignore[arg-type]  # checked against Intent above


def _hidden() -> widgets.Layout:
    return widgets.Layout(display="none")


class TabKey(widgets.Text):  # type: ignore[misc]  # ipywidgets ships no type hints
    """The hidden field the template fills with the tab's key; calls back with each message."""

    def __init__(self) -> None:
        super().__init__(value="", layout=_hidden(), continuous_update=True)
        self.add_class("careerkit-tab-key")
        self._callbacks: list[Callable[[TabMessage], None]] = []
        self.observe(self._changed, names="value")

    def on_message(self, callback: Callable[[TabMessage], None]) -> None:
        self._callbacks.append(callback)

    def _changed(self, change: dict[str, Any]) -> None:
        message = parse(str(change["new"]))
        if message is None:
            return
        for callback in self._callbacks:
            callback(message)


class Address(widgets.HTML):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Asks the template to set one parameter of the page's address (and keep the others)."""

    def __init__(self) -> None:
        super().__init__(value="", layout=_hidden())
        self.add_class("careerkit-address")

    def set_param(self, name: str, value: str, *, reload: bool = False) -> None:
        """Set `?name=value`; with `reload`, the page then reloads (a screen built anew)."""
        self.value = (
            f'<span data-param="{escape(name, quote=True)}" '
            f'data-value="{escape(value, quote=True)}"{" data-reload" if reload else ""}></span>'
        )
