"""Scoring and answer checks: known answers on the real survey and on small surveys built here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from careerkit.definitions import check_file
from careerkit.model import AnswerValue, Survey
from careerkit.survey.scoring import (
    check_answers,
    clean_answers,
    explain,
    orientation,
    score,
    visible_questions,
)

SURVEY_FILE = Path(__file__).resolve().parents[2] / "survey" / "career_interests.yaml"

ADVANCEMENT = ("more_responsibility", "visibility", "lead_people", "stretch_ready", "next_role")
DEVELOPMENT = ("deepen_strengths", "training", "certification", "pay_in_role")
Answers = dict[str, AnswerValue | None]


@pytest.fixture(scope="module")
def career() -> Survey:
    survey, problems = check_file(SURVEY_FILE)
    assert survey is not None, problems
    return survey


def all_likert(survey: Survey, value: int) -> Answers:
    return {q.id: value for q in survey.questions if q.kind == "likert"}


def lean(towards: tuple[str, ...], away: tuple[str, ...], **rest: int) -> Answers:
    """5 on the `towards` items, 1 on the `away` items, plus any explicit answers."""
    answers: Answers = {q: 5 for q in towards}
    answers.update({q: 1 for q in away})
    answers.update(rest)
    return answers


ORIENTATION_TEXTS = {
    name: {"title": name.title(), "summary": f"You lean {name}.", "next_steps": ["Talk."]}
    for name in ("advancement", "development", "both", "undecided")
}


def small_survey(
    questions: list[dict[str, Any]], interest: float = 60, lead: float = 25, scored: bool = True
) -> Survey:
    """A one-page survey built in code, validated like a file (cross-checks included)."""
    data: dict[str, Any] = {
        "id": "small",
        "title": "Small",
        "pages": [{"title": "Only page", "questions": questions}],
    }
    if scored:
        data["scoring"] = {
            "thresholds": {"interest": interest, "lead": lead},
            "orientations": ORIENTATION_TEXTS,
        }
    return Survey.model_validate(data)


def likert(qid: str, points: int = 5, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "kind": "likert",
        "text": f"Statement {qid}",
        "scale": {"points": points, "low": "Disagree", "high": "Agree"},
        **extra,
    }


# --- score and orientation on the real survey ------------------------------------------------


def test_agreeing_with_everything_gives_both(career: Survey) -> None:
    """All 5s: development is 100, advancement 92.3 (the reversed item pulls it down): both."""
    result = score(career, all_likert(career, 5))
    assert result is not None
    assert (result.advancement, result.development) == (92.3, 100.0)
    assert result.orientation == "both"


def test_advancement_only_answers_give_advancement(career: Survey) -> None:
    """Agreeing only with the moving-up items gives a high advancement, low development score."""
    answers = lean(ADVANCEMENT, DEVELOPMENT, comfort_zone=1, skills_for_step=3)
    result = score(career, answers)
    assert result is not None
    assert (result.advancement, result.development) == (96.2, 4.2)
    assert result.orientation == "advancement"


def test_development_only_answers_give_development(career: Survey) -> None:
    """Agreeing only with the growing-in-place items gives development."""
    answers = lean(DEVELOPMENT, ADVANCEMENT, comfort_zone=5, skills_for_step=3)
    result = score(career, answers)
    assert result is not None
    assert (result.advancement, result.development) == (3.8, 95.8)
    assert result.orientation == "development"


def test_neutral_answers_are_undecided(career: Survey) -> None:
    """All 3s sit at the middle of every scale: 50/50, below the interest threshold."""
    result = score(career, all_likert(career, 3))
    assert result is not None
    assert (result.advancement, result.development) == (50.0, 50.0)
    assert result.orientation == "undecided"


def test_no_answers_score_zero_and_undecided(career: Survey) -> None:
    """With nothing answered there is nothing to average: both scores are 0, undecided."""
    result = score(career, {})
    assert result is not None
    assert (result.advancement, result.development, result.orientation) == (0, 0, "undecided")


def test_explain_returns_the_survey_text_for_the_result(career: Survey) -> None:
    """explain() gives the orientation text written in the survey file."""
    result = score(career, all_likert(career, 5))
    assert result is not None
    text = explain(career, result)
    assert text is not None
    assert text.title == "Both"
    assert len(text.next_steps) == 3


@pytest.mark.parametrize(
    ("advancement", "development", "expected"),
    [
        (92, 70, "both"),  # both clear, ahead by 22 < lead 25
        (95, 65, "advancement"),  # both clear, ahead by 30 >= lead
        (65, 90, "development"),  # exactly 25 ahead counts as leading
        (80, 40, "advancement"),  # only one clear
        (59.9, 60, "development"),  # interest is inclusive
        (55, 50, "undecided"),
    ],
)
def test_orientation_rule_matches_the_readme(
    career: Survey, advancement: float, development: float, expected: str
) -> None:
    """The orientation follows interest 60 / lead 25 as documented, edges included."""
    assert orientation(career, advancement, development) == expected


def test_lead_zero_turns_the_lead_rule_off() -> None:
    """With lead 0, two clear scores are always 'both', however far apart."""
    survey = small_survey(
        [likert("up", score={"advancement": 1}), likert("deep", score={"development": 1})],
        lead=0,
    )
    assert orientation(survey, 100, 61) == "both"
    assert orientation(survey, 61, 100) == "both"


def test_lead_rule_through_score() -> None:
    """Scoring 4 and 5 gives 75 and 100; 100 leads by 25, so development wins over both."""
    survey = small_survey(
        [likert("up", score={"advancement": 1}), likert("deep", score={"development": 1})]
    )
    result = score(survey, {"up": 4, "deep": 5})
    assert result is not None
    assert (result.advancement, result.development, result.orientation) == (75, 100, "development")
    result = score(survey, {"up": 4, "deep": 4})
    assert result is not None
    assert result.orientation == "both"


@pytest.mark.parametrize(("answer", "advancement", "development"), [(1, 100, 0), (5, 0, 100)])
def test_negative_weight_reverses_an_item(
    answer: int, advancement: float, development: float
) -> None:
    """A weight of -1 counts disagreement: answering 1 gives 100 on that side, 5 gives 0."""
    survey = small_survey([likert("stay", score={"advancement": -1, "development": 1})])
    result = score(survey, {"stay": answer})
    assert result is not None
    assert (result.advancement, result.development) == (advancement, development)


def test_weights_and_scale_size_shape_the_average() -> None:
    """Scores are weight-averaged positions on each question's own scale."""
    survey = small_survey(
        [
            likert("big", points=11, score={"advancement": 3}),  # 6 of 11 -> 0.5
            likert("small", points=3, score={"advancement": 1, "development": 1}),  # 3 of 3 -> 1
        ]
    )
    result = score(survey, {"big": 6, "small": 3})
    assert result is not None
    assert result.advancement == 62.5  # (3 * 0.5 + 1 * 1) / 4
    assert result.development == 100


def test_answers_off_the_scale_are_not_scored(career: Survey) -> None:
    """Out-of-range or non-number likert answers are ignored by score() instead of crashing."""
    answers: Answers = {"more_responsibility": 9, "visibility": 0, "lead_people": True}
    answers["stretch_ready"] = 5
    result = score(career, answers)
    assert result is not None
    assert (result.advancement, result.development) == (100, 0)


def test_survey_without_scoring_has_no_result() -> None:
    """A survey with no scoring section scores to None and is always undecided."""
    survey = small_survey([likert("up")], scored=False)
    assert score(survey, {"up": 5}) is None
    assert orientation(survey, 100, 100) == "undecided"


# --- visible_if ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_role", "shown"), [(None, False), (1, False), (3, False), (4, True), (5, True)]
)
def test_next_role_name_shows_only_from_four(
    career: Survey, next_role: int | None, shown: bool
) -> None:
    """'Which role is it?' is visible exactly when next_role is answered 4 or 5."""
    ids = [q.id for q in visible_questions(career, {"next_role": next_role})]
    assert ("next_role_name" in ids) is shown
    assert len(ids) == len(career.questions) - (0 if shown else 1)


def test_clean_answers_drops_hidden_and_blank_answers(career: Survey) -> None:
    """A role typed before next_role dropped to 2 is not stored; blanks are not stored either."""
    answers: Answers = {"next_role": 2, "next_role_name": "Team lead", "career_goal": ""}
    answers["activities"] = ()
    assert clean_answers(career, answers) == {"next_role": 2}
    answers["next_role"] = 4
    assert clean_answers(career, answers) == {"next_role": 4, "next_role_name": "Team lead"}


def test_check_answers_ignores_hidden_questions(career: Survey) -> None:
    """A too-long role name is only a problem while its question is visible."""
    answers = all_likert(career, 3)
    answers.update({"activities": ("courses",), "manager_support": "budget"})
    answers["next_role_name"] = "x" * 500
    assert check_answers(career, answers) == {}
    answers["next_role"] = 5
    assert check_answers(career, answers) == {
        "next_role_name": "“Which role is it?”: shorten it to 200 characters (it has 500)."
    }


def test_hidden_answers_are_not_scored() -> None:
    """A scored question hidden by its condition does not count, even if it has an answer."""
    survey = small_survey(
        [
            likert("up", score={"advancement": 1}),
            likert("deep", score={"development": 1}, visible_if={"question": "up", "at_least": 4}),
        ]
    )
    hidden = score(survey, {"up": 1, "deep": 5})
    shown = score(survey, {"up": 5, "deep": 5})
    assert hidden is not None and shown is not None
    assert (hidden.development, shown.development) == (0, 100)


def test_conditions_chain_through_hidden_questions() -> None:
    """A question that depends on a hidden question is hidden too, whatever the stale answer."""
    survey = small_survey(
        [
            likert("up"),
            {
                "id": "path",
                "kind": "choice",
                "text": "Which path?",
                "options": ["Manager", "Specialist"],
                "visible_if": {"question": "up", "at_least": 4},
            },
            {
                "id": "team",
                "kind": "text",
                "text": "Which team?",
                "visible_if": {"question": "path", "equals": "manager"},
            },
        ],
        scored=False,
    )

    def ids(answers: Answers) -> list[str]:
        return [q.id for q in visible_questions(survey, answers)]

    assert ids({"up": 5, "path": "manager"}) == ["up", "path", "team"]
    assert ids({"up": 5, "path": "specialist"}) == ["up", "path"]
    assert ids({"up": 2, "path": "manager"}) == ["up"]


def test_one_of_and_equals_on_a_multi_question() -> None:
    """On a multi question, equals and one_of hold when any matching option is among the picks."""
    survey = small_survey(
        [
            {
                "id": "do",
                "kind": "multi",
                "text": "Which?",
                "options": ["Courses", "Mentoring", "Travel"],
            },
            {
                "id": "a",
                "kind": "text",
                "text": "A",
                "visible_if": {"question": "do", "equals": "courses"},
            },
            {
                "id": "b",
                "kind": "text",
                "text": "B",
                "visible_if": {"question": "do", "one_of": ["mentoring", "travel"]},
            },
        ],
        scored=False,
    )
    assert [q.id for q in visible_questions(survey, {"do": ("courses",)})] == ["do", "a"]
    assert [q.id for q in visible_questions(survey, {"do": ("travel", "courses")})] == [
        "do",
        "a",
        "b",
    ]
    assert [q.id for q in visible_questions(survey, {"do": ()})] == ["do"]


# --- check_answers messages ------------------------------------------------------------------


def test_complete_valid_answers_have_no_issues(career: Survey) -> None:
    """A full, in-range set of answers passes check_answers."""
    answers = all_likert(career, 4)
    answers.update(
        {
            "next_role_name": "Team lead",
            "activities": ("courses", "mentoring", "stretch_project"),
            "manager_support": "feedback",
            "time_horizon": "one_year",
            "career_goal": "Lead a small team.",
        }
    )
    assert check_answers(career, answers) == {}


def test_required_questions_missing_are_listed(career: Survey) -> None:
    """With no answers, every visible required question is reported, and no optional one."""
    issues = check_answers(career, {})
    required = {q.id for q in career.questions if q.required and q.visible_if is None}
    assert set(issues) == required
    assert "time_horizon" not in issues and "next_role_name" not in issues
    assert issues["visibility"] == (
        "“I want my work to be more visible to senior leaders.” needs an answer."
    )
    assert issues["more_responsibility"].endswith("…” needs an answer.")  # long text shortened


def test_multi_min_and_max_are_enforced(career: Survey) -> None:
    """Too few or too many picks on a multi question give a message with the limit."""
    survey = small_survey(
        [
            {
                "id": "do",
                "kind": "multi",
                "text": "Pick two or three",
                "options": ["A1", "B1", "C1", "D1"],
                "min": 2,
                "max": 3,
            }
        ],
        scored=False,
    )
    assert check_answers(survey, {"do": ("a1",)}) == {"do": "“Pick two or three”: pick at least 2."}
    assert check_answers(survey, {"do": ("a1", "b1", "c1", "d1")}) == {
        "do": "“Pick two or three”: pick at most 3 (you picked 4)."
    }
    assert check_answers(survey, {"do": ("a1", "b1")}) == {}
    picked = ("courses", "mentoring", "conferences", "outside_work")
    assert (
        "pick at most 3 (you picked 4)"
        in check_answers(career, {"activities": picked})["activities"]
    )


def test_multi_picks_must_be_option_ids(career: Survey) -> None:
    """A multi answer naming an option that does not exist is refused."""
    issue = check_answers(career, {"activities": ("courses", "golf")})["activities"]
    assert issue.endswith("pick from the options shown.")


def test_text_too_long_says_by_how_much(career: Survey) -> None:
    """A text answer over max_length reports the limit and the actual length."""
    issue = check_answers(career, {"career_goal": "y" * 1001})["career_goal"]
    assert issue.endswith("shorten it to 1000 characters (it has 1001).")
    assert "career_goal" not in check_answers(career, {"career_goal": "y" * 1000})


@pytest.mark.parametrize("value", [0, 6, -1, True, "5", 4.5])
def test_likert_answer_out_of_range_is_refused(career: Survey, value: Any) -> None:
    """Likert answers must be whole points from 1 to the scale's size."""
    issue = check_answers(career, {"visibility": value})["visibility"]
    assert issue.endswith("pick a point from 1 to 5.")


@pytest.mark.parametrize("value", [1, 5])
def test_likert_answer_in_range_is_accepted(career: Survey, value: int) -> None:
    """The ends of the scale are valid answers."""
    assert "visibility" not in check_answers(career, {"visibility": value})


def test_choice_answer_must_be_an_option(career: Survey) -> None:
    """A choice answer that is not one of the option ids is refused."""
    issue = check_answers(career, {"manager_support": "Budget"})["manager_support"]
    assert issue.endswith("pick one of the options shown.")
