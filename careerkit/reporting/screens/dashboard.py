"""The facilitator's dashboard: pick workshops, watch answers arrive, see the room's picture."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import ipywidgets as widgets

from careerkit.languages import _, ngettext
from careerkit.model import Survey, WorkshopActivity
from careerkit.privacy import DEFAULT_COMMENT_THRESHOLD
from careerkit.ui.text import StatusLine, escaped, markup, para
from careerkit.ui.ticker import every

from ..comments import Comment
from ..moderation import set_hidden
from ..releases import agree_threshold, chosen_words
from ..snapshot import Snapshot, snapshot
from .comments import CommentList
from .panels import chart_images, notes_html, tables_html
from .quality import QualityTab, with_quality_tab
from .surveys import SurveyChoice
from .tools import Downloads, NewWorkshop

if TYPE_CHECKING:
    from careerkit.store import Store


def workshop_label(a: WorkshopActivity) -> str:
    """`TEAM1 · 12 responses`, with "(never created)" for a code only ever used in links."""
    n = a.responses
    parts = [a.code, ngettext("{count} response", "{count} responses", n).format(count=n)]
    if a.name is None:
        parts.append(_("never created"))
    elif a.closed_at is not None:
        parts.append(_("closed"))
    return " · ".join(parts)


def projector_link(snap: Snapshot) -> str:
    """A link that opens the projector view of these workshops in a new tab, without the token.

    The address is relative (`?view=projector&...`): the login cookie carries the tab in.
    """
    query = urlencode(
        {
            "view": "projector",
            "workshop": ",".join(snap.workshops),
            "threshold": snap.threshold,
            "comments": snap.comment_threshold,
        }
    )
    text = html.escape(_("Open the projector view (new tab)"))
    return (
        f"<a class='careerkit-open-projector' href='?{html.escape(query, quote=True)}' "
        "target='_blank' rel='noopener noreferrer' style='display:inline-block;padding:0.35em "
        "0.9em;border:1px solid #666;border-radius:4px;text-decoration:none;color:#111;"
        f"margin:0.3em 0'>{text}</a>"
    )


class Dashboard(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Live counts and privacy-checked charts for the chosen workshops."""

    def __init__(
        self,
        survey: Survey,
        *,
        store: Store,
        workshops: list[str] | None = None,
        threshold: int = 5,
        comment_threshold: int = DEFAULT_COMMENT_THRESHOLD,
    ) -> None:
        super().__init__()
        self.survey, self.store = survey, store
        activity = store.workshop_activity()  # most recently active first
        self._labels = {a.code: workshop_label(a) for a in activity}
        chosen = [w for w in (workshops or []) if w]
        if not chosen and activity:
            chosen = [activity[0].code]  # no codes in the link: the workshop active last
        self.picker = widgets.SelectMultiple(
            options=self._options(chosen),
            value=tuple(chosen),
            description=_("Workshops"),
            rows=min(6, max(2, len(self._labels) + len(chosen))),
        )
        self.picker.add_class("careerkit-workshop-picker")
        self.extra = widgets.Text(
            placeholder=_("or type a code, then Enter"), continuous_update=False
        )
        self.threshold = widgets.BoundedIntText(
            value=max(3, threshold),
            min=3,
            max=50,
            description=_("Min. group"),
            tooltip=_(
                "Fewest people behind any number shown, here and in the participants' picture "
                "of their workshop"
            ),
        )
        self.comment_threshold = widgets.BoundedIntText(
            value=max(self.threshold.value, comment_threshold),
            min=self.threshold.value,
            max=100,
            description=_("Min. writers"),
            tooltip=_("Fewest people who wrote into a question before its comments are listed"),
        )
        self.threshold.observe(self._raise_comment_floor, names="value")
        self._default_threshold = self.threshold.value  # for workshops with none stored
        self._settling = False  # True while the dashboard itself sets a control
        self.refresh_button = widgets.Button(description=_("Refresh"), icon="refresh")
        self.live = widgets.Checkbox(
            value=True, description=_("Update every few seconds"), indent=False
        )
        self.count = para("", "title")
        self.count.add_class("careerkit-live-count")
        self.release = widgets.HTML()
        self.release.add_class("careerkit-release-note")
        self.status = StatusLine()
        self.projector_link = widgets.HTML()
        self.charts = widgets.VBox()
        self.tables = widgets.HTML()
        self.notes = widgets.HTML()
        self.comment_box = CommentList(lambda q, e, hide: self._guard(self._toggle, q, e, hide))
        self.last: Snapshot | None = None
        self.downloads = Downloads(survey, store, lambda: self.last)
        self.new_workshop = NewWorkshop(store, self._created)
        self.quality = QualityTab(survey, store)
        self.survey_choice = SurveyChoice(survey, store, lambda s: self._guard(self.show_survey, s))
        self._signature: tuple[Any, ...] | None = None
        self._comments_signature: tuple[Any, ...] | None = None
        self._task: asyncio.Task[None] | None = None
        for control in (self.picker, self.comment_threshold):
            control.observe(lambda _c: self._asked(self.refresh), names="value")
        self.threshold.observe(lambda _c: self._asked(self._threshold_chosen), names="value")
        self.extra.observe(lambda _c: self._guard(self._add_code), names="value")
        self.refresh_button.on_click(lambda _b: self._guard(self.refresh))
        self.children = [
            para(_("Facilitator dashboard"), "title"),
            widgets.HBox(
                [
                    self.picker,
                    widgets.VBox(
                        [
                            self.survey_choice,
                            self.extra,
                            self.threshold,
                            self.comment_threshold,
                            self.live,
                            self.refresh_button,
                        ]
                    ),
                ]
            ),
            self.status,
            self.count,
            self.projector_link,
            self.release,
            with_quality_tab(
                [self.notes, self.charts, self.tables, self.comment_box], self.quality
            ),
            self.downloads,
            self.new_workshop,
        ]
        self.add_class("careerkit-dashboard")
        self.refresh()

    @property
    def workshops(self) -> list[str]:
        return list(self.picker.value)

    def _options(self, extra: list[str]) -> list[tuple[str, str]]:
        """(label, code) pairs: the known codes with their counts, then codes typed or linked."""
        codes = list(self._labels) + sorted(c for c in set(extra) if c not in self._labels)
        return [(self._labels.get(c, c), c) for c in codes]

    def show_survey(self, survey: Survey) -> None:
        """Show `survey`'s answers; the workshops picked switch to its own if none uses it."""
        self.survey = self.downloads.survey = self.quality.survey = survey
        on = self.survey_choice.workshops_on(survey.id)
        self._signature = self._comments_signature = None
        if on and not set(self.workshops) & set(on):
            self.picker.value = (on[0],)  # redraws through the picker's observer
        else:
            self.refresh()

    def _created(self, code: str) -> None:
        self._labels.setdefault(code, code)
        self.picker.options = self._options(list(self.picker.value))
        self.picker.value = (code,)

    def _add_code(self) -> None:
        code = self.extra.value.strip()
        if code:
            chosen = [*self.picker.value, code]
            self.picker.options = self._options(chosen)
            self.picker.value = tuple(dict.fromkeys(chosen))
            self.extra.value = ""

    def refresh(self, *, chosen: int | None = None) -> Snapshot | None:
        """Read the store once and redraw what changed (charts only when the numbers did).

        `chosen`: a threshold the facilitator just set, stored for every workshop shown;
        otherwise the dashboard follows the thresholds stored (careerkit.reporting.releases).
        """
        if not self.workshops:
            self.count.value = markup(_("Pick a workshop to see its answers."), "title")
            return None
        agreed = agree_threshold(
            self.store, self.workshops, chosen=chosen, default=self._default_threshold
        )
        if agreed.threshold != self.threshold.value:
            self._settling = True
            try:
                self.threshold.value = agreed.threshold
            finally:
                self._settling = False
        if agreed.raised:
            self.status.show(agreed.words())
        elif chosen is not None:
            self.status.show(chosen_words(agreed))
        snap = snapshot(
            self.store,
            self.survey,
            self.workshops,
            self.threshold.value,
            self.comment_threshold.value,
        )
        self.last = snap
        self.projector_link.value = projector_link(snap)
        count = ngettext("{count} response so far", "{count} responses so far", snap.responses)
        self.count.value = markup(count.format(count=snap.responses), "title")
        self.release.value = (
            f"<p class='careerkit-privacy-note'>{escaped(snap.release)}</p>" if snap.release else ""
        )
        # Figures change only when a workshop's release moves a whole step (or plans and
        # brainstorms do): redraw then, not at every response.
        signature = (
            snap.workshops,
            snap.threshold,
            tuple(sorted(snap.cohort.upto.items())),
            snap.plans.counts.to_json(),
            snap.crossings,
        )
        if signature != self._signature:
            self._signature = signature
            self._draw(snap)
        # Hiding a comment (here or on another dashboard) redraws the comments alone.
        listed = (signature, snap.comment_threshold, snap.hidden)
        if listed != self._comments_signature:
            self._comments_signature = listed
            self.comment_box.show(snap.comments)
        return snap

    def _asked(self, action: Callable[[], Any]) -> None:
        """A control changed: act, unless the dashboard itself set it."""
        if not self._settling:
            self._guard(action)

    def _threshold_chosen(self) -> None:
        self.refresh(chosen=self.threshold.value)

    def _raise_comment_floor(self, change: dict[str, Any]) -> None:
        floor = int(change["new"])
        if self.comment_threshold.value < floor:
            self.comment_threshold.value = floor
        self.comment_threshold.min = floor

    def _toggle(self, question_id: str, entry: Comment, hide: bool) -> None:
        set_hidden(self.store, entry.workshop, entry.response_id, question_id, hide)
        self.refresh()
        self.status.show(_("Comment hidden from the room.") if hide else _("Comment shown again."))

    def _draw(self, snap: Snapshot) -> None:
        self.charts.children = chart_images(snap)
        self.notes.value = notes_html(snap)
        self.tables.value = tables_html(snap)
        self.quality.show(snap)

    def start_live(self, seconds: float = 3.0) -> None:
        """Refresh the count (and charts when numbers change) every `seconds` in the kernel's loop."""
        self._task = every(seconds, self._tick)

    def _tick(self) -> None:
        if self.live.value:
            self._guard(self.refresh)

    def _guard(self, action: Callable[..., Any], *args: Any) -> None:
        self.status.guard(
            "dashboard",
            _("Something went wrong while refreshing; it will try again."),
            action,
            *args,
        )
