"""Survey form behaviour without a kernel: set values, click buttons, look at the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.definitions import load_survey
from careerkit.errors import StoreError
from careerkit.model import Response
from careerkit.store import MemoryStore, open_store
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")
LIKERT = [q.id for q in SURVEY.questions if q.kind == "likert"]


def full_answers(level: int = 4) -> dict[str, object]:
    answers: dict[str, object] = {qid: level for qid in LIKERT}
    answers |= {"activities": ("courses", "mentoring"), "manager_support": "budget"}
    return answers


def go_to_last_page(form: SurveyForm) -> None:
    for _ in form.pages:
        if form.next.layout.display == "none":
            return
        form.next.click()
    raise AssertionError(f"stuck on page {form.page}: {form.status.text}")


def test_one_control_per_question_and_required_marked() -> None:
    """Every question of the file gets a labelled control; required ones carry a star."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    assert list(form.questions) == [q.id for q in SURVEY.questions]
    for q in SURVEY.questions:
        label = form.questions[q.id].label.value
        assert q.text.split()[0] in label
        assert label.endswith(" *</div>") == q.required


def test_submit_saves_once_and_shows_result() -> None:
    """A complete form is stored once, even when Submit is clicked twice, and shows the orientation."""
    store = MemoryStore()
    form = SurveyForm(SURVEY, store=store, workshop="W1")
    form.set_answers(full_answers(5))
    go_to_last_page(form)
    form.submit_button.click()
    form.submit_button.click()
    assert store.count_responses(workshop="W1") == 1
    saved = store.get_response(form.submission_id)
    assert saved is not None and saved.answers["activities"] == ("courses", "mentoring")
    assert saved.result is not None and saved.result.orientation == "both"
    assert form.status.kind == "ok" and "Saved" in form.status.text
    assert form.result_area.children[0].orientation == "both"


def test_missing_required_answer_is_named_and_nothing_stored() -> None:
    """Submitting with a required answer missing says which one and stores nothing."""
    store = MemoryStore()
    form = SurveyForm(SURVEY, store=store)
    form.set_answers(full_answers())
    go_to_last_page(form)
    form.set_answers({"visibility": None})
    form.submit_button.click()
    assert store.count_responses() == 0
    assert form.status.kind == "error"
    assert "visible to senior leaders" in form.status.text
    assert "needs an answer" in form.questions["visibility"].error.value
    assert form.page == 0, "the form goes back to the page with the missing answer"


def test_next_checks_only_the_current_page() -> None:
    """Next refuses to leave a page with missing answers and allows it once they are given."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    form.next.click()
    assert form.page == 0 and form.status.kind == "error"
    form.set_answers({qid: 3 for qid in LIKERT[:5]})
    form.next.click()
    assert form.page == 1 and form.status.text == ""


def test_visible_if_is_live_and_hidden_answers_are_not_stored() -> None:
    """The follow-up question appears only for next_role >= 4, and a hidden answer is dropped."""
    store = MemoryStore()
    form = SurveyForm(SURVEY, store=store)
    follow_up = form.questions["next_role_name"]
    form.set_answers({"next_role": 2})
    assert follow_up.layout.display == "none"
    form.set_answers({"next_role": 5, "next_role_name": "Team lead"})
    assert follow_up.layout.display == ""
    answers = full_answers()
    answers |= {"next_role": 2, "next_role_name": "Team lead"}
    form.set_answers(answers)
    assert follow_up.layout.display == "none"
    response = form.submit()
    assert response is not None and "next_role_name" not in response.answers


def test_multi_limits_are_enforced() -> None:
    """Picking more options than `max` is refused with a message on that question."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    answers = full_answers()
    answers["activities"] = ("courses", "mentoring", "certification", "conferences")
    form.set_answers(answers)
    assert form.submit() is None
    assert "at most 3" in form.questions["activities"].error.value


def test_checkbox_clicks_update_the_answer() -> None:
    """Ticking boxes in a multi-choice question changes the question's value."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    box = form.questions["activities"]
    checks = box.input.children
    checks[0].value = True
    checks[2].value = True
    assert box.value == ("courses", "mentoring")


class FailingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.fail = True

    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        if self.fail:
            raise StoreError(
                "Could not save your answers: the database is busy; try again in a moment"
            )
        return super().save_response(response, draft_key=draft_key)


def test_failed_save_keeps_answers_and_retry_works() -> None:
    """A failed save says so, keeps every answer on screen, and a later Submit saves one row."""
    store = FailingStore()
    form = SurveyForm(SURVEY, store=store)
    form.set_answers(full_answers())
    assert form.submit() is None
    assert form.status.kind == "error" and "Not saved" in form.status.text
    assert "still here" in form.status.text
    assert form.answers["visibility"] == 4 and not form.submit_button.disabled
    store.fail = False
    assert form.submit() is not None
    assert store.count_responses() == 1


def test_unexpected_error_in_a_handler_shows_a_message(caplog: pytest.LogCaptureFixture) -> None:
    """A bug inside a click handler becomes a plain message and a log line, not a silent failure."""

    class BrokenStore(MemoryStore):
        def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
            raise RuntimeError("boom")

    form = SurveyForm(SURVEY, store=BrokenStore())
    form.set_answers(full_answers())
    go_to_last_page(form)
    form.submit_button.click()
    assert form.status.kind == "error" and "went wrong" in form.status.text
    assert "boom" in caplog.text


def test_survey_text_is_escaped(tmp_path: Path) -> None:
    """Markup in a survey file's text is shown as text, not rendered."""
    text = (Path(__file__).resolve().parents[2] / "survey" / "career_interests.yaml").read_text()
    text = text.replace(
        "en: Where do you want your career to grow?", "en: <img src=x onerror=alert(1)>"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    form = SurveyForm(load_survey(path), store=MemoryStore())
    html = form.form.children[0].value
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_name_is_asked_only_when_the_survey_says_so(tmp_path: Path) -> None:
    """With ask_name the name is required and stored; without it responses stay anonymous."""
    store = MemoryStore()
    anonymous = SurveyForm(SURVEY, store=store)
    anonymous.set_answers(full_answers())
    saved = anonymous.submit()
    assert saved is not None and saved.participant is None

    text = (Path(__file__).resolve().parents[2] / "survey" / "career_interests.yaml").read_text()
    path = tmp_path / "named.yaml"
    path.write_text(text.replace("ask_name: false", "ask_name: true"))
    named = SurveyForm(load_survey(path), store=store)
    named.set_answers(full_answers())
    assert named.submit() is None and "Your name" in named.status.text
    named.name_box.value = "Ada"
    saved = named.submit()
    assert saved is not None and saved.participant == "Ada"


def test_form_saves_to_a_real_sqlite_file(tmp_path: Path) -> None:
    """The same form works against the SQLite store, and the row is there after reopening."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    form = SurveyForm(SURVEY, store=open_store(url), workshop="SQL1")
    form.set_answers(full_answers(2))
    assert form.submit() is not None
    again = open_store(url).responses(workshop="SQL1")
    assert [r.id for r in again] == [form.submission_id]


def test_on_submit_callbacks_get_the_saved_response() -> None:
    """Callbacks registered with on_submit run once, with the response that was stored."""
    store = MemoryStore()
    form = SurveyForm(SURVEY, store=store)
    seen: list[Response] = []
    form.on_submit(seen.append)
    form.set_answers(full_answers())
    form.submit()
    form.submit()
    assert [r.id for r in seen] == [form.submission_id]
    assert store.get_response(form.submission_id) == seen[0]
