"""Responses to CSV files that are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from careerkit.model import Response, Survey

#: A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize(value: Any) -> Any:
    """Text that a spreadsheet could run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def response_table(
    survey: Survey, responses: Iterable[Response], versions: Mapping[str, int] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows: one row per response, one column per question, then the scores.

    Questions any response answered that the file no longer asks (removed or renamed in a later
    edition) get a column after the file's, so nothing stored is left out; `edition_version` is
    the `version` of the edition each response answered (`versions`: digest -> version; blank
    for answers stored before editions were recorded).
    """
    responses = list(responses)
    qids = [q.id for q in survey.questions]
    known = set(qids)
    qids += sorted({qid for r in responses for qid in r.answers if qid not in known})
    header = ["response_id", "submitted_at", "workshop"]
    if survey.ask_name or any(r.participant for r in responses):
        header.append("participant")
    header += [*qids, "advancement", "development", "orientation", "edition_version"]
    versions = versions or {}
    rows: list[list[Any]] = []
    for r in responses:
        row: list[Any] = [r.id, r.submitted_at.isoformat(timespec="seconds"), r.workshop or ""]
        if "participant" in header:
            row.append(r.participant or "")
        for qid in qids:
            value = r.answers.get(qid)
            row.append(
                "; ".join(value) if isinstance(value, tuple) else ("" if value is None else value)
            )
        if r.result is not None:
            row += [r.result.advancement, r.result.development, r.result.orientation]
        else:
            row += ["", "", ""]
        row.append(versions.get(r.edition, "") if r.edition else "")
        rows.append(row)
    return header, rows


def write_csv(
    path: Path,
    survey: Survey,
    responses: Iterable[Response],
    versions: Mapping[str, int] | None = None,
) -> int:
    """Write the response table as UTF-8 CSV (with BOM, for spreadsheets); returns the row count."""
    data, n = csv_bytes(survey, responses, versions)
    path.write_bytes(data)
    return n


def csv_bytes(
    survey: Survey, responses: Iterable[Response], versions: Mapping[str, int] | None = None
) -> tuple[bytes, int]:
    """The response table as UTF-8 CSV bytes (with BOM, for spreadsheets), and the row count."""
    header, rows = response_table(survey, responses, versions)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutralize(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig"), len(rows)
