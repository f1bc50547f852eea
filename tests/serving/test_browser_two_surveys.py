"""A survey per workshop in a real browser: one `careerkit serve`, two workshops on two surveys
answered at once in Chromium, and each on the dashboard with its own questions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from answers import answer_in_browser

from careerkit.definitions import load_survey
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

TWO = Path(__file__).resolve().parents[1] / "data" / "two_surveys"
SURVEY_PAGE = "voila/render/interest_survey.ipynb"


def _expect(locator: Any) -> Any:
    from playwright.sync_api import expect

    return expect(locator)


@pytest.fixture(scope="module")
def two_surveys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """`careerkit serve` on a survey folder with two surveys, and a workshop on each."""
    from voila_server import start_server

    data = tmp_path_factory.mktemp("two") / "data"
    with start_server(data, extra_env={"CAREERKIT_SURVEY_DIR": str(TWO)}) as server:
        store = open_store(server.sqlite_url)
        store.create_workshop("Careers", "CAREER")
        store.create_workshop("Pulse", "PULSE", survey="team_pulse")
        store.close()
        yield server


def test_two_workshops_on_two_surveys_answered_at_once(
    browser_page: Any, two_surveys: VoilaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(TWO))
    careers, pulse = browser_page, browser_page.context.new_page()
    pulse.errors = []
    pulse.on("pageerror", lambda exc: pulse.errors.append(str(exc)))
    careers.goto(two_surveys.url(f"{SURVEY_PAGE}?workshop=CAREER"))
    pulse.goto(two_surveys.url(f"{SURVEY_PAGE}?workshop=PULSE"))  # both open at once
    for page in (careers, pulse):
        page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    _expect(pulse.locator(".careerkit-survey")).to_contain_text("Team pulse")
    _expect(pulse.locator(".careerkit-q-pulse_clear_goals")).to_be_visible()
    assert careers.locator(".careerkit-q-pulse_clear_goals").count() == 0
    for page, name in ((careers, "career_interests"), (pulse, "team_pulse")):
        answer_in_browser(page, load_survey(name), seed=7)
    for page in (careers, pulse):
        page.locator(".careerkit-submit").click()
    for page in (careers, pulse):
        _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=30_000)
        assert page.errors == [], page.errors
    pulse.set_viewport_size({"width": 390, "height": 844})
    pulse.screenshot(path=str(two_surveys.data_dir.parent / "pulse-saved.png"), full_page=True)

    store = open_store(two_surveys.sqlite_url)
    try:
        (career,) = store.responses(workshop="CAREER")
        (team,) = store.responses(workshop="PULSE")
        assert (career.survey_id, team.survey_id) == ("career_interests", "team_pulse")
        assert set(team.answers) <= {"pulse_clear_goals", "pulse_meeting_day", "pulse_wish"}
        digests = {e.survey_id: e.digest for e in store.editions()}
        assert (career.edition, team.edition) == (
            digests["career_interests"],
            digests["team_pulse"],
        )
        board = Dashboard(load_survey("career_interests"), store=store, workshops=["CAREER"])
        assert board.last is not None and board.last.responses == 1
        assert list(board.survey_choice.options) == ["career_interests", "team_pulse"]
        board.survey_choice.value = "team_pulse"
        assert board.workshops == ["PULSE"]
        assert board.last is not None and board.last.responses == 1
        shown = board.last.survey
        assert shown is not None and [q.id for q in shown.questions] == [
            "pulse_clear_goals",
            "pulse_meeting_day",
            "pulse_wish",
        ]
    finally:
        store.close()
