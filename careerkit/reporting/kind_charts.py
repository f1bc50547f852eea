"""Charts of ranking and number questions, drawn from their privacy-checked Breakdowns.

A ranking: per option, how many people put it in each place, in people (not shares: with
`at_most`, most options are left out by someone, which is no hidden number). A number: its bins
as columns in order. Hidden cells are never drawn as numbers; they are marked as not shown.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from careerkit.languages import _

from .breakdown import Breakdown
from .charts import (
    FONT,
    GREY,
    HIDDEN_LABEL,
    NOTE_FONT,
    OKABE_ITO,
    _figure,
    _literal_labels,
    _literal_text,
    _nothing_to_show,
    _wrap,
)


def histogram_chart(counts: Breakdown) -> Figure:
    """Columns of how many answers fall in each bin (a one-row breakdown, e.g. number_histogram)."""
    with _literal_text():
        row = counts.counts.iloc[0] if len(counts.counts) else pd.Series(dtype="Int64")
        fig, ax = _figure(6.5, counts)
        if not counts.anything_shown:
            return _nothing_to_show(fig, ax, counts)
        top = max(int(v) for v in row.dropna()) or 1
        for x, key in enumerate(row.index):
            value = row[key]
            if pd.isna(value):  # a low hatched stub: a hidden bin may hold nobody
                ax.bar(x, top * 0.12, color="white", edgecolor=GREY, hatch="//", width=0.85)
                ax.text(
                    x,
                    top * 0.14,
                    _(HIDDEN_LABEL).replace(" (", "\n("),
                    ha="center",
                    va="bottom",
                    fontsize=NOTE_FONT,
                    color=GREY,
                    parse_math=False,
                )
                continue
            ax.bar(x, int(value), color=OKABE_ITO["sky_blue"], width=0.85)
            ax.text(x, int(value), f"{int(value)}", ha="center", va="bottom", fontsize=FONT)
        labels = [_wrap(counts.column_labels.get(k, k), 12, 2) for k in row.index]
        _literal_labels(ax, "x", labels)
        label = counts.row_labels.get(str(row.name), "")
        ax.set_xlabel(label, fontsize=FONT).set_parse_math(False)
        ax.set_ylabel(_("people"), fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.margins(y=0.15)
        return fig


#: Places first to last: dark to light blue (sequential, readable in grey too).
_PLACES = ["#08306B", "#2171B5", "#6BAED6", "#A9CCE3", "#D6E6F2"]


def _place_colours(n: int) -> list[str]:
    return [_PLACES[min(i, len(_PLACES) - 1)] for i in range(n)]


def ranking_chart(places: Breakdown) -> Figure:
    """Stacked bars, one per option: people who put it first, second...; hidden places marked."""
    with _literal_text():
        keys = list(places.counts.columns)
        colours = _place_colours(len(keys))
        fig, ax = _figure(2.6 + 1.05 * max(len(places.counts), 1), places)
        if not places.anything_shown:
            return _nothing_to_show(fig, ax, places)
        rows = list(places.counts.index)
        for y, option in enumerate(rows):
            left = 0
            for key, colour in zip(keys, colours, strict=True):
                value = places.counts.at[option, key]
                if pd.isna(value) or int(value) == 0:
                    continue
                ax.barh(y, int(value), left=left, color=colour, height=0.7)
                dark = colours.index(colour) < 2
                ax.text(
                    left + int(value) / 2,
                    y,
                    f"{int(value)}",
                    ha="center",
                    va="center",
                    fontsize=NOTE_FONT,
                    color="white" if dark else "black",
                )
                left += int(value)
            if places.counts.loc[option].isna().any():
                ax.text(
                    left,
                    y,
                    "  " + _("+ some not shown (privacy)"),
                    va="center",
                    fontsize=NOTE_FONT,
                    color=GREY,
                    parse_math=False,
                )
        _literal_labels(ax, "y", [_wrap(places.row_labels.get(r, r)) for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel(_("people who put the option in this place"), fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.set_xlim(0, max(1, int(places.counts.sum(axis=1).max())) * 1.6)
        names = [places.column_labels.get(k, k) for k in keys]
        legend = ax.legend(
            [Patch(color=c) for c in colours],
            names,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=min(len(names), 4),
            fontsize=NOTE_FONT,
            frameon=False,
        )
        for t in legend.get_texts():
            t.set_parse_math(False)
        return fig
