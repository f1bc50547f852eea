"""Plans in every store: versioned saves, refused stale saves, migration from schema 1."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from careerkit.errors import VersionConflict
from careerkit.plans.editing import add_action, add_goal, new_plan_code
from careerkit.plans.model import Plan
from careerkit.store import Store, open_store, schema


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind."""
    if request.param == "memory":
        url = "memory://"
    elif request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'plans.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    s = open_store(url)
    yield s
    s.close()


def a_plan(workshop: str = "PL1") -> Plan:
    plan = Plan(code=new_plan_code(), employee="Ann", manager="Bob", workshop=workshop)
    plan = add_goal(plan, "Lead | the <b>reporting</b> move", target=date(2027, 6, 30))
    return add_action(plan, plan.goals[0].id, "Book the course", "employee", date(2027, 2, 1))


def test_create_get_save_round_trip(store: Store) -> None:
    """A plan is stored as version 1, read back equal, and each save bumps the version."""
    created = store.create_doc(a_plan())
    assert created.version == 1
    assert store.get_doc(Plan, created.code) == created
    saved = store.save_doc(add_goal(created, "Second goal"))
    assert saved.version == 2
    back = store.get_doc(Plan, created.code)
    assert back == saved and [g.title for g in back.goals][1] == "Second goal"
    assert back.goals[0].actions[0].due == date(2027, 2, 1)


def test_stale_save_is_refused_and_keeps_the_newer_plan(store: Store) -> None:
    """Saving from an outdated copy raises VersionConflict with a reload hint; the stored plan stays."""
    created = store.create_doc(a_plan())
    tab_one = store.save_doc(add_goal(created, "From tab one"))
    with pytest.raises(VersionConflict, match="Reload"):
        store.save_doc(add_goal(created, "From tab two"))
    assert store.get_doc(Plan, created.code) == tab_one


def test_unknown_code_is_none_and_plans_filter_by_workshop(store: Store) -> None:
    """A code nobody created finds nothing; listing by workshop returns only that workshop's plans."""
    assert store.get_doc(Plan, "x" * 22) is None
    one = store.create_doc(a_plan("W1"))
    store.create_doc(a_plan("W2"))
    assert [p.code for p in store.docs(Plan, workshops=["W1"])] == [one.code]
    assert len(store.docs(Plan)) == 2


def test_schema_1_database_is_migrated(tmp_path: Path) -> None:
    """A database made by schema version 1 (no plans table) opens, gains plans, keeps responses."""
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE careerkit_meta (key VARCHAR(64) PRIMARY KEY, value VARCHAR(200) NOT NULL);"
        "INSERT INTO careerkit_meta VALUES ('schema_version', '1');"
    )
    con.close()
    store = open_store(f"sqlite:///{path}")
    assert store.schema_version() == schema.SCHEMA_VERSION
    created = store.create_doc(a_plan())
    assert store.get_doc(Plan, created.code) == created


def _racer(url: str, code: str, title: str, barrier: mp.synchronize.Barrier, out: mp.Queue) -> None:  # type: ignore[name-defined]
    s = open_store(url)
    plan = s.get_doc(Plan, code)
    assert plan is not None
    barrier.wait()
    try:
        s.save_doc(add_goal(plan, title))
        out.put(("saved", title))
    except VersionConflict:
        out.put(("conflict", title))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_tabs_saving_at_once_one_wins_one_is_told(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Two processes save the same plan version at the same moment: exactly one saves, one conflicts."""
    url = (
        f"sqlite:///{tmp_path / 'race.sqlite3'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    created = open_store(url).create_doc(a_plan())
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_racer, args=(url, created.code, t, barrier, out))
        for t in ("tab one", "tab two")
    ]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert [r[0] for r in results] == ["conflict", "saved"]
    winner = results[1][1]
    stored = open_store(url).get_doc(Plan, created.code)
    assert stored is not None and stored.version == 2 and stored.goals[-1].title == winner
