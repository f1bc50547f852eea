"""Responses to an Excel workbook that holds only values: numbers as numbers, text made inert.

Same table as the CSV export (careerkit.reporting.export_csv.response_table). Every cell is written with
an explicit type (`write_string`, `write_number`, `write_blank`), never the guessing `write`,
so no answer can become a formula or a link, and every text cell goes through `neutralize`
first, so copying the cells into a CSV later stays safe as well. The file holds individual
answers: it is for the facilitator only.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook  # type: ignore[import-untyped]  # ships no py.typed marker

from careerkit.languages import N_, _
from careerkit.model import Response, Survey

from .export_csv import neutralize, response_table

#: Belt and braces: even a stray `write()` must not turn text into formulas, numbers or links.
_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
# Sheet names and the notice are in the facilitator's language (`--lang`), through _();
# column titles are ids, like the CSV's.
RESPONSES_SHEET = N_("Responses")
QUESTIONS_SHEET = N_("Questions")
ABOUT_SHEET = N_("About this file")
NOTICE = N_(
    "Individual answers: for the facilitator only. Do not forward this file; share the "
    "privacy-checked report (careerkit report) instead."
)


def _write_cell(sheet: Any, row: int, col: int, value: object, fmt: Any = None) -> None:
    """One cell with its real type: finite numbers as numbers, the rest as neutralized text."""
    if isinstance(value, bool):  # a bool is an int to Python, but an answer never is one
        sheet.write_string(row, col, str(value), fmt)
    elif isinstance(value, int | float):
        if math.isfinite(value):
            sheet.write_number(row, col, value, fmt)
        else:
            sheet.write_blank(row, col, None, fmt)
    elif value is None or value == "":
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, neutralize(str(value)), fmt)


def _questions_sheet(workbook: Any, survey: Survey, bold: Any) -> None:
    """What each column id means: the question texts, as plain text."""
    sheet = workbook.add_worksheet(_(QUESTIONS_SHEET))
    heads = (_("question (column id)"), _("kind"), _("text"))
    for col, title in enumerate(heads):
        sheet.write_string(0, col, title, bold)
    for row, q in enumerate(survey.questions, start=1):
        for col, value in enumerate((q.id, q.kind, q.text)):
            _write_cell(sheet, row, col, value)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 90)


def write_xlsx(
    path: Path,
    survey: Survey,
    responses: Iterable[Response],
    versions: Mapping[str, int] | None = None,
) -> int:
    """Write the response table as an .xlsx workbook; returns the number of response rows."""
    data, n = xlsx_bytes(survey, responses, versions)
    path.write_bytes(data)
    return n


def xlsx_bytes(
    survey: Survey, responses: Iterable[Response], versions: Mapping[str, int] | None = None
) -> tuple[bytes, int]:
    """The response table as the bytes of an .xlsx workbook, and the number of response rows."""
    header, rows = response_table(survey, responses, versions)
    buffer = io.BytesIO()
    with Workbook(buffer, {**_OPTIONS, "in_memory": True}) as workbook:
        title = _("{title} - responses").format(title=survey.title)
        workbook.set_properties({"title": title, "comments": _(NOTICE)})
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(_(RESPONSES_SHEET))
        for col, title in enumerate(header):
            _write_cell(sheet, 0, col, title, bold)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _write_cell(sheet, r, col, value)
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, len(header) - 1, 16)
        if rows:
            sheet.autofilter(0, 0, len(rows), len(header) - 1)
        _questions_sheet(workbook, survey, bold)
        about = workbook.add_worksheet(_(ABOUT_SHEET))
        about.write_string(
            0, 0, _(NOTICE), workbook.add_format({"bold": True, "font_color": "#B00020"})
        )
    return buffer.getvalue(), len(rows)
