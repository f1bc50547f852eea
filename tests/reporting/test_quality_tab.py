"""The dashboard's "Instrument quality" tab without a kernel: figures, privacy note, guide, steps."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.definitions import load_survey
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.reporting.screens.quality import TAB_TITLES, quality_html
from careerkit.store import MemoryStore
from careerkit.survey.demo import run_demo

SURVEY = load_survey("career_interests")


def _tab(board: Dashboard) -> widgets.Tab:
    return next(c for c in board.children if isinstance(c, widgets.Tab))


def test_dashboard_has_answers_and_quality_tabs() -> None:
    """The figures sit in the first tab and the instrument quality, with its guide, in the second."""
    store = MemoryStore()
    run_demo(SURVEY, store, "Q1", 10, seed=2)
    board = Dashboard(SURVEY, store=store, workshops=["Q1"])
    tab = _tab(board)
    assert tab.titles == TAB_TITLES and tab.selected_index == 0
    assert board.charts in tab.children[0].children and tab.children[1] is board.quality
    shown = board.quality.figures.value
    assert "Advancement score: alpha 0." in shown and "careerkit-quality-items" in shown
    assert "comfort_zone" in shown and "<em>(reversed)</em>" in shown
    guide = "".join(getattr(c, "value", "") for c in board.quality.children)
    assert "alpha under 0.6: the items may not measure one thing" in guide


def test_quality_tab_shows_nothing_under_the_threshold() -> None:
    """Four responses: no alpha and no item table, and the privacy note names the workshop."""
    store = MemoryStore()
    run_demo(SURVEY, store, "TINY", 4, seed=6)
    board = Dashboard(SURVEY, store=store, workshops=["TINY"])
    shown = board.quality.figures.value
    assert "alpha 0" not in shown and "careerkit-quality-items" not in shown
    assert "Workshop TINY: fewer than 5 responses so far" in shown


def test_quality_tab_follows_the_threshold_and_the_steps() -> None:
    """Raising the threshold to 6 covers the first 6 of 8 people; the tab recomputes with it."""
    store = MemoryStore()
    run_demo(SURVEY, store, "T", 8, seed=7)
    board = Dashboard(SURVEY, store=store, workshops=["T"])
    assert board.quality.last is not None
    assert [s.people for s in board.quality.last.scales] == [5, 5]
    board.threshold.value = 6
    assert [s.people for s in board.quality.last.scales] == [6, 6]


def test_item_texts_are_escaped() -> None:
    """A survey's item text is shown as text, never as markup."""
    import dataclasses

    from careerkit.reporting.reliability import read_reliability

    store = MemoryStore()
    run_demo(SURVEY, store, "X", 5, seed=1)
    rel = read_reliability(store, SURVEY, ["X"])
    scale = rel.scales[0]
    item = dataclasses.replace(scale.results[0].item, text="<img src=x onerror=alert(1)>")
    hostile = dataclasses.replace(scale.results[0], item=item)
    rel = dataclasses.replace(rel, scales=(dataclasses.replace(scale, results=(hostile,)),))
    shown = quality_html(rel)
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown


def test_flagged_items_are_marked_with_the_reason() -> None:
    """An item flagged as running against its score gets a shaded row and the flag's words."""
    import dataclasses

    from careerkit.reporting.reliability import NEGATIVE, read_reliability

    store = MemoryStore()
    run_demo(SURVEY, store, "F", 5, seed=4)
    rel = read_reliability(store, SURVEY, ["F"])
    scale = rel.scales[0]
    plain = quality_html(rel)
    i = next(n for n, r in enumerate(scale.results) if not r.flags)
    results = list(scale.results)
    results[i] = dataclasses.replace(results[i], flags=(NEGATIVE,))
    changed = dataclasses.replace(scale, results=tuple(results))
    rel = dataclasses.replace(rel, scales=(changed, *rel.scales[1:]))
    shown = quality_html(rel)
    marked = "careerkit-quality-flagged"
    assert shown.count(marked) == plain.count(marked) + 1
    assert "runs against its score (item-total below 0)" in shown
