"""What changes a stored answer's meaning (model/edition.py), and the digest a survey kernel
computes from its cached survey without reading YAML."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from careerkit.definitions import cache, load_survey
from careerkit.model import (
    ChoiceQuestion,
    LikertQuestion,
    Survey,
    answers_fit,
    edition_of,
    meaning_changes,
    other_changes,
    survey_digest,
)

SURVEY = load_survey("career_interests")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _with(qid: str, **update: Any) -> Survey:
    """SURVEY with question `qid` changed as given."""
    pages = []
    for page in SURVEY.pages:
        qs = tuple(q.model_copy(update=update) if q.id == qid else q for q in page.questions)
        pages.append(page.model_copy(update={"questions": qs}))
    return SURVEY.model_copy(update={"pages": tuple(pages)})


def _messages(new: Survey) -> list[str]:
    return [msg for _loc, msg in meaning_changes(SURVEY, new)]


def test_an_unchanged_survey_has_no_meaning_change_and_one_digest() -> None:
    assert meaning_changes(SURVEY, SURVEY) == []
    assert other_changes(SURVEY, SURVEY) == []
    assert edition_of(SURVEY, NOW).digest == survey_digest(SURVEY.model_dump(mode="json"))


def test_the_cached_survey_gives_the_same_edition_as_the_file(tmp_path: Any) -> None:
    """A survey kernel rebuilds its survey from the cache (no YAML): the digest is the same."""
    first = load_survey("career_interests")  # read from YAML, then cached
    again = load_survey("career_interests")  # rebuilt from the cache entry
    assert list(cache.cache_dir().glob("career_interests-*.json"))
    assert edition_of(again, NOW).digest == edition_of(first, NOW).digest


def test_each_meaning_change_is_named_where_it_is() -> None:
    lead = SURVEY.question("lead_people")
    assert isinstance(lead, LikertQuestion)
    seven = _with("lead_people", scale=lead.scale.model_copy(update={"points": 7}))
    ((loc, msg),) = meaning_changes(SURVEY, seven)
    assert loc == ("pages", 0, "questions", 2, "scale", "points")
    assert msg == "question 'lead_people' had 5 scale points, now 7"
    weights = _with("lead_people", score=lead.score.model_copy(update={"advancement": 2}))  # type: ignore[union-attr]  # scored item
    assert _messages(weights) == [
        "question 'lead_people''s scoring weights changed (advancement 1, development 0 -> "
        "advancement 2, development 0)"
    ]
    horizon = SURVEY.question("time_horizon")
    assert isinstance(horizon, ChoiceQuestion)
    fewer = _with("time_horizon", options=horizon.options[1:])
    assert _messages(fewer) == [
        f"question 'time_horizon' lost option id(s) '{horizon.options[0].id}'"
    ]
    more = _with(
        "time_horizon",
        options=(*horizon.options, horizon.options[0].model_copy(update={"id": "never"})),
    )
    assert _messages(more) == []  # an added option keeps old answers' meaning
    assert "question 'time_horizon' gained option id(s) never" in other_changes(SURVEY, more)
    assert SURVEY.scoring is not None
    t = SURVEY.scoring.thresholds
    rescored = SURVEY.model_copy(
        update={
            "scoring": SURVEY.scoring.model_copy(
                update={"thresholds": t.model_copy(update={"lead": 30.0})}
            )
        }
    )
    assert meaning_changes(SURVEY, rescored) == [
        (("scoring", "thresholds", "lead"), "the lead threshold was 25, now 30")
    ]


def test_wording_keeps_meaning() -> None:
    reworded = _with(
        "visibility", text="Senior leaders should see more of my work.", help="Think of this year."
    )
    assert meaning_changes(SURVEY, reworded) == []
    assert other_changes(SURVEY, reworded) == [
        "question 'visibility': wording changed (text, help or labels)"
    ]
    assert (
        edition_of(reworded, NOW).digest != edition_of(SURVEY, NOW).digest
    )  # an edition of its own


def test_old_answers_fit_only_a_survey_that_can_hold_them() -> None:
    assert answers_fit(SURVEY, {"lead_people": 5, "activities": ("courses",), "career_goal": "x"})
    assert not answers_fit(SURVEY, {"lead_people": 6})  # beyond 5 points
    assert not answers_fit(SURVEY, {"gone": "x"})  # no such question
    assert not answers_fit(SURVEY, {"activities": ("juggling",)})  # no such option
    assert not answers_fit(SURVEY, {"time_horizon": ("one_year",)})  # a choice is one id


GROWTH = load_survey("growth_priorities")


def _growth_with(qid: str, **update: Any) -> Survey:
    """GROWTH with question (or matrix) `qid` changed as given."""
    pages = []
    for page in GROWTH.pages:
        qs = tuple(q.model_copy(update=update) if q.id == qid else q for q in page.questions)
        pages.append(page.model_copy(update={"questions": qs}))
    return GROWTH.model_copy(update={"pages": tuple(pages)})


def test_rankings_numbers_and_matrix_rows_change_meaning_where_they_are() -> None:
    """A ranking's options and places, a number's unit and a matrix row's scale are meaning;
    a number's range is not (it is noted), and a matrix row is found by its own id."""
    from careerkit.model import MatrixQuestion, NumberQuestion, RankingQuestion

    ranking = GROWTH.question("priorities")
    assert isinstance(ranking, RankingQuestion)
    fewer = _growth_with("priorities", options=ranking.options[:-1], at_most=ranking.places)
    assert [m for _l, m in meaning_changes(GROWTH, fewer)] == [
        f"question 'priorities' lost option id(s) '{ranking.options[-1].id}'"
    ]
    places = _growth_with("priorities", at_most=ranking.places - 1)
    ((loc, msg),) = meaning_changes(GROWTH, places)
    assert loc[-1] == "at_most" and f"now {ranking.places - 1}" in msg

    hours = GROWTH.question("learning_hours")
    assert isinstance(hours, NumberQuestion)
    unit = _growth_with("learning_hours", unit="minutes")
    ((loc, msg),) = meaning_changes(GROWTH, unit)
    assert loc[-1] == "unit" and "'minutes'" in msg
    wider = _growth_with("learning_hours", max=hours.max * 2)
    assert meaning_changes(GROWTH, wider) == []
    assert "question 'learning_hours': range or step changed (same unit)" in other_changes(
        GROWTH, wider
    )

    (page_no, index, grid) = next(
        (p, i, q)
        for p, page in enumerate(GROWTH.pages)
        for i, q in enumerate(page.questions)
        if isinstance(q, MatrixQuestion)
    )
    seven = grid.scale.model_copy(update={"points": 7})
    ((loc, msg),) = [
        c for c in meaning_changes(GROWTH, _growth_with(grid.id, scale=seven)) if "rows" in c[0]
    ][:1]
    assert loc[:6] == ("pages", page_no, "questions", index, "rows", 0)
    assert msg.startswith(f"question '{grid.rows[0].id}' had")
    dropped = _growth_with(grid.id, rows=grid.rows[1:])
    assert [m for _l, m in meaning_changes(GROWTH, dropped)] == [
        f"question '{grid.rows[0].id}' was removed"
    ]
    assert answers_fit(GROWTH, {"priorities": tuple(o.id for o in ranking.options[:3])})
    assert not answers_fit(GROWTH, {"learning_hours": hours.max + 1})
