"""The chart of a number question: its bins as columns in order, hidden bins drawn as such."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

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
                    HIDDEN_LABEL.replace(" (", "\n("),
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
        ax.set_ylabel("people", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.margins(y=0.15)
        return fig
