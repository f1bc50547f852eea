"""The dashboard shows one survey at a time and offers the surveys its workshops use."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.definitions import load_survey
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.store import open_store
from careerkit.survey.demo import run_demo

TWO = Path(__file__).resolve().parents[1] / "data" / "two_surveys"


def test_each_workshop_shows_with_its_own_survey(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(TWO))
    store = open_store("memory://")
    store.create_workshop("Careers", "CAREER")
    store.create_workshop("Pulse", "PULSE", survey="team_pulse")
    assert run_demo(load_survey("career_interests"), store, "CAREER", 5, seed=1) == 5
    assert run_demo(load_survey("team_pulse"), store, "PULSE", 5, seed=2) == 5
    board = Dashboard(
        load_survey("career_interests"), store=store, workshops=["CAREER"], threshold=3
    )
    assert list(board.survey_choice.options) == ["career_interests", "team_pulse"]
    assert board.last is not None and board.last.responses == 5
    assert "more_responsibility" in {q for b in board.last.likert for q in b.counts.index}
    board.survey_choice.value = "team_pulse"
    assert board.workshops == ["PULSE"]  # the picked workshop does not use it: its own does
    snap = board.last
    assert snap is not None and snap.survey is not None and snap.survey.id == "team_pulse"
    assert snap.responses == 5
    assert {q for b in snap.likert for q in b.counts.index} == {"pulse_clear_goals"}
    assert [b.title for b in snap.options] == ["Which day suits the team meeting best?"]
    assert board.downloads.survey.id == "team_pulse"
