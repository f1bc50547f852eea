"""Release thresholds per workshop: stored on every store, read by the light ones in plain SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careerkit.errors import ConfigError
from careerkit.store import Store, open_store, schema
from careerkit.store.lite import LiteStore
from careerkit.store.sql import SqlStore


def test_thresholds_are_stored_per_workshop_and_replaced(store: Store, admin: Store) -> None:
    """Set for some codes (created or only used in links), read back by the participant's store."""
    assert store.release_thresholds(["A", "B"]) == {}
    admin.create_workshop("Spring", "A")
    admin.set_release_threshold(["A", "B", "A"], 8)  # B was never created: it still has one
    assert store.release_thresholds(["A", "B", "C"]) == {"A": 8, "B": 8}
    admin.set_release_threshold(["B"], 5)
    assert store.release_thresholds(["B", "A"]) == {"A": 8, "B": 5}
    assert store.release_thresholds([]) == {}
    admin.set_release_threshold([], 9)  # nothing to store
    assert store.release_thresholds(["A", "B"]) == {"A": 8, "B": 5}


def test_a_threshold_privacy_refuses_is_not_stored(store: Store, admin: Store) -> None:
    """Below the smallest safe group, the store says why and keeps what it had."""
    admin.set_release_threshold(["A"], 6)
    with pytest.raises(ConfigError, match="cannot be lower than 3"):
        admin.set_release_threshold(["A"], 2)
    assert store.release_thresholds(["A"]) == {"A": 6}


def test_a_schema_5_file_gains_the_releases_table(tmp_path: Path) -> None:
    """A database of schema 5 is brought up to 6 on open, its rows untouched; then the light
    store (which opens the current schema only) reads thresholds without SQLAlchemy."""
    path = tmp_path / "five.sqlite3"
    url = f"sqlite:///{path}"
    first = open_store(url)
    first.create_workshop("Spring", "SPRING", expect=12)
    first.close()
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TABLE releases")
        raw.execute("UPDATE careerkit_meta SET value = '5' WHERE key = 'schema_version'")
    again = open_store(url, light=True)
    assert isinstance(again, SqlStore), "a light store must not open an older schema"
    assert again.schema_version() == schema.SCHEMA_VERSION == 6
    spring = again.get_workshop("SPRING")
    assert spring is not None and spring.expect == 12
    again.set_release_threshold(["SPRING"], 7)
    again.close()
    light = open_store(url, light=True)
    assert isinstance(light, LiteStore)
    assert light.release_thresholds(["SPRING"]) == {"SPRING": 7}
    assert light._sql is None, "reading a threshold opened the SQL store"
    light.close()
