"""The kinds of store the store tests run on, opened alike by conftest and test_store."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.store import Store, open_store
from careerkit.store.lite import LiteStore
from careerkit.store.lite_pg import LitePgStore
from careerkit.store.sql import SqlStore

KINDS = [
    "memory",
    "sqlite",
    "sqlite-light",
    pytest.param("postgresql", marks=pytest.mark.postgres),
    pytest.param("postgresql-light", marks=pytest.mark.postgres),
]


def open_kind(request: pytest.FixtureRequest, path: Path) -> Store:
    """An open store of kind `request.param` (one of KINDS); a SQLite one in the file `path`.

    `memory://`, the SQL store on a SQLite file and on PostgreSQL (conftest's `pg_url`), and the
    light stores that survey kernels use (sqlite3, pg8000) on tables the SQL store made.
    """
    if request.param == "memory":
        return open_store("memory://")
    if request.param.startswith("postgresql"):
        pg = str(request.getfixturevalue("pg_url"))
        s = open_store(pg)
        if request.param == "postgresql-light":
            s.close()  # the SQL store creates the tables
            s = open_store(pg, light=True)
            assert isinstance(s, LitePgStore)
        return s
    url = f"sqlite:///{path}"
    if request.param == "sqlite-light":
        open_store(url).close()  # the SQL store creates the tables
        s = open_store(url, light=True)
        assert isinstance(s, LiteStore)
        return s
    s = open_store(url)
    assert isinstance(s, SqlStore)
    return s
