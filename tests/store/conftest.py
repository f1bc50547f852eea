"""Fixtures of the drafts and workshop-activity tests: a store of every kind, and its admin side.

test_store.py and test_erase.py keep their own `store` fixtures, which take precedence there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_kinds import KINDS, open_kind

from careerkit.store import Store, open_store
from careerkit.store.lite import LiteStore
from careerkit.store.lite_pg import LitePgStore


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind (the light one on a file whose tables the SQL store made)."""
    s = open_kind(request, tmp_path / "drafts.sqlite3")
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
