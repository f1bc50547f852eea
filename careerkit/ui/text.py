"""Text on screen: every string goes through `html.escape`, so typed text never becomes markup."""

from __future__ import annotations

import base64
import html
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from careerkit.errors import CareerkitError

from .fixed import html_style, plain_layout

_STYLES = {
    "title": "font-size:1.5em;font-weight:600;margin:0.3em 0",
    "heading": "font-size:1.15em;font-weight:600;margin:0.6em 0 0.2em",
    "prompt": "font-size:1.15em;font-weight:600;margin:0.6em 0 0.2em",
    "body": "margin:0.2em 0;line-height:1.4",
    "hint": "color:#555;font-size:0.9em;margin:0.1em 0",
    "error": "color:#b00020;font-weight:600;margin:0.1em 0",
    "ok": "color:#1b6e20;font-weight:600;margin:0.1em 0",
}


def escaped(text: str) -> str:
    """Text made safe for an HTML widget, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def para(text: str, style: str = "body") -> widgets.HTML:
    """A paragraph of plain text (escaped) in one of the named styles."""
    return widgets.HTML(value=markup(text, style))


def fixed_para(text: str, style: str = "body") -> widgets.HTML:
    """A paragraph that never hides or moves: it shares the fixed layout and style (fixed.py)."""
    return widgets.HTML(value=markup(text, style), layout=plain_layout(), style=html_style())


#: Page title and section headings are headings for assistive technology too (levels 1 and 2).
_ROLES = {
    "title": ' role="heading" aria-level="1"',
    "heading": ' role="heading" aria-level="2"',
}


def markup(text: str, style: str) -> str:
    """The HTML of a paragraph of plain text (escaped) in one of the named styles."""
    role = _ROLES.get(style, "")
    return f'<div class="careerkit-{style}"{role} style="{_STYLES[style]}">{escaped(text)}</div>'


def image_html(png: bytes, alt: str) -> str:
    """A PNG as an <img> with its text alternative (an Image widget cannot carry one)."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{data}" '
        'style="max-width:100%;height:auto">'
    )


def bullet_list(items: list[str]) -> widgets.HTML:
    """A bulleted list of plain-text items."""
    lis = "".join(f"<li>{escaped(i)}</li>" for i in items)
    return widgets.HTML(value=f'<ul style="margin:0.2em 0 0.2em 1.2em;line-height:1.5">{lis}</ul>')


def download_link(label: str, name: str, mime: str, data: bytes) -> str:
    """A link that saves `data` as file `name` from the page itself (works under Voilà)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a class='careerkit-download' download='{html.escape(name, quote=True)}' "
        f"href='data:{html.escape(mime, quote=True)};base64,{encoded}' "
        f"style='margin-right:1.2em'>{html.escape(label)}</a>"
    )


class StatusLine(widgets.HTML):  # type: ignore[misc]  # ipywidgets ships no type hints
    """One line that tells the user what just happened: saved, not saved, what to fix."""

    def __init__(self) -> None:
        super().__init__(value="")
        self.add_class("careerkit-live")  # announced when it changes (careerkit-a11y.js)
        self.kind = ""
        self.text = ""

    def show(self, text: str, kind: str = "body") -> None:
        self.kind, self.text = kind, text
        self.value = markup(text, kind) if text else ""

    def clear(self) -> None:
        self.show("")

    def guard(
        self, where: str, on_bug: str, action: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Run a UI action: a CareerkitError shows its message; a bug is logged and `on_bug` shown.

        Voilà hides tracebacks, so an uncaught error in a click handler would fail silently.
        """
        try:
            return action(*args, **kwargs)
        except CareerkitError as exc:
            self.show(str(exc), "error")
        except Exception:
            logging.getLogger("careerkit").exception("careerkit: unexpected error in the %s", where)
            self.show(on_bug, "error")
        return None
