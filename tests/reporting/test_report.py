"""The emailed workshop report: self-contained HTML, the dashboard's privacy rules, every text escaped."""

from __future__ import annotations

import base64
import html
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.errors import ConfigError
from careerkit.reporting.report import build_report
from careerkit.store import Store, open_store
from careerkit.survey.demo import fake_answers, run_demo
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "$\\frac{1}{0}$",
]


def _section(page: str, css: str) -> str:
    found = re.search(rf'<section class="{css}">(.*?)</section>', page, re.S)
    assert found, f"no {css} section"
    return found.group(1)


def _shown_cells(section: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'<td data-col="(\w+)">(\d+)</td>', section)}


@pytest.fixture
def sqlite_store() -> Store:
    """A SQLite store in the test's own data folder (see tests/conftest.py)."""
    store = open_store()
    assert store.url.startswith("sqlite")
    return store


def test_demo_report_has_chart_counts_and_privacy_notes(sqlite_store: Store) -> None:
    """Twelve demo responses: a chart of the first ten, numbers equal to the store's, and notes."""
    run_demo(SURVEY, sqlite_store, "DEMO1", 12, seed=1)
    page = build_report(sqlite_store, SURVEY, ["DEMO1"])
    assert f"{sqlite_store.count_responses(workshop='DEMO1')} responses" in page
    orientation = _section(page, "orientation")
    image = re.search(
        r'<img class="orientation" [^>]*src="data:image/png;base64,([^"]+)"', orientation
    )
    assert image and base64.b64decode(image.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    first_ten = sqlite_store.responses(workshop="DEMO1")[:10]  # in arrival order
    truth = Counter(r.result.orientation for r in first_ten if r.result)
    shown = _shown_cells(orientation)
    assert shown.pop("total") == 10
    assert "12 responses; charts show the first 10 (3 more to the next step)" in page
    assert shown and all(truth[k] == v for k, v in shown.items())
    assert all(v >= 5 for v in shown.values())
    assert "Privacy: groups of fewer than 5 people are never shown" in orientation
    sections = re.findall(r"<section .*?</section>", page, re.S)
    assert len(sections) >= 6
    assert all('class="privacy-note"' in s for s in sections)


def test_every_chart_says_its_table_in_words(sqlite_store: Store) -> None:
    """Each chart's alt text names the numbers its table shows, and no number the table hides."""
    run_demo(SURVEY, sqlite_store, "ALT1", 30, seed=3)
    page = build_report(sqlite_store, SURVEY, ["ALT1"])
    sections = re.findall(r'<section class="(\w[\w-]*)">(.*?)</section>', page, re.S)
    charts = [(css, body) for css, body in sections if "<img" in body]
    assert {css for css, _ in charts} == {"orientation", "likert", "options"}
    for css, body in charts:
        alt = html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', body).group(1))  # type: ignore[union-attr]
        assert alt.startswith("Chart: "), css
        said = sorted(int(n) for n in re.findall(r"(\d+) (?:people|person)\b", alt))
        shown = sorted(int(n) for n in re.findall(r'<td data-col="[^"]+">(\d+)</td>', body))
        assert said == shown, (css, alt)
        hidden = body.count('class="hidden"')
        assert alt.count("not shown (privacy)") == hidden, (css, alt)


def test_two_workshops_get_a_comparison_table(sqlite_store: Store) -> None:
    """With two workshops of 22, the report compares their first 20 with the store's numbers."""
    run_demo(SURVEY, sqlite_store, "A1", 22, seed=2)
    run_demo(SURVEY, sqlite_store, "B2", 22, seed=12)
    page = build_report(sqlite_store, SURVEY, ["A1", "B2"])
    assert "44 responses" in page
    compare = _section(page, "by-workshop")
    rows = dict(re.findall(r'<tr data-row="(\w+)">(.*?)</tr>', compare))
    assert set(rows) == {"A1", "B2"}
    for code, row in rows.items():
        first = sqlite_store.responses(workshop=code)[:20]
        truth = Counter(r.result.orientation for r in first if r.result)
        shown = _shown_cells(row)
        assert shown.pop("total") == 20
        assert all(truth[k] == v >= 5 for k, v in shown.items())
    assert any(len(_shown_cells(row)) > 1 for row in rows.values()), "seeds chosen to show a cell"


def test_three_responses_show_no_breakdown_and_say_why(sqlite_store: Store) -> None:
    """A workshop of three shows its count, but no chart, table or comment, and says why."""
    run_demo(SURVEY, sqlite_store, "TINY", 3, seed=5)
    page = build_report(sqlite_store, SURVEY, ["TINY"])
    assert "3 responses" in page
    assert "<img" not in page and "<table" not in page and "<li>" not in page
    assert "Workshop TINY: fewer than 5 responses so far, so left out of every number here." in page
    assert "Nothing to show here: the groups are too small (fewer than 5 people)" in _section(
        page, "orientation"
    )


def _submit(store: Store, workshop: str, goal: str, seed: int) -> None:
    form = SurveyForm(SURVEY, store=store, workshop=workshop)
    answers = fake_answers(SURVEY, random.Random(seed))  # test data, not secrets
    answers["career_goal"] = goal
    form.set_answers(answers)
    assert form.submit() is not None


def test_hostile_answers_stay_text(sqlite_store: Store) -> None:
    """Markup, javascript: and $math$ in answers (and a workshop code) show as escaped text only."""
    for i, text in enumerate(HOSTILE * 2 + ["fine", "also fine"]):  # ten: one whole step
        _submit(sqlite_store, "XSS", text, seed=i)
    page = build_report(sqlite_store, SURVEY, ["XSS", "<i>W</i>"])
    comments = _section(page, "comments")
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert comments.count("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>") == 2
    assert comments.count("<li>&lt;img src=x onerror=alert(1)&gt;</li>") == 2
    assert page.count("javascript:alert(1)") == comments.count("<li>javascript:alert(1)</li>") == 2
    assert comments.count("<li>$\\frac{1}{0}$</li>") == 2
    assert "<i>W</i>" not in page and "&lt;i&gt;W&lt;/i&gt;" in page
    assert not re.search(r"<script|href=|<[a-z][^>]*\son\w+=|https?://", page, re.I)


def test_page_is_self_contained_and_forbids_scripts(sqlite_store: Store) -> None:
    """No script, no http(s) address, only data: images, and a CSP that allows no script."""
    run_demo(SURVEY, sqlite_store, "SELF", 12, seed=1)
    page = build_report(sqlite_store, SURVEY, ["SELF"])
    assert "<script" not in page.lower()
    assert not re.search(r"https?://", page)
    assert all(
        src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]*)"', page)
    )
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src 'none'" in csp.group(1)
    assert page.index("Content-Security-Policy") < page.index("<body>")


def test_threshold_below_three_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Both the function and `careerkit report --threshold 2` refuse, saying the lowest allowed."""
    with pytest.raises(ConfigError, match="cannot be lower than 3"):
        build_report(open_store(), SURVEY, ["W"], threshold=2)
    assert main(["report", "--workshop", "W", "--output", "never.html", "--threshold", "2"]) == 2
    assert "cannot be lower than 3" in capsys.readouterr().err
    assert not Path("never.html").exists()


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`careerkit report` with two --workshop options writes one page naming both."""
    assert main(["demo", "--workshop", "C1", "--participants", "6", "--seed", "1"]) == 0
    out = tmp_path / "report.html"
    argv = [
        "report",
        "--workshop",
        "C1",
        "--workshop",
        "C2",
        "--output",
        str(out),
        "--threshold",
        "3",
    ]
    assert main(argv) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Workshops C1, C2" in page
    assert "6 responses" in page and "fewer than 3 people" in page
    assert str(out) in capsys.readouterr().out
