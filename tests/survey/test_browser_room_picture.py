"""The room's picture in a real browser: submit, see it, press Refresh after more submissions.

The numbers on the page are checked against the dashboard's own snapshot of the same moment,
read from the server's database in the test process.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from answers import ACTIVITIES, CHOICES, GOAL, PAGE_1, PAGE_2, ROLE
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.model import ORIENTATIONS, Response, ScoreResult, edition_of
from careerkit.reporting.snapshot import snapshot
from careerkit.store import open_store
from careerkit.survey.room import ORIENTATION_LABELS

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY = load_survey("career_interests")
WORKSHOP = "ROOMPIC"
_ids = count()
_ACTIVE = re.compile(r"\bmod-active\b")
# Buttons whose label is wider than the button (as tests/serving/test_accessibility.py measures).
_CUT_BUTTONS = """() => Array.from(document.querySelectorAll('button'))
  .filter(b => b.getClientRects().length && b.scrollWidth > b.clientWidth + 1)
  .map(b => b.textContent.trim() + ' (' + b.scrollWidth + ' > ' + b.clientWidth + ')')"""


def _others(server: VoilaServer, orientations: list[str]) -> None:
    """Responses of other people in the workshop, saved as their kernels would."""
    store = open_store(server.sqlite_url)
    try:
        for o in orientations:
            store.save_response(
                Response(
                    id=f"roompic-{next(_ids):04d}",
                    survey_id=SURVEY.id,
                    workshop=WORKSHOP,
                    answers={"lead_people": 3},
                    result=ScoreResult(advancement=50, development=50, orientation=o),  # type: ignore[arg-type]
                    submitted_at=datetime.now(UTC) - timedelta(minutes=5),
                    edition=edition_of(SURVEY, datetime.now(UTC)).digest,  # as forms stamp it
                )
            )
    finally:
        store.close()


def _dashboard_words(server: VoilaServer, threshold: int = 5) -> str:
    """The dashboard's orientation split for the workshop now, said as the participant reads it."""
    store = open_store(server.sqlite_url)
    try:
        split = snapshot(store, SURVEY, [WORKSHOP], threshold).orientation
    finally:
        store.close()
    cells = split.counts.iloc[0]
    parts = [
        f"{ORIENTATION_LABELS[o].lower()} {'not shown' if pd.isna(cells[o]) else int(cells[o])}"
        for o in ORIENTATIONS
    ]
    return f"In this workshop so far: {', '.join(parts)}. (first {int(split.totals.iloc[0])})"


def _answer_and_submit(page: Any) -> None:
    for qid, value in PAGE_1.items():
        button = page.locator(
            f".careerkit-q-{qid} button.widget-toggle-button[data-value='{value}']"
        )
        button.click()
        _expect(button).to_have_class(_ACTIVE)
    page.locator(".careerkit-q-next_role_name input[type=text]").fill(ROLE)
    for number, answers in ((2, PAGE_2), (3, {})):
        page.get_by_role("button", name="Next").click()
        _expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number} of 3")
        for qid, value in answers.items():
            button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
            button.click()
            _expect(button).to_have_class(_ACTIVE)
    labels = {
        f"{q.id}.{o.id}": o.label for q in SURVEY.questions for o in getattr(q, "options", ())
    }
    for option in ACTIVITIES:
        page.locator(
            ".careerkit-q-activities label", has_text=labels[f"activities.{option}"]
        ).locator("input").check()
    for qid, option in CHOICES.items():
        page.locator(f".careerkit-q-{qid} label", has_text=labels[f"{qid}.{option}"]).locator(
            "input"
        ).check()
    page.locator(".careerkit-q-career_goal textarea").fill(GOAL)
    page.locator(".careerkit-submit").click()
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=60_000)


def _shows(page: Any, server: VoilaServer, threshold: int = 5) -> None:
    """The page's picture says what the dashboard shows now, number for number."""
    words, covers = _dashboard_words(server, threshold).rsplit(" (first ", 1)
    room = page.locator(".careerkit-room")
    _expect(room.locator(".careerkit-room-summary")).to_have_text(words)
    _expect(room).to_contain_text(f"first {covers.rstrip(')')} responses")


def test_submit_see_the_room_refresh_after_more(
    browser_page: Any, voila_server: VoilaServer, tmp_path: Any
) -> None:
    """Under the threshold the picture waits; Refresh shows the dashboard's numbers as they grow."""
    page = browser_page
    _others(voila_server, ["advancement", "development", "both"])
    page.goto(voila_server.url(f"voila/render/interest_survey.ipynb?workshop={WORKSHOP}"))
    page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    _expect(page.locator(".careerkit-survey")).to_contain_text(f"Workshop {WORKSHOP}")
    _answer_and_submit(page)
    room = page.locator(".careerkit-room")
    _expect(room).to_contain_text("appears here once at least 5 people")
    assert room.locator(".widget-progress").count() == 0  # no bar, no number

    _others(voila_server, ["advancement"] * 3 + ["development"] * 2 + ["undecided"])  # 10
    page.get_by_role("button", name="Refresh the picture").click()
    _shows(page, voila_server)
    _others(voila_server, ["both"] * 4 + ["development"] * 3)  # 17: the picture stays at 15
    page.get_by_role("button", name="Refresh the picture").click()
    _shows(page, voila_server)
    _expect(room).to_contain_text("first 15 responses")
    _expect(room.locator(".careerkit-room-both")).to_be_visible()

    # The facilitator sets "Min. group" to 8 on a dashboard: the next Refresh uses it too.
    from careerkit.reporting.screens.dashboard import Dashboard

    store = open_store(voila_server.sqlite_url)
    try:
        board = Dashboard(SURVEY, store=store, workshops=[WORKSHOP])
        board.threshold.value = 8
        assert board.last is not None and board.last.threshold == 8
    finally:
        store.close()
    page.get_by_role("button", name="Refresh the picture").click()
    _expect(room).to_contain_text("first 16 responses")
    _shows(page, voila_server, 8)
    _expect(room).to_contain_text("it moves in steps of 8")
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    serious = [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], f"axe-core on the result with the room's picture: {serious}"
    for width in (1200, 390):
        page.set_viewport_size({"width": width, "height": 844})
        assert page.evaluate(_CUT_BUTTONS) == [], f"a button label is cut off at {width} px"
    page.set_viewport_size({"width": 390, "height": 844})
    room.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "room-390.png"), full_page=True)
    box = room.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390 + 1, (
        f"picture wider than the phone: {box}"
    )
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
