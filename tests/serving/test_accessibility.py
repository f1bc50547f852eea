"""Every careerkit page as assistive technology and small screens meet it: axe-core, widths, labels.

One walk through the pages on the session's server (survey pages, result, plan, crossings board
with its map, dashboard, report, room-full and connection-lost notices) runs axe-core on each,
then measures at 390 px and 1200 px that no button's label is cut off, and at 320 px and at
200% zoom (a 640 px wide window) that nothing scrolls sideways. A table of counts per page and
impact is printed; any serious or critical violation, or a `region` or `heading-order` one (the
template's landmarks, headings in order), fails.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from answers import ACTIVITIES, CHOICES, GOAL, PAGE_1, PAGE_2, ROLE
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.reporting.report import build_report
from careerkit.serving.room_full import room_full_page
from careerkit.store import open_store
from careerkit.survey.demo import run_demo

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY_PAGE = "voila/render/interest_survey.ipynb"
PLAN_PAGE = "voila/render/development_plan.ipynb"
CROSSINGS_PAGE = "voila/render/creative_crossings.ipynb"
IMPACTS = ("critical", "serious", "moderate", "minor")
_ACTIVE = re.compile(r"\bmod-active\b")

# Buttons whose label is wider than the button (1 px of rounding allowed), as text.
_CUT_BUTTONS = """() => Array.from(document.querySelectorAll('button'))
  .filter(b => b.getClientRects().length && b.scrollWidth > b.clientWidth + 1)
  .map(b => (b.getAttribute('aria-label') || b.textContent.trim()) +
            ' (' + b.scrollWidth + ' > ' + b.clientWidth + ')')"""
_SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


#: Moderate rules that still fail the walk: every page in landmarks, its headings in order.
STRUCTURE = ("region", "heading-order")


class Audit:
    """The findings of the walk: axe counts per page, and every problem found on the way."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.counts: dict[str, dict[str, int]] = {}
        self.problems: list[str] = []

    def check(self, page: Any, name: str, *, widths: bool = True) -> None:
        results = self.axe.run(page).response
        counts = dict.fromkeys(IMPACTS, 0)
        for v in results["violations"]:
            counts[v["impact"] or "minor"] += len(v["nodes"])
            if v["impact"] in ("serious", "critical") or v["id"] in STRUCTURE:
                where = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                self.problems.append(f"{name}: {v['impact']} {v['id']} ({v['help']}) at {where}")
        self.counts[name] = counts
        if widths:
            self._widths(page, name)

    def _widths(self, page: Any, name: str) -> None:
        size = page.viewport_size
        for width in (390, 1200):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(150)
            for cut in page.evaluate(_CUT_BUTTONS):
                self.problems.append(f"{name} at {width} px: button label cut off: {cut}")
        for width, what in ((320, "320 px"), (640, "200% zoom")):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(150)
            extra = page.evaluate(_SIDEWAYS)
            if extra > 0:
                self.problems.append(f"{name} at {what}: the page scrolls sideways by {extra} px")
        page.set_viewport_size(size)

    def table(self) -> str:
        head = f"{'page':<34}" + "".join(f"{i:>10}" for i in IMPACTS)
        rows = [
            f"{n:<34}" + "".join(f"{c[i]:>10}" for i in IMPACTS) for n, c in self.counts.items()
        ]
        return "\n".join(["axe-core violations (elements) per page:", head, *rows])


def _likert(page: Any, qid: str, value: int) -> None:
    button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
    button.click()
    _expect(button).to_have_class(_ACTIVE)
    _expect(button).to_have_attribute("aria-checked", "true")


def _label(qid: str, option_id: str) -> str:
    question = next(q for q in load_survey("career_interests").questions if q.id == qid)
    return str(next(o.label for o in question.options if o.id == option_id))


def _walk_survey(page: Any, server: VoilaServer, audit: Audit) -> None:
    page.goto(server.url(f"{SURVEY_PAGE}?workshop=AXE1"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    page.get_by_role("button", name="Next").click()  # nothing answered: page 1's errors show
    _expect(page.locator(".careerkit-status")).to_contain_text("still needed")
    audit.check(page, "survey page 1, errors shown", widths=False)
    for qid, value in PAGE_1.items():
        _likert(page, qid, value)
    page.locator(".careerkit-q-next_role_name input[type=text]").fill(ROLE)
    audit.check(page, "survey page 1")
    page.get_by_role("button", name="Next").click()
    _expect(page.locator(".careerkit-survey")).to_contain_text("Page 2 of 3")
    for qid, value in PAGE_2.items():
        _likert(page, qid, value)
    audit.check(page, "survey page 2")
    page.get_by_role("button", name="Next").click()
    _expect(page.locator(".careerkit-survey")).to_contain_text("Page 3 of 3")
    for option in ACTIVITIES:
        page.locator(
            ".careerkit-q-activities label", has_text=_label("activities", option)
        ).locator("input").check()
    for qid, option in CHOICES.items():
        page.locator(f".careerkit-q-{qid} label", has_text=_label(qid, option)).locator(
            "input"
        ).check()
    page.locator(".careerkit-q-career_goal textarea").fill(GOAL)
    audit.check(page, "survey page 3")
    page.locator(".careerkit-submit").click()
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved")
    audit.check(page, "survey result")


def _walk_german_survey(page: Any, server: VoilaServer, audit: Audit) -> None:
    page.goto(server.url(f"{SURVEY_PAGE}?workshop=AXE4&lang=de"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    _expect(page.locator(".careerkit-survey")).to_contain_text("Seite 1 von 3", timeout=20_000)
    page.get_by_role("button", name="Weiter").click()  # the German errors, with their long words
    _expect(page.locator(".careerkit-status")).to_contain_text("fehlen noch")
    for qid, value in PAGE_1.items():
        _likert(page, qid, value)
    audit.check(page, "survey page 1 in German")


def _walk_plan(page: Any, server: VoilaServer, audit: Audit) -> None:
    page.goto(server.url(PLAN_PAGE))
    page.locator(".careerkit-new-plan").wait_for(state="visible")
    audit.check(page, "plan: start")
    page.locator(".careerkit-new-plan").click()
    _expect(page.locator(".careerkit-plan-code")).to_contain_text("Your plan code")
    page.get_by_placeholder("A new goal, in a few words").fill("Lead the reporting move")
    page.locator(".careerkit-add-goal").click()
    card = page.locator(".careerkit-goal").first
    card.get_by_placeholder("New action item").fill("Draft the migration plan")
    card.locator("select").last.select_option(label="Employee")
    card.locator(".careerkit-add-action").click()
    _expect(card.locator(".careerkit-action")).to_have_count(1)
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved")
    audit.check(page, "plan with a goal and an action")


def _walk_crossings(page: Any, server: VoilaServer, audit: Audit) -> None:
    page.goto(server.url(f"{CROSSINGS_PAGE}?workshop=AXE1"))
    page.locator(".careerkit-new-brainstorm").wait_for(state="visible")
    audit.check(page, "crossings: start")
    page.locator(".careerkit-new-brainstorm").click()
    _expect(page.locator(".careerkit-brainstorm-code")).to_contain_text("Your brainstorm code")
    page.locator(".careerkit-new-employee-text input").fill(ROLE)
    page.locator(".careerkit-side-employee select").select_option(label="Role I aim for")
    page.locator(".careerkit-new-employee-tags input").fill("leadership, people")
    page.locator(".careerkit-add-employee").click()
    page.locator(".careerkit-proposal").first.locator(".careerkit-accept").click()
    card = page.locator(".careerkit-crossing-card").first
    card.locator(".careerkit-rate-energy button[data-value='4']").click()
    _expect(card.locator(".careerkit-rate-energy [role=radio][aria-checked=true]")).to_have_text(
        "4"
    )
    page.locator(".careerkit-draw-map").click()
    image = page.locator(".careerkit-crossing-map img")
    _expect(image).to_be_visible(timeout=30_000)  # the first map loads matplotlib in the kernel
    _expect(image).to_have_attribute("alt", re.compile(r"^Crossing map: .*accepted, strength"))
    audit.check(page, "crossings with proposals and map")


def _walk_dashboard(server: VoilaServer, dashboard: VoilaServer, page: Any, audit: Audit) -> None:
    store = open_store(server.sqlite_url)
    try:
        run_demo(load_survey("career_interests"), store, "AXE2", 30, seed=7)
        report = build_report(store, load_survey("career_interests"), ["AXE2"])
    finally:
        store.close()
    page.goto(dashboard.url(f"voila/render/dashboard.ipynb?token={dashboard.token}&workshop=AXE2"))
    charts = page.locator(".careerkit-chart img")
    _expect(charts.first).to_be_visible()
    for alt in [charts.nth(i).get_attribute("alt") for i in range(charts.count())]:
        assert alt and alt.startswith("Chart: ") and re.search(r"\d+ people", alt), alt
    audit.check(page, "dashboard with charts")
    page.set_content(report)
    audit.check(page, "report (HTML file)")
    page.set_content(room_full_page(25))
    audit.check(page, "room full notice")


def _connection_lost(page: Any, server: VoilaServer, audit: Audit) -> None:
    import psutil

    page.goto(server.url(f"{SURVEY_PAGE}?workshop=AXE3"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    victims = [k for k in server.kernels() if kernel_id in " ".join(k.cmdline())]
    assert len(victims) == 1, "found the page's kernel process"
    victims[0].kill()
    psutil.wait_procs(victims, timeout=10)
    _expect(page.locator(".careerkit-connection-lost")).to_be_visible(timeout=20_000)
    audit.check(page, "connection lost notice")


def test_every_page_passes_axe_and_fits_small_screens(
    page: Any, voila_server: VoilaServer, dashboard_server: VoilaServer
) -> None:
    """No serious, critical or `region` violation, no cut-off button, no sideways scrolling."""
    audit = Audit()
    _walk_survey(page, voila_server, audit)
    _walk_german_survey(page, voila_server, audit)
    _walk_plan(page, voila_server, audit)
    _walk_crossings(page, voila_server, audit)
    _walk_dashboard(voila_server, dashboard_server, page, audit)
    _connection_lost(page, voila_server, audit)
    print(audit.table())
    assert not audit.problems, "\n".join(audit.problems)
    assert len(audit.counts) == 14
