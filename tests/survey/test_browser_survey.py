"""The interest survey as a participant meets it: `careerkit serve` driven by headless Chromium."""

from __future__ import annotations

import http.client
import os
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from answers import ACTIVITIES, ANSWERS, CHOICES, GOAL, PAGE_1, PAGE_2, ROLE
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.model import Response
from careerkit.store import open_store
from careerkit.survey.scoring import explain, score
from careerkit.survey.screens.results import format_code

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]  # the server and browser fixtures (loaded with assert rewriting)
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SURVEY_PAGE = "voila/render/interest_survey.ipynb"

_ACTIVE = re.compile(r"\bmod-active\b")


@pytest.fixture(scope="module")
def survey() -> Any:
    """The survey definition the server shows (the project's survey folder)."""
    return load_survey("career_interests")


@pytest.fixture
def responses(voila_server: VoilaServer) -> Iterator[Any]:
    """The server's own SQLite store, read from the test process."""
    store = open_store(voila_server.sqlite_url)
    try:
        yield store
    finally:
        store.close()


def _open_survey(page: Any, server: VoilaServer, workshop: str) -> None:
    page.goto(server.url(f"{SURVEY_PAGE}?workshop={workshop}"))
    page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    _expect(page.locator(".careerkit-survey")).to_contain_text(f"Workshop {workshop}")


def _likert(page: Any, qid: str, value: int) -> None:
    button = page.locator(f".careerkit-q-{qid} button.widget-toggle-button[data-value='{value}']")
    button.click()
    _expect(button).to_have_class(_ACTIVE)  # the kernel's value came back to the page


def _option(page: Any, qid: str, label: str, kind: str) -> None:
    box = page.locator(f".careerkit-q-{qid} label", has_text=label).locator(f"input[type={kind}]")
    box.check()
    _expect(box).to_be_checked()


def _label(survey: Any, qid: str, option_id: str) -> str:
    question = next(q for q in survey.questions if q.id == qid)
    return str(next(o.label for o in question.options if o.id == option_id))


def _next_page(page: Any, number: int) -> None:
    page.get_by_role("button", name="Next").click()
    _expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number} of 3")


def _fill_pages_1_and_2(page: Any) -> None:
    for qid, value in PAGE_1.items():
        _likert(page, qid, value)
    role = page.locator(".careerkit-q-next_role_name input[type=text]")
    role.wait_for(state="visible")  # shown because next_role >= 4
    role.fill(ROLE)
    _next_page(page, 2)
    for qid, value in PAGE_2.items():
        _likert(page, qid, value)
    _next_page(page, 3)


def _stored(store: Any, workshop: str) -> list[Response]:
    return list(store.responses(workshop=workshop))


def test_full_survey_is_saved_scored_and_stored(
    browser_page: Any, voila_server: VoilaServer, survey: Any, responses: Any
) -> None:
    """Answering every question on all three pages and submitting saves exactly those answers."""
    page = browser_page
    _open_survey(page, voila_server, "BRW1")
    _fill_pages_1_and_2(page)
    for option in ACTIVITIES:
        _option(page, "activities", _label(survey, "activities", option), "checkbox")
    for qid, option in CHOICES.items():
        _option(page, qid, _label(survey, qid, option), "radio")
    page.locator(".careerkit-q-career_goal textarea").fill(GOAL)
    page.locator(".careerkit-submit").click()

    expected = score(survey, ANSWERS)
    assert expected is not None
    title = explain(survey, expected).title
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=30_000)
    _expect(page.locator(".careerkit-result")).to_contain_text(f"Your orientation: {title}")
    _expect(page.locator(".careerkit-score-advancement")).to_be_visible()

    stored = _stored(responses, "BRW1")
    assert len(stored) == 1, f"expected one BRW1 response, found {len(stored)}"
    (response,) = stored
    assert response.survey_id == survey.id
    assert response.answers == ANSWERS
    assert response.result == expected
    assert format_code(response.id) in page.locator(".careerkit-result").inner_text()
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"


def test_text_typed_then_submitted_before_the_kernel_answers_is_stored_whole(
    browser_page: Any, voila_server: VoilaServer, survey: Any, responses: Any
) -> None:
    """Every key of a text, then a tap on Submit, all before the kernel has answered once (one
    browser task, as on a slow kernel): the stored answer has every character.

    A field that sent each keystroke had all but its first queued behind that first one, while
    the Submit click went straight to the kernel, so the answer lost its end."""
    page = browser_page
    _open_survey(page, voila_server, "BRW5")
    _fill_pages_1_and_2(page)
    for option in ACTIVITIES:
        _option(page, "activities", _label(survey, "activities", option), "checkbox")
    for qid, option in CHOICES.items():
        _option(page, qid, _label(survey, qid, option), "radio")
    goal = page.locator(".careerkit-q-career_goal textarea")
    goal.click()
    page.evaluate(
        """(text) => {
            const box = document.activeElement;
            for (const key of text) {
                box.value += key;
                box.dispatchEvent(new InputEvent("input", {bubbles: true, data: key}));
            }
            const submit = document.querySelector(".careerkit-submit");
            submit.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true}));
            submit.click();
        }""",
        GOAL,
    )
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=30_000)
    (response,) = _stored(responses, "BRW5")
    assert response.answers["career_goal"] == GOAL


def test_missing_required_answer_is_named_and_nothing_stored(
    browser_page: Any, voila_server: VoilaServer, survey: Any, responses: Any
) -> None:
    """Submitting without the required manager_support answer names it and saves nothing."""
    page = browser_page
    _open_survey(page, voila_server, "BRW2")
    _fill_pages_1_and_2(page)
    _option(page, "activities", _label(survey, "activities", "courses"), "checkbox")
    page.locator(".careerkit-submit").click()

    question = next(q for q in survey.questions if q.id == "manager_support")
    status = page.locator(".careerkit-status")
    _expect(status).to_contain_text("needs an answer", timeout=30_000)
    _expect(status).to_contain_text(question.text)
    error_line = page.locator(".careerkit-q-manager_support .careerkit-error")
    _expect(error_line).to_contain_text(question.text)
    _expect(page.locator(".careerkit-submit")).to_be_visible()
    assert "Saved" not in status.inner_text()
    assert page.locator(".careerkit-result").count() == 0
    assert _stored(responses, "BRW2") == []


def test_served_page_carries_no_notebook_source(
    browser_page: Any, voila_server: VoilaServer
) -> None:
    """The HTML sent to the browser, and the page it renders, hold none of the notebook's code."""
    page = browser_page
    served = page.goto(voila_server.url(f"{SURVEY_PAGE}?workshop=BRW3"))
    assert served is not None and served.status == 200
    html = served.text()
    page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    rendered = page.content()
    for source in ("survey_app(", "from careerkit", 'survey = "career_interests"'):
        assert source not in html, f"served HTML contains notebook source {source!r}"
        assert source not in rendered, f"rendered page contains notebook source {source!r}"
    assert "careerkit-survey" in rendered  # the check above looked at a real survey page


def test_server_sends_safe_headers_and_logs_no_config_warnings(voila_server: VoilaServer) -> None:
    """Headers set in voila.json reach clients; the log has no deprecation or plain-TCP warning."""
    conn = http.client.HTTPConnection("127.0.0.1", _port(voila_server), timeout=30)
    try:
        conn.request("GET", "/voila/tree")
        resp = conn.getresponse()
        resp.read()
    finally:
        conn.close()
    assert resp.status == 200
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert resp.getheader("Referrer-Policy") == "no-referrer"
    log = voila_server.log()
    assert "DeprecationWarning" not in log, log
    if os.name == "posix":
        assert "running over TCP without encryption" not in log, log


def _port(server: VoilaServer) -> int:
    port = urllib.parse.urlsplit(server.base_url).port
    assert port is not None
    return port


def _raw_get(server: VoilaServer, path: str) -> tuple[int, bytes]:
    """GET `path` as written (no client-side `..` clean-up), following same-server redirects."""
    for _hop in range(5):
        conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=30)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        location = resp.getheader("Location")
        if resp.status not in (301, 302, 303, 307, 308) or not location:
            return resp.status, body
        assert location.startswith("/"), f"{path} redirects off the server to {location}"
        path = location
    raise AssertionError(f"more than 5 redirects from {path}")


def test_database_and_survey_files_are_not_served(voila_server: VoilaServer) -> None:
    """Paths that climb out of the served folder to the SQLite file or survey YAML get 403/404."""
    database = voila_server.data_dir / "careerkit.sqlite3"
    yaml = ROOT / "survey" / "career_interests.yaml"
    assert database.is_file() and yaml.is_file()  # the targets exist, so a 403/404 means refused
    depth = len(voila_server.data_dir.joinpath("apps").parts)
    climb_to_yaml = "../" * depth + str(yaml).lstrip("/")
    paths = [
        "/voila/files/../careerkit.sqlite3",
        "/voila/files/%2e%2e/careerkit.sqlite3",
        "/voila/files/..%2fcareerkit.sqlite3",
        "/voila/files/%2E%2E%2Fcareerkit.sqlite3",
        f"/voila/files/{database}",
        f"/voila/files/{climb_to_yaml}",
        f"/voila/files/{yaml}",
        "/voila/files/career_interests.yaml",
        "/voila/files/survey/career_interests.yaml",
        "/voila/files/interest_survey.ipynb",
        "/voila/render/../careerkit.sqlite3",
        "/voila/render/%2e%2e/careerkit.sqlite3",
        f"/voila/render/{climb_to_yaml}",
        "/voila/api/contents/%2e%2e/careerkit.sqlite3",
    ]
    answers = {path: _raw_get(voila_server, path) for path in paths}
    served = {p: status for p, (status, _body) in answers.items() if status not in (403, 404)}
    assert served == {}, f"expected 403 or 404 for each path, got {served}"
    for path, (_status, body) in answers.items():
        assert b"SQLite format 3" not in body, path
        assert b"id: career_interests" not in body, path
