"""The German survey in Chromium: answered and submitted end to end; the English dashboard counts it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from answers import ACTIVITIES, CHOICES, GOAL, PAGE_1, PAGE_2, ROLE, complete_answers
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store
from careerkit.survey.demo import run_demo

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY_PAGE = "voila/render/interest_survey.ipynb"
_ACTIVE = re.compile(r"\bmod-active\b")


def _likert(page: Any, qid: str, value: int) -> None:
    button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
    button.click()
    _expect(button).to_have_class(_ACTIVE)


def _check(page: Any, german: Any, qid: str, option: str) -> None:
    question = next(q for q in german.questions if q.id == qid)
    label = next(o.label for o in question.options if o.id == option)
    box = page.locator(f".careerkit-q-{qid} label", has_text=label).locator("input")
    box.check()
    _expect(box).to_be_checked()


def test_german_survey_end_to_end_and_the_english_dashboard_counts_it(
    page: Any, voila_server: VoilaServer, dashboard_server: VoilaServer, tmp_path: Path
) -> None:
    """`?lang=de`: German words and `<html lang="de">`, answered and submitted; ids are stored."""
    german = load_survey("career_interests", "de")
    store = open_store(voila_server.sqlite_url)
    try:
        run_demo(load_survey("career_interests"), store, "DE1", 4, seed=3)  # 4 + 1: over the floor
    finally:
        store.close()
    page.goto(voila_server.url(f"{SURVEY_PAGE}?workshop=DE1&lang=de"))
    survey = page.locator(".careerkit-survey")
    survey.wait_for(state="visible")
    _expect(survey).to_contain_text("Wohin soll sich Ihre berufliche Laufbahn entwickeln?")
    _expect(survey).to_contain_text("Seite 1 von 3")
    _expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role(
        "button", name="Weiter"
    ).click()  # nothing answered yet: the checks speak German
    _expect(page.locator(".careerkit-status")).to_contain_text("fehlen noch 5 Antworten")
    for qid, value in PAGE_1.items():
        _likert(page, qid, value)
    role = page.locator(".careerkit-q-next_role_name input[type=text]")
    role.fill(ROLE)
    role.press("Tab")  # a text answer reaches the kernel when it is committed
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # long German words wrap
    page.evaluate("document.querySelector('.careerkit-survey').scrollIntoView()")
    page.screenshot(path=str(tmp_path / "survey_german_390px.png"))  # to look at, kept by pytest
    page.set_viewport_size({"width": 1200, "height": 900})
    picker = page.get_by_label("Sprache")  # the picker keeps what is answered, and the link says it
    picker.select_option(label="English")
    _expect(survey).to_contain_text("Page 1 of 3", timeout=20_000)
    _expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "lang=en" in page.url and "workshop=DE1" in page.url
    _expect(page.locator(".careerkit-q-more_responsibility button[data-value='5']")).to_have_class(
        _ACTIVE
    )
    page.get_by_label("Language").select_option(label="Deutsch")
    _expect(survey).to_contain_text("Seite 1 von 3", timeout=20_000)
    _expect(page.locator(".careerkit-q-next_role_name input[type=text]")).to_have_value(ROLE)
    page.get_by_role("button", name="Weiter").click()
    _expect(survey).to_contain_text("Seite 2 von 3")
    for qid, value in PAGE_2.items():
        _likert(page, qid, value)
    page.get_by_role("button", name="Weiter").click()
    _expect(survey).to_contain_text("Seite 3 von 3")
    for option in ACTIVITIES:
        _check(page, german, "activities", option)
    for qid, option in CHOICES.items():
        _check(page, german, qid, option)
    page.locator(".careerkit-q-career_goal textarea").fill(GOAL)
    page.locator(".careerkit-q-career_goal textarea").press("Tab")
    page.get_by_role("button", name="Absenden").click()
    _expect(page.locator(".careerkit-status")).to_contain_text(
        "Gespeichert. Vielen Dank!", timeout=20_000
    )
    _expect(page.locator(".careerkit-result")).to_contain_text("Ihre Ausrichtung: ")
    _expect(page.locator(".careerkit-result")).to_contain_text(
        "Vorschläge für die nächsten Schritte"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".careerkit-result").screenshot(path=str(tmp_path / "result_german_390px.png"))
    page.set_viewport_size({"width": 1200, "height": 900})

    store = open_store(voila_server.sqlite_url)
    try:
        stored = store.responses(workshop="DE1")
    finally:
        store.close()
    assert len(stored) == 5
    assert [r.answers for r in stored if r.answers.get("career_goal") == GOAL] == [
        complete_answers()
    ]

    dash = page.context.new_page()
    dash.goto(
        dashboard_server.url(
            f"voila/render/dashboard.ipynb?token={dashboard_server.token}&workshop=DE1"
        )
    )
    _expect(dash.locator(".careerkit-live-count")).to_contain_text(
        "5 responses so far", timeout=60_000
    )
    charts = dash.locator(".careerkit-chart img")
    _expect(charts.first).to_be_visible()
    alts = " ".join(charts.nth(i).get_attribute("alt") or "" for i in range(charts.count()))
    assert "Chart: " in alts and "5 people" in alts, alts
    assert "Wohin" not in dash.locator("body").inner_text()
    dash.get_by_label("Language").select_option(label="Deutsch")  # reloads the dashboard in German
    _expect(dash.locator(".careerkit-live-count")).to_contain_text(
        "Bisher 5 Antworten", timeout=60_000
    )
    _expect(dash.locator(".careerkit-dashboard")).to_contain_text("Dashboard für die Moderation")
    assert "lang=de" in dash.url and "workshop=DE1" in dash.url
    dash.close()


def test_connection_lost_notice_speaks_the_pages_language(
    page: Any, voila_server: VoilaServer
) -> None:
    """The notice the page shows when its kernel is gone is in German on a German page."""
    import psutil

    page.goto(voila_server.url(f"{SURVEY_PAGE}?workshop=DE2&lang=de"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    _expect(page.locator(".careerkit-survey")).to_contain_text("Seite 1 von 3", timeout=20_000)
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    victims = [k for k in voila_server.kernels() if kernel_id in " ".join(k.cmdline())]
    assert len(victims) == 1, "found the page's kernel process"
    victims[0].kill()
    psutil.wait_procs(victims, timeout=10)
    notice = page.locator(".careerkit-connection-lost")
    _expect(notice).to_contain_text("Die Verbindung zum Server ist unterbrochen", timeout=20_000)
    _expect(notice.get_by_role("button")).to_have_text("Seite neu laden")
