"""The projector view: the dashboard's privacy-checked results for the wall, one section at a time.

Big type, one chart or one page of comments filling a 1920x1080 or 1280x720 screen, Previous /
Next (buttons, and the arrow keys through the template's careerkit-projector.js), optional
auto-advance, and while a workshop still takes answers its live count, join code and QR code in
a corner. It reads the same Snapshot as the dashboard and has no control that changes data;
comments the facilitator hid never reach this page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from careerkit.config import public_url
from careerkit.languages import _, ngettext
from careerkit.model import Survey
from careerkit.privacy import DEFAULT_COMMENT_THRESHOLD, DEFAULT_THRESHOLD
from careerkit.ui.qr import qr_png
from careerkit.ui.text import StatusLine, escaped, image_html
from careerkit.ui.ticker import every
from careerkit.workshop_links import participant_links

from ..releases import stored_threshold
from ..slides import CHARACTERS_PER_PAGE, Section, chart_sections, comment_sections
from ..snapshot import Snapshot, snapshot

if TYPE_CHECKING:
    from careerkit.store import Store

AUTO_SECONDS = 15

_STYLE = """<style>
.careerkit-projector{position:fixed!important;inset:0;z-index:2000;background:#fff;color:#111;
 box-sizing:border-box;padding:2vh 3vw;overflow:hidden;font-size:2.6vh;line-height:1.3}
body:has(.careerkit-projector){overflow:hidden}
.careerkit-projector .widget-html,.careerkit-projector .widget-html-content{font-size:inherit;
 line-height:inherit;height:auto}
.careerkit-projector-title{font-size:5.2vh;font-weight:700;margin:0;line-height:1.15}
.careerkit-projector-main{flex:1 1 0;min-height:0;gap:2vw}
.careerkit-projector-body{flex:1 1 0;min-width:0;min-height:0;align-items:center;
 justify-content:center}
.careerkit-projector-body img{max-width:100%;max-height:66vh;object-fit:contain}
.careerkit-projector-comments{font-size:var(--ck-comment-size,3.6vh);margin:0;padding-left:1.2em}
.careerkit-projector-comments li{margin:0 0 1.2vh}
.careerkit-projector-corner{flex:0 0 auto;width:19vw;align-items:center;text-align:center}
.careerkit-projector-corner .careerkit-projector-note{overflow-wrap:anywhere;font-size:1.5vh}
.careerkit-projector-corner img{width:17vh;height:17vh}
.careerkit-projector-count{font-size:3.4vh;font-weight:700}
.careerkit-projector-join{font-size:2.8vh}
.careerkit-projector-foot{flex:0 0 auto;align-items:center;gap:1.5vw}
.careerkit-projector-foot button{font-size:2.4vh;height:5.5vh;padding:0 1.4vw;width:auto;
 min-width:max-content;flex:0 0 auto}
.careerkit-projector-position{font-size:2.6vh;white-space:nowrap}
.careerkit-projector-foot .widget-checkbox{width:auto;flex:0 0 auto}
.careerkit-projector-foot .widget-checkbox label{font-size:2.2vh;white-space:nowrap}
.careerkit-projector-foot input[type=checkbox]{width:2.4vh;height:2.4vh}
.careerkit-projector-note{font-size:1.9vh;color:#444;margin:0}
</style>"""


class Projector(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Results for the wall: one section at a time, live, with nothing that changes data."""

    def __init__(
        self,
        survey: Survey,
        *,
        store: Store,
        workshops: list[str],
        threshold: int = DEFAULT_THRESHOLD,
        comment_threshold: int = DEFAULT_COMMENT_THRESHOLD,
    ) -> None:
        super().__init__()
        self.survey, self.store, self.workshops = survey, store, workshops
        self._threshold, self._comment_threshold = threshold, comment_threshold
        self.sections: list[Section] = []
        self.index = 0
        self.last: Snapshot | None = None
        self._signature: tuple[Any, ...] | None = None
        self._charts: list[Section] = []
        self._since_advance = 0.0
        self._task: asyncio.Task[None] | None = None
        self.title = widgets.HTML()
        self.body = widgets.Box(layout=widgets.Layout(display="flex"))
        self.body.add_class("careerkit-projector-body")
        self.count = widgets.HTML()
        self.count.add_class("careerkit-live-count")
        self.join = widgets.HTML()
        self.qr = widgets.Image(format="png")
        self.qr.add_class("careerkit-projector-qr")
        self.link = widgets.HTML()
        self._link = ""
        self.corner = widgets.VBox([self.count, self.join, self.qr, self.link])
        self.corner.add_class("careerkit-projector-corner")
        self.prev = widgets.Button(description=_("Previous"), icon="arrow-left")
        self.prev.add_class("careerkit-projector-prev")
        self.next = widgets.Button(description=_("Next"), icon="arrow-right")
        self.next.add_class("careerkit-projector-next")
        self.position = widgets.HTML()
        self.auto = widgets.Checkbox(
            value=False,
            description=_("Next every {seconds} s").format(seconds=AUTO_SECONDS),
            indent=False,
        )
        self.auto.add_class("careerkit-projector-auto")
        self.note = widgets.HTML()
        self.status = StatusLine()
        self.prev.on_click(lambda _b: self._guard(self.move, -1))
        self.next.on_click(lambda _b: self._guard(self.move, 1))
        main = widgets.HBox([self.body, self.corner])
        main.add_class("careerkit-projector-main")
        foot = widgets.HBox([self.prev, self.position, self.next, self.auto, self.note])
        foot.add_class("careerkit-projector-foot")
        self.children = [widgets.HTML(_STYLE), self.title, main, foot, self.status]
        self.add_class("careerkit-projector")
        self.refresh()

    @property
    def current(self) -> Section | None:
        return self.sections[self.index] if self.sections else None

    def move(self, step: int) -> None:
        """Show the next (1) or previous (-1) section; the ends wrap around."""
        if self.sections:
            self.index = (self.index + step) % len(self.sections)
            self._since_advance = 0.0
            self._show()

    def refresh(self) -> Snapshot | None:
        """Read the store once; rebuild the sections when what they show changed."""
        if not self.workshops:
            self.title.value = (
                "<p class='careerkit-projector-title'>" + escaped(_("No workshop chosen")) + "</p>"
            )
            return None
        # The threshold stored for the workshops (the dashboard's), as participants see it.
        k = stored_threshold(self.store, self.workshops, self._threshold)
        snap = snapshot(self.store, self.survey, self.workshops, k, max(k, self._comment_threshold))
        self.last = snap
        self._corner(snap)
        figures = (snap.workshops, tuple(sorted(snap.cohort.upto.items())))
        signature = (figures, snap.hidden)
        if signature != self._signature:
            if self._signature is None or figures != self._signature[0]:
                self._charts = chart_sections(snap)
            self._signature = signature
            key = self.current.key if self.current else None
            self.sections = self._charts + comment_sections(snap)
            keys = [s.key for s in self.sections]
            self.index = keys.index(key) if key in keys else min(self.index, len(keys) - 1)
            self._show()
        return snap

    def _corner(self, snap: Snapshot) -> None:
        people = ngettext("{n} response", "{n} responses", snap.responses).format(n=snap.responses)
        lag = snap.release and f"<p class='careerkit-projector-note'>{escaped(snap.release)}</p>"
        self.count.value = f"<div class='careerkit-projector-count'>{escaped(people)}</div>{lag}"
        found = {w: self.store.get_workshop(w) for w in snap.workshops}
        taking = [w for w, ws in found.items() if ws is None or not ws.closed]
        if not taking:
            self.corner.layout.display = "none"
            return
        self.corner.layout.display = "flex"
        link = participant_links(public_url(), taking[0])["Interest survey"]
        codes = ", ".join(taking)
        join = escaped(_("Join with code {code}")).replace("{code}", f"<b>{escaped(codes)}</b>")
        self.join.value = f"<div class='careerkit-projector-join'>{join}</div>"
        if link != self._link:
            self._link = link
            self.qr.value = qr_png(link, box_size=10)
            self.link.value = f"<p class='careerkit-projector-note'>{escaped(link)}</p>"

    def _show(self) -> None:
        s = self.current
        if s is None:
            return
        self.title.value = f"<p class='careerkit-projector-title'>{escaped(s.title)}</p>"
        if s.png is not None:
            img = widgets.HTML(image_html(s.png, s.alt))  # an Image widget takes no alt text
            img.add_class("careerkit-projector-chart")
            self.body.children = [img]
        else:
            chars = sum(len(t) for t in s.texts)
            size = (
                3.6 if chars <= CHARACTERS_PER_PAGE else max(1.8, 3.6 * CHARACTERS_PER_PAGE / chars)
            )
            items = "".join(f"<li>{escaped(t)}</li>" for t in s.texts)
            self.body.children = [
                widgets.HTML(
                    f"<ul class='careerkit-projector-comments' style='--ck-comment-size:{size:.2f}vh'>"
                    f"{items}</ul>"
                )
            ]
        where = _("{number} of {count}").format(number=self.index + 1, count=len(self.sections))
        self.position.value = f"<span class='careerkit-projector-position'>{escaped(where)}</span>"
        self.note.value = f"<p class='careerkit-projector-note'>{escaped(s.note)}</p>"

    def start_live(self, seconds: float = 3.0) -> None:
        """Refresh every `seconds`, and advance every AUTO_SECONDS when auto-advance is on."""
        self._task = every(seconds, lambda: self._tick(seconds))

    def _tick(self, seconds: float) -> None:
        self._guard(self.refresh)
        self._since_advance += seconds
        if self.auto.value and self._since_advance >= AUTO_SECONDS:
            self._guard(self.move, 1)

    def _guard(self, action: Callable[..., Any], *args: Any) -> None:
        self.status.guard(
            "projector",
            _("Something went wrong while refreshing; it will try again."),
            action,
            *args,
        )
