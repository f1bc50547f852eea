"""The dashboard's figures a survey kernel reads itself, in light SQL: orientations, thresholds.

The release threshold is the one the facilitator set for the workshop (table `releases`); the
editions let a kernel count only answers scored as its own survey is, as the dashboard does.

A participant's result screen shows the room's picture (careerkit.survey.room): the released
orientation counts of their workshop. The light stores count them in the database with the
same rule as the SQL store's `reports_sql.orientation_counts` (the first `upto[w]` responses
of each workshop in arrival order: submission time, then id), in one statement that SQLite
(3.25 and later: window functions) and PostgreSQL both take.
"""

from __future__ import annotations

from typing import Any

from ..model import Edition
from .records import Db, edition_from
from .reports import ORIENTATION_COLUMNS, Rows


def orientation_counts(
    db: Db, workshops: list[str], survey_id: str, upto: dict[str, int] | None
) -> Rows:
    """How many responses hold each orientation (None: not scored), by workshop and edition."""
    chosen = list(dict.fromkeys(workshops))
    if not chosen:
        return list(ORIENTATION_COLUMNS), []
    params: dict[str, Any] = {"survey_id": survey_id}
    names = []
    for i, w in enumerate(chosen):
        params[f"w{i}"] = w
        names.append(f":w{i}")
    order = "row_number() OVER (PARTITION BY workshop ORDER BY submitted_at, id) AS arrival"
    ranked = f"SELECT workshop, orientation, edition, {order} FROM responses WHERE survey_id = :survey_id AND workshop IN ({', '.join(names)})"  # noqa: S608  (placeholders only)
    where = ""
    if upto is not None:
        cases = []
        for i, w in enumerate(chosen):
            params[f"m{i}"] = int(upto.get(w, 0))
            cases.append(f"WHEN :w{i} THEN :m{i}")
        where = f" WHERE arrival <= CASE workshop {' '.join(cases)} ELSE 0 END"
    sql = (
        f"SELECT workshop, orientation, edition, count(*) AS people FROM ({ranked}) AS ranked"  # noqa: S608  (placeholders only)
        f"{where} GROUP BY workshop, orientation, edition"
    )
    rows = db.all(sql, params)
    return list(ORIENTATION_COLUMNS), [
        (r["workshop"], r["orientation"], r["edition"], int(r["people"])) for r in rows
    ]


def release_thresholds(db: Db, workshops: list[str]) -> dict[str, int]:
    """The release threshold stored for each of these workshops that has one."""
    chosen = list(dict.fromkeys(workshops))
    if not chosen:
        return {}
    params = {f"w{i}": w for i, w in enumerate(chosen)}
    names = ", ".join(f":{k}" for k in params)
    sql = f"SELECT workshop, threshold FROM releases WHERE workshop IN ({names})"  # noqa: S608  (placeholders only)
    return {str(r["workshop"]): int(r["threshold"]) for r in db.all(sql, params)}


def editions(db: Db, survey_id: str | None) -> list[Edition]:
    """The stored editions (of one survey, or all), oldest first, as editions_sql reads them."""
    where, params = (
        ("WHERE survey_id = :survey_id", {"survey_id": survey_id}) if survey_id else ("", {})
    )
    sql = (
        "SELECT digest, survey_id, version, definition, first_seen FROM editions "  # noqa: S608  (placeholders only)
        f"{where} ORDER BY survey_id, first_seen, digest"
    )
    return [edition_from(row) for row in db.all(sql, params)]
