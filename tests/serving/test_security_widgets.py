"""Forged widget messages to a participant's kernel: nothing invalid or unfinished reaches the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from answers import (
    ANSWERS,  # a complete, valid set (as tests/survey/test_browser_survey.py gives it)
)
from kernel_channels import KernelChannels, kernel_id_in
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store
from careerkit.survey.scoring import check_answers

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY = load_survey("career_interests")


class Form:
    """The survey form's widget models in one page's kernel, found by their CSS classes."""

    def __init__(self, channels: KernelChannels) -> None:
        self.channels = channels
        self.states = channels.widget_states()
        self.submit = self._with_class("careerkit-submit")
        self.inputs = {
            q.id: self._inputs(self._with_class(f"careerkit-q-{q.id}")) for q in SURVEY.questions
        }

    def _with_class(self, css: str) -> str:
        (found,) = [c for c, s in self.states.items() if css in s.get("_dom_classes", ())]
        return found

    def _inputs(self, comm_id: str) -> list[str]:
        """The value-holding models under a question box, in display order."""
        state = self.states[comm_id]
        if state["_model_name"] in (
            "ToggleButtonsModel",
            "RadioButtonsModel",
            "CheckboxModel",
            "TextModel",
            "TextareaModel",
        ):
            return [comm_id]
        children = [c.removeprefix("IPY_MODEL_") for c in state.get("children", ())]
        return [i for child in children if child in self.states for i in self._inputs(child)]

    def answer(self, qid: str, value: Any) -> None:
        """Set a valid answer the way the page does: index, checkbox values or text."""
        question = next(q for q in SURVEY.questions if q.id == qid)
        (first, *rest) = self.inputs[qid]
        if question.kind == "likert":
            self.channels.update(first, index=int(value) - 1)
        elif question.kind == "choice":
            self.channels.update(first, index=[o.id for o in question.options].index(value))
        elif question.kind == "multi":
            for option, box in zip(question.options, [first, *rest], strict=True):
                self.channels.update(box, value=option.id in value)
        else:
            self.channels.update(first, value=value)

    def answer_all(self) -> None:
        for qid, value in ANSWERS.items():
            self.answer(qid, value)

    def status(self) -> str:
        """The status line's text as the kernel holds it now."""
        states = self.channels.widget_states()
        (line,) = [s for s in states.values() if "careerkit-status" in s.get("_dom_classes", ())]
        return str(line.get("value", ""))


@pytest.fixture
def page_kernel(browser_page: Any, voila_server: VoilaServer, request: Any) -> Iterator[Any]:
    """A participant's open survey page (its own workshop code) and a forged channel to its kernel."""
    workshop = f"FORGE{request.node.name[-6:].upper()}".replace("_", "")[:12]
    served = browser_page.goto(
        voila_server.url(f"voila/render/interest_survey.ipynb?workshop={workshop}")
    )
    browser_page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    with KernelChannels(voila_server.base_url, kernel_id_in(served.text())) as channels:
        yield browser_page, Form(channels), workshop


def _stored(server: VoilaServer, workshop: str) -> list[Any]:
    store = open_store(server.sqlite_url)
    try:
        return list(store.responses(workshop=workshop))
    finally:
        store.close()


def test_forced_submit_of_an_empty_form_stores_nothing(
    page_kernel: Any, voila_server: VoilaServer
) -> None:
    """Enabling and clicking Submit on page 1 of an empty form is re-checked: nothing is stored."""
    page, form, workshop = page_kernel
    form.channels.update(form.submit, disabled=False)
    for _ in range(3):
        form.channels.click(form.submit)
    form.channels.barrier()
    assert _stored(voila_server, workshop) == []
    assert "still needed" in form.status()
    assert page.locator(".careerkit-result").count() == 0


def test_values_outside_the_options_never_reach_the_store(
    page_kernel: Any, voila_server: VoilaServer
) -> None:
    """Out-of-range indexes, forged option lists, wrong types and over-long text: only valid answers stored."""
    page, form, workshop = page_kernel
    form.answer_all()
    likert, radio = form.inputs["visibility"][0], form.inputs["manager_support"][0]
    forged = [
        (likert, {"index": 99}),
        (likert, {"index": -1}),
        (likert, {"index": "3"}),
        (likert, {"value": 42, "label": "42"}),
        (likert, {"_options_labels": [str(i) for i in range(100)], "index": 50}),
        (radio, {"index": 42}),
        (radio, {"_options_labels": ["a", "b", "c", "d", "e", "f", "g"], "index": 6}),
        (form.inputs["activities"][0], {"value": "yes"}),
        (form.inputs["comfort_zone"][0], {"index": 1.5}),
    ]
    for comm_id, state in forged:
        form.channels.update(comm_id, **state)
    form.channels.update(form.inputs["career_goal"][0], value="x" * 5000)  # max_length is 1000
    form.channels.click(form.submit)
    form.channels.barrier()
    assert _stored(voila_server, workshop) == []
    assert "shorten it to 1000 characters" in form.status()

    form.answer("career_goal", ANSWERS["career_goal"])
    form.channels.click(form.submit)
    form.channels.barrier()
    (saved,) = _stored(voila_server, workshop)
    assert saved.answers == ANSWERS
    assert check_answers(SURVEY, dict(saved.answers)) == {}
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=30_000)
    _expect(page.locator(".careerkit-result")).to_be_visible()


def test_re_enabled_submit_after_saving_changes_nothing(
    page_kernel: Any, voila_server: VoilaServer
) -> None:
    """After "Saved", re-enabling Submit, changing answers and clicking again leaves the one stored row as it was."""
    page, form, workshop = page_kernel
    form.answer_all()
    form.channels.click(form.submit)
    form.channels.barrier()
    (before,) = _stored(voila_server, workshop)
    assert form.channels.widget_states()[form.submit]["disabled"] is True
    form.channels.update(form.submit, disabled=False)
    form.channels.update(form.inputs["visibility"][0], disabled=False, index=0)
    form.channels.update(form.inputs["career_goal"][0], disabled=False, value="changed later")
    for _ in range(3):
        form.channels.click(form.submit)
    form.channels.barrier()
    (after,) = _stored(voila_server, workshop)
    assert after == before
    _expect(page.locator(".careerkit-result")).to_be_visible()
    assert "Saved" in page.locator(".careerkit-status").inner_text()
