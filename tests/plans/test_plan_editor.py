"""Plan editor without a kernel: start, edit, autosave, resume, conflicts, confirmation."""

from __future__ import annotations

from datetime import date

import pytest

from careerkit.errors import StoreError
from careerkit.plans.model import Plan
from careerkit.plans.screens.editor import PlanEditor
from careerkit.store import MemoryStore
from careerkit.store.memory import D


def started(store: MemoryStore | None = None) -> tuple[PlanEditor, MemoryStore]:
    store = store or MemoryStore()
    editor = PlanEditor(store=store, workshop="P1")
    editor.new_button.click()
    assert editor.plan is not None
    return editor, store


def add_goal(editor: PlanEditor, title: str) -> None:
    editor.new_goal.value = title
    editor.add_goal_button.click()


def add_action(editor: PlanEditor, goal_index: int, title: str, owner: str) -> None:
    card = editor.goals_box.children[goal_index]
    card.new_action.value = title
    card.new_owner.value = owner
    card.add_action.click()


def stored(store: MemoryStore, editor: PlanEditor) -> Plan:
    assert editor.plan is not None
    plan = store.get_doc(Plan, editor.plan.code)
    assert plan is not None
    return plan


def test_new_plan_gets_an_unguessable_code_shown_once() -> None:
    """Starting a plan stores it and shows a long random code with a note to keep it."""
    editor, store = started()
    assert editor.plan is not None
    code = editor.plan.code
    assert len(code) >= 16 and stored(store, editor).workshop == "P1"
    assert code in editor.code_banner.value and "Keep this code" in editor.code_banner.value
    other, _ = started(store)
    assert other.plan is not None and other.plan.code != code


def test_every_edit_is_saved_at_once() -> None:
    """Header fields, goals and actions reach the store as they are made, with "Saved" shown."""
    editor, store = started()
    editor.header["employee"].value = "Ann"
    editor.header["manager"].value = "Bob"
    add_goal(editor, "Lead the reporting project")
    add_action(editor, 0, "Draft the project plan", "employee")
    add_action(editor, 0, "Introduce Ann to the sponsors", "manager")
    card = editor.goals_box.children[0]
    card.why_organization.value = "Reporting moves to the cloud this year"
    card.actions[0].due.value = date(2027, 3, 1)
    plan = stored(store, editor)
    assert (plan.employee, plan.manager) == ("Ann", "Bob")
    goal = plan.goals[0]
    assert goal.why_organization == "Reporting moves to the cloud this year"
    assert [(a.title, a.owner) for a in goal.actions] == [
        ("Draft the project plan", "employee"),
        ("Introduce Ann to the sponsors", "manager"),
    ]
    assert goal.actions[0].due == date(2027, 3, 1)
    assert editor.status.kind == "ok" and editor.status.text.startswith("Saved")


def test_resume_brings_everything_back_and_wrong_code_says_so() -> None:
    """A second editor resumes by code with all content; a wrong code gets a plain message."""
    editor, store = started()
    add_goal(editor, "Earn the cloud certification")
    add_action(editor, 0, "Book the exam", "employee")
    assert editor.plan is not None
    again = PlanEditor(store=store)
    again.code_box.value = "nope-nope-nope-nope"
    again.resume_button.click()
    assert again.plan is None and again.status.text == "No plan with that code."
    again.code_box.value = f"  {editor.plan.code} "
    again.resume_button.click()
    assert again.plan is not None and again.plan.goals[0].actions[0].title == "Book the exam"


def test_warns_when_a_goal_lacks_one_side() -> None:
    """A goal with only an employee action shows a warning that the manager has none."""
    editor, _ = started()
    add_goal(editor, "Present to leadership")
    add_action(editor, 0, "Prepare the slides", "employee")
    assert "no action for the manager" in editor.sides.warnings.value
    add_action(editor, 0, "Book the slot", "manager")
    assert editor.sides.warnings.value == ""
    assert (
        "Prepare the slides" in editor.sides.columns.value
        and "Book the slot" in editor.sides.columns.value
    )


def test_two_tabs_cannot_silently_overwrite_each_other() -> None:
    """The second tab's save is refused with an offer to reload, and nothing is lost."""
    first, store = started()
    assert first.plan is not None
    second = PlanEditor(store=store, plan=store.get_doc(Plan, first.plan.code))
    add_goal(first, "Goal from tab one")
    add_goal(second, "Goal from tab two")
    assert second.status.kind == "error" and "another" in second.status.text
    assert second.reload.layout.display == ""
    assert [g.title for g in stored(store, first).goals] == ["Goal from tab one"]
    second.reload.click()
    assert second.plan is not None and [g.title for g in second.plan.goals] == ["Goal from tab one"]


def test_change_after_confirmation_clears_it_and_says_so() -> None:
    """Both sides confirm; a later change to an action clears the agreement with a message."""
    editor, store = started()
    editor.header["employee"].value = "Ann"
    editor.header["manager"].value = "Bob"
    add_goal(editor, "Lead a team")
    add_action(editor, 0, "Shadow a team lead", "both")
    editor.agreement.buttons["employee"].click()
    editor.agreement.buttons["manager"].click()
    assert stored(store, editor).confirmed
    assert "Both sides have confirmed" in editor.agreement.state.value
    editor.goals_box.children[0].actions[0].title.value = "Shadow two team leads"
    assert not stored(store, editor).confirmed
    assert "confirm again" in editor.status.text


def test_checkin_records_status_changes() -> None:
    """A check-in stores its note and moves the chosen action to its new status."""
    editor, store = started()
    add_goal(editor, "Certification")
    add_action(editor, 0, "Study chapter one", "employee")
    assert editor.plan is not None
    action_id = editor.plan.goals[0].actions[0].id
    editor.checkins.note.value = "Chapter one done"
    editor.checkins.statuses[action_id].value = "done"
    editor.checkins.record.click()
    plan = stored(store, editor)
    assert plan.goals[0].actions[0].status == "done"
    assert plan.checkins[0].note == "Chapter one done"
    assert plan.checkins[0].changes[0].new == "done"


def test_orientation_from_survey_result_suggests_starters() -> None:
    """A survey result code sets the orientation, and its starter goals can be added in one click."""
    from careerkit.definitions import load_survey
    from careerkit.survey.screens.form import SurveyForm

    store = MemoryStore()
    survey = load_survey("career_interests")
    form = SurveyForm(survey, store=store)
    form.set_answers(
        {q.id: 5 for q in survey.questions if q.kind == "likert"}
        | {"activities": ("courses",), "manager_support": "budget"}
    )
    response = form.submit()
    assert response is not None and response.result is not None
    editor, _ = started(store)
    editor.result_code.value = "-".join(response.id[i : i + 4] for i in range(0, 16, 4)).upper()
    editor.use_result.click()
    assert editor.plan is not None and editor.plan.orientation == response.result.orientation
    starters = editor.starters.children[1:]
    assert starters, "suggested goals are offered"
    starters[0].click()
    goal = stored(store, editor).goals[0]
    assert {a.owner for a in goal.actions} == {"employee", "manager"}


class FlakyStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def save_doc(self, doc: D) -> D:
        if self.down:
            raise StoreError(
                "Could not save the plan: the database server cannot be reached; try again shortly"
            )
        return super().save_doc(doc)


def test_failed_save_says_not_saved_and_try_again_saves() -> None:
    """With the store down the screen says "Not saved" with the reason; Try again saves the change."""
    store = FlakyStore()
    editor, _ = started(store)
    store.down = True
    add_goal(editor, "Kept while offline")
    assert editor.status.kind == "error" and editor.status.text.startswith("Not saved")
    assert editor.retry.layout.display == ""
    store.down = False
    editor.retry.click()
    assert [g.title for g in stored(store, editor).goals] == ["Kept while offline"]
    assert editor.status.text.startswith("Saved")


def test_empty_goal_title_is_refused_with_a_message() -> None:
    """Clearing a goal's title is not saved and says why."""
    editor, store = started()
    add_goal(editor, "Something")
    editor.goals_box.children[0].title.value = "   "
    assert editor.status.kind == "error" and "title" in editor.status.text
    assert stored(store, editor).goals[0].title == "Something"


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_user_text_is_escaped_in_the_side_panels(hostile: str) -> None:
    """Action titles typed by people never become markup in the commitments view."""
    editor, _ = started()
    add_goal(editor, "Goal")
    add_action(editor, 0, hostile, "both")
    assert hostile not in editor.sides.columns.value
    assert "&lt;" in editor.sides.columns.value


def test_plan_codes_are_long_random_and_safe_to_type() -> None:
    """Codes carry over 64 bits of randomness and only letters and digits (never a leading '-')."""
    import math

    from careerkit.plans.editing import new_plan_code

    codes = {new_plan_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(c.isalnum() and c.isascii() for c in codes)
    assert min(len(c) for c in codes) * math.log2(62) >= 64
