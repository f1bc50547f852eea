"""Answers in progress: the form's draft is saved after a pause and comes back after a reload."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import pytest

from careerkit.definitions import load_survey
from careerkit.errors import StoreError
from careerkit.model import Draft
from careerkit.store import MemoryStore
from careerkit.survey.screens.drafts import DraftKeeper
from careerkit.survey.screens.form import SurveyForm
from careerkit.ui.tab import TabKey, parse

SURVEY = load_survey("career_interests")


class ManualClock:
    """Stands in for the kernel's event loop: callbacks wait until `run_all()`."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        entry = (delay, callback)
        self.waiting.append(entry)
        return lambda: self.waiting.remove(entry) if entry in self.waiting else None

    def run_all(self) -> None:
        while self.waiting:
            _delay, callback = self.waiting.pop(0)
            callback()


class CountingStore(MemoryStore):
    """Counts draft writes, and refuses them while `down` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.draft_writes = 0
        self.down = False

    def save_draft(self, draft: Draft) -> None:
        if self.down:
            raise StoreError("Could not save the draft: the database is away")
        self.draft_writes += 1
        super().save_draft(draft)


def open_form(store: MemoryStore, clock: ManualClock, workshop: str | None = "ROOM") -> Any:
    form = SurveyForm(SURVEY, store=store)
    form.set_workshop(workshop)
    tab = TabKey()
    keeper = DraftKeeper(form, store, tab, schedule=clock)
    form.draft_slot.children = [keeper.hint, tab]
    return form, tab, keeper


def key() -> str:
    return secrets.token_hex(16)


def test_one_write_per_pause_and_a_quiet_hint() -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    for value in (1, 2, 3, 4, 5):  # five quick changes of one answer
        form.questions["more_responsibility"].value = value
    form.questions["visibility"].value = 2
    assert store.draft_writes == 0, "nothing is written before the pause"
    assert len(clock.waiting) == 1, "each change restarts the one pending timer"
    clock.run_all()
    assert store.draft_writes == 1
    assert "Draft saved at" in keeper.hint.value
    draft = store.get_draft(k, SURVEY.id, "ROOM")
    assert draft is not None
    assert draft.answers["more_responsibility"] == 5
    assert draft.answers["visibility"] == 2
    assert draft.submission_id == form.submission_id


def test_reload_brings_back_answers_page_and_submission_id() -> None:
    store, clock = CountingStore(), ManualClock()
    first, tab, _keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    for qid in ("more_responsibility", "visibility", "lead_people", "stretch_ready", "next_role"):
        first.questions[qid].value = 2
    first.next.click()  # to page 2: the page is part of the draft
    first.questions["training"].value = 5
    clock.run_all()

    again, tab2, keeper2 = open_form(store, clock)  # the reloaded page: a new kernel and form
    assert again.answers["training"] is None
    tab2.value = f"restore:{k}"
    assert again.answers["training"] == 5
    assert again.answers["more_responsibility"] == 2
    assert again.page == 1
    assert again.submission_id == first.submission_id
    assert "back" in keeper2.hint.value


def test_submit_turns_the_draft_into_one_response_and_a_reload_shows_the_result() -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, _keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    for q in SURVEY.questions:
        if q.kind == "likert":
            form.questions[q.id].value = 4
    form.questions["activities"].value = ("courses",)
    form.questions["manager_support"].value = "budget"
    clock.run_all()
    assert store.count_drafts(workshop="ROOM") == 1
    saved = form.submit()
    assert saved is not None
    assert store.count_drafts(workshop="ROOM") == 0, "submit deletes the draft"
    assert store.count_responses(workshop="ROOM") == 1
    clock.run_all()  # a timer left over writes no draft for a submitted form
    assert store.count_drafts(workshop="ROOM") == 0

    again, tab2, _k2 = open_form(store, clock)
    tab2.value = f"restore:{k}"
    assert again.value is not None and again.value.id == saved.id
    assert again.result_area.children, "the result is shown again, not an empty form"
    assert again.nav.layout.display == "none"


@pytest.mark.parametrize("value", ["restore:1234", "restore:" + "g" * 32, "steal:" + "a" * 32, ""])
def test_a_forged_key_stores_nothing_and_restores_nothing(value: str) -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, keeper = open_form(store, clock)
    tab.value = value
    form.questions["visibility"].value = 3
    clock.run_all()
    assert keeper.key is None
    assert store.draft_writes == 0
    assert parse(value) is None


def test_someone_elses_key_for_another_workshop_restores_nothing() -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, _keeper = open_form(store, clock, workshop="ROOM")
    k = key()
    tab.value = f"new:{k}"
    form.questions["visibility"].value = 3
    clock.run_all()
    other, tab2, _k2 = open_form(store, clock, workshop="OTHER")
    tab2.value = f"restore:{k}"
    assert other.answers["visibility"] is None


def test_only_the_first_key_counts_on_a_page() -> None:
    store, clock = CountingStore(), ManualClock()
    _form, tab, keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    tab.value = f"restore:{key()}"
    assert keeper.key == k


def test_a_failed_draft_save_never_blocks_and_is_tried_again() -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    store.down = True
    form.questions["visibility"].value = 3
    clock.waiting.pop(0)[1]()  # the pause ends; the write fails
    assert "not saved yet" in keeper.hint.value
    assert form.status.kind != "error", "answering goes on: the form says nothing is wrong"
    assert keeper.retry.waiting, "the draft is tried again by itself"
    store.down = False
    clock.run_all()
    assert store.get_draft(k, SURVEY.id, "ROOM") is not None
    assert "Draft saved at" in keeper.hint.value


def test_flush_writes_the_last_change_at_once() -> None:
    store, clock = CountingStore(), ManualClock()
    form, tab, _keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    form.questions["visibility"].value = 3
    tab.value = f"flush:{k}:1"  # the page is about to go
    assert store.draft_writes == 1
    assert not clock.waiting
    tab.value = f"flush:{k}:2"  # nothing new: nothing written
    assert store.draft_writes == 1


def test_a_draft_of_another_edition_is_not_restored_into_a_changed_survey() -> None:
    """A draft of edition version 1 is not poured into a form whose scale changed meanwhile."""
    store, clock = CountingStore(), ManualClock()
    first, tab, _keeper = open_form(store, clock)
    k = key()
    tab.value = f"new:{k}"
    first.questions["lead_people"].value = 5  # "strongly agree" on 5 points
    clock.run_all()
    draft = store.get_draft(k, SURVEY.id, "ROOM")
    assert draft is not None and draft.edition == first.edition.digest

    page = SURVEY.pages[0]
    lead = next(q for q in page.questions if q.id == "lead_people")
    seven = lead.model_copy(update={"scale": lead.scale.model_copy(update={"points": 7})})
    questions = tuple(seven if q.id == "lead_people" else q for q in page.questions)
    pages = (page.model_copy(update={"questions": questions}), *SURVEY.pages[1:])
    changed = SURVEY.model_copy(update={"pages": pages, "version": 2})
    again = SurveyForm(changed, store=store)
    again.set_workshop("ROOM")
    tab2 = TabKey()
    keeper2 = DraftKeeper(again, store, tab2, schedule=clock)
    tab2.value = f"restore:{k}"
    assert again.answers["lead_people"] is None
    assert "survey changed" in keeper2.hint.value
