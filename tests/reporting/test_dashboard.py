"""The facilitator dashboard without a kernel: counts, charts, privacy, escaping, live refresh."""

from __future__ import annotations

import asyncio
import threading

import pytest

from careerkit.definitions import load_survey
from careerkit.errors import CareerkitError
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.store import MemoryStore
from careerkit.survey.demo import fake_answers, run_demo
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "$\\frac{1}{0}$ and $x",
    "<svg onload=alert(1)>",
]


def _submit(store: MemoryStore, workshop: str, goal: str, seed: int) -> None:
    import random

    form = SurveyForm(SURVEY, store=store, workshop=workshop)
    answers = fake_answers(SURVEY, random.Random(seed))
    answers["career_goal"] = goal
    form.set_answers(answers)
    assert form.submit() is not None


def test_counts_and_charts_for_a_workshop() -> None:
    """Twelve demo responses give the count, an orientation chart and one chart per question group."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W1", 12, seed=4)
    board = Dashboard(SURVEY, store=store, workshops=["W1"])
    assert "12 responses so far" in board.count.value
    classes = [c._dom_classes for c in board.charts.children]
    assert any("careerkit-chart-orientation" in c for c in classes)
    assert all('src="data:image/png;base64,iVBOR' in img.value for img in board.charts.children)
    assert all('<img alt="Chart: ' in img.value for img in board.charts.children)
    assert board.last is not None and board.last.responses == 12


def test_small_workshop_shows_count_but_no_breakdown() -> None:
    """With three responses the count shows, but no chart cell or comment, and the note says why."""
    store = MemoryStore()
    run_demo(SURVEY, store, "TINY", 3, seed=5)
    board = Dashboard(SURVEY, store=store, workshops=["TINY"])
    assert "3 responses so far" in board.count.value
    assert board.last is not None
    assert not board.last.orientation.anything_shown
    assert "fewer than 5" in board.notes.value
    assert "<li>" not in board.comment_box.text


def test_hostile_comments_show_as_text() -> None:
    """Script tags, event handlers, javascript: links and $math$ in answers are shown escaped."""
    store = MemoryStore()
    for i, text in enumerate(HOSTILE * 2):
        _submit(store, "XSS", text, seed=i)
    board = Dashboard(SURVEY, store=store, workshops=["XSS"])
    shown = board.comment_box.text
    for text in HOSTILE:
        if "<" in text:
            assert text not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "$\\frac{1}{0}$ and $x" in shown


def test_threshold_cannot_go_below_three() -> None:
    """The threshold control stops at 3, and asking the numbers for 2 is refused."""
    from careerkit.reporting.snapshot import snapshot

    board = Dashboard(SURVEY, store=MemoryStore(), workshops=["W"], threshold=1)
    assert board.threshold.value == 3 and board.threshold.min == 3
    with pytest.raises(CareerkitError, match="3"):
        snapshot(MemoryStore(), SURVEY, ["W"], threshold=2)


def test_live_refresh_sees_new_responses_without_rebuilding() -> None:
    """With the live loop running, a new response shows in the count within a few ticks."""
    store = MemoryStore()
    run_demo(SURVEY, store, "LIVE", 5, seed=6)
    board = Dashboard(SURVEY, store=store, workshops=["LIVE"])

    async def scenario() -> str:
        board.start_live(seconds=0.05)
        run_demo(SURVEY, store, "LIVE", 1, seed=7)
        for _ in range(40):
            await asyncio.sleep(0.05)
            if "6 responses" in board.count.value:
                break
        assert board._task is not None
        board._task.cancel()
        return str(board.count.value)

    # A thread of its own: other tests (the browser ones) may leave a loop running in this one.
    seen: list[str] = []
    worker = threading.Thread(target=lambda: seen.append(asyncio.run(scenario())))
    worker.start()
    worker.join(timeout=30)
    assert seen and "6 responses so far" in seen[0]


def test_refreshing_makes_no_new_widgets_when_nothing_changed() -> None:
    """The live loop refreshes every few seconds for hours: a refresh with the same numbers must
    not create widgets (each would live in the kernel and be sent to the page)."""
    import ipywidgets as widgets

    store = MemoryStore()
    run_demo(SURVEY, store, "STEADY", 6, seed=8)
    board = Dashboard(SURVEY, store=store, workshops=["STEADY"])
    board.refresh()
    before = len(widgets.widget._instances)
    for _ in range(20):
        board.refresh()
    assert len(widgets.widget._instances) == before
    assert "6 responses so far" in board.count.value


def test_typed_code_is_added_to_the_selection() -> None:
    """A workshop code typed into the box joins the picked workshops and the numbers follow."""
    store = MemoryStore()
    run_demo(SURVEY, store, "TYPED", 6, seed=8)
    board = Dashboard(SURVEY, store=store, workshops=["OTHER"])
    assert "0 responses so far" in board.count.value
    board.extra.value = "TYPED"
    assert board.workshops == ["OTHER", "TYPED"] and "6 responses so far" in board.count.value


def test_empty_store_asks_to_pick_a_workshop() -> None:
    board = Dashboard(SURVEY, store=MemoryStore())
    assert board.workshops == []
    assert "Pick a workshop" in board.count.value


def test_without_codes_the_most_recently_active_workshop_is_chosen_and_all_are_offered() -> None:
    """No fixed DEMO: the code with the latest activity is picked; never-created codes are marked."""
    store = MemoryStore()
    store.create_workshop("Spring cohort", "SPRING")
    run_demo(SURVEY, store, "OLDER", 3, seed=1)
    run_demo(SURVEY, store, "LATEST", 4, seed=2)
    board = Dashboard(SURVEY, store=store)
    assert board.workshops == ["LATEST"]
    assert "4 responses so far" in board.count.value
    labels = dict((code, label) for label, code in board.picker.options)
    assert set(labels) == {"SPRING", "OLDER", "LATEST"}
    assert "never created" in labels["LATEST"] and "4 responses" in labels["LATEST"]
    assert "never created" not in labels["SPRING"] and "0 responses" in labels["SPRING"]


def test_downloads_hold_the_report_and_both_exports() -> None:
    """Prepare downloads gives a report, a CSV and an Excel file of the chosen workshop's answers."""
    import base64
    import re

    store = MemoryStore()
    run_demo(SURVEY, store, "DL", 6, seed=9)
    board = Dashboard(SURVEY, store=store, workshops=["DL"])
    board.downloads.button.click()
    links = dict(
        re.findall(
            r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", board.downloads.links.value
        )
    )
    assert set(links) == {"careerkit-DL-report.html", "careerkit-DL.csv", "careerkit-DL.xlsx"}
    report = base64.b64decode(links["careerkit-DL-report.html"]).decode()
    assert "<html" in report and "privacy-note" in report and "<script" not in report
    rows = base64.b64decode(links["careerkit-DL.csv"]).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 7
    assert base64.b64decode(links["careerkit-DL.xlsx"])[:2] == b"PK"


def test_new_workshop_from_the_dashboard_gets_links_and_qr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating a workshop on the dashboard shows its join code, links and QR code and selects it."""
    monkeypatch.setenv("CAREERKIT_PUBLIC_URL", "http://room:8866")
    store = MemoryStore()
    board = Dashboard(SURVEY, store=store)
    board.new_workshop.name.value = "Spring cohort"
    board.new_workshop.create.click()
    (workshop,) = store.workshops()
    assert board.workshops == [workshop.code]
    assert (
        f"http://room:8866/voila/render/interest_survey.ipynb?workshop={workshop.code}"
        in board.new_workshop.result.value
    )
    assert 'src="data:image/png;base64,iVBOR' in board.new_workshop.qr.value
    assert 'alt="QR code of the interest survey link: ' in board.new_workshop.qr.value


def test_written_answers_of_few_people_are_not_listed() -> None:
    """A question only three people wrote into stays unlisted even in a larger workshop, with a note."""
    store = MemoryStore()
    for i in range(8):
        _submit(store, "FEW", f"Goal number {i}" if i < 3 else "", seed=200 + i)
    board = Dashboard(SURVEY, store=store, workshops=["FEW"])
    assert "Goal number" not in board.comment_box.text
    assert "fewer than 10 written answers" in board.comment_box.text


def test_notes_say_what_the_charts_cover_and_what_was_left_out() -> None:
    """Twelve responses in W and three in S: the count shows 15, the note says the charts cover W's first ten and leave S out."""
    store = MemoryStore()
    run_demo(SURVEY, store, "W", 12, seed=4)
    run_demo(SURVEY, store, "S", 3, seed=5)
    board = Dashboard(SURVEY, store=store, workshops=["W", "S"])
    assert "15 responses so far" in board.count.value
    assert "charts show the first 10 (3 more to the next step)" in board.release.value
    assert "steps of 5 responses per workshop" in board.release.value
    assert "Workshop S: fewer than 5 responses so far, so left out" in board.notes.value
    before = board.charts.children
    run_demo(SURVEY, store, "W", 2, seed=6)  # 14: still the same ten people in the charts
    board.refresh()
    assert board.charts.children is before  # not redrawn
    assert "4 more" not in board.release.value and "1 more to the next step" in board.release.value
    run_demo(SURVEY, store, "W", 1, seed=7)  # 15: the next step
    board.refresh()
    assert "all in the charts" in board.release.value and board.charts.children != before


def test_download_link_carries_the_bytes_and_escapes_name_and_label() -> None:
    """A download link holds exactly the given bytes, and a hostile file name or label stays text."""
    import base64
    import re

    from careerkit.ui.text import download_link

    link = download_link("<b>Report</b>", "x' onclick='alert(1).csv", "text/csv", b"a,b\n1,2\n")
    href = re.search(r"href='data:text/csv;base64,([^']*)'", link)
    assert href is not None and base64.b64decode(href.group(1)) == b"a,b\n1,2\n"
    assert "onclick='" not in link and "x&#x27; onclick=&#x27;alert(1).csv" in link
    assert "&lt;b&gt;Report&lt;/b&gt;</a>" in link and "<b>" not in link
