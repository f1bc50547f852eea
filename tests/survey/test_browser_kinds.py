"""Ranking, matrix and number answered in Chromium, the ranking and matrix by keyboard alone.

One server for the module, serving a copy of the survey workbook set to the shipped
`growth_priorities` survey; the stored response is read back from the server's database.
The matrix is a grid at 1200 px and stacked at a phone's 390 px, without sideways scrolling.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pages import expect as _expect

from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGE = "voila/render/growth_survey.ipynb"
_ACTIVE = re.compile(r"\bmod-active\b")
_FOCUSED = "sel => !!document.activeElement && document.activeElement.matches(sel)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """`careerkit serve` of the survey workbook, its parameter set to growth_priorities."""
    from voila_server import start_server

    base = tmp_path_factory.mktemp("kinds")
    books = base / "workbooks"
    shutil.copytree(ROOT / "workbooks", books)
    book = json.loads((books / "interest_survey.ipynb").read_text(encoding="utf-8"))
    cell = book["cells"][0]
    cell["source"] = [
        line.replace('"career_interests"', '"growth_priorities"') for line in cell["source"]
    ]
    (books / "growth_survey.ipynb").write_text(json.dumps(book, indent=1), encoding="utf-8")
    with start_server(base / "data", workbook_dir=books, ready_page=PAGE) as s:
        yield s


def _tab_to(page: Any, selector: str, key: str = "Tab", most: int = 40) -> None:
    for _ in range(most):
        page.keyboard.press(key)
        if page.evaluate(_FOCUSED, selector):
            return
    raise AssertionError(f"{most} presses of {key} never reached {selector}")


def _open(chromium: Any, server: VoilaServer, width: int, code: str) -> Any:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(server.url(f"{PAGE}?workshop={code}"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    return page


def _axe_problems(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _slot(page: Any, i: int) -> Any:
    return page.locator(".careerkit-q-priorities .careerkit-rank-slot").nth(i)


def _add(page: Any, label: str) -> None:
    add = page.locator(".careerkit-q-priorities .careerkit-rank-option", has_text=label).locator(
        "button"
    )
    _expect(add).to_have_accessible_name(f"Add {label} to your ranking")
    _tab_to(page, f"button[title='Add {label} to your ranking']")
    page.keyboard.press("Enter")


def test_every_kind_answered_by_keyboard_and_stored(chromium: Any, server: VoilaServer) -> None:
    """Ranking by Add/Up, matrix rows by arrows, numbers typed (a wrong one told), axe-clean, stored."""
    page = _open(chromium, server, 1200, "KINDS1")
    ranking = page.locator(".careerkit-q-priorities .careerkit-ranking")
    _expect(ranking).to_have_attribute("role", "group")
    _add(page, "New skills")
    _expect(_slot(page, 0)).to_contain_text("1. New skills")
    _add(page, "Better pay")
    _expect(_slot(page, 1)).to_contain_text("2. Better pay")
    _expect(_slot(page, 1).locator("button.careerkit-rank-remove")).to_be_focused()  # follows it
    page.keyboard.press("Shift+Tab")  # Down is off on the last place: Up comes first
    _expect(_slot(page, 1).locator("button.careerkit-rank-up")).to_be_focused()
    page.keyboard.press("Enter")
    _expect(_slot(page, 0)).to_contain_text("1. Better pay")
    down = _slot(page, 0).locator("button.careerkit-rank-down")
    _expect(down).to_be_focused()  # the focus went up with Better pay (no Up at the top)
    _expect(down).to_have_accessible_name("Move Better pay down")
    _expect(ranking.locator(".careerkit-live")).to_contain_text("Better pay is now number 1.")
    _add(page, "A team to lead")
    _expect(_slot(page, 2)).to_contain_text("3. A team to lead")
    _expect(page.locator(".careerkit-q-priorities button[title^='Add ']").first).to_be_disabled()
    page.screenshot(path=str(server.data_dir.parent / "ranking.png"))
    assert _axe_problems(page) == []

    for qid, value in (("workload_fair", 4), ("workload_learning", 2)):
        group = page.locator(f".careerkit-q-{qid} [role=radiogroup]")
        text = page.locator(f".careerkit-q-{qid} .careerkit-prompt").inner_text()
        _expect(group).to_have_accessible_name(text)
        _tab_to(page, f".careerkit-q-{qid} [role=radio]")
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
        _expect(page.locator(f".careerkit-q-{qid} button[data-value='{value}']")).to_have_class(
            _ACTIVE
        )
    _tab_to(page, ".careerkit-next")
    page.keyboard.press("Enter")
    _expect(page.locator(".careerkit-survey")).to_contain_text("Page 2 of 2")

    hours = page.locator(".careerkit-q-learning_hours input")
    hours.fill("41")
    hours.press("Tab")
    error = page.locator(".careerkit-q-learning_hours .careerkit-question-error")
    _expect(error).to_contain_text("type a number from 0 to 40 hours (you typed 41).")
    _expect(error).to_have_attribute("role", "status")
    _expect(hours).to_have_attribute("aria-invalid", "true")
    _expect(hours).to_have_attribute("inputmode", "decimal")
    assert hours.get_attribute("aria-describedby") == error.get_attribute("id")
    page.screenshot(path=str(server.data_dir.parent / "number.png"))
    assert _axe_problems(page) == []
    hours.fill("12")
    hours.press("Tab")
    _expect(error).to_have_text("")
    years = page.locator(".careerkit-q-years_in_role input")
    years.fill("2,5")
    years.press("Tab")
    page.locator(".careerkit-submit").click()
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved")

    store = open_store(server.sqlite_url)
    try:
        (saved,) = store.responses(workshop="KINDS1")
    finally:
        store.close()
    assert saved.answers == {
        "priorities": ("pay", "skills", "team"),
        "workload_fair": 4,
        "workload_learning": 2,
        "learning_hours": 12,
        "years_in_role": 2.5,
    }
    page.context.close()


def test_the_matrix_is_a_grid_when_wide_and_stacked_on_a_phone(
    chromium: Any, server: VoilaServer
) -> None:
    """Wide: each statement beside its scale, the ends named once; 390 px: statement above scale, no sideways scroll."""
    for width in (1200, 390):
        page = _open(chromium, server, width, f"GRID{width}")
        row = page.locator(".careerkit-q-workload_learning")
        statement = row.locator(".careerkit-prompt").bounding_box()
        scale = row.locator("[role=radiogroup]").bounding_box()
        ends = page.locator(".careerkit-matrix-ends")
        own_ends = row.locator(".careerkit-hint").first
        if width == 1200:
            assert scale["x"] > statement["x"] + statement["width"] - 1, (
                "the scale is beside the statement"
            )
            assert abs(scale["y"] - statement["y"]) < statement["height"] + 4
            _expect(ends).to_be_visible()
            _expect(own_ends).to_be_hidden()
        else:
            assert scale["y"] >= statement["y"] + statement["height"] - 1, (
                "the scale is under the statement"
            )
            _expect(ends).to_be_hidden()
            _expect(own_ends).to_be_visible()
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= 390
        page.screenshot(path=str(server.data_dir.parent / f"matrix-{width}.png"))
        page.context.close()
