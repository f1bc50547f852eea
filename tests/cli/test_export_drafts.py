"""Exports hold responses only: drafts of forms still being filled in never appear in them."""

from __future__ import annotations

import csv
import secrets
from datetime import UTC, datetime
from pathlib import Path

from careerkit.cli import main
from careerkit.model import Draft
from careerkit.store import open_store


def test_export_leaves_drafts_out(tmp_path: Path) -> None:
    """With 7 responses and 3 drafts in a workshop, the CSV has the 7 responses' rows."""
    assert main(["demo", "--workshop", "D1", "--participants", "7", "--seed", "3"]) == 0
    s = open_store()
    for i in range(3):
        s.save_draft(
            Draft(
                key=secrets.token_hex(16),
                survey_id="career_interests",
                workshop="D1",
                submission_id=f"draft-0000000{i}",
                answers={},
                updated_at=datetime.now(UTC),
            )
        )
    assert s.count_drafts(workshop="D1") == 3
    ids = {r.id for r in s.responses(workshop="D1")}
    s.close()
    out = tmp_path / "d1.csv"
    assert main(["export", "--workshop", "D1", "--output", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7 and len(ids) == 7
    assert not any("draft-" in value for row in rows for value in row.values())
