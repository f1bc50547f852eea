"""The projector view in a real browser: no token in any address, fits 1080p and 720p, keys, QR, moderation."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.reporting.moderation import set_hidden
from careerkit.store import open_store
from careerkit.survey.demo import fake_answers
from careerkit.survey.screens.form import SurveyForm

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

DASHBOARD = "voila/render/dashboard.ipynb"
TOKEN = "projector-token-" + "y" * 24
HIDDEN = "Hidden words that name my manager"
SURVEY_LINK = "http://localhost:8866/voila/render/interest_survey.ipynb?workshop=WALL"


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """A dashboard server over workshop WALL: 10 answers with comments, one of them hidden."""
    from voila_server import start_dashboard

    data = tmp_path_factory.mktemp("wall") / "data"
    with start_dashboard(data, TOKEN) as server:
        store = open_store(server.sqlite_url)
        survey = load_survey("career_interests")
        store.create_workshop("Wall room", "WALL")
        for i in range(10):
            form = SurveyForm(survey, store=store, workshop="WALL")
            answers = fake_answers(survey, random.Random(900 + i))
            answers["career_goal"] = HIDDEN if i == 4 else f"Lead a team within {i + 1} years"
            form.set_answers(answers)
            assert form.submit() is not None
        rid = next(r.id for r in store.responses() if r.answers["career_goal"] == HIDDEN)
        set_hidden(store, "WALL", rid, "career_goal", True)
        store.close()
        yield server


def test_no_token_in_the_addresses_and_hide_leaves_the_open_projector(
    chromium: Any, wall: VoilaServer, tmp_path: Path
) -> None:
    """No token in the dashboard's address after load, nor in its projector tab (the cookie lets
    it in); pressing Hide on the dashboard takes the comment off that tab without a reload."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(wall.url(f"{DASHBOARD}?token={TOKEN}&workshop=WALL"))
        _expect(page.locator(".careerkit-dashboard")).to_be_visible(timeout=60_000)
        assert "token" not in page.url and "workshop=WALL" in page.url
        assert page.locator(".careerkit-projector").count() == 0
        with context.expect_page() as opened:
            page.locator(".careerkit-open-projector").click()
        wall_tab = opened.value
        _expect(wall_tab.locator(".careerkit-projector")).to_be_visible(timeout=60_000)
        assert "token" not in wall_tab.url and "view=projector" in wall_tab.url
        view = wall_tab.locator(".careerkit-projector")
        hidden = page.locator(".careerkit-comment-hidden")
        _expect(hidden).to_contain_text(HIDDEN)
        _expect(hidden.get_by_role("button")).to_have_text("Show again")
        wall_tab.keyboard.press("ArrowLeft")
        wall_tab.keyboard.press("ArrowLeft")  # the first page of comments
        _expect(view).to_contain_text("Lead a team within 1 years")
        row = page.locator(".careerkit-comment", has_text="Lead a team within 1 years")
        row.get_by_role("button", name="Hide").click()
        _expect(row).to_have_class(re.compile("careerkit-comment-hidden"))
        page.screenshot(path=str(tmp_path / "dashboard-hidden.png"), full_page=True)
        _expect(view).not_to_contain_text("Lead a team within 1 years", timeout=20_000)
        _expect(view).to_contain_text("Lead a team within 2 years")
    finally:
        context.close()


def _cut_off(page: Any) -> list[str]:
    """Visible elements of the projector that reach past the window, or text clipped by a box."""
    return list(
        page.evaluate(
            """() => {
  const W = innerWidth, H = innerHeight, bad = [];
  if (document.scrollingElement.scrollHeight > H || document.scrollingElement.scrollWidth > W)
    bad.push('the page scrolls');
  for (const el of document.querySelectorAll('.careerkit-projector *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1)
      bad.push(el.className + ' ' + JSON.stringify([r.left, r.top, r.right, r.bottom]));
    const text = ['LI', 'P', 'BUTTON', 'LABEL', 'SPAN'].includes(el.tagName);
    if (text && (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2))
      bad.push('clipped: ' + el.tagName + ' ' + el.textContent.slice(0, 40));
  }
  return bad;
}"""
        )
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_the_projector_fits_moves_with_keys_and_shows_a_working_qr_code(
    chromium: Any, wall: VoilaServer, size: tuple[int, int], tmp_path: Path
) -> None:
    """Every section fits the screen, the arrows move, the QR code reads as the survey link."""
    import zxingcpp
    from PIL import Image

    width, height = size
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(wall.url(f"{DASHBOARD}?view=projector&workshop=WALL&token={TOKEN}"))
        view = page.locator(".careerkit-projector")
        _expect(view).to_be_visible(timeout=60_000)
        assert "token" not in page.url
        position = page.locator(".careerkit-projector-position")
        _expect(position).to_contain_text("1 of ", timeout=30_000)
        total = int(position.inner_text().split(" of ")[1])
        assert total == 17  # the split, 11 scale questions, 3 choice questions, 2 pages of comments
        _expect(page.locator(".careerkit-projector-chart")).to_be_visible()
        qr = page.locator(".careerkit-projector-qr")
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
        assert decoded == [SURVEY_LINK]
        _expect(page.locator(".careerkit-live-count")).to_contain_text("10 responses")
        seen = []
        for n in range(1, total + 1):
            _expect(position).to_have_text(f"{n} of {total}")
            page.wait_for_timeout(300)  # the chart image decodes
            assert _cut_off(page) == [], f"section {n}"
            seen.append(view.inner_text())
            if n in (1, total):
                page.screenshot(path=str(tmp_path / f"projector-{width}-{n}.png"))
            page.keyboard.press("ArrowRight")
        _expect(position).to_have_text(f"1 of {total}")  # past the end, back to the start
        page.keyboard.press("ArrowLeft")
        _expect(position).to_have_text(f"{total} of {total}")
        text = "\n".join(seen)
        assert "Lead a team within 3 years" in text
        assert HIDDEN not in text and HIDDEN not in page.content()
    finally:
        context.close()
