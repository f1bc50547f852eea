"""The one dashboard count a survey kernel reads itself: orientations per workshop, in light SQL.

A participant's result screen shows the room's picture (careerkit.survey.room): the released
orientation counts of their workshop. The light stores count them in the database with the
same rule as the SQL store's `reports_sql.orientation_counts` (the first `upto[w]` responses
of each workshop in arrival order: submission time, then id), in one statement that SQLite
(3.25 and later: window functions) and PostgreSQL both take.
"""

from __future__ import annotations

from typing import Any

from .records import Db
from .reports import ORIENTATION_COLUMNS, Rows


def orientation_counts(
    db: Db, workshops: list[str], survey_id: str, upto: dict[str, int] | None
) -> Rows:
    """How many responses hold each orientation (None: not scored), by workshop; no set order."""
    chosen = list(dict.fromkeys(workshops))
    if not chosen:
        return list(ORIENTATION_COLUMNS), []
    params: dict[str, Any] = {"survey_id": survey_id}
    names = []
    for i, w in enumerate(chosen):
        params[f"w{i}"] = w
        names.append(f":w{i}")
    order = "row_number() OVER (PARTITION BY workshop ORDER BY submitted_at, id) AS arrival"
    ranked = f"SELECT workshop, orientation, {order} FROM responses WHERE survey_id = :survey_id AND workshop IN ({', '.join(names)})"  # noqa: S608  (placeholders only)
    where = ""
    if upto is not None:
        cases = []
        for i, w in enumerate(chosen):
            params[f"m{i}"] = int(upto.get(w, 0))
            cases.append(f"WHEN :w{i} THEN :m{i}")
        where = f" WHERE arrival <= CASE workshop {' '.join(cases)} ELSE 0 END"
    sql = (
        f"SELECT workshop, orientation, count(*) AS people FROM ({ranked}) AS ranked"  # noqa: S608  (placeholders only)
        f"{where} GROUP BY workshop, orientation"
    )
    rows = db.all(sql, params)
    return list(ORIENTATION_COLUMNS), [
        (r["workshop"], r["orientation"], int(r["people"])) for r in rows
    ]
