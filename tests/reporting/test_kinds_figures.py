"""Ranking and number figures: exact counts, mean ranks, bins and medians, under the privacy rules."""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from careerkit.definitions import load_survey
from careerkit.model import NumberQuestion, Response, Survey
from careerkit.reporting.charts import to_png
from careerkit.reporting.export_csv import response_table
from careerkit.reporting.export_xlsx import RESPONSES_SHEET, write_xlsx
from careerkit.reporting.kind_charts import histogram_chart, ranking_chart
from careerkit.reporting.kinds import bins
from careerkit.reporting.report import render
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.reporting.snapshot import Snapshot, snapshot
from careerkit.reporting.tables import breakdown_text
from careerkit.store import MemoryStore
from careerkit.survey.demo import fake_answers, run_demo

SURVEY = load_survey("growth_priorities")
RANKING = SURVEY.question("priorities")
HOURS = SURVEY.question("learning_hours")
YEARS = SURVEY.question("years_in_role")
T0 = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
K = 5


def _store(per_workshop: dict[str, list[dict[str, Any]]]) -> MemoryStore:
    store = MemoryStore()
    n = 0
    for workshop, answer_list in per_workshop.items():
        store.create_workshop(workshop, code=workshop)
        for answers in answer_list:
            n += 1
            store.save_response(
                Response(
                    id=f"resp-{n:06d}",
                    survey_id=SURVEY.id,
                    workshop=workshop,
                    answers=answers,
                    submitted_at=T0 + timedelta(seconds=n),
                )
            )
    return store


def _snap(per_workshop: dict[str, list[dict[str, Any]]]) -> Snapshot:
    return snapshot(_store(per_workshop), SURVEY, list(per_workshop), threshold=K)


def _base(order: tuple[str, ...], hours: int | float = 10, **more: Any) -> dict[str, Any]:
    return {
        "priorities": order,
        "workload_fair": 3,
        "workload_learning": 3,
        "learning_hours": hours,
        **more,
    }


def test_an_empty_place_is_hidden_and_so_is_what_would_give_it_away() -> None:
    """Ten people, two orders: the empty places are hidden, and with them the cells that tell them."""
    people = [_base(("pay", "skills", "team"))] * 5 + [_base(("skills", "pay", "team"))] * 5
    b = _snap({"ROOM1": people}).rankings[0]
    counts = b.counts
    # All ten put team 3rd; shown, it would say that nobody put it 1st or 2nd.
    assert counts.loc["team"].isna().all() and counts.loc["balance"].isna().all()
    assert counts.at["skills", "2"] == 5, "one cell stays: 5 people, nothing to work out from it"
    assert int(counts.notna().sum().sum()) == 1
    assert b.column_labels == {"1": "Ranked first", "2": "Ranked 2nd", "3": "Ranked 3rd"}
    assert all(label.endswith("(mean rank not shown)") for label in b.row_labels.values())
    assert "and 4 more so the hidden ones cannot be worked out" in b.note
    text = breakdown_text(b)
    assert (
        "New skills (mean rank not shown): Ranked first: not shown (privacy), Ranked 2nd: 5 people"
        in text
    )


def test_a_mean_rank_is_the_average_place_when_every_cell_is_shown() -> None:
    """Three options each put in every place by five people: all cells shown, mean rank 2.0 each."""
    survey = Survey.model_validate(
        {
            "id": SURVEY.id,
            "title": "Three",
            "pages": [
                {
                    "title": "P",
                    "questions": [
                        {
                            "id": "priorities",
                            "kind": "ranking",
                            "text": "Order",
                            "options": ["Pay", "Skills", "Team"],
                        }
                    ],
                }
            ],
        }
    )
    orders = [("pay", "skills", "team"), ("skills", "team", "pay"), ("team", "pay", "skills")]
    people = [{"priorities": o} for o in orders for _ in range(5)] + [{"priorities": orders[0]}] * 5
    b = snapshot(_store({"ROOM1": people}), survey, ["ROOM1"], threshold=K).rankings[0]
    assert b.counts.astype(int).to_numpy().tolist() == [[10, 5, 5], [5, 10, 5], [5, 5, 10]]
    assert b.row_labels == {
        "pay": "Pay (mean rank 1.8)",
        "skills": "Skills (mean rank 2.0)",
        "team": "Team (mean rank 2.2)",
    }
    assert b.note == ""


def _safe(values: list[int], hidden: list[bool], k: int) -> bool:
    """careerkit.privacy's rule for one line: no hidden cells, or two or more holding k or more."""
    held = [v for v, h in zip(values, hidden, strict=True) if h]
    return not held or (len(held) >= 2 and sum(held) >= k)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=5, max_value=24), st.integers(min_value=0, max_value=2**32 - 1))
def test_ranking_cells_are_safe_along_options_and_places(people: int, seed: int) -> None:
    """Any shown cell covers k or more; along every place the hidden cells are none or safe together."""
    rng = random.Random(seed)
    options = [o.id for o in RANKING.options]
    answers = [_base(tuple(rng.sample(options[: rng.randint(3, 5)], 3))) for _ in range(people)]
    b = _snap({"ROOM1": answers}).rankings[0]
    shown = b.counts.to_numpy(dtype=float, na_value=np.nan)
    assert np.all(np.isnan(shown) | (shown >= K))
    released = people - people % K
    truth = np.zeros((len(options), 3), dtype=int)
    for a in answers[:released]:
        for place, option in enumerate(a["priorities"]):
            truth[options.index(option), place] += 1
    hidden = b.counts.isna().to_numpy()
    assert np.array_equal(np.where(hidden, truth, shown), truth), "shown cells are the true counts"
    for j in range(3):  # every place holds exactly one option per answer: its sum is known
        assert _safe(truth[:, j].tolist(), hidden[:, j].tolist(), K)


def test_bins_cover_every_step_once() -> None:
    """Bins of whole steps: every value an answer may take falls in exactly one, none is empty of values."""
    assert bins(HOURS) == [(0, 5), (6, 11), (12, 17), (18, 23), (24, 29), (30, 35), (36, 40)]
    q = NumberQuestion(id="q", kind="number", text="Q", min=1, max=4, step=1)
    assert bins(q) == [(1, 1), (2, 2), (3, 3), (4, 4)]
    half = bins(YEARS)
    assert half[0] == (0, 5.5) and half[-1][1] == 45 and len(half) == 8


def test_number_bins_and_median_are_exact_and_hidden_where_small() -> None:
    """Seven and eight in two bins show; three and two elsewhere hide (five together); the median is told."""
    hours = [7] * 7 + [32] * 8 + [20] * 3 + [26] * 2
    b = _snap({"ROOM1": [_base(("pay", "skills", "team"), h) for h in hours]}).numbers[0]
    row = b.counts.loc["all"]
    assert row.dropna().to_dict() == {"b1": 7, "b5": 8}
    assert b.column_labels["b1"] == "6 to 11 hours" and b.column_labels["b5"] == "30 to 35 hours"
    assert b.row_labels["all"] == "All selected workshops: median 23 hours (20 answers)"
    assert median(hours) == 23
    assert "median 23 hours" in breakdown_text(b) and "30 to 35 hours: 8 people" in breakdown_text(
        b
    )


def test_a_number_line_that_would_tell_a_small_group_is_hidden_whole() -> None:
    """Seven in one bin and three elsewhere: showing the seven would tell the three, so nothing shows."""
    hours = [7] * 7 + [30, 31, 32]
    b = _snap({"ROOM1": [_base(("pay", "skills", "team"), h) for h in hours]}).numbers[0]
    assert b.counts.isna().all(axis=None)
    assert "1 more so the hidden ones cannot be worked out" in b.note


def test_a_median_waits_for_enough_answers_in_every_workshop() -> None:
    """An optional number with four answers in one workshop: no median for the selection."""
    few = [_base(("pay", "skills", "team"), years_in_role=2) for _ in range(4)] + [
        _base(("pay", "skills", "team")) for _ in range(6)
    ]
    many = [_base(("pay", "skills", "team"), years_in_role=3) for _ in range(10)]
    snap = _snap({"ROOM1": few, "ROOM2": many})
    years = snap.numbers[1]
    assert (
        years.row_labels["all"] == "All selected workshops: median not shown (fewer than 5 answers)"
    )
    assert years.counts.isna().all(axis=None)
    alone = _snap({"ROOM2": many}).numbers[1]
    assert alone.row_labels["all"].startswith("All selected workshops: median 3 years")


def test_the_report_has_a_ranking_and_a_number_section_with_text_alternatives() -> None:
    """The report shows each ranking and number figure: chart with its numbers in words, table, note."""
    rng = random.Random(3)
    people = [fake_answers(SURVEY, rng) for _ in range(20)]
    snap = _snap({"ROOM1": people})
    page = render(SURVEY, snap)
    ranking = re.search(r'<section class="ranking">(.*?)</section>', page, re.S)
    numbers = re.findall(r'<section class="number">(.*?)</section>', page, re.S)
    assert ranking and len(numbers) == 2
    assert f'alt="{html.escape(breakdown_text(snap.rankings[0]), quote=True)}"' in ranking.group(1)
    assert f'alt="{html.escape(breakdown_text(snap.numbers[0]), quote=True)}"' in numbers[0]
    firsts = Counter(a["priorities"][0] for a in people)
    shown = snap.rankings[0].counts["1"].dropna()
    assert all(int(shown[o]) == firsts[o] for o in shown.index)
    assert "median" in numbers[0] and "<table>" in numbers[0]


def test_exports_hold_a_ranking_in_order_in_one_column_and_numbers_as_numbers(
    tmp_path: Path,
) -> None:
    """CSV and Excel: the ranking as its ids first to last in one cell, matrix rows and numbers as numbers."""
    answers = _base(("skills", "pay", "team"), 12, years_in_role=2.5)
    store = _store({"ROOM1": [answers]})
    header, rows = response_table(SURVEY, store.responses(workshop="ROOM1"))
    cells = dict(zip(header, rows[0], strict=True))
    assert cells["priorities"] == "skills; pay; team"
    assert (cells["workload_fair"], cells["learning_hours"], cells["years_in_role"]) == (3, 12, 2.5)
    assert cells["workload_feedback"] == "" and "workload" not in header, (
        "one column per row, not per matrix"
    )
    write_xlsx(tmp_path / "kinds.xlsx", SURVEY, store.responses(workshop="ROOM1"))
    sheet = load_workbook(tmp_path / "kinds.xlsx")[RESPONSES_SHEET]
    got = {sheet.cell(1, c).value: sheet.cell(2, c).value for c in range(1, sheet.max_column + 1)}
    assert got["priorities"] == "skills; pay; team" and got["years_in_role"] == 2.5
    assert got["learning_hours"] == 12 and got["workload_learning"] == 3


def test_the_dashboard_draws_ranking_and_number_charts_with_their_numbers_in_words() -> None:
    """Demo responses to growth_priorities: one ranking and two number charts, each with its alt text."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W1", 20, seed=5)
    board = Dashboard(SURVEY, store=store, workshops=["W1"])
    snap = board.last
    assert snap is not None and len(snap.rankings) == 1 and len(snap.numbers) == 2
    ranking = [c for c in board.charts.children if "careerkit-chart-ranking" in c._dom_classes]
    numbers = [c for c in board.charts.children if "careerkit-chart-number" in c._dom_classes]
    assert len(ranking) == 1 and len(numbers) == 2
    alt = html.escape(breakdown_text(snap.rankings[0]), quote=True)
    assert f'<img alt="{alt}"' in ranking[0].value
    for chart, b in zip(numbers, snap.numbers, strict=True):
        assert f'<img alt="{html.escape(breakdown_text(b), quote=True)}"' in chart.value
        assert 'src="data:image/png;base64,iVBOR' in chart.value
    assert "median" in breakdown_text(snap.numbers[0])


def _drawn(fig: Any) -> list[str]:
    from matplotlib.text import Text

    return [" ".join(t.get_text().split()) for t in fig.findobj(Text) if t.get_text()]


def _labels(fig: Any) -> list[str]:
    """The texts drawn on the bars (not the axes' ticks)."""
    return [" ".join(t.get_text().split()) for t in fig.axes[0].texts]


def test_charts_draw_shown_counts_only_literally_and_mark_the_hidden() -> None:
    """Ranking and number charts: shown counts as labels, hidden places marked, `$` drawn as typed."""
    survey = Survey.model_validate(
        {
            "id": SURVEY.id,
            "title": "Three",
            "pages": [
                {
                    "title": "P",
                    "questions": [
                        {
                            "id": "priorities",
                            "kind": "ranking",
                            "text": "Order $x$",
                            "options": [{"id": "pay", "label": "Pay $5$"}, "Skills", "Team"],
                        },
                        {
                            "id": "learning_hours",
                            "kind": "number",
                            "text": "Hours",
                            "min": 0,
                            "max": 3,
                        },
                    ],
                }
            ],
        }
    )
    orders = [("pay", "skills", "team")] * 7 + [("skills", "pay", "team")] * 5
    orders += [("team", "skills", "pay")] * 3
    hours = [0] * 5 + [1] * 5 + [2] * 3 + [3] * 2
    people = [{"priorities": o, "learning_hours": h} for o, h in zip(orders, hours, strict=True)]
    snap = snapshot(_store({"ROOM1": people}), survey, ["ROOM1"], threshold=K)
    ranking = snap.rankings[0]
    shown = ranking.counts.stack().dropna()
    assert shown.to_dict() == {("pay", "1"): 7, ("skills", "2"): 10}
    drawn = _drawn(ranking_chart(ranking))
    assert "Order $x$" in drawn and "Pay $5$ (mean rank not shown)" in drawn
    assert {"7", "10", "+ some not shown (privacy)"} <= set(drawn)
    assert (
        _labels(ranking_chart(ranking))
        == ["7", "+ some not shown (privacy)", "10"] + ["+ some not shown (privacy)"] * 2
    ), "hidden counts are never drawn"
    number = snap.numbers[0]
    assert number.counts.loc["all"].dropna().to_dict() == {"b0": 5, "b1": 5}
    drawn = _drawn(histogram_chart(number))
    assert {"5", "not shown (privacy)", "All selected workshops: median 1 (15 answers)"} <= set(
        drawn
    )
    assert [t for t in _labels(histogram_chart(number)) if t.isdigit()] == ["5", "5"]
    for png in (to_png(ranking_chart(ranking)), to_png(histogram_chart(number))):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
