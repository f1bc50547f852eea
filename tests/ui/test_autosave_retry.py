"""Saves that failed are tried again by themselves: the timer, the survey form, autosaved documents."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from careerkit.definitions import load_survey
from careerkit.errors import StoreError
from careerkit.model import Response
from careerkit.plans.model import Plan
from careerkit.plans.screens.editor import PlanEditor
from careerkit.store import MemoryStore, open_store
from careerkit.store.memory import D
from careerkit.survey.screens.form import SurveyForm
from careerkit.ui.autosave import Autosave
from careerkit.ui.retry import DELAYS, Retry
from careerkit.ui.text import StatusLine

SURVEY = load_survey("career_interests")
ANSWERS = {q.id: 4 for q in SURVEY.questions if q.kind == "likert"} | {
    "activities": ("courses",),
    "manager_support": "budget",
}


class ManualClock:
    """Stands in for the kernel's event loop: callbacks wait in a list until `run_next()`."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        entry = (delay, callback)
        self.waiting.append(entry)
        return lambda: self.waiting.remove(entry) if entry in self.waiting else None

    @property
    def delays(self) -> list[float]:
        return [d for d, _ in self.waiting]

    def run_next(self) -> None:
        _delay, callback = self.waiting.pop(0)
        callback()


class DownStore(MemoryStore):
    """A memory store that refuses every save while `down` is set, as a stopped database does."""

    def __init__(self) -> None:
        super().__init__()
        self.down = True
        self.attempts = 0

    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        self.attempts += 1
        if self.down:
            raise StoreError(
                "Could not save your answers: the database server cannot be reached; try again shortly"
            )
        return super().save_response(response, draft_key=draft_key)

    def save_doc(self, doc: D) -> D:
        self.attempts += 1
        if self.down:
            raise StoreError(
                "Could not save the plan: the database server cannot be reached; try again shortly"
            )
        return super().save_doc(doc)


def test_pauses_grow_stop_at_the_limit_and_start_short_after_a_success() -> None:
    """Each failure waits longer (capped), the limit ends automatic attempts, reset starts over."""
    clock = ManualClock()
    calls: list[int] = []
    retry = Retry(lambda: calls.append(1), schedule=clock, limit=7)
    planned = [retry.schedule() for _ in range(8)]
    assert planned == [*DELAYS, DELAYS[-1], DELAYS[-1], None]
    assert clock.waiting == [] and not retry.waiting  # each schedule replaced the one before
    retry.reset()
    assert retry.schedule() == DELAYS[0] and retry.waiting
    clock.run_next()
    assert calls == [1] and not retry.waiting


def test_without_an_event_loop_nothing_is_scheduled() -> None:
    """Outside a kernel (no running loop) the retry says so instead of promising an attempt."""
    retry = Retry(lambda: None)
    assert retry.schedule() is None and not retry.waiting


def test_the_event_loop_timer_runs_the_attempt_on_the_loop_thread() -> None:
    """Inside a running asyncio loop, as in ipykernel, the attempt runs later on that loop."""
    seen: list[bool] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        retry = Retry(lambda: seen.append(asyncio.get_running_loop() is loop), delays=[0.01])
        assert retry.schedule() == 0.01
        await asyncio.sleep(0.2)

    asyncio.run(main())
    assert seen == [True]


def test_survey_not_saved_says_why_keeps_answers_and_saves_itself_once_back() -> None:
    """A stopped store: "Not saved" with the reason and the answers kept; back up, it saves one row."""
    store, clock = DownStore(), ManualClock()
    form = SurveyForm(SURVEY, store=store, schedule=clock)
    form.set_answers(ANSWERS)
    assert form.submit() is None
    assert form.status.kind == "error"
    assert "Not saved" in form.status.text and "cannot be reached" in form.status.text
    assert "we try again in 2 seconds" in form.status.text
    assert form.answers["visibility"] == 4 and not form.submit_button.disabled
    clock.run_next()  # still down: the next pause is longer
    assert store.attempts == 2 and clock.delays == [DELAYS[1]]
    assert "we try again in 4 seconds" in form.status.text
    store.down = False
    clock.run_next()
    assert form.value is not None and form.status.text.startswith("Saved")
    assert store.count_responses() == 1 and clock.waiting == []
    assert form.submit() is form.value and store.count_responses() == 1


def test_pressing_submit_while_a_retry_waits_saves_once() -> None:
    """Submit pressed by hand replaces the waiting attempt; nothing is saved twice."""
    store, clock = DownStore(), ManualClock()
    form = SurveyForm(SURVEY, store=store, schedule=clock)
    form.set_answers(ANSWERS)
    form.submit()
    store.down = False
    form.submit_button.click()
    assert form.value is not None and clock.waiting == []
    assert store.count_responses() == 1


@contextmanager
def exclusive_lock(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holds `BEGIN EXCLUSIVE` on the SQLite file until the block ends."""
    code = textwrap.dedent(
        f"""
        import sqlite3, sys
        db = sqlite3.connect({str(path)!r}, isolation_level=None)
        db.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        sys.stdin.readline()
        db.execute("ROLLBACK")
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=30)


@pytest.mark.parametrize("light", [False, True], ids=["sql-store", "light-store"])
def test_locked_sqlite_file_is_not_saved_then_saved_by_the_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, light: bool
) -> None:
    """A real SQLite file locked by another process: "Not saved: busy", then saved once released."""
    for module in ("careerkit.store.engine", "careerkit.store.sqlite_files"):
        monkeypatch.setattr(f"{module}.SQLITE_BUSY_MS", 200)  # give up waiting sooner
    db = tmp_path / "careerkit.sqlite3"
    url = f"sqlite:///{db}"
    open_store(url).close()  # tables ready, as `careerkit serve` leaves them
    store = open_store(url, light=light)
    assert (type(store).__name__ == "LiteStore") is light
    clock = ManualClock()
    form = SurveyForm(SURVEY, store=store, schedule=clock)
    form.set_answers(ANSWERS)
    try:
        with exclusive_lock(db):
            assert form.submit() is None
            assert "Not saved" in form.status.text and "busy" in form.status.text
            assert form.answers["visibility"] == 4
        clock.run_next()
        assert form.value is not None and store.count_responses() == 1
    finally:
        store.close()


def _plan_autosave(store: MemoryStore, clock: ManualClock) -> tuple[Autosave[Plan], list[Plan]]:
    saved: list[Plan] = []
    autosave: Autosave[Plan] = Autosave(
        store, Plan, StatusLine(), saved.append, lambda _p: None, schedule=clock
    )
    return autosave, saved


def test_autosave_retries_the_latest_change_until_saved() -> None:
    """A refused change stays pending and is saved by the timer, with "Saved" and Try again hidden."""
    store, clock = DownStore(), ManualClock()
    store.down = False
    autosave, saved = _plan_autosave(store, clock)
    plan = autosave.create(Plan(code="AUTOSAVEPLAN000001", workshop="W"))
    store.down = True
    first = plan.model_copy(update={"employee": "Ann"})
    assert autosave.save(first) is None
    assert (
        autosave.status.text.startswith("Not saved") and "cannot be reached" in autosave.status.text
    )
    assert "trying again in 2 seconds" in autosave.status.text
    assert autosave.retry.layout.display == ""
    latest = plan.model_copy(update={"employee": "Ann Smith"})
    assert autosave.save(latest) is None  # a newer change while down replaces the pending one
    assert len(clock.waiting) == 1
    store.down = False
    clock.run_next()
    assert autosave.status.text.startswith("Saved") and autosave.retry.layout.display == "none"
    again = store.get_doc(Plan, plan.code)
    assert again is not None and again.employee == "Ann Smith" and saved[-1].employee == "Ann Smith"
    assert autosave.pending is None and clock.waiting == []


def test_plan_editor_saves_itself_inside_a_running_event_loop() -> None:
    """The plan screen, unchanged, retries on the loop it runs in (as in a kernel) once the store is back."""
    store = DownStore()
    store.down = False

    async def main() -> PlanEditor:
        editor = PlanEditor(store=store, workshop="P1")
        editor.new_button.click()
        store.down = True
        editor.new_goal.value = "Kept while the database is away"
        editor.add_goal_button.click()
        assert editor.status.text.startswith("Not saved") and "trying again" in editor.status.text
        store.down = False
        for _ in range(100):  # the first automatic attempt comes after DELAYS[0] seconds
            await asyncio.sleep(0.05)
            if editor.status.text.startswith("Saved"):
                break
        return editor

    editor = asyncio.run(main())
    assert editor.plan is not None and editor.status.text.startswith("Saved")
    plan = store.get_doc(Plan, editor.plan.code)
    assert plan is not None and [g.title for g in plan.goals] == ["Kept while the database is away"]
