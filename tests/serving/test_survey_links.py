"""A survey per workshop: `?workshop=CODE` opens the survey the workshop was created with, and
`?survey=NAME` names one of survey/ by name only, refused politely otherwise (as `?org=`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.serving.apps import survey_app
from careerkit.store import open_store
from careerkit.survey.screens.form import SurveyForm

TWO = Path(__file__).resolve().parents[1] / "data" / "two_surveys"


@pytest.fixture(autouse=True)
def _two_surveys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(TWO))
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")


def test_a_workshop_link_opens_the_workshop_survey(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workshop", "create", "Pulse", "--code", "PULSE1", "--survey", "team_pulse"]) == 0
    assert "Survey: team_pulse" in capsys.readouterr().out
    monkeypatch.setenv("QUERY_STRING", "workshop=PULSE1")
    app = survey_app()
    assert isinstance(app, SurveyForm) and app.workshop == "PULSE1"
    assert app.survey.id == "team_pulse"
    assert app.submit() is None  # the pulse questions are required
    app.set_answers({"pulse_clear_goals": 3, "pulse_meeting_day": "friday"})
    saved = app.submit()
    assert saved is not None and saved.survey_id == "team_pulse"
    store = open_store()
    assert saved.edition == store.editions("team_pulse")[0].digest
    store.close()
    monkeypatch.setenv("QUERY_STRING", "workshop=OTHER")  # a workshop on the default survey
    other = survey_app()
    assert isinstance(other, SurveyForm) and other.survey.id == "career_interests"


def test_a_link_may_name_a_survey_by_name_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "survey=team_pulse&workshop=W1")
    app = survey_app()
    assert isinstance(app, SurveyForm) and app.survey.id == "team_pulse"
    for odd in ("../../etc/passwd", "/tmp/x.yaml", "team_pulse.yaml", "nope"):
        monkeypatch.setenv("QUERY_STRING", f"survey={odd}")
        refused = survey_app()
        assert "careerkit-problem" in refused._dom_classes
        text = refused.children[0].value
        assert "on this server" in text and "team_pulse" in text
        assert "Ask the facilitator for the right link." in text
        assert str(TWO) not in text


def test_workshop_create_keeps_survey_expect_and_lang(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["workshop", "create", "Day", "--code", "DAY1", "--survey", "team_pulse"]
    assert main([*args, "--expect", "40", "--lang", "de"]) == 0
    store = open_store()
    made = store.get_workshop("DAY1")
    store.close()
    assert made is not None and (made.survey, made.expect, made.lang) == ("team_pulse", 40, "de")
    capsys.readouterr()
    assert main(["workshop", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split()[3] == "EXPECT"
    assert listing[1].split()[:2] == ["DAY1", "open"] and "40" in listing[1].split()
    assert "team_pulse" in listing[1]
    for bad in (["--survey", "../x"], ["--expect", "0"], ["--lang", "German!"]):
        assert main(["workshop", "create", "Bad", "--code", "BAD1", *bad]) == 2
    assert "BAD1" not in capsys.readouterr().out


def test_export_and_report_use_the_workshop_survey(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from careerkit.definitions import load_survey
    from careerkit.survey.demo import run_demo

    store = open_store()
    store.create_workshop("Pulse", "PULSE", survey="team_pulse")
    assert run_demo(load_survey("team_pulse"), store, "PULSE", 5, seed=1) == 5
    assert run_demo(load_survey("career_interests"), store, "PULSE", 1, seed=2) == 1
    store.close()
    out = tmp_path / "pulse.csv"
    assert main(["export", "--workshop", "PULSE", "--output", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Wrote 5 responses" in said and "holds 1 response to other surveys" in said
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[3:6] == ["pulse_clear_goals", "pulse_meeting_day", "pulse_wish"]
    assert header[-1] == "edition_version"
    page = tmp_path / "pulse.html"
    assert main(["report", "--workshop", "PULSE", "--output", str(page), "--threshold", "3"]) == 0
    assert "Team pulse" in page.read_text(encoding="utf-8")
