"""Ranking, matrix and number questions: their controls, checks, scoring, demo answers and drafts."""

from __future__ import annotations

import random
import secrets
from typing import Any

import pytest

from careerkit.definitions import load_survey
from careerkit.model import Survey
from careerkit.store import MemoryStore
from careerkit.survey.demo import fake_answers, run_demo
from careerkit.survey.scoring import check_answers, clean_answers, score, visible_questions
from careerkit.survey.screens.controls import read_number
from careerkit.survey.screens.drafts import DraftKeeper
from careerkit.survey.screens.form import SurveyForm
from careerkit.survey.screens.grid import MatrixBox
from careerkit.survey.screens.ranking import RankingInput
from careerkit.ui.tab import TabKey

SURVEY = load_survey("growth_priorities")
_TEXTS = {"title": "T", "summary": "S", "next_steps": ["Do one thing"]}
_SCORING = {
    "thresholds": {"interest": 60, "lead": 10},
    "orientations": {o: _TEXTS for o in ("advancement", "development", "both", "undecided")},
}
_SCALE = {"points": 5, "low": "No", "high": "Yes"}
_ROWS = [
    {"id": "lead", "text": "I want to lead", "score": {"advancement": 2}},
    {"id": "learn", "text": "I want to learn", "score": {"development": 1}},
    {"id": "seen", "text": "I want to be seen", "score": {"advancement": -1}, "required": False},
]


def _survey(questions: list[dict[str, Any]]) -> Survey:
    return Survey.model_validate(
        {
            "id": "s",
            "title": "S",
            "pages": [{"title": "P", "questions": questions}],
            "scoring": _SCORING,
        }
    )


def _ranking(form: SurveyForm, qid: str = "priorities") -> RankingInput:
    control = form.questions[qid].input
    assert isinstance(control, RankingInput)
    return control


def _typed(form: SurveyForm, qid: str, text: str) -> None:
    form.questions[qid].input.children[0].value = text


def test_matrix_rows_score_exactly_as_separate_likert_items() -> None:
    """A matrix scores, checks and stores its rows exactly as the same statements asked one by one."""
    matrix = _survey(
        [{"id": "grid", "kind": "matrix", "text": "Agree?", "scale": _SCALE, "rows": _ROWS}]
    )
    separate = _survey([{**row, "kind": "likert", "scale": _SCALE} for row in _ROWS])
    assert [q.id for q in matrix.questions] == ["lead", "learn", "seen"]
    assert matrix.questions == separate.questions
    for answers in ({"lead": 5, "learn": 2, "seen": 1}, {"lead": 1, "learn": 4}, {"lead": 3}):
        assert score(matrix, answers) == score(separate, answers)
        assert check_answers(matrix, answers) == check_answers(separate, answers)
        assert clean_answers(matrix, answers) == clean_answers(separate, answers)
    assert check_answers(matrix, {"lead": 3}) == {"learn": "“I want to learn” needs an answer."}


def test_a_matrix_is_one_grid_of_row_questions_each_its_own_answer() -> None:
    """The form draws the matrix once, holding one scale box per row, each answering under its id."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    grid = form.matrices["workload"]
    assert isinstance(grid, MatrixBox)
    assert grid in form.pages[0].children
    assert [form.questions[r].question.id for r in ("workload_fair", "workload_learning")] == [
        "workload_fair",
        "workload_learning",
    ]
    assert all(box in grid.children for box in grid.rows) and len(grid.rows) == 3
    assert all("careerkit-matrix-row" in box._dom_classes for box in grid.rows)
    form.questions["workload_fair"].value = 4
    assert form.answers["workload_fair"] == 4 and form.answers["workload_learning"] is None
    form.next.click()  # page 1 needs the ranking and the two required rows
    assert form.page == 0
    assert "needs an answer" in form.questions["workload_learning"].error.value
    assert form.questions["workload_feedback"].error is None  # optional row: nothing to say


def test_ranking_buttons_order_the_top_places() -> None:
    """Add, Up, Down and Remove build the ordered ids; a full ranking takes no more options."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    r = _ranking(form)
    assert form.answers["priorities"] is None
    for option in ("skills", "pay", "team"):
        r.pool[option][1].click()
    assert form.answers["priorities"] == ("skills", "pay", "team")
    assert all(add.disabled for _row, add in r.pool.values()), "three places are full"
    r.slots[2][2].click()  # team up
    assert form.answers["priorities"] == ("skills", "team", "pay")
    assert "A team to lead is now number 2." in r.said.value
    r.slots[0][3].click()  # skills down
    assert form.answers["priorities"] == ("team", "skills", "pay")
    assert r.slots[0][2].disabled and r.slots[2][3].disabled, (
        "no Up at the top, no Down at the bottom"
    )
    assert r.slots[1][2].tooltip == "Move New skills up"
    r.slots[1][0].children[3].click()  # remove skills
    assert form.answers["priorities"] == ("team", "pay")
    assert r.slots[2][0].layout.display == "none"
    assert check_answers(SURVEY, form.answers)["priorities"].endswith(
        "rank 3 options (you ranked 2)."
    )
    form.questions["priorities"].value = ("balance", "gone", "pay", "impact", "skills")
    assert r.order == ["balance", "pay", "impact"], "unknown ids dropped, at most three kept"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (("pay", "pay", "team"), "rank the options shown, each once."),
        (("pay", "nope", "team"), "rank the options shown, each once."),
        ("pay", "rank the options shown, each once."),
        (("pay",), "rank 3 options (you ranked 1)."),
    ],
)
def test_a_ranking_that_does_not_fit_is_named(value: Any, problem: str) -> None:
    """Repeated, unknown or too few ranked options are reported in words."""
    assert check_answers(SURVEY, {"priorities": value})["priorities"].endswith(problem)


def test_without_at_most_every_option_is_ranked() -> None:
    """A ranking without `at_most` wants all its options in order."""
    s = _survey(
        [
            {
                "id": "lead",
                "kind": "likert",
                "text": "Lead",
                "scale": _SCALE,
                "score": {"advancement": 1, "development": 1},
            },
            {"id": "order", "kind": "ranking", "text": "Order", "options": ["A", "B", "C"]},
        ]
    )
    assert check_answers(s, {"lead": 3, "order": ("a", "c")}) == {
        "order": "“Order”: rank 3 options (you ranked 2)."
    }
    assert check_answers(s, {"lead": 3, "order": ("c", "a", "b")}) == {}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12),
        (" 2,5 ", 2.5),
        ("2.0", 2),
        ("-0.5", -0.5),
        ("", None),
        ("lots", "lots"),
        ("nan", "nan"),
        ("1e400", "1e400"),
    ],
)
def test_typed_numbers_are_read_as_numbers_or_kept_as_typed(typed: str, value: Any) -> None:
    """Whole numbers become int, decimals float (a comma is fine); anything else stays text."""
    got = read_number(typed)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    ("qid", "typed", "message"),
    [
        ("learning_hours", "41", "type a number from 0 to 40 hours (you typed 41)."),
        ("learning_hours", "-1", "type a number from 0 to 40 hours (you typed -1)."),
        ("learning_hours", "2.5", "use steps of 1, e.g. 2 or 3."),
        ("years_in_role", "2.2", "use steps of 0.5, e.g. 2 or 2.5."),
        ("learning_hours", "ten", "type a number from 0 to 40 hours, e.g. 1."),
    ],
)
def test_a_number_out_of_bounds_is_said_at_once_beside_its_question(
    qid: str, typed: str, message: str
) -> None:
    """Leaving a number box with a number that does not fit shows why in the question's live error line."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    box = form.questions[qid]
    assert box.error is not None and "careerkit-live" in box.error._dom_classes
    _typed(form, qid, typed)
    assert message in box.error.value and box.question.text in box.error.value
    assert check_answers(SURVEY, form.answers)[qid].endswith(message)
    _typed(form, qid, "4")
    assert box.error.value == "" and form.answers[qid] == 4


def test_the_demo_answers_every_kind_validly_and_submits_through_the_form() -> None:
    """Demo answers fit every question (rankings full, numbers on their steps) and are all saved."""
    rng = random.Random(7)
    for _ in range(200):
        answers = fake_answers(SURVEY, rng)
        assert check_answers(SURVEY, answers) == {}
        assert len(answers["priorities"]) == 3
    store = MemoryStore()
    assert run_demo(SURVEY, store, "DEMO", 10, seed=1) == 10
    saved = store.responses(survey_id=SURVEY.id)
    assert len(saved) == 10 and all(isinstance(r.answers["learning_hours"], int) for r in saved)


def test_a_draft_with_every_kind_comes_back_after_a_reload() -> None:
    """Ranking, matrix rows and numbers (a mistyped one as typed) are restored into a new form."""
    store = MemoryStore()
    waiting: list[Any] = []

    def clock(_delay: float, callback: Any) -> Any:
        waiting.append(callback)
        return lambda: None

    def open_form() -> tuple[SurveyForm, TabKey]:
        form = SurveyForm(SURVEY, store=store)
        tab = TabKey()
        keeper = DraftKeeper(form, store, tab, schedule=clock)
        form.draft_slot.children = [keeper.hint, tab]
        return form, tab

    first, tab = open_form()
    k = secrets.token_hex(16)
    tab.value = f"new:{k}"
    for option in ("balance", "impact", "pay"):
        _ranking(first).pool[option][1].click()
    _ranking(first).slots[2][2].click()
    first.questions["workload_fair"].value = 5
    first.questions["workload_learning"].value = 1
    first.next.click()
    _typed(first, "learning_hours", "12")
    _typed(first, "years_in_role", "2,5x")
    while waiting:
        waiting.pop(0)()

    again, tab2 = open_form()
    tab2.value = f"restore:{k}"
    assert again.answers == {
        "priorities": ("balance", "pay", "impact"),
        "workload_fair": 5,
        "workload_learning": 1,
        "workload_feedback": None,
        "learning_hours": 12,
        "years_in_role": "2,5x",
    }
    assert _ranking(again).slots[1][1].value.endswith("2. Better pay</div>")
    assert again.questions["years_in_role"].input.children[0].value == "2,5x"
    assert again.page == 1


def test_later_questions_can_follow_a_ranking_a_matrix_row_and_a_number() -> None:
    """visible_if reads a ranking like a multi, a matrix row like a likert item, a number with at_least."""
    s = _survey(
        [
            {"id": "grid", "kind": "matrix", "text": "Agree?", "scale": _SCALE, "rows": _ROWS},
            {
                "id": "order",
                "kind": "ranking",
                "text": "Order",
                "options": ["A", "B", "C"],
                "at_most": 2,
            },
            {"id": "hours", "kind": "number", "text": "Hours", "min": 0, "max": 10, "step": 0.5},
            {
                "id": "why_a",
                "kind": "text",
                "text": "Why A?",
                "visible_if": {"question": "order", "equals": "a"},
            },
            {
                "id": "lead_more",
                "kind": "text",
                "text": "More?",
                "visible_if": {"question": "lead", "at_least": 4},
            },
            {
                "id": "busy",
                "kind": "text",
                "text": "Busy?",
                "visible_if": {"question": "hours", "at_least": 6},
            },
        ]
    )
    shown = {q.id for q in visible_questions(s, {"order": ("b", "a"), "lead": 4, "hours": 6.5})}
    assert {"why_a", "lead_more", "busy"} <= shown
    hidden = {q.id for q in visible_questions(s, {"order": ("b", "c"), "lead": 3, "hours": 5.5})}
    assert not {"why_a", "lead_more", "busy"} & hidden
    assert "busy" not in {q.id for q in visible_questions(s, {"hours": "6,x"})}, "not a number yet"


@pytest.mark.parametrize("value", [2.5, 1234567.5, 0.1, 12, -3])
def test_a_stored_number_is_shown_with_every_digit_and_reads_back_the_same(value: float) -> None:
    """Putting a number back into its box (a draft) and reading it again changes nothing."""
    number = {"id": "n", "kind": "number", "text": "N", "min": -10, "max": 2e6, "step": 0.1}
    s = Survey.model_validate(
        {"id": "s", "title": "S", "pages": [{"title": "P", "questions": [number]}]}
    )
    form = SurveyForm(s, store=MemoryStore())
    form.set_answers({"n": value})
    assert form.answers["n"] == value and type(form.answers["n"]) is type(value)
    assert check_answers(s, form.answers) == {}, "on a step of 0.1 from -10, float rounding aside"
