"""Instrument quality per score: the items, reversed items, flags, and the dashboard's privacy rules."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from careerkit.definitions import load_survey
from careerkit.errors import ConfigError
from careerkit.model import Survey
from careerkit.reporting.alpha import scale_figures
from careerkit.reporting.reliability import (
    NEGATIVE,
    ONE_POINT,
    read_reliability,
    reliability,
    scored_items,
)
from careerkit.reporting.reliability_text import as_text
from careerkit.store import MemoryStore
from careerkit.survey.demo import run_demo

CAREER = load_survey("career_interests")
ORIENTATIONS = {
    name: {"title": name.title(), "summary": f"You lean {name}.", "next_steps": ["Talk."]}
    for name in ("advancement", "development", "both", "undecided")
}


def _survey(weights: dict[str, dict[str, float]], points: int = 5, required: bool = True) -> Survey:
    """A one-page survey of likert items with these `score:` weights."""
    questions = [
        {
            "id": qid,
            "kind": "likert",
            "text": f"Item {qid}",
            "scale": {"points": points, "low": "No", "high": "Yes"},
            "score": w,
            "required": required,
        }
        for qid, w in weights.items()
    ]
    return Survey.model_validate(
        {
            "id": "small",
            "title": "Small",
            "pages": [{"title": "Only page", "questions": questions}],
            "scoring": {"thresholds": {"interest": 60, "lead": 25}, "orientations": ORIENTATIONS},
        }
    )


def _frames(
    matrix: list[list[int | None]], columns: list[str], workshops: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rows and long-form answer rows for people (rows) answering items (columns)."""
    ids = [f"resp{i:04d}" for i in range(len(matrix))]
    groups = workshops or ["W"] * len(matrix)
    responses = pd.DataFrame({"response_id": ids, "workshop": groups})
    long = [
        (rid, qid, float(v))
        for rid, row in zip(ids, matrix, strict=True)
        for qid, v in zip(columns, row, strict=True)
        if v is not None
    ]
    answers = pd.DataFrame(long, columns=["response_id", "question_id", "value_num"])
    return responses, answers


def _scale(result: Any, score: str) -> Any:
    return next(s for s in result.scales if s.score == score)


def test_items_are_the_likert_questions_weighted_for_each_score() -> None:
    """The interest survey's advancement items include comfort_zone reversed; zero weights count nowhere."""
    adv = {i.id: i.reversed for i in scored_items(CAREER, "advancement")}
    dev = {i.id: i.reversed for i in scored_items(CAREER, "development")}
    assert list(adv) == [
        "more_responsibility", "visibility", "lead_people", "stretch_ready", "next_role",
        "comfort_zone", "skills_for_step",
    ]  # fmt: skip
    assert adv["comfort_zone"] is True and not any(v for k, v in adv.items() if k != "comfort_zone")
    assert "more_responsibility" not in dev and dev["comfort_zone"] is False


def test_reversed_item_is_turned_before_alpha() -> None:
    """A negative weight turns the answers (points + 1 - value): alpha equals alpha of the turned matrix."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "c": {"advancement": -1},
                      "d": {"development": 1}, "e": {"development": 1}})  # fmt: skip
    rng = np.random.default_rng(5)
    trait = rng.integers(1, 6, size=20)
    noise = rng.integers(-1, 2, size=(20, 3))
    a, b, c_agree = (np.clip(trait + noise[:, j], 1, 5) for j in range(3))
    c = 6 - c_agree  # a reversed wording: people high on the trait disagree
    rows = [[int(x) for x in r] + [3, 4] for r in zip(a, b, c, strict=True)]
    responses, answers = _frames(rows, ["a", "b", "c", "d", "e"])
    adv = _scale(reliability(responses, answers, survey), "advancement")
    turned = np.column_stack([a, b, 6 - c]).astype(float)
    assert adv.shown and adv.people == 20
    assert adv.alpha == pytest.approx(scale_figures(turned).alpha, abs=1e-12)
    c_result = adv.results[2]
    assert c_result.item.reversed and c_result.item_total is not None and c_result.item_total > 0
    assert NEGATIVE not in c_result.flags


def test_flags_an_item_on_one_point_and_one_against_its_score() -> None:
    """9 of 10 on one point is flagged; an item that runs against the others is flagged negative."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "c": {"advancement": 1},
                      "same": {"advancement": 1}, "d": {"development": 1},
                      "e": {"development": 1}})  # fmt: skip
    base = [1, 2, 2, 3, 3, 4, 4, 5, 5, 5]
    rows = [
        [v, min(5, v + (i % 2)), 6 - v, 4 if i else 2, 3, 3 + (i % 2)] for i, v in enumerate(base)
    ]
    responses, answers = _frames(rows, ["a", "b", "c", "same", "d", "e"])
    adv = _scale(reliability(responses, answers, survey), "advancement")
    flags = {r.item.id: r.flags for r in adv.results}
    assert flags["same"] == (ONE_POINT,)  # 90% on point 4
    assert NEGATIVE in flags["c"]  # answers run opposite to a and b, weight not reversed
    assert flags["a"] == () and flags["b"] == ()
    text = as_text(reliability(responses, answers, survey))
    assert "most answers (over 80%) on one point" in text and "runs against its score" in text


def test_exactly_80_percent_is_not_flagged() -> None:
    """The rule is over 80%: 8 of 10 on one point gives no flag."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "d": {"development": 1},
                      "e": {"development": 1}})  # fmt: skip
    rows = [[4 if i < 8 else i - 7, 1 + i % 5, 1 + i % 3, 1 + i % 4] for i in range(10)]
    responses, answers = _frames(rows, ["a", "b", "d", "e"])
    adv = _scale(reliability(responses, answers, survey), "advancement")
    assert ONE_POINT not in adv.results[0].flags


def test_only_people_who_answered_every_item_count() -> None:
    """Listwise: people who skipped an item of a score are left out of it (not of the other score)."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "d": {"development": 1},
                      "e": {"development": 1}}, required=False)  # fmt: skip
    full = [[1 + i % 5, 1 + (i * 2) % 5, 1 + i % 4, 1 + i % 3] for i in range(10)]
    skipped = [[None, 3, 2, 2] for _ in range(5)]
    responses, answers = _frames(full + skipped, ["a", "b", "d", "e"])
    result = reliability(responses, answers, survey)
    adv, dev = _scale(result, "advancement"), _scale(result, "development")
    assert adv.people == 10 and dev.people == 15
    only_full = np.array([r[:2] for r in full], dtype=float)
    assert adv.alpha == pytest.approx(scale_figures(only_full).alpha, abs=1e-12)


def test_under_the_threshold_nothing_is_shown_and_the_note_says_why() -> None:
    """Four responses: no alpha, no item, and the note names the workshop left out."""
    store = MemoryStore()
    run_demo(CAREER, store, "SMALL", 4, seed=3)
    result = read_reliability(store, CAREER, ["SMALL"])
    assert all(not s.shown and not s.results and s.alpha is None for s in result.scales)
    assert "at least 5 responses" in result.scales[0].note
    assert "Workshop SMALL: fewer than 5 responses so far" in result.note
    text = as_text(result)
    assert "alpha 0" not in text and "item-total" not in text.split("How to read")[0]


def test_a_few_skips_in_a_workshop_hide_the_score() -> None:
    """Seven people, one of whom skipped an item: 1 could be worked out, so the score is hidden."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "d": {"development": 1},
                      "e": {"development": 1}}, required=False)  # fmt: skip
    rows: list[list[int | None]] = [[1 + i % 5, 1 + (i * 3) % 5, 2, 1 + i % 2] for i in range(6)]
    rows.append([None, 2, 2, 1])
    responses, answers = _frames(rows, ["a", "b", "d", "e"])
    result = reliability(responses, answers, survey)
    adv, dev = _scale(result, "advancement"), _scale(result, "development")
    assert not adv.shown and adv.alpha is None and "workshop W" in adv.note
    assert dev.shown and dev.people == 7


def test_a_workshop_that_hides_its_part_hides_the_pooled_score() -> None:
    """Pooled over two workshops, a score is shown only when each workshop's part could be shown."""
    survey = _survey({"a": {"advancement": 1}, "b": {"advancement": 1}, "d": {"development": 1},
                      "e": {"development": 1}}, required=False)  # fmt: skip
    big = [[1 + i % 5, 1 + (i * 3) % 5, 1 + i % 4, 1 + i % 2] for i in range(10)]
    small = [[2, 3, 1 + i % 3, 2] for i in range(4)] + [[None, None, 2, 1], [None, 1, 3, 2]]
    groups = ["BIG"] * 10 + ["SKIP"] * 6
    responses, answers = _frames(big + small, ["a", "b", "d", "e"], groups)
    adv = _scale(reliability(responses, answers, survey), "advancement")
    assert not adv.shown and "workshop SKIP" in adv.note and "BIG" not in adv.note
    alone = responses["workshop"] == "BIG"
    assert _scale(reliability(responses[alone], answers, survey), "advancement").shown


def test_figures_move_in_the_dashboards_steps() -> None:
    """12 responses cover the first 10; two more change nothing; the 15th moves a whole step."""
    store = MemoryStore()
    run_demo(CAREER, store, "STEP", 12, seed=8)
    first = read_reliability(store, CAREER, ["STEP"])
    run_demo(CAREER, store, "STEP", 2, seed=9)
    second = read_reliability(store, CAREER, ["STEP"])
    run_demo(CAREER, store, "STEP", 1, seed=10)
    third = read_reliability(store, CAREER, ["STEP"])
    assert [s.people for s in first.scales] == [10, 10]
    assert first.scales == second.scales
    assert [s.people for s in third.scales] == [15, 15] and third.scales != first.scales
    assert "charts show the first 10" in second.release


def test_threshold_below_three_is_refused() -> None:
    """Asking for a threshold of 2 raises ConfigError with the rule in words."""
    with pytest.raises(ConfigError, match="cannot be lower than 3"):
        read_reliability(MemoryStore(), CAREER, ["W"], threshold=2)


def test_a_score_with_one_item_says_so() -> None:
    """A score that has a single item gets no alpha, and the note says how to add items."""
    survey = _survey({"a": {"advancement": 1}, "d": {"development": 1}, "e": {"development": 1}})
    responses, answers = _frames([[1 + i % 5, 2, 1 + i % 3] for i in range(5)], ["a", "d", "e"])
    adv = _scale(reliability(responses, answers, survey), "advancement")
    assert not adv.shown and "at least two items" in adv.note and "score:" in adv.note


def test_survey_readme_carries_the_guide_word_for_word() -> None:
    """Every line of the guide the CLI and the dashboard show is in survey/README.md as well."""
    from pathlib import Path

    from careerkit.reporting.reliability_text import GUIDE

    readme = Path(__file__).resolve().parents[2] / "survey" / "README.md"
    words = " ".join(readme.read_text(encoding="utf-8").split())
    for line in GUIDE:
        assert " ".join(line.split()) in words, line
