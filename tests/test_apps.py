"""Workbook entry points: link parameters and plain messages instead of tracebacks."""

from __future__ import annotations

import pytest

from careerkit.apps import link_code, query_params, survey_app
from careerkit.widgets import SurveyForm


def test_workshop_code_comes_from_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """`?workshop=CODE` in the page's link sets the form's workshop."""
    monkeypatch.setenv("QUERY_STRING", "workshop=ABC123&x=1")
    assert query_params() == {"workshop": "ABC123", "x": "1"}
    app = survey_app()
    assert isinstance(app, SurveyForm) and app.workshop == "ABC123"


def test_odd_codes_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code with markup or spaces falls back to the default instead of being stored."""
    monkeypatch.setenv("QUERY_STRING", "workshop=%3Cscript%3E")
    assert link_code("workshop", "DEFAULT") == "DEFAULT"
    monkeypatch.setenv("QUERY_STRING", "")
    assert link_code("workshop") is None


def test_unknown_survey_shows_a_message_not_a_traceback() -> None:
    """A workbook naming a survey that does not exist shows the list of surveys that do."""
    app = survey_app("no_such_survey")
    assert "careerkit-problem" in app._dom_classes
    text = app.children[0].value
    assert "No survey &#x27;no_such_survey&#x27;" in text and "career_interests" in text


def test_unusable_store_shows_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A database URL careerkit cannot use gives a readable message in the app."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "oracle://x/y")
    app = survey_app()
    assert "careerkit-problem" in app._dom_classes
    assert "SQLite or PostgreSQL" in app.children[0].value
