"""Answers of every question kind come back from every store as they were given, types included."""

from __future__ import annotations

from datetime import UTC, datetime

from careerkit.model import Draft, Response
from careerkit.store import Store

T0 = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)
#: A ranking (ordered ids), matrix rows (scale points), a whole and a decimal number, the rest.
ANSWERS = {
    "priorities": ("team", "pay", "skills"),
    "workload_fair": 4,
    "workload_learning": 1,
    "learning_hours": 12,
    "years_in_role": 2.5,
    "negative": -0.25,
    "activities": ("courses",),
    "role": "expert",
    "goal": "Lead, then -1 @ =SUM(A1)",
}


def _same(a: object, b: object) -> bool:
    """Equal and of the same type, all the way into tuples (12 is not 12.0)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def test_every_kind_round_trips_through_responses_and_the_long_form(store: Store) -> None:
    """A saved response reads back exactly; its long form has one row per rank and numbers as numbers."""
    response = Response(
        id="kinds-resp-01",
        survey_id="growth_priorities",
        workshop="KINDS1",
        answers=ANSWERS,
        submitted_at=T0,
    )
    assert store.save_response(response)
    back = store.get_response(response.id)
    assert back is not None and _same(back.answers, ANSWERS)
    listed = store.responses(survey_id="growth_priorities")
    assert [r.id for r in listed] == [response.id] and _same(listed[0].answers, ANSWERS)
    _columns, rows = store.answer_rows(["KINDS1"], "growth_priorities")
    by_question = {(r[5], r[6]): (r[7], r[8]) for r in rows}
    assert by_question[("priorities", 0)] == (None, "team")
    assert by_question[("priorities", 1)] == (None, "pay")
    assert by_question[("priorities", 2)] == (None, "skills")
    assert by_question[("workload_fair", 0)] == (4.0, None)
    assert by_question[("learning_hours", 0)] == (12.0, None)
    assert by_question[("years_in_role", 0)] == (2.5, None)
    assert by_question[("negative", 0)] == (-0.25, None)
    assert len(rows) == 3 + 8  # three ranks, one row for each other answer


def test_a_draft_of_every_kind_comes_back(store: Store) -> None:
    """A draft holding each kind's answer is read back with the same values and types."""
    draft = Draft(
        key="k" * 32,
        survey_id="growth_priorities",
        workshop=None,
        submission_id="kinds-draft-01",
        answers={**ANSWERS, "learning_hours": "4O"},  # as typed, not yet a number
        page=1,
        updated_at=datetime.now(UTC),  # a draft older than its keeping time is gone
    )
    store.save_draft(draft)
    back = store.get_draft(draft.key, "growth_priorities", None)
    assert back is not None and _same(back.answers, draft.answers) and back.page == 1
