"""The crossings app as a manager and an employee meet it: `careerkit serve` and headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from pages import expect as _expect

from careerkit.crossings.model import Brainstorm
from careerkit.plans.editing import new_plan_code
from careerkit.plans.model import Plan
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]  # the server and browser fixtures (loaded with assert rewriting)
pytestmark = pytest.mark.browser

CROSSINGS_PAGE = "voila/render/creative_crossings.ipynb"
PLAN_PAGE = "voila/render/development_plan.ipynb"
ROLE = "Move into a supervisor role and lead a team"
_ACTIVE = re.compile(r"\bmod-active\b")


@pytest.fixture
def store(voila_server: VoilaServer) -> Iterator[Any]:
    """The server's own SQLite store, opened from the test process."""
    opened = open_store(voila_server.sqlite_url)
    try:
        yield opened
    finally:
        opened.close()


def test_accept_rate_and_send_a_crossing_to_a_plan(
    browser_page: Any, voila_server: VoilaServer, store: Any
) -> None:
    """In the browser a proposed crossing is accepted, rated, drawn on the map and sent to a plan that then shows it."""
    plan = store.create_doc(Plan(code=new_plan_code(), employee="Ann", workshop="BRX1"))
    page = browser_page
    page.goto(voila_server.url(f"{CROSSINGS_PAGE}?workshop=BRX1"))
    board = page.locator(".careerkit-crossings")
    board.wait_for(state="visible", timeout=60_000)
    _expect(board).to_contain_text("Northwind Logistics")

    page.locator(".careerkit-new-brainstorm").click()
    _expect(page.locator(".careerkit-brainstorm-code")).to_contain_text("Your brainstorm code")
    page.locator(".careerkit-new-employee-text input").fill(ROLE)
    page.locator(".careerkit-side-employee select").select_option(label="Role I aim for")
    page.locator(".careerkit-new-employee-tags input").fill("leadership, people")
    page.locator(".careerkit-add-employee").click()

    proposal = page.locator(".careerkit-proposal").first
    _expect(proposal).to_contain_text("New team leads for the project teams")
    _expect(proposal).to_contain_text("both mention leadership, people")
    proposal.locator(".careerkit-accept").click()

    card = page.locator(".careerkit-crossing-card")
    _expect(card).to_have_count(1)
    for name, value in (("efficiency", 4), ("energy", 5), ("engagement", 4)):
        button = card.locator(f".careerkit-rate-{name} button[data-value='{value}']")
        button.click()
        _expect(button).to_have_class(_ACTIVE)
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved")

    page.locator(".careerkit-target-plan input").fill(plan.code)
    card.locator(".careerkit-send-to-plan").click()
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Added the goal", timeout=30_000)

    saved = store.get_doc(Plan, plan.code)
    assert saved is not None and len(saved.goals) == 1
    goal = saved.goals[0]
    assert ROLE in goal.title and "New team leads" in goal.title
    assert {"employee", "manager"} <= {a.owner for a in goal.actions}
    (brainstorm,) = store.docs(Brainstorm, workshops=["BRX1"])
    (crossing,) = brainstorm.crossings
    assert (crossing.org_item, crossing.status) == ("new_team_leads", "accepted")
    assert (crossing.efficiency, crossing.energy, crossing.engagement) == (4, 5, 4)
    assert crossing.sent_to_plan == plan.code

    page.locator(".careerkit-draw-map").click()
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Crossing map drawn")
    _expect(board.locator(".careerkit-crossing-map img")).to_be_visible()

    page.goto(voila_server.url(f"{PLAN_PAGE}?plan={plan.code}"))
    plan_screen = page.locator(".careerkit-plan")
    plan_screen.wait_for(state="visible", timeout=60_000)
    manager_action = next(a.title for a in goal.actions if a.owner == "manager")
    _expect(plan_screen).to_contain_text(manager_action)
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"


def test_an_item_is_reworded_in_place(
    browser_page: Any, voila_server: VoilaServer, store: Any
) -> None:
    """The pencil opens an item for editing; Save shows and stores the new words and tags."""
    page = browser_page
    page.goto(voila_server.url(f"{CROSSINGS_PAGE}?workshop=BRX2"))
    page.locator(".careerkit-crossings").wait_for(state="visible", timeout=60_000)
    page.locator(".careerkit-new-brainstorm").click()
    page.locator(".careerkit-new-employee-text input").fill(ROLE)
    page.locator(".careerkit-new-employee-tags input").fill("leadership")
    page.locator(".careerkit-add-employee").click()
    row = page.locator(".careerkit-employee-item")
    _expect(row).to_contain_text(ROLE)

    row.locator(".careerkit-edit-employee-item").click()
    editor = page.locator(".careerkit-employee-item-editor")
    _expect(editor.locator("input").first).to_have_value(ROLE)
    editor.locator("input").first.fill("Lead the data team as its supervisor")
    editor.locator("input").nth(1).fill("leadership, data")
    editor.locator(".careerkit-save-employee-item").click()

    _expect(row).to_contain_text("Lead the data team as its supervisor")
    _expect(row).to_contain_text("tags: leadership, data")
    _expect(editor).to_have_count(0)
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved")
    (brainstorm,) = store.docs(Brainstorm, workshops=["BRX2"])
    (item,) = brainstorm.employee_items
    assert (item.text, item.tags) == (
        "Lead the data team as its supervisor",
        ("leadership", "data"),
    )
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
    assert "is not trusted" not in voila_server.log()  # the staged workbooks are signed
