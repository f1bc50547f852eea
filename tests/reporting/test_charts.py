"""Dashboard figures: built from aggregates only, hostile labels drawn literally, hidden cells never drawn."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from careerkit.reporting import charts
from careerkit.reporting.breakdown import Breakdown

HOSTILE = [
    "$\\frac{1}{0}$",
    "<script>alert(1)</script>",
    "costs $5 and $",
    "_starts with underscore",
    "\\textbf{x} $$",
]


def breakdown(
    rows: dict[str, list[int | None]],
    columns: list[str],
    *,
    row_labels: dict[str, str] | None = None,
    column_labels: dict[str, str] | None = None,
    title: str = "A title",
    note: str = "",
    totals: dict[str, int | None] | None = None,
) -> Breakdown:
    """A breakdown built by hand; totals default to the sum of the shown cells."""
    counts = pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype("Int64")
    given = totals or {k: sum(v or 0 for v in r) or None for k, r in rows.items()}
    return Breakdown(
        title=title,
        counts=counts,
        totals=pd.Series(given).reindex(list(rows)).astype("Int64"),
        row_labels=row_labels or {r: r for r in rows},
        column_labels=column_labels or {c: c for c in columns},
        threshold=5,
        note=note,
    )


SPLIT = breakdown({"all": [7, 6, None, None]}, ["advancement", "development", "both", "undecided"])
LIKERT = breakdown(
    {"q1": [None, None, None, 6, 9], "q2": [5, 5, 5, 5, 5], "q3": [None] * 5},
    ["1", "2", "3", "4", "5"],
    note="Privacy: groups of fewer than 5 people are never shown. 3 numbers hidden.",
    totals={"q1": 20, "q2": 25, "q3": None},
)
OPTIONS = breakdown({"all": [12, None, 7, None]}, ["courses", "certification", "mentoring", "x"])


def texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def bars(fig: Figure) -> list[Rectangle]:
    return [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle)]


def test_figures_build_for_normal_data_and_render_to_png() -> None:
    """Each chart draws one bar per shown cell and renders to PNG bytes."""
    split, likert, options = (
        charts.orientation_chart(SPLIT),
        charts.likert_chart(LIKERT),
        charts.options_chart(OPTIONS),
    )
    assert len(bars(split)) == 2
    assert len([b for b in bars(likert) if not b.get_hatch()]) == 2 + 5  # q1's two, q2's five
    assert len(bars(options)) == 2
    for fig in (split, likert, options):
        png = charts.to_png(fig)
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


def test_hidden_cells_become_one_hatched_block_and_the_note_is_shown() -> None:
    """Hidden likert cells are one hatched 'not shown' block sized by the shown total; the note is drawn."""
    fig = charts.likert_chart(LIKERT)
    hatched = [b for b in bars(fig) if b.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_width() == pytest.approx(100 * 5 / 20)
    drawn = [" ".join(t.get_text().split()) for t in texts(fig)]
    assert LIKERT.note in drawn
    assert "fewer than 5 answers: not shown" in drawn  # q3, with no total


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_drawn_literally(label: str) -> None:
    """A label with TeX, markup or stray dollars builds, renders, and is the exact text of a Text."""
    split = breakdown(
        {"all": [7, 6, None, None]},
        ["advancement", "development", "both", "undecided"],
        column_labels={"advancement": label},
        title=label,
    )
    likert = breakdown(
        {"q1": [5, 5, 5, 5, 5]},
        ["1", "2", "3", "4", "5"],
        row_labels={"q1": label},
        column_labels={"1": label, "5": label},
        note=label,
    )
    options = breakdown({"all": [12, 7]}, ["a", "b"], column_labels={"a": label}, title=label)
    for fig in (
        charts.orientation_chart(split),
        charts.likert_chart(likert),
        charts.options_chart(options),
    ):
        charts.to_png(fig)  # drawing is where mathtext would fail
        matches = [t for t in texts(fig) if t.get_text() == label]
        assert matches, f"{label!r} not drawn as typed"
        assert all(not t.get_parse_math() for t in matches)


def test_all_hidden_data_shows_a_message_instead_of_bars() -> None:
    """When every cell is hidden, no bar is drawn: a sentence says why, and the note is shown."""
    note = "Privacy: groups of fewer than 5 people are never shown. Nothing reached 5."
    hidden_split = breakdown({"all": [None] * 4}, ["a", "b", "c", "d"], note=note)
    hidden_likert = breakdown({"q1": [None] * 5}, ["1", "2", "3", "4", "5"], note=note)
    hidden_options = breakdown({"all": [None, None]}, ["a", "b"], note=note)
    for fig in (
        charts.orientation_chart(hidden_split),
        charts.likert_chart(hidden_likert),
        charts.options_chart(hidden_options),
    ):
        assert bars(fig) == []
        drawn = [" ".join(t.get_text().split()) for t in texts(fig)]
        assert any(d.startswith("Nothing to show yet") for d in drawn)
        assert note in drawn
        charts.to_png(fig)


def test_colours_are_okabe_ito() -> None:
    """Orientation bars and a 5-point scale use the Okabe-Ito palette (grey for neutral)."""
    palette = {*charts.OKABE_ITO.values(), charts.GREY, "#DDDDDD"}
    assert set(charts.ORIENTATION_COLOURS.values()) <= palette
    assert set(charts._scale_colours(5)) <= palette
    assert len(set(charts._scale_colours(7))) == 7 and len(set(charts._scale_colours(11))) == 11
