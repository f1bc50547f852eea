"""A survey per workshop in a real browser: one `careerkit serve`, two workshops on two surveys
answered at once in Chromium, and each on the dashboard with its own questions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from answers import answer_in_browser
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

TWO = Path(__file__).resolve().parents[1] / "data" / "two_surveys"
SURVEY_PAGE = "voila/render/interest_survey.ipynb"


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


def _more_pulse(server: VoilaServer, n: int) -> None:
    """`n` more pulse answers, saved as the pulse form saves them (with its edition)."""
    import random
    from datetime import UTC, datetime

    from careerkit.model import Response, edition_of
    from careerkit.survey.demo import fake_answers

    survey = load_survey("team_pulse")
    store = open_store(server.sqlite_url)
    try:
        for i in range(n):
            store.save_response(
                Response(
                    id=f"pulse-more-{i}",
                    survey_id=survey.id,
                    workshop="PULSE",
                    answers=fake_answers(survey, random.Random(i)),
                    submitted_at=datetime.now(UTC),
                    edition=edition_of(survey, datetime.now(UTC)).digest,
                )
            )
    finally:
        store.close()


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
    finally:
        store.close()

    # The facilitator's dashboard (`careerkit dashboard` on the same data), in Chromium: it opens
    # on the careers workshop's survey and offers the other; picking it shows the pulse workshop
    # with the pulse survey's own questions.
    from voila_server import DASHBOARD_PAGE, DASHBOARD_TOKEN, start_dashboard

    pulse_texts = [q.text for q in load_survey("team_pulse").questions if q.kind != "text"]
    _more_pulse(two_surveys, 5)  # enough people for the pulse questions' charts to show
    with start_dashboard(
        two_surveys.data_dir, DASHBOARD_TOKEN, extra_env={"CAREERKIT_SURVEY_DIR": str(TWO)}
    ) as dashboard:
        page = careers
        page.set_viewport_size({"width": 1200, "height": 900})
        page.goto(dashboard.url(f"{DASHBOARD_PAGE}?token={DASHBOARD_TOKEN}&workshop=CAREER"))
        _expect(page.locator(".careerkit-live-count")).to_contain_text("1 response so far")
        choice = page.locator(".careerkit-survey-choice select")
        assert choice.locator("option").all_inner_texts() == ["career_interests", "team_pulse"]
        assert pulse_texts[1] not in page.content()
        choice.select_option("team_pulse")
        picked = page.locator(".careerkit-workshop-picker select option:checked")
        _expect(picked).to_have_count(1)
        _expect(picked).to_contain_text("PULSE")
        _expect(page.locator(".careerkit-live-count")).to_contain_text("6 responses so far")
        charts = page.locator(".careerkit-chart-likert img, .careerkit-chart-options img")
        _expect(charts).to_have_count(2)  # the pulse's scale and its choice, nothing of careers
        alts = " ".join(charts.evaluate_all("els => els.map(e => e.alt)"))
        assert pulse_texts[1] in alts, alts  # the choice's chart is titled by its question
        careers = load_survey("career_interests")
        assert not any(q.text in alts for q in careers.questions), alts
        assert page.errors == [], page.errors
