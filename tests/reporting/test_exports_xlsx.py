"""Excel export: values only, numbers as numbers, formula-looking text made inert, CLI for both formats."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.model import Response, ScoreResult
from careerkit.reporting.export_xlsx import QUESTIONS_SHEET, RESPONSES_SHEET, write_xlsx
from careerkit.store import open_store

SURVEY = load_survey("career_interests")
HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\tx"]


def _response(i: int, goal: str) -> Response:
    return Response(
        id=f"resp{i:04d}",
        survey_id=SURVEY.id,
        workshop='=HYPERLINK("x")' if i == 0 else "EX",
        submitted_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        answers={"more_responsibility": 1 + i % 5, "activities": ("courses",), "career_goal": goal},
        result=ScoreResult(advancement=80.5, development=20.0, orientation="advancement"),
    )


def _columns(path: Path) -> tuple[list[str], list[dict[str, object]], list[dict[str, str]]]:
    """Header, values by column, and openpyxl data types by column of the responses sheet."""
    with path.open("rb") as fh:  # a file object: openpyxl judges a path by its extension
        sheet = load_workbook(fh)[RESPONSES_SHEET]
    rows = list(sheet.iter_rows())
    header = [str(c.value) for c in rows[0]]
    values = [{h: c.value for h, c in zip(header, r, strict=True)} for r in rows[1:]]
    types = [{h: c.data_type for h, c in zip(header, r, strict=True)} for r in rows[1:]]
    return header, values, types


def test_no_formula_cells_and_hostile_text_is_inert(tmp_path: Path) -> None:
    """Formula-looking answers come back as text starting with an apostrophe, and no cell is a formula."""
    out = tmp_path / "answers.xlsx"
    assert write_xlsx(out, SURVEY, [_response(i, t) for i, t in enumerate(HOSTILE)]) == len(HOSTILE)
    book = load_workbook(out)
    assert {QUESTIONS_SHEET, RESPONSES_SHEET} <= set(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title
    _, values, types = _columns(out)
    assert [v["career_goal"] for v in values] == ["'" + t for t in HOSTILE]
    assert all(t["career_goal"] == "s" for t in types)
    assert values[0]["workshop"] == '\'=HYPERLINK("x")'


def test_likert_answers_and_scores_are_numbers(tmp_path: Path) -> None:
    """Likert answers and scores are numeric cells holding the stored values, never text."""
    out = tmp_path / "answers.xlsx"
    write_xlsx(out, SURVEY, [_response(i, "grow") for i in range(3)])
    _, values, types = _columns(out)
    assert [v["more_responsibility"] for v in values] == [1, 2, 3]
    assert [v["advancement"] for v in values] == [80.5] * 3
    for t in types:
        assert t["more_responsibility"] == t["advancement"] == t["development"] == "n"
        assert t["orientation"] == "s"
    assert values[0]["activities"] == "courses"
    assert values[0]["visibility"] is None  # unanswered: a blank cell, not an empty string


def test_cli_exports_both_formats_with_the_same_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export` writes CSV and xlsx (by extension or --format) with the same responses and numbers."""
    assert main(["demo", "--workshop", "RT", "--participants", "7", "--seed", "2"]) == 0
    assert open_store().count_responses(workshop="RT") == 7
    csv_out, xlsx_out, bare = tmp_path / "rt.csv", tmp_path / "rt.xlsx", tmp_path / "rt-excel"
    assert main(["export", "--workshop", "RT", "--output", str(csv_out)]) == 0
    assert main(["export", "--workshop", "RT", "--output", str(xlsx_out)]) == 0
    assert main(["export", "--workshop", "RT", "--output", str(bare), "--format", "xlsx"]) == 0
    assert "Wrote 7 responses" in capsys.readouterr().out
    with csv_out.open(encoding="utf-8-sig") as fh:
        from_csv = {r["response_id"]: r for r in csv.DictReader(fh)}
    for path in (xlsx_out, bare):
        _, values, types = _columns(path)
        assert {str(v["response_id"]) for v in values} == set(from_csv)
        for v, t in zip(values, types, strict=True):
            row = from_csv[str(v["response_id"])]
            assert t["advancement"] == "n"
            assert v["advancement"] == pytest.approx(float(row["advancement"]))
            assert v["more_responsibility"] == int(row["more_responsibility"])


def test_cli_refuses_a_format_that_contradicts_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format xlsx` with a .csv file name is refused, and writes nothing."""
    out = tmp_path / "x.csv"
    assert main(["export", "--workshop", "X", "--output", str(out), "--format", "xlsx"]) == 2
    assert "does not match" in capsys.readouterr().err
    assert not out.exists()


def test_export_help_says_facilitator_only(capsys: pytest.CaptureFixture[str]) -> None:
    """The export command's help warns that the file holds individual answers."""
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "individual answers" in text and "facilitator only" in text
