"""`careerkit analyze`: alpha and items per score, the guide, and the privacy rules, from the store."""

from __future__ import annotations

import pytest

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.store import open_store
from careerkit.survey.demo import run_demo


def _demo(workshop: str, people: int, seed: int) -> None:
    store = open_store()
    try:
        run_demo(load_survey("career_interests"), store, workshop, people, seed=seed)
    finally:
        store.close()


def test_analyze_prints_each_score_its_items_and_the_guide(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Twelve responses: both scores with alpha and interval over 10 people, the item table, the guide."""
    _demo("TEAM1", 12, seed=3)
    assert main(["analyze", "--workshop", "TEAM1"]) == 0
    out = capsys.readouterr().out
    assert "Advancement score: alpha 0." in out and "Development score: alpha 0." in out
    assert "(95% CI " in out and "10 people who answered all 7 items" in out
    assert "comfort_zone (reversed)" in out and "item-total  alpha if deleted" in out
    assert "charts show the first 10 (3 more to the next step)" in out
    assert "alpha under 0.6: the items may not measure one thing" in out
    assert "Traceback" not in out


def test_analyze_small_workshop_shows_no_figure_and_says_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A workshop of four is left out of every figure, and pooling it with a big one changes nothing."""
    _demo("BIG", 10, seed=4)
    _demo("FEW", 4, seed=5)
    assert main(["analyze", "--workshop", "FEW", "--no-guide"]) == 0
    alone = capsys.readouterr().out
    assert "alpha" not in alone.replace("Alpha needs", "")
    assert "Workshop FEW: fewer than 5 responses so far, so left out" in alone
    assert "Shown once a selected workshop has at least 5 responses" in alone
    assert main(["analyze", "--workshop", "BIG", "--no-guide"]) == 0
    big = capsys.readouterr().out
    assert main(["analyze", "--workshop", "BIG", "--workshop", "FEW", "--no-guide"]) == 0
    both = capsys.readouterr().out
    assert both.split("\n\n")[1:3] == big.split("\n\n")[1:3]  # the same figures, FEW in none


def test_analyze_refuses_a_threshold_below_three(capsys: pytest.CaptureFixture[str]) -> None:
    """--threshold 2 exits 2 with a one-line reason, no traceback."""
    assert main(["analyze", "--workshop", "W", "--threshold", "2"]) == 2
    err = capsys.readouterr().err
    assert "cannot be lower than 3" in err and "Traceback" not in err


def test_analyze_names_a_missing_survey(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelled --survey exits 2 and lists the surveys there are."""
    assert main(["analyze", "--workshop", "W", "--survey", "carrer_interests"]) == 2
    assert "available: career_interests" in capsys.readouterr().err
