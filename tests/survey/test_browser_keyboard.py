"""The survey and the plan with the keyboard alone: Tab, Shift-Tab, arrows, Space and Enter.

Scales are radio groups (one Tab stop each, named by the question, points named "4 of 5",
aria-checked following the kernel's value), so page 1 takes one Tab per question; the whole
survey is answered, paged and submitted, and the result read, without a mouse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from answers import ACTIVITIES, ANSWERS, CHOICES, GOAL, PAGE_1, PAGE_2, ROLE
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY_PAGE = "voila/render/interest_survey.ipynb"
PLAN_PAGE = "voila/render/development_plan.ipynb"
_ACTIVE = re.compile(r"\bmod-active\b")
_FOCUSED = "sel => !!document.activeElement && document.activeElement.matches(sel)"


def _tab_to(page: Any, selector: str, key: str = "Tab", most: int = 60) -> int:
    """Press `key` until the focus is on `selector`; how many presses it took."""
    for presses in range(1, most + 1):
        page.keyboard.press(key)
        if page.evaluate(_FOCUSED, selector):
            return presses
    raise AssertionError(f"{most} presses of {key} never reached {selector}")


def _scale(page: Any, qid: str, value: int, key: str = "Tab") -> int:
    """Reach a scale with one press of `key`, choose with Space and the arrows; the presses."""
    presses = _tab_to(page, f".careerkit-q-{qid} [role=radio]", key)
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowRight")
    point = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
    _expect(point).to_have_class(_ACTIVE)  # the kernel took the value
    _expect(point).to_have_attribute("aria-checked", "true")
    _expect(point).to_be_focused()
    return presses


def _option(page: Any, qid: str, option_id: str) -> None:
    question = next(q for q in load_survey("career_interests").questions if q.id == qid)
    index = [o.id for o in question.options].index(option_id)
    _tab_to(page, f".careerkit-q-{qid} input[type=radio]")
    for _ in range(index):
        page.keyboard.press("ArrowDown")  # a native radio group: the arrows move and choose
    if index == 0:
        page.keyboard.press("Space")
    label = question.options[index].label
    box = page.locator(f".careerkit-q-{qid} label", has_text=label).locator("input")
    _expect(box).to_be_checked()


def test_a_scale_is_a_named_radio_group_with_one_tab_stop(
    page: Any, voila_server: VoilaServer
) -> None:
    """role radiogroup named by the question's text, radios "N of 5", one tabindex 0, errors tied."""
    page.goto(voila_server.url(f"{SURVEY_PAGE}?workshop=KEYS0"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    group = page.locator(".careerkit-q-visibility [role=radiogroup]")
    _expect(group).to_have_accessible_name("I want my work to be more visible to senior leaders. *")
    radios = group.locator("[role=radio]")
    _expect(radios).to_have_count(5)
    _expect(radios.nth(3)).to_have_accessible_name("4 of 5")
    _expect(radios.nth(0)).to_have_accessible_name("1 of 5: Strongly disagree")
    assert [radios.nth(i).get_attribute("tabindex") for i in range(5)] == ["0"] + ["-1"] * 4
    _expect(page.locator("[role=main]")).to_have_count(1)
    _expect(page.get_by_role("heading", level=1)).to_have_count(1)
    page.get_by_role("button", name="Next").click()  # nothing answered
    _expect(group).to_have_attribute("aria-invalid", "true")
    error_id = group.get_attribute("aria-describedby")
    assert error_id
    _expect(page.locator(f"[id='{error_id}']")).to_contain_text("needs an answer")
    _expect(page.locator(".careerkit-status")).to_have_attribute("aria-live", "polite")
    _expect(page.locator(".careerkit-status")).to_contain_text("still needed")
    survey = {q.id: q for q in load_survey("career_interests").questions}
    choice = page.locator(".careerkit-q-time_horizon .widget-radio-box")
    _expect(choice).to_have_attribute("role", "radiogroup")
    label_id = choice.get_attribute("aria-labelledby")
    assert (
        label_id and survey["time_horizon"].text in page.locator(f"[id='{label_id}']").inner_text()
    )
    multi = page.locator(".careerkit-q-activities .careerkit-multi")
    _expect(multi).to_have_attribute("role", "group")
    label_id = multi.get_attribute("aria-labelledby")
    assert label_id and survey["activities"].text in page.locator(f"[id='{label_id}']").inner_text()


def test_the_whole_survey_with_the_keyboard_alone(page: Any, voila_server: VoilaServer) -> None:
    """Tab, Shift-Tab, arrows, Space and Enter answer all three pages, submit, and read the result."""
    page.goto(voila_server.url(f"{SURVEY_PAGE}?workshop=KEYS1"))
    page.locator(".careerkit-survey").wait_for(state="visible")
    presses = sum(_scale(page, qid, value) for qid, value in PAGE_1.items())
    role = page.locator(".careerkit-q-next_role_name input")
    role.wait_for(state="visible")  # shown once the kernel has next_role >= 4
    presses += _tab_to(page, ".careerkit-q-next_role_name input")
    page.keyboard.type(ROLE)
    presses += _tab_to(page, ".careerkit-next")
    print(f"page 1: {presses} Tab presses from the top to Next ({len(PAGE_1) + 1} questions)")
    assert presses <= len(PAGE_1) + 3
    page.keyboard.press("Enter")
    _expect(page.locator(".careerkit-survey")).to_contain_text("Page 2 of 3")
    for qid in reversed(list(PAGE_2)):  # from Next upwards
        _scale(page, qid, PAGE_2[qid], key="Shift+Tab")
    _tab_to(page, ".careerkit-next")
    page.keyboard.press("Enter")
    _expect(page.locator(".careerkit-survey")).to_contain_text("Page 3 of 3")
    question = next(q for q in load_survey("career_interests").questions if q.id == "activities")
    for option in ACTIVITIES:
        label = next(o.label for o in question.options if o.id == option)
        box = page.locator(".careerkit-q-activities label", has_text=label).locator("input")
        box_id = box.evaluate("e => e.id || (e.id = 'kb-' + Math.random().toString(36).slice(2))")
        _tab_to(page, f"[id='{box_id}']")
        page.keyboard.press("Space")
        _expect(box).to_be_checked()
    for qid, option in CHOICES.items():
        _option(page, qid, option)
    _tab_to(page, ".careerkit-q-career_goal textarea")
    hint = page.locator(".careerkit-draft-state")
    before = hint.inner_text()
    page.keyboard.type(GOAL)
    # As a person would, submit once the form has it (the quiet hint says the draft is saved):
    # ipywidgets holds back a field's newest value while its last one is on the way.
    _expect(hint).not_to_have_text(before)
    _expect(hint).to_contain_text("Draft saved at")
    _tab_to(page, ".careerkit-submit")
    page.keyboard.press("Enter")
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved")
    _expect(page.locator(".careerkit-result")).to_contain_text("Your orientation")
    store = open_store(voila_server.sqlite_url)
    try:
        (response,) = store.responses(workshop="KEYS1")
    finally:
        store.close()
    assert response.answers == ANSWERS


def test_a_goal_and_an_action_with_the_keyboard_alone(page: Any, voila_server: VoilaServer) -> None:
    """Start a plan, add a goal and an action for the employee with Tab, typing and Enter."""
    page.goto(voila_server.url(PLAN_PAGE))
    page.locator(".careerkit-new-plan").wait_for(state="visible")
    _tab_to(page, ".careerkit-new-plan")
    page.keyboard.press("Enter")
    _expect(page.locator(".careerkit-plan-code")).to_contain_text("Your plan code")
    _tab_to(page, "input[placeholder='A new goal, in a few words']")
    page.keyboard.type("Lead the reporting move")
    _tab_to(page, ".careerkit-add-goal")
    page.keyboard.press("Enter")
    card = page.locator(".careerkit-goal")
    _expect(card).to_have_count(1)
    _tab_to(page, ".careerkit-goal input[placeholder='New action item']")
    page.keyboard.type("Draft the migration plan")
    _tab_to(page, ".careerkit-add-action")
    page.keyboard.press("Enter")
    _expect(card.locator(".careerkit-action")).to_have_count(1)
    _expect(page.locator(".careerkit-save-state")).to_contain_text("Saved")
    assert card.locator(".careerkit-action input").first.input_value() == "Draft the migration plan"
    _expect(page.locator(".careerkit-side-employee")).to_contain_text("Draft the migration plan")
