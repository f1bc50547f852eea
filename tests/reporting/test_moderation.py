"""Hiding comments: stored per response and question, undone, live on a second dashboard, never shared."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.errors import ConfigError
from careerkit.privacy import check_comment_threshold
from careerkit.reporting.cohort import frame, read_cohort
from careerkit.reporting.comments import comments
from careerkit.reporting.export_csv import csv_bytes
from careerkit.reporting.moderation import Moderation, hidden_comments, set_hidden
from careerkit.reporting.report import build_report
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.store import MemoryStore, Store, open_store
from careerkit.survey.demo import fake_answers
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")


def _room(store: Store, workshop: str, goals: list[str], seed: int = 0) -> None:
    for i, goal in enumerate(goals):
        form = SurveyForm(SURVEY, store=store, workshop=workshop)
        answers = fake_answers(SURVEY, random.Random(seed + i))
        answers["career_goal"] = goal
        form.set_answers(answers)
        assert form.submit() is not None


def test_hiding_is_stored_survives_a_restart_and_is_undone(store_url: str) -> None:
    """A hidden comment is read back by a new store on the same database, and shown again on undo."""
    first = open_store(store_url)
    set_hidden(first, "W1", "resp-a", "career_goal", True)
    set_hidden(first, "W1", "resp-a", "other_text", True)
    set_hidden(first, "W2", "resp-b", "career_goal", True)
    first.close()
    again = open_store(store_url)
    try:
        assert hidden_comments(again, ["W1"]) == {
            ("resp-a", "career_goal"),
            ("resp-a", "other_text"),
        }
        set_hidden(again, "W1", "resp-a", "career_goal", False)
        assert hidden_comments(again, ["W1", "W2"]) == {
            ("resp-a", "other_text"),
            ("resp-b", "career_goal"),
        }
    finally:
        again.close()


def test_two_dashboards_hiding_at_once_lose_nothing(store_url: str) -> None:
    """Two stores hiding different comments of one workshop together keep all of them."""
    stores = [open_store(store_url) for _ in range(2)]
    stores[0].get_doc(Moderation, "x" * 16)  # both stores have made the tables before the race
    start = threading.Barrier(2)

    def hide(i: int) -> None:
        start.wait()
        for n in range(6):
            set_hidden(stores[i], "W1", f"resp-{i}-{n}", "career_goal", True)

    threads = [threading.Thread(target=hide, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert len(hidden_comments(stores[0], ["W1"])) == 12
    finally:
        for s in stores:
            s.close()


def test_hiding_shows_on_a_second_dashboard_and_in_the_report_without_a_reload() -> None:
    """Hide on one dashboard: the other's next refresh marks it, the report drops it, the export keeps it."""
    store = MemoryStore()
    goals = [f"Goal {chr(65 + i)}" for i in range(10)]
    _room(store, "ROOM", goals)
    mine = Dashboard(SURVEY, store=store, workshops=["ROOM"])
    other = Dashboard(SURVEY, store=store, workshops=["ROOM"])
    assert "Goal C" in build_report(store, SURVEY, ["ROOM"])
    rows = [r for r in mine.comment_box.children if "careerkit-comment" in r._dom_classes]
    (row,) = [r for r in rows if "Goal C" in r.children[0].value]
    row.children[1].click()  # Hide
    assert "careerkit-comment-hidden" in [
        c for r in mine.comment_box.children for c in r._dom_classes
    ]
    other.refresh()  # what its live timer does every few seconds
    (marked,) = [
        r for r in other.comment_box.children if "careerkit-comment-hidden" in r._dom_classes
    ]
    assert "Goal C" in marked.children[0].value and marked.children[1].description == "Show again"
    assert "1 comment hidden by the facilitator." in other.comment_box.text
    page = build_report(store, SURVEY, ["ROOM"])
    assert "Goal C" not in page and "Goal D" in page
    assert "1 comment hidden by the facilitator." in page
    data, _n = csv_bytes(SURVEY, store.responses(workshop="ROOM"))
    assert b"Goal C" in data  # the facilitator's export keeps every answer
    marked.children[1].click()  # Show again, on the second dashboard
    mine.refresh()
    assert "careerkit-comment-hidden" not in [
        c for r in mine.comment_box.children for c in r._dom_classes
    ]
    assert "Goal C" in build_report(store, SURVEY, ["ROOM"])


def test_hiding_is_per_response_and_question() -> None:
    """Two people who wrote the same words: hiding one keeps the other's listed."""
    store = MemoryStore()
    _room(store, "SAME", ["same words", "same words", *[f"goal {i}" for i in range(8)]], seed=50)
    first = next(
        r.id for r in store.responses(workshop="SAME") if r.answers["career_goal"] == "same words"
    )
    set_hidden(store, "SAME", first, "career_goal", True)
    set_hidden(store, "SAME", first, "another_question", False)
    c = read_cohort(store, SURVEY.id, ["SAME"], 5)
    rows = frame(store.answer_rows(["SAME"], SURVEY.id, question_ids=["career_goal"]))
    listed = comments(c, rows, SURVEY, hidden=hidden_comments(store, ["SAME"]))
    assert listed.by_question["career_goal"].count("same words") == 1
    assert listed.hidden == 1


def test_comment_threshold_defaults_to_ten_and_never_goes_below_the_number_threshold() -> None:
    """Nine writers list nothing by default; the control follows the number threshold up."""
    store = MemoryStore()
    _room(store, "NINE", [f"words {i}" for i in range(9)] + [""], seed=300)
    board = Dashboard(SURVEY, store=store, workshops=["NINE"])
    assert board.comment_threshold.value == 10
    assert "words" not in board.comment_box.text
    assert "fewer than 10 written answers" in board.comment_box.text
    board.comment_threshold.value = 5
    assert "words 3" in board.comment_box.text
    board.threshold.value = 7
    assert board.comment_threshold.value == 7 and board.comment_threshold.min == 7
    with pytest.raises(ConfigError, match="cannot be lower than the reporting threshold"):
        check_comment_threshold(4, 5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=3),
    writers=st.lists(st.integers(min_value=0, max_value=14), min_size=3, max_size=3),
    threshold=st.integers(min_value=3, max_value=6),
    extra=st.integers(min_value=0, max_value=6),
)
def test_comments_under_the_comment_threshold_never_show(
    sizes: list[int], writers: list[int], threshold: int, extra: int
) -> None:
    """Whatever the rooms and thresholds, a workshop's comments list only when enough of it wrote."""
    from tests.reporting.test_aggregate import add

    store = MemoryStore()
    codes = [f"W{i}" for i in range(len(sizes))]
    for w, (n, wrote) in zip(codes, zip(sizes, writers, strict=False), strict=False):
        for i in range(n):
            text = {"career_goal": f"{w} text {i}"} if i < wrote else {}
            add(store, w, "both", text)
    k_comments = threshold + extra
    c = read_cohort(store, SURVEY.id, codes, threshold)
    rows = frame(store.answer_rows(codes, SURVEY.id, question_ids=["career_goal"]))
    listed = comments(c, rows, SURVEY, comment_threshold=k_comments)
    for w in codes:
        mine = [t for t in listed.by_question["career_goal"] if t.startswith(f"{w} ")]
        released = c.upto.get(w, 0)
        wrote_in_release = min(released, writers[codes.index(w)])
        if wrote_in_release < k_comments:
            assert mine == []
        else:
            assert len(mine) == wrote_in_release


def test_erasing_a_response_leaves_no_trace_of_it_in_the_moderation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`careerkit erase --participant` drops the response's hidden mark; no byte of its code stays."""
    url = f"sqlite:///{tmp_path / 'erase.sqlite3'}"
    store = open_store(url)
    _room(store, "ER", ["erase me", "keep me"], seed=400)
    ids = {r.answers["career_goal"]: r.id for r in store.responses(workshop="ER")}
    for rid in ids.values():
        set_hidden(store, "ER", rid, "career_goal", True)
    store.close()
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", url)
    assert main(["erase", "--participant", ids["erase me"]]) == 0
    store = open_store(url)
    try:
        assert hidden_comments(store, ["ER"]) == {(ids["keep me"], "career_goal")}
    finally:
        store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("erase.sqlite3*"))
    assert ids["erase me"].encode() not in raw and ids["keep me"].encode() in raw
