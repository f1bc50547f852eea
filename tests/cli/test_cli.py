"""The `careerkit` command: exit codes, messages, and the data it writes."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def test_validate_good_file_prints_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid survey file exits 0 with a one-line summary."""
    assert main(["validate", str(ROOT / "survey" / "career_interests.yaml")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert (
        len(out) == 1 and "ok (career_interests: 16 questions on 3 pages, with scoring)" in out[0]
    )


def test_validate_bad_file_prints_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file exits 1 with `path:line:col: field: message` lines and no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\ntitle: T\npages:\n  - title: P\n    questions:\n      - id: a\n        kind: likret\n        text: q\n"
    )
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == (
        f"{bad}:7:15: pages[0].questions[0].kind: expected one of likert, choice, multi, text, ranking, matrix, number (got 'likret'); did you mean 'likert'?"
    )
    assert "Traceback" not in captured.err


def test_validate_as_a_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    """Run as a command on garbage, a missing file and a Python tag: exit 1, messages, no traceback."""
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\xff\xfe\x00[[[")
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("id: !!python/object/apply:os.system ['echo hacked']\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "careerkit.cli",
            "validate",
            str(garbage),
            str(tmp_path / "none.yaml"),
            str(tagged),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "hacked" not in proc.stdout
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith(f"{garbage}:1:1:") and "UTF-8" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'none.yaml'}:1:1: cannot read the file")
    assert lines[2].startswith(f"{tagged}:1:5:") and "not allowed" in lines[2]


def test_demo_then_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`demo` stores N responses through the form, and `export` writes them as N CSV rows."""
    assert main(["demo", "--workshop", "D1", "--participants", "7", "--seed", "3"]) == 0
    assert open_store().count_responses(workshop="D1") == 7
    out = tmp_path / "d1.csv"
    assert main(["export", "--workshop", "D1", "--output", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7
    assert {r["orientation"] for r in rows} <= {"advancement", "development", "both", "undecided"}
    assert all(r["workshop"] == "D1" for r in rows)
    assert "Wrote 7 responses" in capsys.readouterr().out


def test_demo_from_several_processes_at_once(tmp_path: Path) -> None:
    """Three `careerkit demo` processes writing at once store every response."""
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "careerkit.cli",
                "demo",
                "--workshop",
                "PAR",
                "--participants",
                "10",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert open_store().count_responses(workshop="PAR") == 30


def test_export_refuses_other_formats(capsys: pytest.CaptureFixture[str]) -> None:
    """Asking for a non-CSV output says what is accepted instead of writing something odd."""
    assert main(["export", "--workshop", "X", "--output", "out.txt"]) == 2
    assert "--output must end in .csv" in capsys.readouterr().err


def test_unknown_survey_name_lists_the_available_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelled survey name gets a message listing the surveys that exist."""
    assert main(["demo", "--workshop", "X", "--survey", "carrer_interests"]) == 2
    err = capsys.readouterr().err
    assert "No survey 'carrer_interests'" in err and "available: career_interests" in err


def test_bad_database_url_is_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unsupported CAREERKIT_DATABASE_URL is explained, not a traceback."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "mysql://u@h/db")
    assert main(["demo", "--workshop", "X", "--participants", "1"]) == 2
    assert "SQLite or PostgreSQL" in capsys.readouterr().err


def test_plan_export_writes_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`careerkit plan export CODE` writes Markdown, HTML and iCalendar; a wrong code is a message."""
    from datetime import date

    from icalendar import Calendar

    from careerkit.plans.editing import add_action, add_goal, new_plan_code
    from careerkit.plans.model import Plan

    plan = add_goal(Plan(code=new_plan_code(), employee="Ann"), "Lead <the> move")
    plan = add_action(plan, plan.goals[0].id, "Book the course", "employee", date(2027, 2, 1))
    open_store().create_doc(plan)
    for fmt in ("md", "html", "ics"):
        out = tmp_path / f"plan.{fmt}"
        assert main(["plan", "export", plan.code, "--format", fmt, "--output", str(out)]) == 0
    assert "Lead" in (tmp_path / "plan.md").read_text()
    assert "Lead &lt;the&gt; move" in (tmp_path / "plan.html").read_text()
    events = Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [date(2027, 2, 1)]
    assert (
        main(["plan", "export", "x" * 22, "--format", "md", "--output", str(tmp_path / "x.md")])
        == 2
    )
    assert "No plan with that code." in capsys.readouterr().err
