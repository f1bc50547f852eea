"""The light pg8000 store of survey kernels: same tables, rows and rules as the SQL store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text, update
from test_store import RICH, make_response

from careerkit.errors import StoreError, WorkshopClosed
from careerkit.store import open_store, schema
from careerkit.store.lite_pg import LitePgStore, pg_params
from careerkit.store.sql import SqlStore

pytestmark = pytest.mark.postgres


def _ready(pg_url: str) -> str:
    open_store(pg_url).close()  # the SQL store creates the tables
    return pg_url


def _rows(sql: SqlStore, query: str) -> list[tuple[Any, ...]]:
    with sql.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query))]


def _stamp(sql: SqlStore, version: int) -> None:
    with sql.engine.begin() as conn:
        conn.execute(
            update(schema.meta)
            .where(schema.meta.c.key == "schema_version")
            .values(value=str(version))
        )


def test_only_ready_tables_open_light(pg_url: str) -> None:
    """Missing or older tables go to the SQL store, newer ones are refused, current ones open light."""
    first = open_store(pg_url, light=True)
    assert isinstance(first, SqlStore), "new tables are the SQL store's to create"
    _stamp(first, schema.SCHEMA_VERSION - 1)
    assert isinstance(open_store(pg_url, light=True), SqlStore)  # and it migrates them
    light = open_store(pg_url, light=True)
    assert isinstance(light, LitePgStore)
    assert light.schema_version() == schema.SCHEMA_VERSION
    assert "***" not in light.describe() and light.describe().startswith("postgresql://")
    light.close()

    _stamp(first, schema.SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="Upgrade careerkit") as info:
        LitePgStore(pg_url)
    with pytest.raises(StoreError, match="Upgrade careerkit"):
        open_store(pg_url, light=True)  # the SQL store says the same
    assert f"schema {schema.SCHEMA_VERSION + 1}" in str(info.value)
    first.close()


def test_rows_are_the_sql_stores_rows(pg_url: str) -> None:
    """Both stores write identical rows on PostgreSQL, and each reads back what the other saved."""
    sql = open_store(_ready(pg_url))
    assert isinstance(sql, SqlStore)
    light = open_store(pg_url, light=True)
    assert isinstance(light, LitePgStore)
    plain = make_response("plain-0001", workshop=None, answers={})
    tables = ("SELECT * FROM responses ORDER BY id", "SELECT * FROM answers ORDER BY 1, 2, 3")
    written = []
    for s in (sql, light):
        assert s.save_response(RICH) is True
        assert s.save_response(plain) is True
        assert s.save_response(RICH) is False, "a second submit of one id is the same row"
        written.append([_rows(sql, q) for q in tables])
        for reader in (sql, light):
            assert reader.get_response(RICH.id) == RICH
            assert reader.responses() == [plain, RICH]
            assert reader.count_responses(workshop=RICH.workshop) == 1
        with sql.engine.begin() as conn:
            conn.execute(text("DELETE FROM answers"))
            conn.execute(text("DELETE FROM responses"))
    assert written[0] == written[1]
    assert len(written[0][1]) == sum(
        len(v) if isinstance(v, tuple) else 1 for v in RICH.answers.values()
    )
    assert light._sql is None, "saving and reading stayed on pg8000"
    light.close()
    sql.close()


def test_closed_workshop_is_refused_and_nothing_stored(pg_url: str) -> None:
    """Answers for a closed workshop raise WorkshopClosed, leave no row and no open transaction."""
    admin = open_store(_ready(pg_url))
    admin.create_workshop("Spring", "SPRING")
    admin.set_workshop_closed("SPRING", True)
    light = open_store(pg_url, light=True)
    late = make_response("late-0001", workshop="SPRING")
    with pytest.raises(WorkshopClosed) as by_sql:
        admin.save_response(late)
    with pytest.raises(WorkshopClosed) as by_light:
        light.save_response(late)
    assert str(by_light.value) == str(by_sql.value)
    assert light.count_responses() == 0
    assert light.get_workshop("SPRING") == admin.get_workshop("SPRING")

    admin.set_workshop_closed("SPRING", False)
    assert light.save_response(late) is True, "the refused submit left no transaction behind"
    assert admin.get_response(late.id) == late
    light.close()
    admin.close()


def test_a_dropped_connection_is_opened_again(pg_url: str) -> None:
    """When the server ends the kernel's connection (a restart, an idle timeout), the next save works."""
    admin = open_store(_ready(pg_url))
    assert isinstance(admin, SqlStore)
    light = open_store(pg_url, light=True)
    assert light.count_responses() == 0
    with admin.engine.begin() as conn:
        ended = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'careerkit survey' AND datname = current_database()"
            )
        ).all()
    assert ended == [(True,)]
    assert light.save_response(RICH) is True
    assert admin.get_response(RICH.id) == RICH
    light.close()
    admin.close()


def test_an_unreachable_server_is_said_as_the_sql_store_says_it(pg_url: str) -> None:
    """No server at the address: the same sentence as the SQL store, without a traceback."""
    params = pg_params(pg_url)
    assert params is not None
    down = f"postgresql://{params['user']}@127.0.0.1:1/{params['database']}"
    with pytest.raises(StoreError) as light:
        LitePgStore(down)
    with pytest.raises(StoreError) as sql:
        SqlStore(down)
    assert str(light.value) == str(sql.value)
    assert "cannot be reached" in str(light.value)


@pytest.mark.parametrize(
    ("url", "light"),
    [
        ("postgresql://ada:p%40ss@db.example:6543/career", True),
        ("postgresql+psycopg://ada@db.example/career", True),
        ("postgresql://ada@db.example/career?sslmode=require", True),
        ("postgresql://ada@db.example/career?sslmode=verify-full&sslrootcert=system", True),
        ("postgresql://ada@db.example/career?sslmode=verify-full", False),  # no root cert
        ("postgresql://ada@db.example/career?sslmode=allow", False),
        ("postgresql://ada@db.example/career?sslcert=me.crt", False),
        ("postgresql://ada@db.example/career?host=/var/run/postgresql", False),
        ("postgresql:///career", False),
        ("postgresql://ada@db.example/", False),
        ("mysql://ada@db.example/career", False),
    ],
)
def test_only_plain_urls_open_light(url: str, light: bool) -> None:
    """Host, port, user, password, database and sslmode are read; other libpq options go to SQL."""
    params = pg_params(url)
    assert (params is not None) is light
    if url.startswith("postgresql://ada:"):
        assert params is not None
        assert (params["user"], params["password"], params["host"], params["port"]) == (
            "ada",
            "p@ss",
            "db.example",
            6543,
        )
        assert params["database"] == "career"


def test_a_survey_process_saves_without_sqlalchemy_or_psycopg(pg_url: str, tmp_path: Path) -> None:
    """A fresh process saves and reads a response on ready tables without SQLAlchemy or psycopg."""
    url = _ready(pg_url)
    code = (
        "import sys\n"
        "from careerkit.store import open_store\n"
        "from careerkit.model import Response\n"
        f"RICH = Response.model_validate_json({RICH.model_dump_json()!r})\n"
        f"s = open_store({url!r}, light=True)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'psycopg'})\n"
        "print(type(s).__name__, s.save_response(RICH), s.get_response(RICH.id) == RICH, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["LitePgStore", "True", "True", "[]"]
    sql = open_store(url)
    assert sql.get_response(RICH.id) == RICH
    sql.close()


def test_tls_follows_sslmode_as_libpq_does(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """prefer (the default) and disable connect to a server without TLS; require refuses it."""
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.postgresql/root.crt
    monkeypatch.delenv("PGSSLMODE", raising=False)
    url = _ready(pg_url).replace("postgresql+psycopg://", "postgresql://")
    sql = open_store(url)
    assert isinstance(sql, SqlStore)
    on_tls = _rows(sql, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    sql.close()
    assert on_tls == [(False,)], "this check needs a server without TLS"
    for mode in ("prefer", "disable"):
        params = pg_params(f"{url}?sslmode={mode}")
        assert (
            params is not None and params["ssl_context"] is {"prefer": None, "disable": False}[mode]
        )
        light = open_store(f"{url}?sslmode={mode}", light=True)
        assert isinstance(light, LitePgStore)
        assert light.schema_version() == schema.SCHEMA_VERSION
        light.close()
    with pytest.raises(StoreError) as light_says:
        LitePgStore(f"{url}?sslmode=require")
    with pytest.raises(StoreError) as sql_says:
        SqlStore(f"{url}?sslmode=require")
    assert str(light_says.value) == str(sql_says.value)
    assert "does not support SSL, but the URL's sslmode requires it" in str(light_says.value)


@pytest.mark.parametrize("code", ["serialization_failure", "deadlock_detected"])
def test_serialization_failures_are_rolled_back_and_retried(pg_url: str, code: str) -> None:
    """A write the server aborts as a serialization failure or deadlock runs again, from scratch."""
    sql = open_store(_ready(pg_url))
    assert isinstance(sql, SqlStore)
    light = open_store(pg_url, light=True)
    assert isinstance(light, LitePgStore)
    tries: list[int] = []

    def work(db: Any) -> str:
        tries.append(1)
        db.run("INSERT INTO careerkit_meta (key, value) VALUES ('probe', :n)", {"n": len(tries)})
        if len(tries) == 1:
            db.run(f"DO $$ BEGIN RAISE EXCEPTION 'collided' USING ERRCODE = '{code}'; END $$", {})
        return "done"

    assert light._write(work, "save your answers") == "done"
    assert len(tries) == 2
    assert _rows(sql, "SELECT value FROM careerkit_meta WHERE key = 'probe'") == [("2",)]
    light.close()
    sql.close()
