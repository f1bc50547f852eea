"""The dashboard's result panels drawn from one Snapshot: chart images, privacy notes, tables.

Every chart is an image whose text alternative reads out the numbers of its table; notes say
what was hidden and why; the tables compare workshops, plans and organization goals.
"""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.languages import _
from careerkit.ui.text import escaped, image_html

from ..breakdown import Breakdown
from ..charts import likert_chart, options_chart, orientation_chart, to_png
from ..kind_charts import histogram_chart, ranking_chart
from ..snapshot import Snapshot
from ..tables import breakdown_table, breakdown_text


def _image(png: bytes, b: Breakdown, css: str) -> widgets.HTML:
    """The chart as an image whose text alternative reads out the numbers of its table."""
    img = widgets.HTML(
        value=image_html(png, breakdown_text(b)), layout=widgets.Layout(max_width="900px")
    )
    img.add_class(css)
    img.add_class("careerkit-chart")
    return img


def chart_images(snap: Snapshot) -> list[widgets.HTML]:
    """Orientation split (and editions scored apart), scales, options, rankings, numbers."""
    orientation = snap.orientation
    images = [
        _image(to_png(orientation_chart(orientation)), orientation, "careerkit-chart-orientation")
    ]
    images += [
        _image(to_png(orientation_chart(b)), b, "careerkit-chart-orientation")
        for b in snap.other_scorings
    ]
    images += [_image(to_png(likert_chart(b)), b, "careerkit-chart-likert") for b in snap.likert]
    images += [_image(to_png(options_chart(b)), b, "careerkit-chart-options") for b in snap.options]
    images += [
        _image(to_png(ranking_chart(b)), b, "careerkit-chart-ranking") for b in snap.rankings
    ]
    images += [
        _image(to_png(histogram_chart(b)), b, "careerkit-chart-number") for b in snap.numbers
    ]
    return images


def notes_html(snap: Snapshot) -> str:
    """Each distinct privacy note of the charts once, then what the editions split, if anything."""
    shown = [snap.orientation, *snap.likert, *snap.options, *snap.rankings, *snap.numbers]
    notes = {b.note for b in shown if b.note}
    return "".join(f"<p class='careerkit-privacy-note'>{escaped(n)}</p>" for n in sorted(notes)) + (
        f"<p class='careerkit-editions'>{escaped(snap.editions_note)}</p>"
        * bool(snap.editions_note)
    )


def tables_html(snap: Snapshot) -> str:
    """Workshops side by side, development plans, and the organization goals crossings drew."""
    parts = []
    if snap.by_workshop is not None:
        parts.append(
            f"<h2>{escaped(snap.by_workshop.title)}</h2>{breakdown_table(snap.by_workshop)}"
        )
    parts.append(
        "<h2>" + escaped(_("Development plans")) + f"</h2>{breakdown_table(snap.plans)}"
        f"<p>{escaped(snap.plans.note)}</p>"
    )
    if snap.crossings is not None:
        items = "".join(
            "<li>"
            + escaped(_("{goal}: at least {count} brainstorm(s)").format(goal=t, count=n))
            + "</li>"
            for t, n in snap.crossings.drew
        )
        few = "".join(f"<li>{escaped(t)}</li>" for t in snap.crossings.few)
        parts.append(
            "<h2>"
            + escaped(_("Organization goals that drew crossings"))
            + f"</h2><ul>{items}</ul>"
            + "<h2>"
            + escaped(_("Goals with no number to show"))
            + f"</h2><ul>{few}</ul>"
        )
    parts.append(f"<p class='careerkit-privacy-note'>{escaped(snap.crossings_note)}</p>")
    return "".join(parts)
