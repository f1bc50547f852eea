"""The store's failures reach people in their language: every action and reason has its words."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from careerkit.errors import STORE_ACTIONS, STORE_REASONS, StoreError, VersionConflict, could_not
from careerkit.languages import use_language
from careerkit.store.engine import retrying

STORE = Path(__file__).resolve().parents[2] / "careerkit" / "store"
CALLS = {"retrying", "_read", "_write", "_run", "_stamp"}
KINDS = ("plan", "brainstorm")


def _phrases(node: ast.expr) -> list[str]:
    """The texts a `what` argument can be: a literal, or an f-string over a document's KIND."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(p.value if isinstance(p, ast.Constant) else "{kind}" for p in node.values)
        return [pattern.format(kind=k) for k in KINDS]
    return []


def _store_actions() -> set[str]:
    found: set[str] = set()
    for path in STORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in CALLS and node.args:
                    found.update(_phrases(node.args[-1]))
            if isinstance(node, ast.FunctionDef) and node.name == "_stamp":
                for d in node.args.defaults:
                    found.update(_phrases(d))
    return {f for f in found if f and f[0].islower()}


def test_every_action_the_store_names_has_words() -> None:
    """Each `what` the store hands to retrying, _read, _write or _run is in STORE_ACTIONS."""
    actions = _store_actions()
    assert len(actions) > 20, "the scan found the store's calls"
    assert sorted(actions - set(STORE_ACTIONS)) == []


def test_every_reason_the_store_gives_has_words() -> None:
    """Each sentence plain_reason returns, and each fixed reason given to could_not, is listed."""
    reasons: set[str] = set()
    for path in STORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "plain_reason":
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Constant):
                        reasons.add(ret.value.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "could_not":
                for sub in ast.walk(node.args[-1]):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        reasons.add(sub.value)
    assert len(reasons) >= 5
    assert sorted(reasons - set(STORE_REASONS)) == []


def _read_only(*_args: object) -> None:
    raise OperationalError(
        "INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database")
    )


def test_a_store_failure_reads_in_german() -> None:
    """A read-only database while saving answers: one German sentence with what and why."""
    use_language("de")
    with pytest.raises(StoreError) as caught:
        retrying(_read_only, "save your answers")
    assert str(caught.value) == (
        "Das Speichern Ihrer Antworten ist nicht gelungen: die Datenbank ist schreibgeschützt; "
        "bitten Sie die Moderation, den Datenordner zu prüfen"
    )
    use_language("en")
    with pytest.raises(
        StoreError, match=r"^Could not save your answers: the database is read-only"
    ):
        retrying(_read_only, "save your answers")


def test_a_database_message_no_catalog_knows_stays_as_given() -> None:
    """A reason of the database's own is kept word for word; an empty one stays empty."""
    use_language("de")
    assert could_not("read the plan", "disk I/O error") == (
        "Das Lesen des Plans ist nicht gelungen: disk I/O error"
    )
    assert could_not("read the plan", "").endswith("nicht gelungen: ")


def test_version_conflict_in_german_names_the_document() -> None:
    """Another tab saved first: German, with "Plan" or "Brainstorming" and both versions."""
    use_language("de")
    text = str(VersionConflict("plan", 4, 3))
    assert text.startswith("Dieser Plan wurde in einem anderen Fenster")
    assert "jetzt Version 4, diese Seite hat Version 3" in text
    assert str(VersionConflict("brainstorm", 2, 1)).startswith("Dieses Brainstorming wurde")


def test_a_database_url_of_neither_kind_is_refused_in_german() -> None:
    """A MySQL URL: German words naming the URL and the two kinds careerkit takes."""
    from careerkit.errors import ConfigError
    from careerkit.store.engine import make_engine

    use_language("de")
    with pytest.raises(ConfigError) as caught:
        make_engine("mysql://user@host/db")
    assert str(caught.value) == (
        "careerkit speichert Daten in SQLite oder PostgreSQL; die URL 'mysql://user@host/db' "
        "nennt keines von beiden. Verwenden Sie sqlite:///pfad/zur/datei.sqlite3 oder "
        "postgresql://user@host/db."
    )
