"""Mean ranks, medians, bins and number hints carry the reader's decimal mark: 2,5 in German."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from careerkit.languages import use_language
from careerkit.model import Response, Survey
from careerkit.reporting.snapshot import snapshot
from careerkit.reporting.tables import breakdown_text
from careerkit.store import MemoryStore
from careerkit.survey.scoring import number_problem

T0 = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
SURVEY = Survey.model_validate(
    {
        "id": "decimals",
        "title": "Decimals",
        "pages": [
            {
                "title": "P",
                "questions": [
                    {
                        "id": "order",
                        "kind": "ranking",
                        "text": "Order",
                        "options": ["Pay", "Skills", "Team"],
                    },
                    {
                        "id": "days",
                        "kind": "number",
                        "text": "Days of training a year",
                        "min": 0,
                        "max": 4,
                        "step": 0.5,
                        "unit": "days",
                    },
                ],
            }
        ],
    }
)
ORDERS = [("pay", "skills", "team"), ("skills", "team", "pay"), ("team", "pay", "skills")]


def _store() -> MemoryStore:
    """Twenty people: pay ranked 1.8 on average; days 1.5 (ten people) and 3.5 (ten)."""
    people: list[dict[str, Any]] = [{"order": o} for o in ORDERS for _ in range(5)]
    people += [{"order": ORDERS[0]}] * 5
    store = MemoryStore()
    store.create_workshop("Room", code="ROOM")
    for n, answers in enumerate(people):
        days = 1.5 if n % 2 else 3.5
        store.save_response(
            Response(
                id=f"resp-{n:06d}",
                survey_id=SURVEY.id,
                workshop="ROOM",
                answers={**answers, "days": days},
                submitted_at=T0 + timedelta(seconds=n),
            )
        )
    return store


def test_mean_rank_and_median_in_german_and_english() -> None:
    """The same figures read "1,8" and "2,5" in German, "1.8" and "2.5" in English."""
    store = _store()
    english = snapshot(store, SURVEY, ["ROOM"], threshold=5)
    assert english.rankings[0].row_labels["pay"] == "Pay (mean rank 1.8)"
    assert english.numbers[0].row_labels["all"] == (
        "All selected workshops: median 2.5 days (20 answers)"
    )
    use_language("de")
    german = snapshot(store, SURVEY, ["ROOM"], threshold=5)
    assert german.rankings[0].row_labels["pay"] == "Pay (durchschnittlicher Rang 1,8)"
    assert german.rankings[0].row_labels["team"] == "Team (durchschnittlicher Rang 2,2)"
    number = german.numbers[0]
    assert number.row_labels["all"] == "Alle gewählten Workshops: Median 2,5 days (20 Antworten)"
    labels = set(number.column_labels.values())
    assert labels == {
        "0 bis 0,5 days",
        "1 bis 1,5 days",
        "2 bis 2,5 days",
        "3 bis 3,5 days",
        "4 days",
    }
    alt = breakdown_text(number)
    assert "Median 2,5 days" in alt and "3 bis 3,5 days: 10" in alt and "2.5" not in alt


def test_a_number_answers_hint_in_german() -> None:
    """A value off the steps: German hint with decimal commas; English keeps points."""
    days = SURVEY.question("days")
    assert number_problem(days, 1.25) == "use steps of 0.5, e.g. 1 or 1.5."
    use_language("de")
    problem = number_problem(days, 1.25)
    assert problem == "verwenden Sie Schritte von 0,5, z. B. 1 oder 1,5."
    out_of_range = number_problem(days, 9.5)
    assert out_of_range is not None and "9,5" in out_of_range and "0 " in out_of_range
