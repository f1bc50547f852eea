"""The development plan as a manager and an employee meet it: real server, real browser."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from pages import expect as _expect

from careerkit.plans.model import Plan
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

PLAN_PAGE = "voila/render/development_plan.ipynb"
GOALS = {
    "Lead the reporting move": [
        ("Draft the migration plan", "employee"),
        ("Name Ann project lead", "manager"),
    ],
    "Earn the cloud certification": [
        ("Book the exam", "employee"),
        ("Approve study time", "manager"),
    ],
}


def _saved(page: Any) -> None:
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved", timeout=30_000)


def _start_plan(page: Any, server: VoilaServer) -> str:
    page.goto(server.url(PLAN_PAGE))
    page.locator(".careerkit-new-plan").click()
    banner = page.locator(".careerkit-plan-code")
    _expect(banner).to_contain_text("Your plan code", timeout=60_000)
    found = re.search(r"Your plan code: ([A-Za-z0-9_-]{16,64})", banner.inner_text())
    assert found, banner.inner_text()
    return found.group(1)


def _type(locator: Any, text: str) -> None:
    locator.fill(text)
    locator.press("Tab")  # text boxes send their value when they lose focus


def _add_goal(page: Any, title: str, actions: list[tuple[str, str]]) -> None:
    before = page.locator(".careerkit-goal").count()
    page.get_by_placeholder("A new goal, in a few words").fill(title)
    page.locator(".careerkit-add-goal").click()
    _expect(page.locator(".careerkit-goal")).to_have_count(before + 1)
    card = page.locator(".careerkit-goal").nth(before)
    for n, (action, owner) in enumerate(actions, start=1):
        card.get_by_placeholder("New action item").fill(action)
        card.locator("select").last.select_option(label=owner.capitalize())
        card.locator(".careerkit-add-action").click()
        _expect(card.locator(".careerkit-action")).to_have_count(n)
        _saved(page)


def _kernel_id(page: Any) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content())
    assert found, "the Voilà page names its kernel"
    return found.group(1)


def test_plan_survives_closing_the_page(chromium: Any, voila_server: VoilaServer) -> None:
    """Two goals with actions for both owners are saved, and all come back with ?plan=CODE."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    code = _start_plan(page, voila_server)
    _type(page.get_by_label("Employee", exact=True), "Ann Smith")
    _saved(page)
    _type(page.get_by_label("Manager", exact=True), "Bob Jones")
    _saved(page)
    for title, actions in GOALS.items():
        _add_goal(page, title, actions)
    _expect(page.locator(".careerkit-plan-warnings")).to_have_text("")
    context.close()  # the tab is gone

    page = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.goto(voila_server.url(f"{PLAN_PAGE}?plan={code}"))
    _expect(page.locator(".careerkit-goal")).to_have_count(2, timeout=60_000)
    assert page.get_by_label("Employee", exact=True).input_value() == "Ann Smith"
    titles = [
        page.locator(".careerkit-goal").nth(i).locator("input").first.input_value()
        for i in range(2)
    ]
    assert titles == list(GOALS)
    sides = page.locator(".careerkit-side-manager").inner_text()
    assert "Name Ann project lead" in sides and "Approve study time" in sides
    with page.expect_download() as download:
        page.locator("a.careerkit-download", has_text="Markdown").click()
    assert download.value.suggested_filename == "development-plan-ann-smith.md"
    saved_md = download.value.path().read_text(encoding="utf-8")
    assert all(title in saved_md for title in GOALS)

    store = open_store(voila_server.sqlite_url)
    plan = store.get_doc(Plan, code)
    assert plan is not None and plan.employee == "Ann Smith" and plan.manager == "Bob Jones"
    assert {(g.title, a.title, a.owner) for g in plan.goals for a in g.actions} == {
        (g, a, o) for g, actions in GOALS.items() for a, o in actions
    }


def test_killed_kernel_loses_nothing_that_showed_saved(
    chromium: Any, voila_server: VoilaServer
) -> None:
    """Kill the page's kernel mid-edit: the page says so at once; after reload every "Saved" change is there."""
    import psutil

    page = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    code = _start_plan(page, voila_server)
    _add_goal(page, "Lead the reporting move", [("Draft the migration plan", "employee")])
    _saved(page)
    kernel_id = _kernel_id(page)
    victims = [k for k in voila_server.kernels() if kernel_id in " ".join(k.cmdline())]
    assert len(victims) == 1, "found the page's kernel process"
    victims[0].kill()
    psutil.wait_procs(victims, timeout=10)
    notice = page.locator(".careerkit-connection-lost")
    _expect(notice).to_be_visible(timeout=10_000)  # within a few seconds, not a frozen form
    _expect(notice).to_have_attribute("role", "alert")
    _expect(notice).to_contain_text("reload the page")
    assert page.evaluate("document.getElementById('rendered_cells').inert") is True

    page.goto(voila_server.url(f"{PLAN_PAGE}?plan={code}"))
    card = page.locator(".careerkit-goal")
    _expect(card).to_have_count(1, timeout=60_000)
    assert card.locator("input").first.input_value() == "Lead the reporting move"
    _expect(card.locator(".careerkit-action")).to_have_count(1)
    _expect(page.locator(".careerkit-side-employee")).to_contain_text("Draft the migration plan")


def test_wrong_plan_code_in_the_link_says_so(browser_page: Any, voila_server: VoilaServer) -> None:
    """A link with a code nobody created shows the plain message and no plan."""
    browser_page.goto(voila_server.url(f"{PLAN_PAGE}?plan=AAAAAAAAAAAAAAAAAAAAAA"))
    _expect(browser_page.locator(".careerkit-save-state")).to_have_text(
        "No plan with that code.", timeout=60_000
    )
    assert browser_page.locator(".careerkit-goal").count() == 0


@pytest.mark.parametrize(
    ("page_path", "start", "param"),
    [
        (PLAN_PAGE + "?workshop=ADDR", ".careerkit-new-plan", "plan"),
        (
            "voila/render/creative_crossings.ipynb?workshop=ADDR",
            ".careerkit-new-brainstorm",
            "brainstorm",
        ),
    ],
)
def test_a_new_document_writes_its_code_into_the_address_so_a_reload_reopens_it(
    browser_page: Any, voila_server: VoilaServer, page_path: str, start: str, param: str
) -> None:
    """Start a plan (or a brainstorm), reload: the same document is open again, nothing typed."""
    page = browser_page
    page.goto(voila_server.url(page_path))
    page.locator(start).click()
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved", timeout=60_000)
    page.wait_for_url(re.compile(rf"[?&]{param}=[A-Za-z0-9_-]{{16,64}}"), timeout=30_000)
    code = re.search(rf"[?&]{param}=([A-Za-z0-9_-]+)", page.url)
    assert code and "workshop=ADDR" in page.url, page.url
    page.reload()
    banner = page.locator(f".careerkit-{param}-code")
    _expect(banner).to_contain_text(code.group(1), timeout=60_000)
    _expect(page.locator(".careerkit-save-state")).to_contain_text("loaded")
