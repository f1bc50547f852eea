"""The dashboard's "Instrument quality" tab: each score's alpha and items, with the trainers' guide."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.languages import N_, _
from careerkit.model import Survey
from careerkit.ui.text import escaped, para

from ..reliability import Reliability, ScaleResult, cohort_answers_reliability
from ..reliability_text import flags_text, guide_points, headline, number

if TYPE_CHECKING:
    from careerkit.store import Store

    from ..snapshot import Snapshot

TAB_TITLES = (N_("Answers"), N_("Instrument quality"))
_CELL = "padding:0.25em 0.8em;vertical-align:top"
_NUMBER = f"{_CELL};text-align:right"
_FLAGGED = "background:#fff4e5"  # a light orange row: an item to look at


def _scale_html(scale: ScaleResult) -> str:
    head = f"<p class='careerkit-quality-headline'>{escaped(headline(scale))}</p>"
    if not scale.results:
        return head
    rows = []
    for r in scale.results:
        reversed_mark = " <em>" + escaped(_("(reversed)")) + "</em>" if r.item.reversed else ""
        flagged = f" class='careerkit-quality-flagged' style='{_FLAGGED}'" if r.flags else ""
        rows.append(
            f"<tr{flagged}><td style='{_CELL}'>{escaped(r.item.text)}<br>"
            f"<small>{escaped(r.item.id)}</small>{reversed_mark}</td>"
            f"<td style='{_NUMBER}'>{number(r.item_total)}</td>"
            f"<td style='{_NUMBER}'>{number(r.alpha_if_deleted)}</td>"
            f"<td style='{_CELL}'>{escaped(flags_text(r.flags))}</td></tr>"
        )
    columns = "".join(
        f"<th style='{_CELL};text-align:{side}'>{escaped(name)}</th>"
        for name, side in (
            (_("Item"), "left"),
            (_("Item-total"), "right"),
            (_("Alpha if deleted"), "right"),
            (_("Flags"), "left"),
        )
    )
    table = (
        "<table class='careerkit-quality-items' style='border-collapse:collapse'>"
        f"<thead><tr>{columns}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return head + table


def quality_html(rel: Reliability) -> str:
    """The tab's figures as HTML: every text escaped, a table of items per shown score."""
    if not rel.scales:
        return (
            "<p>"
            + escaped(_("This survey has no scored items, so there is nothing to check."))
            + "</p>"
        )
    parts = [
        f"<div class='careerkit-quality-{escaped(s.score)}'>{_scale_html(s)}</div>"
        for s in rel.scales
    ]
    if rel.note:  # how far the figures lag the count is said above the tabs (release note)
        parts.append(f"<p class='careerkit-privacy-note'>{escaped(rel.note)}</p>")
    return "".join(parts)


def guide_html() -> str:
    items = "".join(f"<li>{escaped(g)}</li>" for g in guide_points())
    return (
        "<h2>" + escaped(_("How to read this")) + "</h2>"
        f"<ul class='careerkit-quality-guide'>{items}</ul>"
    )


class QualityTab(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Cronbach's alpha, its interval and item statistics of each score for the dashboard's cohort."""

    def __init__(self, survey: Survey, store: Store) -> None:
        super().__init__()
        self.survey, self.store = survey, store
        self.last: Reliability | None = None
        self.figures = widgets.HTML(
            "<p>" + escaped(_("Pick a workshop to see how its scores hold up.")) + "</p>"
        )
        self.children = [
            para(_("How well the survey measures"), "heading"),
            self.figures,
            widgets.HTML(guide_html()),
        ]
        self.add_class("careerkit-quality")

    def show(self, snap: Snapshot) -> Reliability:
        """Compute the figures over the snapshot's released responses and show them."""
        rel = cohort_answers_reliability(self.store, snap.cohort, self.survey)
        self.last = rel
        self.figures.value = quality_html(rel)
        return rel


def tab_titles() -> tuple[str, ...]:
    """The two tabs' titles in the language in use."""
    return tuple(_(t) for t in TAB_TITLES)


def with_quality_tab(answers: list[widgets.Widget], quality: QualityTab) -> widgets.Tab:
    """The dashboard's figures in a first tab, the instrument quality in a second one."""
    return widgets.Tab(children=[widgets.VBox(answers), quality], titles=tab_titles())
