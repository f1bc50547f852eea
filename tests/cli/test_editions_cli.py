"""Editing a survey in use: validate and serve refuse meaning changes under the same version, one
file:line:col line per change with the fix; wording passes with a note; a new version is a new
edition; `careerkit survey editions` and `careerkit survey diff` say what is stored and changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.errors import DefinitionError
from careerkit.serving.serve import prepare_data
from careerkit.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = (ROOT / "survey" / "career_interests.yaml").read_text(encoding="utf-8")
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<field>[^:]+): (?P<msg>.+)$")


def _scenario(text: str) -> str:
    """The issue's edit: lead_people 5 -> 7 points, visibility removed, career_goal renamed."""
    lead = text.index("      - id: lead_people")
    at = text.index("scale: *agree", lead)  # the shared 5-point scale, made its own 7 points
    seven = (
        "scale: {points: 7, low: {en: Strongly disagree, de: Stimme gar nicht zu}, "
        "high: {en: Strongly agree, de: Stimme voll zu}}"
    )
    text = text[:at] + seven + text[at + len("scale: *agree") :]
    start = text.index("      - id: visibility")
    end = text.index("      - id: lead_people")
    text = text[:start] + text[end:]
    return text.replace("id: career_goal", "id: career_aim")


@pytest.fixture
def used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database holding 6 demo responses to career_interests (version 1), and a survey folder."""
    folder = tmp_path / "survey"
    folder.mkdir()
    (folder / "career_interests.yaml").write_text(ORIGINAL, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(folder))
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert main(["demo", "--workshop", "SPRING", "--participants", "6", "--seed", "1"]) == 0
    return folder / "career_interests.yaml"


def test_meaning_changes_under_the_same_version_are_refused_line_by_line(
    used: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    used.write_text(_scenario(ORIGINAL), encoding="utf-8")
    assert main(["validate", str(used)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3, out
    found = [LINE.match(line) for line in out]
    assert all(found), out
    by_msg = {m["msg"].split(" (")[0]: m for m in found if m}
    lines = used.read_text(encoding="utf-8").splitlines()
    points = by_msg["question 'lead_people' had 5 scale points, now 7"]
    assert (
        lines[int(points["line"]) - 1].strip().startswith("scale:")
        or "points: 7" in lines[int(points["line"]) - 1]
    )
    assert points["field"] == "pages[0].questions[1].scale.points"
    assert "question 'visibility' was removed" in by_msg
    assert "question 'career_goal' was removed" in by_msg
    assert all("raise `version` to 2 to start a new edition" in m["msg"] for m in found if m)
    assert "6 stored responses" in out[0]
    assert "or give the question a new id" in points["msg"]
    assert len(_editions()) == 1  # nothing refused was recorded


def _editions() -> list[tuple[int, str]]:
    store = open_store()
    try:
        return [(e.version, e.digest) for e in store.editions("career_interests")]
    finally:
        store.close()


def test_wording_only_changes_pass_with_a_note(
    used: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    changed = ORIGINAL.replace(
        "I want my work to be more visible to senior leaders.",
        "I would like senior leaders to see more of my work.",
    ).replace("low: Strongly disagree, high: Strongly agree}", "low: Disagree, high: Agree}", 1)
    used.write_text(changed, encoding="utf-8")
    assert main(["validate", str(used)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{used}: note: wording changed") and "keep their meaning" in out[0]
    assert out[1].startswith(f"{used}: ok")
    assert [v for v, _d in _editions()] == [1, 1]  # a second edition, same version: pooled


def test_raising_the_version_starts_a_new_edition(
    used: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    used.write_text(_scenario(ORIGINAL).replace("version: 1", "version: 2", 1), encoding="utf-8")
    assert main(["validate", str(used)]) == 0
    assert [v for v, _d in _editions()] == [1, 2]
    capsys.readouterr()
    assert main(["survey", "editions", "career_interests"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["VERSION", "EDITION", "FIRST", "SEEN", "RESP", "NOTE"]
    assert listing[1].split()[0] == "1" and listing[1].split()[4] == "6"
    assert listing[2].split()[0] == "2" and listing[2].split()[4] == "0"
    assert listing[2].endswith("the survey file now")
    assert main(["survey", "diff", "career_interests"]) == 0
    diff = capsys.readouterr().out
    assert "Edition version 1" in diff and "6 responses" in diff
    assert "changes meaning:" in diff and "had 5 scale points, now 7" in diff
    assert "keeps meaning: question 'career_aim' was added" in diff


def test_serve_refuses_a_meaning_change_before_it_starts(used: Path) -> None:
    used.write_text(_scenario(ORIGINAL), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        prepare_data()
    assert len(info.value.problems) == 3
    assert all("raise `version` to 2" in p.message for p in info.value.problems)
    used.write_text(ORIGINAL, encoding="utf-8")
    assert prepare_data() == ["career_interests"]


def test_a_validation_never_makes_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "none.sqlite3"
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", f"sqlite:///{db}")
    assert main(["validate", str(ROOT / "survey" / "career_interests.yaml")]) == 0
    assert not db.exists()


def test_an_edition_nobody_answered_does_not_hold_the_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served but never answered: a meaning change under the same version is not refused."""
    folder = tmp_path / "survey"
    folder.mkdir()
    path = folder / "career_interests.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(folder))
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert prepare_data() == ["career_interests"]  # records edition 1, no answers yet
    path.write_text(_scenario(ORIGINAL), encoding="utf-8")
    assert prepare_data() == ["career_interests"]
    assert [v for v, _d in _editions()] == [1, 1]
