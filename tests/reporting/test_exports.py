"""CSV export: one row per response, and nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerkit.definitions import load_survey
from careerkit.model import Response, ScoreResult
from careerkit.reporting.export_csv import neutralize, response_table, write_csv

SURVEY = load_survey("career_interests")


@pytest.mark.parametrize(
    "text", ["=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx"]
)
def test_formula_starts_are_neutralized(text: str) -> None:
    """Every OWASP formula trigger gets a leading apostrophe."""
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", "a=b", "", 3, -2, 4.5])
def test_other_values_pass_unchanged(value: object) -> None:
    """Ordinary text and real numbers (negative ones too) are left as they are."""
    assert neutralize(value) == value


def _response(rid: str, goal: str) -> Response:
    return Response(
        id=rid,
        survey_id=SURVEY.id,
        workshop="EX",
        submitted_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        answers={
            "more_responsibility": 5,
            "activities": ("courses", "mentoring"),
            "career_goal": goal,
        },
        result=ScoreResult(advancement=-0.0 + 80, development=20, orientation="advancement"),
    )


def test_csv_has_one_column_per_question_and_guards_cells(tmp_path: Path) -> None:
    """The file has every question as a column, joins multi answers, and neutralizes '=cmd'."""
    out = tmp_path / "x.csv"
    n = write_csv(
        out, SURVEY, [_response("resp0001", "=cmd|' /C calc'!A0"), _response("resp0002", "grow")]
    )
    assert n == 2
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[3 : 3 + len(SURVEY.questions)] == [q.id for q in SURVEY.questions]
    first = dict(zip(header, rows[1], strict=True))
    assert first["career_goal"] == "'=cmd|' /C calc'!A0"
    assert first["activities"] == "courses; mentoring"
    assert first["advancement"] == "80.0" and first["orientation"] == "advancement"
    assert first["submitted_at"] == "2026-01-02T03:04:05+00:00"


def test_table_keeps_numbers_as_numbers() -> None:
    """Likert answers and scores stay numeric in the table handed to writers."""
    header, rows = response_table(SURVEY, [_response("resp0003", "x")])
    row = dict(zip(header, rows[0], strict=True))
    assert row["more_responsibility"] == 5 and isinstance(row["advancement"], float)
