"""The facilitator's dashboard in a real browser: token required, live count, hostile text inert."""

from __future__ import annotations

import random
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

import pytest
from answers import answer_in_browser
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store
from careerkit.survey.demo import fake_answers
from careerkit.survey.screens.form import SurveyForm

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

DASHBOARD = "voila/render/dashboard.ipynb"
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror='window.__pwned = 2'>",
    "<svg onload='window.__pwned = 3'></svg>",
    "<a href='javascript:window.__pwned = 4'>click me</a>",
    "<iframe src='javascript:window.__pwned = 5'></iframe>",
    "<body onload='window.__pwned = 6'>",
    "<b onmouseover='window.__pwned = 7'>hover</b>",
    "$\\frac{1}{0}$ costs $5",
    "<style>*{display:none}</style>",
    '"><script>window.__pwned = 10</script>',
]


def _status(url: str) -> int:
    request = urllib.request.Request(url)  # noqa: S310  (our own loopback server)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_dashboard_needs_its_token(
    dashboard_server: VoilaServer, voila_server: VoilaServer
) -> None:
    """Without the token every dashboard route is refused; the participants' server has no dashboard."""
    for path in (DASHBOARD, "voila/tree", f"{DASHBOARD}?token=wrong-token-123456789"):
        assert _status(dashboard_server.url(path)) in (302, 401, 403), path
    for path in ("api/kernels", "voila/api/contents", "voila/files/dashboard.ipynb"):
        assert _status(dashboard_server.url(path)) in (302, 401, 403, 404), path
    assert _status(dashboard_server.url(f"{DASHBOARD}?token={dashboard_server.token}")) == 200
    assert _status(voila_server.url(DASHBOARD)) == 404


def test_count_reaches_three_without_reload(
    chromium: Any, dashboard_server: VoilaServer, voila_server: VoilaServer
) -> None:
    """Three survey submissions appear in the open dashboard's count by themselves; the chart is there."""
    page = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.goto(dashboard_server.url(f"{DASHBOARD}?token={dashboard_server.token}&workshop=LIVE3"))
    count = page.locator(".careerkit-live-count")
    _expect(count).to_contain_text("0 responses so far", timeout=60_000)
    survey_page = chromium.new_context().new_page()
    survey = load_survey("career_interests")
    for n in range(3):
        survey_page.goto(voila_server.url("voila/render/interest_survey.ipynb?workshop=LIVE3"))
        survey_page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
        _submit_in_browser(survey_page, survey, seed=n)
    _expect(count).to_contain_text("3 responses so far", timeout=30_000)
    _expect(page.locator(".careerkit-chart-orientation")).to_be_visible()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # never reloaded


def _submit_in_browser(page: Any, survey: Any, seed: int) -> None:
    answer_in_browser(page, survey, seed)
    page.locator(".careerkit-submit").click()
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=30_000)


def test_hostile_answers_show_as_plain_text(chromium: Any, dashboard_server: VoilaServer) -> None:
    """Ten hostile free-text answers are listed as their own characters and run nothing."""
    store = open_store(dashboard_server.sqlite_url)
    survey = load_survey("career_interests")
    for i, text in enumerate(HOSTILE):
        form = SurveyForm(survey, store=store, workshop="XSS10")
        answers = fake_answers(survey, random.Random(100 + i))
        answers["career_goal"] = text
        form.set_answers(answers)
        assert form.submit() is not None
    page = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.goto(dashboard_server.url(f"{DASHBOARD}?token={dashboard_server.token}&workshop=XSS10"))
    comments = page.locator(".careerkit-comments")
    _expect(comments).to_contain_text(HOSTILE[0], timeout=60_000)
    listed = comments.inner_text()
    for text in HOSTILE:
        assert text in listed, text
    assert page.evaluate("window.__pwned === undefined")
    assert comments.locator("script, img, svg, iframe, a, style").count() == 0
