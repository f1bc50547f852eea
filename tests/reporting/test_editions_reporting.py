"""Reporting across editions: the issue's case (12 responses; an item 5 -> 7 points, one removed,
one renamed) is pooled only where a question kept its meaning, shown per edition otherwise, and
exported whole: a column for every answered question, each response's edition version."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from careerkit.definitions import check_file
from careerkit.model import Survey
from careerkit.reporting.editions import read_view
from careerkit.reporting.export_csv import csv_bytes
from careerkit.reporting.report import build_report
from careerkit.reporting.snapshot import snapshot
from careerkit.store import Store, open_store
from careerkit.survey.demo import run_demo
from careerkit.survey.editions import record

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = (ROOT / "survey" / "career_interests.yaml").read_text(encoding="utf-8")


def _edited(tmp_path: Path, version: int, scoring_change: bool = False) -> Survey:
    """lead_people 5 -> 7 points, visibility removed, career_goal renamed career_aim."""
    text = ORIGINAL
    lead = text.index("      - id: lead_people")
    at = text.index("scale: *agree", lead)  # the shared 5-point scale, made its own 7 points
    seven = (
        "scale: {points: 7, low: {en: Strongly disagree, de: Stimme gar nicht zu}, "
        "high: {en: Strongly agree, de: Stimme voll zu}}"
    )
    text = text[:at] + seven + text[at + len("scale: *agree") :]
    text = (
        text[: text.index("      - id: visibility")] + text[text.index("      - id: lead_people") :]
    )
    text = text.replace("id: career_goal", "id: career_aim").replace(
        "version: 1", f"version: {version}"
    )
    if scoring_change:
        text = text.replace("interest: 60", "interest: 65", 1)
    path = tmp_path / "career_interests.yaml"
    path.write_text(text, encoding="utf-8")
    survey, problems = check_file(path)
    assert survey is not None, problems
    return survey


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'r.sqlite3'}"
    return open_store(url)


def _two_editions(store: Store, tmp_path: Path) -> tuple[Survey, Survey]:
    old, _ = check_file(ROOT / "survey" / "career_interests.yaml")
    assert old is not None
    record(store, old)
    assert run_demo(old, store, "SPRING", 6, seed=3) == 6
    new = _edited(tmp_path, 2)
    record(store, new)
    assert run_demo(new, store, "SPRING", 6, seed=4) == 6
    return old, new


def test_a_changed_question_is_shown_per_edition_and_the_rest_pooled(
    store: Store, tmp_path: Path
) -> None:
    _old, new = _two_editions(store, tmp_path)
    snap = snapshot(store, new, ["SPRING"], threshold=3)
    shown = snap.survey
    assert shown is not None
    ids = [q.id for q in shown.questions]
    assert "lead_people" in ids and "lead_people__v1" in ids
    assert shown.question("lead_people").scale.points == 7  # type: ignore[union-attr]  # likert
    assert shown.question("lead_people__v1").scale.points == 5  # type: ignore[union-attr]
    assert "(edition version 1)" in shown.question("lead_people__v1").text
    assert "visibility" in ids and "career_goal" in ids  # removed questions keep their answers
    assert "lead_people" in snap.editions_note and "edition version 1" in snap.editions_note
    rows = {}
    for b in snap.likert:
        for qid in b.counts.index:
            rows[qid] = (len(b.counts.columns), b)
    assert rows["lead_people"][0] == 7 and rows["lead_people__v1"][0] == 5
    assert rows["more_responsibility"][0] == 5  # unchanged: one pooled row
    counts = snap.cohort.counts
    answered = counts[counts["question_id"].astype(str) == "more_responsibility"]["respondents"]
    assert int(answered.sum()) == 12
    for qid, n in (("lead_people", 6), ("lead_people__v1", 6), ("visibility", 6)):
        sub = counts[counts["question_id"].astype(str) == qid]["respondents"]
        assert int(sub.sum()) == n, qid
    page = build_report(store, new, ["SPRING"], threshold=3)
    assert "shown per edition" in page and "edition version 1" in page


def test_an_edition_split_never_shows_a_group_under_the_threshold(
    store: Store, tmp_path: Path
) -> None:
    """With 6 answers per edition and a threshold of 10, the split questions show no count."""
    _two_editions(store, tmp_path)
    new = _edited(tmp_path, 2)
    assert run_demo(new, store, "SPRING", 8, seed=5) == 8  # 20 in all: released to 20
    snap = snapshot(store, new, ["SPRING"], threshold=10)
    split = [b for b in snap.likert if "lead_people__v1" in b.counts.index]
    assert len(split) == 1
    assert split[0].counts.loc["lead_people__v1"].isna().all()  # 6 people: never shown
    assert "fewer than 10" in split[0].note or "hidden" in split[0].note.lower()


def test_orientations_pool_only_across_editions_scored_alike(store: Store, tmp_path: Path) -> None:
    old, _ = check_file(ROOT / "survey" / "career_interests.yaml")
    assert old is not None
    assert run_demo(old, store, "SPRING", 6, seed=3) == 6
    other = _edited(tmp_path, 2, scoring_change=True)
    assert run_demo(other, store, "SPRING", 6, seed=4) == 6
    view = read_view(store, other)
    assert len(view.scorings) == 2
    snap = snapshot(store, other, ["SPRING"], threshold=3)
    assert int(snap.orientation.counts.fillna(0).to_numpy().sum()) <= 6
    assert len(snap.other_scorings) == 1 and "scored another way" in snap.other_scorings[0].title
    assert "scored another way" in snap.editions_note


def test_the_export_leaves_nothing_stored_out(store: Store, tmp_path: Path) -> None:
    _old, new = _two_editions(store, tmp_path)
    responses = store.responses(workshop="SPRING", survey_id=new.id)
    versions = {e.digest: e.version for e in store.editions(new.id)}
    data, n = csv_bytes(new, responses, versions)
    assert n == 12
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    header = list(table[0])
    for qid in ("visibility", "career_goal", "career_aim", "lead_people", "edition_version"):
        assert qid in header
    assert sorted(row["edition_version"] for row in table) == ["1"] * 6 + ["2"] * 6
    stored = sum(len(r.answers) for r in responses)
    exported = sum(
        1
        for row in table
        for h in header
        if h in {q for r in responses for q in r.answers} and row[h]
    )
    assert exported == stored


def test_answers_from_before_editions_are_read_with_the_file_until_one_is_recorded(
    store: Store,
) -> None:
    from datetime import UTC, datetime

    from careerkit.model import Response

    survey, _ = check_file(ROOT / "survey" / "career_interests.yaml")
    assert survey is not None
    for i in range(4):
        store.save_response(
            Response(
                id=f"old-{i:04d}",
                survey_id=survey.id,
                workshop="OLD",
                answers={"lead_people": 9 if i == 3 else 2},  # the last fits no 5-point scale
                submitted_at=datetime(2026, 1, 1, i, tzinfo=UTC),
            )
        )
    before = snapshot(store, survey, ["OLD"], threshold=3)
    assert before.survey is not None and before.editions_note == ""
    assert [q.id for q in before.survey.questions] == [q.id for q in survey.questions]
    ed = record(store, survey)
    assert store.edition_counts(survey.id) == {ed.digest: 3, None: 1}
    after = snapshot(store, survey, ["OLD"], threshold=3)
    assert after.survey is not None
    assert "lead_people__earlier" in [q.id for q in after.survey.questions]
    assert "an earlier edition" in after.editions_note


def test_the_participants_picture_counts_editions_as_the_dashboard_does(
    store: Store, tmp_path: Path
) -> None:
    """Answers to an edition scored another way are apart on the dashboard, and so they are in
    a participant's picture of the room: cell for cell the dashboard's split, on the
    participant's light store too."""
    import pandas as pd

    from careerkit.model import ORIENTATIONS
    from careerkit.survey.room import room_picture

    old, _ = check_file(ROOT / "survey" / "career_interests.yaml")
    assert old is not None
    record(store, old)
    assert run_demo(old, store, "SPRING", 7, seed=3) == 7
    other = _edited(tmp_path, 2, scoring_change=True)
    record(store, other)
    assert run_demo(other, store, "SPRING", 8, seed=4) == 8
    snap = snapshot(store, other, ["SPRING"], threshold=3)
    cells = snap.orientation.counts.iloc[0]
    dashboard = (
        int(snap.orientation.totals.iloc[0]),
        tuple(None if pd.isna(cells[o]) else int(cells[o]) for o in ORIENTATIONS),
    )
    participant = open_store(store.url, light=True) if store.url != "memory://" else store
    try:
        picture = room_picture(participant, other.id, "SPRING", 3, survey=other)
        pooled = room_picture(participant, other.id, "SPRING", 3)
        assert getattr(participant, "_sql", None) is None, "the picture needed the SQL store"
    finally:
        if participant is not store:
            participant.close()
    assert (picture.counted, picture.counts) == dashboard and picture.covers == 15
    assert "scored another way, are not counted" in picture.note()
    assert pooled.counted == 15 and "not counted" not in pooled.note()
    assert sum(n or 0 for n in picture.counts) <= 8 < sum(n or 0 for n in pooled.counts)
