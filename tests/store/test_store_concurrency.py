"""Many real OS processes writing to one store at the same moment: SQLite file and PostgreSQL.

Twenty worker processes are started once for the module with the "spawn" context (starting
a Python process and importing SQLAlchemy costs about a second of CPU each, too much to pay
per test on a small machine). For every scenario each worker gets its task, then all of them
wait on one barrier, open the store and write at the same moment.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from careerkit.store import open_store, schema
from careerkit.store.sql import SqlStore

WORKERS = 20
PER_WORKER = 10
ANSWERS_PER_RESPONSE = 4  # q_lead, q_role, and two picked options of q_skills
START_TIMEOUT = 120  # seconds for all workers to start and import careerkit
RUN_TIMEOUT = 120  # seconds for one scenario, from the barrier to the last report


# -- the worker processes --------------------------------------------------------------------------


def _response(rid: str, worker: int) -> Any:
    from careerkit.model import Response  # imported in the worker process only

    return Response(
        id=rid,
        survey_id="career_check",
        workshop="race",
        participant=f"worker {worker}",
        answers={"q_lead": worker % 5 + 1, "q_role": "manager", "q_skills": ("coach", "plan")},
        submitted_at=datetime.now(UTC),
    )


def _worker(index: int, barrier: Any, tasks: Any, results: Any) -> None:
    """Run tasks until told to stop: wait for every worker, open the store, save responses."""
    # Import everything before the first barrier, so the workers race on the database only.
    import psycopg  # noqa: F401
    import sqlalchemy.dialects.postgresql.psycopg
    import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401

    import careerkit.store.lite
    import careerkit.store.lite_pg  # noqa: F401
    from careerkit.model import Response  # noqa: F401
    from careerkit.store import open_store

    results.put({"ready": index, "pid": os.getpid()})
    while True:
        task = tasks.get()
        if task is None:
            results.close()
            results.join_thread()  # every report is flushed; skip the slow interpreter teardown
            os._exit(0)
        url, ids, light = task
        out: dict[str, Any] = {"worker": index, "created": 0, "errors": [], "version": None}
        try:
            barrier.wait(timeout=RUN_TIMEOUT)
            out["started"] = time.monotonic()
            store = open_store(url, light=light)
            out["store"] = type(store).__name__
            try:
                out["version"] = store.schema_version()
                for rid in ids:
                    out["created"] += store.save_response(_response(rid, index))
            finally:
                store.close()
            out["finished"] = time.monotonic()
        except Exception as exc:  # reported to the test, which asserts there are none
            out["errors"].append(f"{type(exc).__name__}: {exc}")
        results.put(out)


class WorkerPool:
    """Twenty spawned processes that run each scenario together, behind one barrier."""

    def __init__(self, size: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.barrier = ctx.Barrier(size)
        self.results = ctx.Queue()
        self.tasks = [ctx.Queue() for _ in range(size)]
        self.procs = [
            ctx.Process(target=_worker, args=(i, self.barrier, q, self.results), daemon=True)
            for i, q in enumerate(self.tasks)
        ]
        for p in self.procs:
            p.start()
        deadline = time.monotonic() + START_TIMEOUT
        ready = [self.results.get(timeout=max(1, deadline - time.monotonic())) for _ in self.procs]
        assert sorted(r["ready"] for r in ready) == list(range(size))

    def run(
        self, url: str, ids_for: Callable[[int], list[str]], *, light: bool = False
    ) -> list[dict[str, Any]]:
        """Every worker opens `url` at the same moment and saves the ids `ids_for(worker)`.

        With `light`, as a survey kernel does (`open_store(url, light=True)`).
        """
        dead = [p.pid for p in self.procs if not p.is_alive()]
        assert not dead, f"worker processes died: {dead}"
        for i, q in enumerate(self.tasks):
            q.put((url, ids_for(i), light))
        try:
            outs = [self.results.get(timeout=RUN_TIMEOUT) for _ in self.procs]
        except queue.Empty:
            pytest.fail(f"workers did not all report within {RUN_TIMEOUT}s")
        if self.barrier.broken:
            self.barrier.reset()
        return sorted(outs, key=lambda o: o["worker"])

    def close(self) -> None:
        for q in self.tasks:
            q.put(None)
        for p in self.procs:
            p.join(timeout=10)
        for p in self.procs:
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    """The module's twenty worker processes, stopped at the end."""
    workers = WorkerPool(WORKERS)
    yield workers
    workers.close()


# -- helpers ---------------------------------------------------------------------------------------


def _errors(outs: list[dict[str, Any]]) -> list[str]:
    return [f"worker {o['worker']}: {e}" for o in outs for e in o["errors"]]


def _peak_overlap(outs: list[dict[str, Any]]) -> int:
    """The most workers that were between opening the store and their last save at one time."""
    events = sorted(
        [(o["started"], 1) for o in outs] + [(o["finished"], -1) for o in outs],
        key=lambda e: (e[0], e[1]),
    )
    now = peak = 0
    for _, step in events:
        now += step
        peak = max(peak, now)
    return peak


def _counts(url: str) -> tuple[int, int]:
    """Rows in responses and in answers, read by a store opened in this process."""
    s = open_store(url)
    assert isinstance(s, SqlStore)
    with s.engine.connect() as conn:
        answers = conn.execute(select(func.count()).select_from(schema.answers)).scalar_one()
    n = s.count_responses()
    s.close()
    return n, int(answers)


def _sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])


# -- the scenarios ---------------------------------------------------------------------------------


def test_many_processes_many_submissions(pool: WorkerPool, store_url: str) -> None:
    """20 processes x 10 submissions at once give exactly 200 rows, no errors, intact database."""
    t0 = time.monotonic()
    outs = pool.run(store_url, lambda w: [f"w{w:02d}-n{k:02d}-many" for k in range(PER_WORKER)])
    elapsed = time.monotonic() - t0

    assert _errors(outs) == []
    assert [o["created"] for o in outs] == [PER_WORKER] * WORKERS
    total = WORKERS * PER_WORKER
    assert _counts(store_url) == (total, total * ANSWERS_PER_RESPONSE)
    assert _peak_overlap(outs) >= 2, "the workers never ran at the same time"
    if (path := _sqlite_path(store_url)) is not None:
        assert _integrity(path) == "ok"
    backend = store_url.split(":")[0]
    print(f"{backend}: {total} saves in {elapsed:.1f}s, {_peak_overlap(outs)} workers at once")


def test_same_ids_from_every_process(pool: WorkerPool, store_url: str) -> None:
    """The same 10 ids sent by 20 processes at once give exactly 10 rows, each created once."""
    ids = [f"same-id-{k:02d}" for k in range(PER_WORKER)]
    outs = pool.run(store_url, lambda w: ids[w % PER_WORKER :] + ids[: w % PER_WORKER])

    assert _errors(outs) == []
    # Every id was reported as new by exactly one process; all other saves were retries.
    assert sum(o["created"] for o in outs) == PER_WORKER
    assert _counts(store_url) == (PER_WORKER, PER_WORKER * ANSWERS_PER_RESPONSE)
    s = open_store(store_url)
    assert sorted(r.id for r in s.responses()) == ids
    s.close()
    if (path := _sqlite_path(store_url)) is not None:
        assert _integrity(path) == "ok"


def test_light_stores_at_once(pool: WorkerPool, store_url: str) -> None:
    """20 survey-kernel stores (sqlite3, pg8000) saving new and shared ids at once lose nothing."""
    open_store(store_url).close()  # serve creates the tables before the kernels start
    shared = [f"light-same-{k:02d}" for k in range(PER_WORKER // 2)]
    outs = pool.run(
        store_url,
        lambda w: shared[w % len(shared) :] + [f"light-w{w:02d}-n{k}" for k in range(5)],
        light=True,
    )

    assert _errors(outs) == []
    expected = "LiteStore" if store_url.startswith("sqlite") else "LitePgStore"
    assert {o["store"] for o in outs} == {expected}
    total = len(shared) + WORKERS * 5
    assert sum(o["created"] for o in outs) == total, "each id created once, retries not again"
    assert _counts(store_url) == (total, total * ANSWERS_PER_RESPONSE)
    assert _peak_overlap(outs) >= 2, "the workers never ran at the same time"
    if (path := _sqlite_path(store_url)) is not None:
        assert _integrity(path) == "ok"


def test_fresh_database_opened_by_all_at_once(
    pool: WorkerPool, store_url: str, tmp_path: Path
) -> None:
    """20 processes opening a database that does not exist yet all succeed, sharing one schema."""
    if store_url.startswith("sqlite"):
        # A folder that does not exist yet either: the folder creation races as well.
        store_url = f"sqlite:///{tmp_path / 'fresh' / 'nested' / 'careerkit.sqlite3'}"
        assert not (tmp_path / "fresh").exists()
    outs = pool.run(store_url, lambda w: [f"fresh-w{w:02d}"])

    assert _errors(outs) == []
    assert [o["version"] for o in outs] == [schema.SCHEMA_VERSION] * WORKERS
    assert [o["created"] for o in outs] == [1] * WORKERS
    assert _counts(store_url) == (WORKERS, WORKERS * ANSWERS_PER_RESPONSE)
    s = open_store(store_url)
    assert s.schema_version() == schema.SCHEMA_VERSION
    s.close()
    if (path := _sqlite_path(store_url)) is not None:
        assert _integrity(path) == "ok"
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
