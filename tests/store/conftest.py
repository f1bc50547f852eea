"""Fixtures of the drafts and workshop-activity tests: a store of every kind, and its admin side.

test_store.py and test_erase.py keep their own `store` fixtures, which take precedence there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from careerkit.store import Store, open_store
from careerkit.store.lite import LiteStore
from careerkit.store.lite_pg import LitePgStore
from careerkit.store.sql import SqlStore


@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        "sqlite-light",
        pytest.param("postgresql", marks=pytest.mark.postgres),
        pytest.param("postgresql-light", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind (the light one on a file whose tables the SQL store made)."""
    if request.param == "memory":
        s = open_store("memory://")
    elif request.param.startswith("postgresql"):
        pg = str(request.getfixturevalue("pg_url"))
        s = open_store(pg)
        if request.param == "postgresql-light":
            s.close()  # the SQL store creates the tables
            s = open_store(pg, light=True)
            assert isinstance(s, LitePgStore)
    else:
        url = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
        if request.param == "sqlite-light":
            open_store(url).close()
            s = open_store(url, light=True)
            assert isinstance(s, LiteStore)
        else:
            s = open_store(url)
            assert isinstance(s, SqlStore)
    yield s
    s.close()


@pytest.fixture
def admin(store: Store) -> Iterator[Store]:
    """A store for the facilitator's side (workshops) on the same database, as `careerkit` uses."""
    if isinstance(store, LiteStore | LitePgStore):
        other = open_store(store.url)
        yield other
        other.close()
    else:
        yield store
