"""`careerkit check`: survey files validated, workbooks run headless on throw-away data, one line each."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.serving.workbook_check import check_env, run_workbook
from careerkit.store import open_store

ROOT = Path(__file__).resolve().parents[2]
TYPO_LINE = "        kind: likret\n"

#: A cell a trainer might add: it writes to the store and checks what the kernel was given.
WRITER = """import os
from careerkit.store import open_store
store = open_store()
store.create_workshop("Made by a workbook", code="CHECKED")
assert os.environ["CAREERKIT_RAISE_ERRORS"] == "1"
assert store.count_responses(workshop="DEMO", survey_id="career_interests") == 12, "the DEMO workshop the dashboard shows"
"""


def _notebook(path: Path, *cells: tuple[str, str]) -> Path:
    """A workbook of (kind, source) cells, the first code cell tagged as parameters."""
    out = []
    for i, (kind, source) in enumerate(cells):
        cell: dict[str, object] = {
            "cell_type": kind,
            "id": f"c{i}",
            "metadata": {},
            "source": source,
        }
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
            if i == 0:
                cell["metadata"] = {"tags": ["parameters"]}
        out.append(cell)
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb = {"cells": out, "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@dataclass
class CheckRun:
    proc: subprocess.CompletedProcess[str]
    facilitator_db: Path
    data_dir: Path


@pytest.fixture(scope="module")
def check_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CheckRun]:
    """`careerkit check` as a trainer runs it, on an adapted workbook and a broken one."""
    tmp = tmp_path_factory.mktemp("check")
    adapted = json.loads((ROOT / "workbooks" / "interest_survey.ipynb").read_text())
    adapted["cells"].append(
        {"cell_type": "code", "id": "mine", "metadata": {}, "execution_count": None,
         "outputs": [], "source": WRITER}
    )  # fmt: skip
    (tmp / "adapted.ipynb").write_text(json.dumps(adapted), encoding="utf-8")
    _notebook(
        tmp / "broken.ipynb",
        ("code", 'survey = "carrer_interests"'),
        ("markdown", "A trainer's note."),
        ("code", "from careerkit.serving.apps import survey_app\nsurvey_app(survey)"),
    )
    facilitator_db = tmp / "facilitator.sqlite3"
    env = dict(os.environ)
    env.update(
        CAREERKIT_DATA_DIR=str(tmp / "real-data"),
        CAREERKIT_DATABASE_URL=f"sqlite:///{facilitator_db}",
        CAREERKIT_SURVEY_DIR=str(ROOT / "survey"),
        CAREERKIT_WORKBOOK_DIR=str(ROOT / "workbooks"),
    )
    env.pop("CAREERKIT_RAISE_ERRORS", None)
    argv = [sys.executable, "-m", "careerkit.cli", "check", "adapted.ipynb", "broken.ipynb"]
    proc = subprocess.run(
        argv, cwd=tmp, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    yield CheckRun(proc, facilitator_db, tmp / "real-data")


def test_check_names_the_failing_cell_and_its_error(check_run: CheckRun) -> None:
    """The broken workbook's line gives cell 3 (markdown counted) and the survey error; exit 1."""
    out = check_run.proc.stdout.splitlines()
    assert check_run.proc.returncode == 1, check_run.proc.stdout + check_run.proc.stderr
    line = next(x for x in out if x.startswith("broken.ipynb: "))
    assert line.startswith("broken.ipynb: cell 3: SurveyNotFound: No survey 'carrer_interests'")
    assert line.endswith("available: career_interests, growth_priorities")
    assert "1 of 5 file(s) have problems" in check_run.proc.stderr
    assert "Traceback" not in check_run.proc.stdout + check_run.proc.stderr


def test_check_runs_a_good_workbook_with_demo_data_and_strict_errors(check_run: CheckRun) -> None:
    """The adapted workbook passes: its kernel saw CAREERKIT_RAISE_ERRORS=1 and a DEMO workshop of 12."""
    out = check_run.proc.stdout.splitlines()
    assert "adapted.ipynb: ok" in out, check_run.proc.stdout + check_run.proc.stderr
    assert out[0].startswith(str(ROOT / "survey" / "career_interests.yaml") + ": ok (")


def test_check_never_writes_the_facilitators_database(check_run: CheckRun) -> None:
    """The workshop the workbook created is in neither the facilitator's database nor data folder."""
    assert "adapted.ipynb: ok" in check_run.proc.stdout
    if check_run.facilitator_db.exists():
        store = open_store(f"sqlite:///{check_run.facilitator_db}")
        try:
            assert store.get_workshop("CHECKED") is None
        finally:
            store.close()
    assert not (check_run.data_dir / "careerkit.sqlite3").exists()


def test_check_reports_a_broken_survey_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelled kind in survey/ gives its file:line:col line, the good file its ok; exit 1."""
    surveys = tmp_path / "survey"
    shutil.copytree(ROOT / "survey", surveys)
    text = (surveys / "career_interests.yaml").read_text()
    (surveys / "mine.yaml").write_text(text.replace("kind: likert", "kind: likret", 1))
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(surveys))
    assert main(["check", str(surveys / "mine.yaml")]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(
        x.endswith(
            "career_interests.yaml: ok (career_interests: 16 questions on 3 pages, with scoring)"
        )
        for x in lines
    )
    assert any(
        x.endswith(
            "growth_priorities.yaml: ok (growth_priorities: 4 questions on 2 pages, without scoring)"
        )
        for x in lines
    )
    bad = [x for x in lines if "mine.yaml:" in x]
    assert len(bad) == 1 and "pages[0].questions[0].kind: expected one of likert" in bad[0]
    assert any(
        x.endswith(
            "example_org_goals.yaml: ok (Northwind Logistics: 9 items (3 goals, 3 needs, 3 strategies))"
        )
        for x in lines
    )
    assert "1 of 4 file(s) have problems" in captured.err


def test_check_says_what_it_cannot_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file, a missing workbook and an empty folder each get a line saying so; exit 1."""
    notes = tmp_path / "notes.txt"
    notes.write_text("not a workbook")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(notes), str(tmp_path / "gone.ipynb"), str(empty)]) == 1
    out = capsys.readouterr().out
    assert f"{notes}: not a workbook (.ipynb) or survey file (.yaml); left out." in out
    assert f"{tmp_path / 'gone.ipynb'}: no such file; check the path." in out
    assert f"{empty}: no workbooks (.ipynb) in this folder." in out


def test_a_file_that_is_not_a_notebook_is_named_without_a_kernel(tmp_path: Path) -> None:
    """Broken JSON in a .ipynb gives 'cannot read it as a notebook', no cell number."""
    garbage = tmp_path / "garbage.ipynb"
    garbage.write_text("{not json")
    result = run_workbook(garbage, check_env(tmp_path))
    assert not result.ok and result.cell is None
    assert result.line("garbage.ipynb").startswith("garbage.ipynb: cannot read it as a notebook")


def test_kernels_get_throw_away_data_and_strict_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check_env drops the database URL and the dashboard token, and points data at the folder given."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "postgresql://facilitator@db/careerkit")
    monkeypatch.setenv("CAREERKIT_DASHBOARD_TOKEN", "x" * 24)
    env = check_env(tmp_path / "scratch")
    assert "CAREERKIT_DATABASE_URL" not in env and "CAREERKIT_DASHBOARD_TOKEN" not in env
    assert env["CAREERKIT_DATA_DIR"] == str(tmp_path / "scratch")
    assert env["CAREERKIT_RAISE_ERRORS"] == "1"
    assert env["CAREERKIT_SURVEY_DIR"] == str((ROOT / "survey").resolve())
