"""The room's picture under a participant's result: their workshop's released orientation split."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.errors import CareerkitError
from careerkit.languages import N_, _
from careerkit.model import ORIENTATIONS, Survey
from careerkit.privacy import DEFAULT_THRESHOLD
from careerkit.ui.text import StatusLine, escaped, para

from ..room import RoomPicture, orientation_label, room_picture
from .results import bar_layout, row_layout

if TYPE_CHECKING:
    from careerkit.store import Store

_COLOURS = {  # Okabe-Ito, colour-blind safe, as the result's score bars
    "advancement": "#0072B2",
    "development": "#E69F00",
    "both": "#009E73",
    "undecided": "#999999",
}


class RoomView(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """The workshop's orientation split as the dashboard shows it now, refreshed on request.

    Light widgets only (progress bars and text, no plotting library); the sentence above the
    bars says every number they show, for those who cannot see them.
    """

    def __init__(
        self,
        store: Store,
        survey_id: str,
        workshop: str,
        threshold: int = DEFAULT_THRESHOLD,
        *,
        survey: Survey | None = None,  # the participant's: counted as the dashboard counts it
    ) -> None:
        super().__init__()
        self.survey = survey
        self.store, self.survey_id, self.workshop, self.threshold = (
            store,
            survey_id,
            workshop,
            threshold,
        )
        self.picture: RoomPicture | None = None
        self.status = StatusLine()
        self.summary = para("")
        self.summary.add_class("careerkit-room-summary")
        self.bars = widgets.VBox()
        self.note = para("", "hint")
        self.refresh_button = widgets.Button(
            description=_("Refresh the picture"),
            icon="refresh",
            tooltip=_("Read the room's numbers again"),
        )
        self.refresh_button.add_class("careerkit-room-refresh")
        self.refresh_button.on_click(
            lambda _b: self.status.guard("room picture", _(_BUG), self.refresh)
        )
        self.children = [
            para(_("Your workshop so far"), "heading"),
            self.summary,
            self.bars,
            self.note,
            widgets.HBox([self.refresh_button, self.status]),
        ]
        self.add_class("careerkit-room")
        self.status.guard("room picture", _(_BUG), self.refresh)

    def refresh(self) -> None:
        """Read the workshop's released counts again and show them."""
        try:
            picture = room_picture(
                self.store, self.survey_id, self.workshop, self.threshold, survey=self.survey
            )
        except CareerkitError as exc:
            self.status.show(
                _("The picture could not be read: {problem} Press Refresh to try again.").format(
                    problem=exc
                ),
                "error",
            )
            return
        self.picture = picture
        self.summary.value = para(picture.words()).value
        self.note.value = para(picture.note(), "hint").value
        self.bars.children = _bars(picture)
        self.status.clear()


_BUG = N_("The picture of the room could not be shown. Your answers are saved.")


def _bars(picture: RoomPicture) -> list[widgets.Widget]:
    """One light bar per orientation shown; a hidden number is said, never drawn."""
    out: list[widgets.Widget] = []
    if not picture.shown:
        return out
    for o, n in zip(ORIENTATIONS, picture.counts, strict=True):
        if n is None:
            hidden_words = escaped(_("not shown"))
            hidden = widgets.HTML(
                f'<div style="display:flex;gap:0.5em"><span style="width:8em;text-align:right">'
                f"{escaped(orientation_label(o))}</span><span>{hidden_words}</span></div>"
            )
            hidden.add_class(f"careerkit-room-{o}-hidden")
            out.append(hidden)
            continue
        bar = widgets.IntProgress(
            value=n,
            min=0,
            max=max(1, picture.covers),
            description=orientation_label(o),
            style={"bar_color": _COLOURS[o], "description_width": "8em"},
            layout=bar_layout(),
        )
        bar.add_class(f"careerkit-room-{o}")
        out.append(widgets.HBox([bar, widgets.Label(str(n))], layout=row_layout()))
    return out
