"""Projector-ready matplotlib figures drawn from privacy-checked aggregates; never loads data.

Every label that comes from people (question texts, option labels, workshop codes) is drawn
with mathtext off, so `$x$` shows as typed; colours are Okabe-Ito (safe for colour blindness);
hidden numbers are never drawn, and the figure carries the privacy note when anything was hidden.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from careerkit.languages import N_, _

from .breakdown import Breakdown

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#999999"
ORIENTATION_COLOURS = {
    "advancement": OKABE_ITO["blue"],
    "development": OKABE_ITO["bluish_green"],
    "both": OKABE_ITO["orange"],
    "undecided": GREY,
}
FONT, TITLE_FONT, NOTE_FONT = 18, 22, 15
WIDTH = 13.0  # inches; at 100 dpi a 1300-pixel image, sharp on a projector
HIDDEN_LABEL = N_("not shown (privacy)")  # shown through _() in the reader's language
_RC: Any = {"text.parse_math": False, "text.usetex": False, "font.size": FONT, "hatch.color": GREY}


@contextmanager
def _literal_text() -> Iterator[None]:
    """While building or drawing: no mathtext, no LaTeX, projector-size fonts."""
    with mpl.rc_context(_RC):
        yield


def _wrap(text: str, width: int = 38, lines: int = 3) -> str:
    return textwrap.fill(text, width, max_lines=lines, placeholder=" …") if text else text


def _figure(height: float, b: Breakdown) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.suptitle(_wrap(b.title, 70), fontsize=TITLE_FONT, parse_math=False)
    if b.note:
        fig.supxlabel(
            textwrap.fill(b.note, 100), fontsize=NOTE_FONT, parse_math=False, x=0.01, ha="left"
        )
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _nothing_to_show(fig: Figure, ax: Axes, b: Breakdown) -> Figure:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        _("Nothing to show yet: every group here has fewer than {threshold} people.").format(
            threshold=b.threshold
        ),
        ha="center",
        va="center",
        fontsize=FONT,
        parse_math=False,
        transform=ax.transAxes,
    )
    return fig


def _literal_labels(ax: Axes, axis: str, labels: list[str]) -> None:
    positions = range(len(labels))
    if axis == "y":
        ax.set_yticks(list(positions), labels=labels, fontsize=FONT)
        texts = ax.get_yticklabels()
    else:
        ax.set_xticks(list(positions), labels=labels, fontsize=FONT)
        texts = ax.get_xticklabels()
    for t in texts:
        t.set_parse_math(False)


def orientation_chart(split: Breakdown) -> Figure:
    """Bars of how many people lean to each orientation (one-row breakdown, e.g. orientation_split)."""
    with _literal_text():
        fig, ax = _figure(6.5, split)
        row = split.counts.iloc[0] if len(split.counts) else pd.Series(dtype="Int64")
        if not split.anything_shown:
            return _nothing_to_show(fig, ax, split)
        keys = list(split.counts.columns)
        for x, key in enumerate(keys):
            value = row[key]
            if pd.isna(value):
                ax.text(
                    x,
                    0,
                    _(HIDDEN_LABEL).replace(" (", "\n("),
                    ha="center",
                    va="bottom",
                    fontsize=NOTE_FONT,
                    color=GREY,
                    parse_math=False,
                )
                continue
            ax.bar(x, int(value), color=ORIENTATION_COLOURS.get(key, OKABE_ITO["blue"]), width=0.7)
            ax.text(x, int(value), f"{int(value)}", ha="center", va="bottom", fontsize=FONT)
        _literal_labels(ax, "x", [_wrap(split.column_labels.get(k, k), 16) for k in keys])
        ax.set_ylabel("people", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        ax.margins(y=0.15)
        return fig


def _hidden_style() -> Any:
    return {"facecolor": "white", "edgecolor": GREY, "hatch": "//"}


def _lighter(rgb: tuple[float, float, float], f: float) -> str:
    r, g, b = (c + (1 - c) * f for c in rgb)
    return str(mpl.colors.to_hex((r, g, b)))


def _scale_colours(points: int) -> list[str]:
    """Diverging Okabe-Ito colours: warm for disagreement, grey middle, blue for agreement."""
    side = points // 2
    warm = [OKABE_ITO["vermillion"], OKABE_ITO["orange"], OKABE_ITO["yellow"]]
    cool = [OKABE_ITO["sky_blue"], OKABE_ITO["bluish_green"], OKABE_ITO["blue"]]
    if side > 3:
        lo = mpl.colors.to_rgb(OKABE_ITO["vermillion"])
        hi = mpl.colors.to_rgb(OKABE_ITO["blue"])
        fade = [0.75 * i / (side - 1) for i in range(side)]
        warm = [_lighter(lo, f) for f in fade]
        cool = [_lighter(hi, f) for f in reversed(fade)]
    else:
        warm, cool = warm[:side], cool[3 - side :] if side < 3 else cool
    middle = ["#DDDDDD"] if points % 2 else []
    return warm[:side] + middle + cool[-side:]


def likert_chart(dist: Breakdown) -> Figure:
    """Stacked bars, one per item, in scale order, as shares of the row's total (the cohort).

    Hidden cells (and people who skipped an optional item) are drawn together as one hatched
    "not shown" block at the end of the bar.
    """
    with _literal_text():
        keys = list(dist.counts.columns)
        colours = _scale_colours(len(keys))
        fig, ax = _figure(2.6 + 1.05 * max(len(dist.counts), 1), dist)
        if not dist.anything_shown:
            return _nothing_to_show(fig, ax, dist)
        rows = list(dist.counts.index)
        for y, qid in enumerate(rows):
            total = dist.totals[qid]
            if pd.isna(total):
                ax.text(
                    0,
                    y,
                    _("fewer than {threshold} answers: not shown").format(threshold=dist.threshold),
                    va="center",
                    fontsize=NOTE_FONT,
                    color=GREY,
                    parse_math=False,
                )
                continue
            left = 0.0
            for key, colour in zip(keys, colours, strict=True):
                value = dist.counts.at[qid, key]
                if pd.isna(value) or int(value) == 0:
                    continue
                share = 100 * int(value) / int(total)
                ax.barh(y, share, left=left, color=colour, height=0.7)
                if share >= 7:
                    ax.text(
                        left + share / 2,
                        y,
                        f"{share:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=NOTE_FONT,
                        color="black",
                    )
                left += share
            if left < 99.95:
                ax.barh(y, 100 - left, left=left, height=0.7, **_hidden_style())
        _literal_labels(ax, "y", [_wrap(dist.row_labels.get(r, r)) for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of the people in these workshops", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        handles = [Patch(color=c) for c in colours] + [Patch(**_hidden_style())]
        names = [dist.column_labels.get(k, k) for k in keys] + [_(HIDDEN_LABEL)]
        legend = ax.legend(
            handles,
            names,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=min(len(names), 3),
            fontsize=NOTE_FONT,
            frameon=False,
        )
        for t in legend.get_texts():
            t.set_parse_math(False)
        return fig


def options_chart(counts: Breakdown) -> Figure:
    """Horizontal bars of how many people picked each option (e.g. preferred growth activities)."""
    with _literal_text():
        row = counts.counts.iloc[0] if len(counts.counts) else pd.Series(dtype="Int64")
        shown = row.dropna().astype(int).sort_values(ascending=False, kind="stable")
        hidden = [k for k in row.index if pd.isna(row[k])]
        order = list(shown.index) + hidden
        fig, ax = _figure(2.6 + 0.8 * max(len(order), 1), counts)
        if not counts.anything_shown:
            return _nothing_to_show(fig, ax, counts)
        for y, key in enumerate(order):
            if key in shown.index:
                ax.barh(y, int(shown[key]), color=OKABE_ITO["sky_blue"], height=0.7)
                ax.text(int(shown[key]), y, f" {int(shown[key])}", va="center", fontsize=FONT)
            else:
                ax.text(
                    0,
                    y,
                    " " + _(HIDDEN_LABEL),
                    va="center",
                    fontsize=NOTE_FONT,
                    color=GREY,
                    parse_math=False,
                )
        _literal_labels(ax, "y", [_wrap(counts.column_labels.get(k, k)) for k in order])
        ax.set_ylim(len(order) - 0.4, -0.6)
        total = counts.totals.iloc[0]
        ax.set_xlabel(
            _("people (of {total} in these workshops)").format(total=int(total))
            if pd.notna(total)
            else _("people"),
            fontsize=FONT,
        )
        ax.tick_params(labelsize=FONT)
        ax.margins(x=0.12)
        return fig


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (Agg), e.g. for an ipywidgets.Image on the dashboard."""
    buffer = io.BytesIO()
    with _literal_text():
        FigureCanvasAgg(fig)
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
