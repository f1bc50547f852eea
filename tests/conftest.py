"""Shared fixtures: temporary data folders, a real PostgreSQL database, store URLs for both."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SURVEY_DIR = ROOT / "survey"
PG_ADMIN_URL = os.environ.get(
    "CAREERKIT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data folder and the project's survey folder."""
    monkeypatch.setenv("CAREERKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(SURVEY_DIR))
    monkeypatch.setenv("CAREERKIT_WORKBOOK_DIR", str(ROOT / "workbooks"))
    monkeypatch.delenv("CAREERKIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.delenv("CAREERKIT_RAISE_ERRORS", raising=False)


@pytest.fixture(autouse=True)
def _english_words() -> Iterator[None]:
    """Every test starts with careerkit's words in English, and leaves them so."""
    from careerkit.languages import use_language

    use_language(None)
    yield
    use_language(None)


def _pg_reachable() -> str | None:
    try:
        import psycopg
        from sqlalchemy.engine import make_url
    except ImportError as exc:
        return f"PostgreSQL driver not installed ({exc}); install careerkit[postgres]"
    url = make_url(PG_ADMIN_URL)
    try:
        psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            dbname=url.database,
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        return f"no PostgreSQL server answers at {url.host}:{url.port} ({str(exc).strip()[:120]})"
    return None


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards.

    Skipped with the reason when no server answers, except under CI where it must run.
    """
    reason = _pg_reachable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(PG_ADMIN_URL)
    name = f"careerkit_test_{uuid.uuid4().hex[:10]}"
    kw = {
        "host": admin.host,
        "port": admin.port or 5432,
        "user": admin.username,
        "dbname": admin.database,
    }
    with psycopg.connect(**kw, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**kw, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session's PostgreSQL database, emptied of careerkit's tables."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_database)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for each real backend: a SQLite file, and the PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))
