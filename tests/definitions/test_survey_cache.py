"""The survey cache: a warm cache skips YAML entirely, and never hides a changed or broken file."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import careerkit
from careerkit.definitions import cache, check_file, load_survey, warm_cache
from careerkit.definitions.cache import cache_dir
from careerkit.errors import DefinitionError

ROOT = Path(__file__).resolve().parents[2]
SURVEYS = sorted((ROOT / "survey").glob("*.yaml"))
BAD_SURVEY = ROOT / "tests" / "data" / "bad_surveys" / "10_misspelled_kind.yaml"
PLACED = re.compile(r"^.+\.yaml:\d+:\d+: \S")

# Loads a survey in a fresh interpreter and lists the modules that a warm cache must not load.
PROBE = """
import json, sys
from careerkit.definitions import load_survey
survey = load_survey(sys.argv[1])
heavy = ("ruamel", "careerkit.crossings.model", "careerkit.definitions.org_goals", "careerkit.definitions.yamlnodes")
print(json.dumps({"id": survey.id, "loaded": sorted(m for m in sys.modules if m.startswith(heavy))}))
"""


def entries() -> list[Path]:
    """The cache entries in the test's data folder, by name."""
    folder = cache_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def copy_survey(tmp_path: Path) -> Path:
    """A private copy of the shipped career_interests survey that a test may edit."""
    target = tmp_path / "surveys" / "interests.yaml"
    target.parent.mkdir()
    shutil.copy(ROOT / "survey" / "career_interests.yaml", target)
    return target


def probe(name: str, cwd: Path) -> dict[str, Any]:
    """Run PROBE in a fresh interpreter with this test's environment."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, name],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=dict(os.environ),
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_warm_cache_loads_no_yaml_reader_nor_crossing_models(tmp_path: Path) -> None:
    """After one load, a fresh interpreter loads the survey without ruamel, org goals or crossing."""
    first = probe("career_interests", tmp_path)
    assert first["id"] == "career_interests"
    assert any(m.startswith("ruamel") for m in first["loaded"])  # the first load read the YAML
    assert [p.name.split("-")[0] for p in entries()] == ["career_interests"]
    warm = probe("career_interests", tmp_path)
    assert warm == {"id": "career_interests", "loaded": []}


@pytest.mark.parametrize("path", SURVEYS, ids=[p.stem for p in SURVEYS])
def test_cached_survey_equals_the_one_read_from_yaml(path: Path) -> None:
    """Every shipped survey comes back from its cache entry exactly as validated from YAML."""
    fresh, problems = check_file(path)
    assert problems == [] and fresh is not None
    assert load_survey(path) == fresh and len(entries()) == 1
    assert load_survey(path) == fresh


def test_entry_is_private_named_by_hash_and_records_the_version(tmp_path: Path) -> None:
    """An entry is `<stem>-<sha256[:16]>.json`, owner-only, with this careerkit's version."""
    path = copy_survey(tmp_path)
    load_survey(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (entry,) = entries()
    assert entry.name == f"interests-{digest[:16]}.json"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    recorded = json.loads(entry.read_text(encoding="utf-8"))
    assert recorded["careerkit"] == careerkit.__version__ and recorded["sha256"] == digest
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left


def test_changed_file_is_read_again_into_a_new_entry(tmp_path: Path) -> None:
    """Editing the file changes its hash, so the new text is read and cached beside the old entry."""
    path = copy_survey(tmp_path)
    before = load_survey(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"en: {before.title}", "en: Edited title", 1), "utf-8")
    after = load_survey(path)
    assert before.title != "Edited title" and after.title == "Edited title"
    assert len(entries()) == 2
    assert load_survey(path).title == "Edited title"


@pytest.mark.parametrize(
    "damage",
    ["corrupt", "other_version", "wrong_hash", "invalid_survey", "unfit_under_a_fresh_digest"],
)
def test_unusable_entry_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    """A truncated, foreign-version, mismatched, edited or misshapen entry is never used; the file
    is re-read and the entry written again."""
    path = copy_survey(tmp_path)
    real = load_survey(path)
    (entry,) = entries()
    recorded = json.loads(entry.read_text(encoding="utf-8"))
    recorded["survey"]["title"] = "Not what the file says"
    if damage == "other_version":
        recorded["careerkit"] = "0.0.0-other"
    elif damage == "wrong_hash":
        recorded["sha256"] = "0" * 64
    elif damage == "invalid_survey":
        recorded["survey"]["pages"] = []  # edited after writing: its digest no longer matches
    elif damage == "unfit_under_a_fresh_digest":
        recorded["survey"]["pages"][0]["questions"][0]["kind"] = "slider"
        recorded["survey_sha256"] = cache.survey_digest(recorded["survey"])
    text = json.dumps(recorded)
    entry.write_text(text[: len(text) // 2] if damage == "corrupt" else text, encoding="utf-8")
    assert load_survey(path) == real
    rewritten = json.loads(entry.read_text(encoding="utf-8"))
    assert rewritten["careerkit"] == careerkit.__version__
    assert rewritten["survey"]["title"] == real.title


@pytest.mark.parametrize("blocked", ["cache_folder_is_a_file", "data_folder_under_a_file"])
def test_cache_that_cannot_be_written_is_skipped(
    tmp_path: Path,
    blocked: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With a cache that cannot be written the survey still loads; the reason is logged at debug."""
    path = copy_survey(tmp_path)
    if blocked == "cache_folder_is_a_file":
        cache_dir().parent.mkdir(parents=True)
        cache_dir().write_text("a file where the cache folder should be", encoding="utf-8")
    else:
        (tmp_path / "plain-file").write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("CAREERKIT_DATA_DIR", str(tmp_path / "plain-file" / "data"))
    with caplog.at_level(logging.DEBUG, logger="careerkit.definitions.cache"):
        assert load_survey(path).id == "career_interests"
        assert load_survey(path).id == "career_interests"
    assert "cannot cache the survey" in caplog.text
    assert caplog.records and all(r.levelno == logging.DEBUG for r in caplog.records)
    assert entries() == []


def test_broken_file_still_reports_file_line_col(tmp_path: Path) -> None:
    """A file broken after a good version was cached fails with its place, as without a cache."""
    path = copy_survey(tmp_path)
    load_survey(path)
    expected = BAD_SURVEY.read_bytes().split(b"\n", 1)[0].decode("ascii").removeprefix("# expect: ")
    shutil.copy(BAD_SURVEY, path)
    with pytest.raises(DefinitionError) as caught:
        load_survey(path)
    assert str(caught.value).startswith(f"{path}{expected}")
    assert caught.value.problems == check_file(path)[1]  # exactly what the uncached reader says
    assert len(entries()) == 1  # the broken text is never cached


def test_warm_cache_caches_every_survey_and_reports_every_broken_one(tmp_path: Path) -> None:
    """warm_cache caches good files and raises one error listing each broken file's place."""
    path = copy_survey(tmp_path)
    assert warm_cache(path.parent) == ["interests"]
    assert len(entries()) == 3  # its default language, and each of its two languages by name
    shutil.copy(BAD_SURVEY, path.parent / "broken.yaml")
    (path.parent / "empty.yml").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        warm_cache(path.parent)
    lines = str(caught.value).splitlines()
    assert [Path(line.split(":")[0]).name for line in lines] == ["broken.yaml", "empty.yml"]
    assert all(PLACED.match(line) or ".yml:1:1:" in line for line in lines)


def test_organization_goals_names_stay_public() -> None:
    """The organization-goals functions are still reachable from careerkit.definitions, loaded on use."""
    import careerkit.definitions as surveys

    assert surveys.load_org_goals("example_org_goals").organization == "Northwind Logistics"
    assert callable(surveys.check_org_goals) and callable(surveys.is_org_goals_file)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = surveys.nothing_here  # type: ignore[attr-defined]
