"""The store contract, run against the in-memory twin, a SQLite file and PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from store_kinds import KINDS, open_kind

from careerkit.config import SQLITE_NAME
from careerkit.errors import CareerkitError, ConfigError, StoreError
from careerkit.model import Response, ScoreResult
from careerkit.store import MemoryStore, Store, open_store, schema
from careerkit.store.lite import LiteStore
from careerkit.store.lite_pg import LitePgStore
from careerkit.store.sql import SqlStore

T0 = datetime(2024, 5, 6, 9, 30, 15, 123456, tzinfo=UTC)
CEST = timezone(timedelta(hours=2))


def make_response(
    rid: str,
    *,
    survey_id: str = "career_check",
    workshop: str | None = "spring",
    participant: str | None = None,
    at: datetime = T0,
    result: ScoreResult | None = None,
    answers: dict[str, int | str | tuple[str, ...]] | None = None,
) -> Response:
    return Response(
        id=rid,
        survey_id=survey_id,
        workshop=workshop,
        participant=participant,
        answers=answers if answers is not None else {"q_lead": 4},
        result=result,
        submitted_at=at,
    )


RICH = make_response(
    "rich-0001",
    participant="Ada Lovelace",
    at=datetime(2024, 5, 6, 11, 30, 15, 654321, tzinfo=CEST),
    result=ScoreResult(advancement=62.5, development=37.5, orientation="advancement"),
    answers={
        "q_lead": 4,
        "q_role": "manager",
        "q_skills": ("coaching", "budgeting"),
        "q_note": "5",
    },
)


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind (conftest's `open_kind`), closed after the test; a light
    store must have kept every contract operation on its own driver."""
    s = open_kind(request, tmp_path / "store.sqlite3")
    yield s
    if isinstance(s, LiteStore | LitePgStore):
        assert s._sql is None, "the light store fell back to SQLAlchemy for a contract operation"
    s.close()


def _count(store: SqlStore, table: str, **where: str) -> int:
    t = schema.metadata.tables[table]
    q = select(func.count()).select_from(t).where(*(t.c[k] == v for k, v in where.items()))
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


# -- the contract every store keeps --------------------------------------------------------


def test_save_then_read_back_equal(store: Store) -> None:
    """A saved response reads back equal: answer types, result, instant and participant kept."""
    plain = make_response("plain-0001", participant=None, workshop=None)
    assert store.save_response(RICH) is True
    assert store.save_response(plain) is True

    got = store.get_response(RICH.id)
    assert got == RICH
    assert got is not None
    assert got.submitted_at == RICH.submitted_at
    assert got.submitted_at.tzinfo is not None
    assert type(got.answers["q_lead"]) is int
    assert got.answers["q_skills"] == ("coaching", "budgeting")
    assert got.answers["q_note"] == "5"
    assert got.participant == "Ada Lovelace"
    assert got.result == RICH.result

    got_plain = store.get_response(plain.id)
    assert got_plain == plain
    assert got_plain is not None
    assert got_plain.participant is None
    assert got_plain.workshop is None
    assert got_plain.result is None


def test_same_id_twice_keeps_the_first(store: Store) -> None:
    """Saving an id twice returns True then False, keeps one row, and never overwrites the first."""
    first = make_response("dup-00001", answers={"q_lead": 1}, participant="First")
    second = make_response(
        "dup-00001", answers={"q_lead": 5}, participant="Second", at=T0 + timedelta(1)
    )
    assert store.save_response(first) is True
    assert store.save_response(second) is False
    assert store.count_responses() == 1
    assert store.get_response("dup-00001") == first
    assert [r.id for r in store.responses()] == ["dup-00001"]


def test_responses_filter_and_order(store: Store) -> None:
    """responses() filters by workshop and survey and orders by submission time, then id."""
    saved = [
        make_response("r-late-01", workshop="spring", at=T0 + timedelta(hours=2)),
        make_response("r-tie-b02", workshop="spring", at=T0),
        make_response("r-tie-a03", workshop="spring", at=T0),
        make_response("r-auto-04", workshop="autumn", at=T0 - timedelta(hours=1)),
        make_response(
            "r-othr-05", workshop="spring", survey_id="other", at=T0 + timedelta(hours=1)
        ),
        # Same instant as r-tie-*, written in another zone: ordering is by instant, not wall clock.
        make_response(
            "r-zone-06", workshop="spring", at=T0.astimezone(CEST) + timedelta(minutes=1)
        ),
    ]
    for r in saved:
        assert store.save_response(r)

    def ids(**kw: str) -> list[str]:
        return [r.id for r in store.responses(**kw)]

    assert ids() == ["r-auto-04", "r-tie-a03", "r-tie-b02", "r-zone-06", "r-othr-05", "r-late-01"]
    assert ids(workshop="spring") == [
        "r-tie-a03",
        "r-tie-b02",
        "r-zone-06",
        "r-othr-05",
        "r-late-01",
    ]
    assert ids(survey_id="other") == ["r-othr-05"]
    assert ids(workshop="spring", survey_id="career_check") == [
        "r-tie-a03",
        "r-tie-b02",
        "r-zone-06",
        "r-late-01",
    ]
    assert ids(workshop="winter") == []
    assert store.responses(workshop="autumn") == [saved[3]]


def test_count_responses(store: Store) -> None:
    """count_responses() counts all, per workshop, per survey, per both, and 0 when none match."""
    assert store.count_responses() == 0
    for i, (ws, sid) in enumerate(
        [("a", "s1"), ("a", "s1"), ("a", "s2"), ("b", "s1"), (None, "s2")]
    ):
        assert store.save_response(make_response(f"cnt-{i:05d}", workshop=ws, survey_id=sid))
    assert store.count_responses() == 5
    assert store.count_responses(workshop="a") == 3
    assert store.count_responses(survey_id="s1") == 3
    assert store.count_responses(workshop="a", survey_id="s2") == 1
    assert store.count_responses(workshop="zzz") == 0
    assert store.count_responses(workshop="a") == len(store.responses(workshop="a"))


def test_unknown_id_is_none(store: Store) -> None:
    """get_response of an id never saved is None, before and after other responses exist."""
    assert store.get_response("nope-0000") is None
    store.save_response(make_response("some-0001"))
    assert store.get_response("nope-0000") is None


def test_memory_store_reports_schema_version() -> None:
    """The in-memory twin reports the same schema version as the database schema."""
    assert isinstance(open_store("memory://"), MemoryStore)
    assert open_store("memory://").schema_version() == schema.SCHEMA_VERSION


# -- real databases: schema, settings, long form ---------------------------------------------


def _table_names(url: str) -> set[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_schema_created_on_first_use_and_kept(store_url: str) -> None:
    """The first open creates the tables at SCHEMA_VERSION; reopening the database keeps data."""
    if store_url.startswith("sqlite"):
        assert not Path(store_url.removeprefix("sqlite:///")).exists()
    else:
        assert "responses" not in _table_names(store_url)

    first = open_store(store_url)
    assert first.schema_version() == schema.SCHEMA_VERSION
    assert {"careerkit_meta", "responses", "answers"} <= _table_names(store_url)
    assert first.save_response(RICH)
    first.close()

    again = open_store(store_url)
    assert again.schema_version() == schema.SCHEMA_VERSION
    assert again.count_responses() == 1
    assert again.get_response(RICH.id) == RICH
    again.close()


def test_newer_schema_is_refused(store_url: str) -> None:
    """A database stamped with a newer schema is refused with a StoreError saying to upgrade."""
    s = open_store(store_url)
    assert isinstance(s, SqlStore)
    newer = schema.SCHEMA_VERSION + 1
    with s.engine.begin() as conn:
        conn.execute(
            update(schema.meta)
            .where(schema.meta.c.key == "schema_version")
            .values(value=str(newer))
        )
    s.close()

    with pytest.raises(StoreError, match="Upgrade careerkit") as info:
        open_store(store_url)
    assert f"schema {newer}" in str(info.value)


def test_sqlite_settings_in_force(tmp_path: Path) -> None:
    """SQLite store connections really use WAL, a busy timeout, FULL sync and secure delete."""
    s = open_store(_sqlite_url(tmp_path / "pragmas.sqlite3"))
    assert isinstance(s, SqlStore)
    with s.engine.connect() as conn:

        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        busy = pragma("busy_timeout")
        assert isinstance(busy, int)
        assert busy >= 5000
        assert pragma("synchronous") == 2
        assert pragma("secure_delete") == 1
        assert pragma("foreign_keys") == 1
    s.close()
    # WAL is a property of the file itself: a plain connection sees it too.
    with sqlite3.connect(tmp_path / "pragmas.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_answers_long_form(store_url: str) -> None:
    """The answers table holds a row per answered question and per picked option of a tuple."""
    s = open_store(store_url)
    assert isinstance(s, SqlStore)
    s.save_response(RICH)
    s.save_response(make_response("empty-001", answers={}))
    # A retry of the same id adds no answer rows.
    s.save_response(make_response(RICH.id, answers={"q_lead": 1, "q_extra": 2}))

    a = schema.answers
    with s.engine.connect() as conn:
        rows = conn.execute(
            select(a.c.question_id, a.c.seq, a.c.value_num, a.c.value_text)
            .where(a.c.response_id == RICH.id)
            .order_by(a.c.question_id, a.c.seq)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("q_lead", 0, 4.0, None),
        ("q_note", 0, None, "5"),
        ("q_role", 0, None, "manager"),
        ("q_skills", 0, None, "coaching"),
        ("q_skills", 1, None, "budgeting"),
    ]
    assert _count(s, "answers") == 5
    assert _count(s, "answers", response_id="empty-001") == 0
    s.close()


# -- choosing the database ----------------------------------------------------------------------


def test_default_store_is_sqlite_in_data_dir(tmp_path: Path) -> None:
    """open_store() with no argument creates and uses the SQLite file in CAREERKIT_DATA_DIR."""
    data_dir = Path(os.environ["CAREERKIT_DATA_DIR"])
    assert not data_dir.exists()
    s = open_store()
    assert s.save_response(RICH)
    db = data_dir / SQLITE_NAME
    assert db.is_file()
    assert s.url == _sqlite_url(db)
    s.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT id FROM responses").fetchall() == [(RICH.id,)]


def test_default_store_follows_database_url(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open_store() with no argument uses CAREERKIT_DATABASE_URL when set, not the data folder."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", store_url)
    s = open_store()
    assert s.url == store_url
    assert s.save_response(RICH)
    s.close()
    assert not Path(os.environ["CAREERKIT_DATA_DIR"], SQLITE_NAME).exists()
    again = open_store(store_url)
    assert again.get_response(RICH.id) == RICH
    again.close()


def test_memory_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """CAREERKIT_DATABASE_URL=memory:// gives the in-memory store and writes no file."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "memory://")
    assert isinstance(open_store(), MemoryStore)
    assert not Path(os.environ["CAREERKIT_DATA_DIR"]).exists()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://x/y", "SQLite or PostgreSQL"),
        ("oracle://scott@db/orcl", "SQLite or PostgreSQL"),
        ("not a url", "Cannot read the database URL 'not a url'"),
        ("://nothing", "Cannot read the database URL"),
    ],
)
def test_bad_url_is_a_config_error(url: str, says: str) -> None:
    """A URL that is not SQLite or PostgreSQL raises ConfigError with a message naming the fault."""
    with pytest.raises(ConfigError) as info:
        open_store(url)
    assert says in str(info.value)
    assert not isinstance(info.value.__cause__, SQLAlchemyError)


# -- SQLite files on disk: locations and permissions --------------------------------------------


def test_unwritable_location_is_a_store_error(tmp_path: Path) -> None:
    """A SQLite path under a regular file (not a folder) gives a StoreError naming the folder."""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file, not a folder")
    with pytest.raises(StoreError) as info:
        open_store(_sqlite_url(blocker / "sub" / "careerkit.sqlite3"))
    assert "Cannot create the data folder" in str(info.value)
    assert "CAREERKIT_DATA_DIR" in str(info.value)
    assert blocker.read_text() == "a file, not a folder"


def test_folder_as_database_is_a_store_error(tmp_path: Path) -> None:
    """A SQLite URL naming a folder gives a StoreError and leaves the folder's permissions alone."""
    folder = tmp_path / "a_folder"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with pytest.raises(CareerkitError) as info:
        open_store(_sqlite_url(folder))
    assert isinstance(info.value, StoreError | ConfigError)
    assert "unable to open database file" in str(info.value)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_new_sqlite_file_is_private(tmp_path: Path) -> None:
    """A new SQLite file and its WAL companions are created readable by their owner only."""
    db = tmp_path / "private.sqlite3"
    s = open_store(_sqlite_url(db))
    assert s.save_response(RICH)
    files = [db, *(p for p in (Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists())]
    assert len(files) == 3  # WAL files exist while the store is open
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f
    s.close()


def test_opening_never_loosens_permissions(tmp_path: Path) -> None:
    """Opening a store takes group/other access off its file but never adds write permission."""
    db = tmp_path / "perm.sqlite3"
    open_store(_sqlite_url(db)).close()
    db.chmod(0o644)
    open_store(_sqlite_url(db)).close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    db.chmod(0o400)
    open_store(_sqlite_url(db)).close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o400


def test_read_only_sqlite_file(tmp_path: Path) -> None:
    """A read-only SQLite file can be read, but save_response raises StoreError saying read-only."""
    db = tmp_path / "ro" / "careerkit.sqlite3"
    writer = open_store(_sqlite_url(db))
    assert writer.save_response(RICH)
    writer.close()

    db.chmod(0o400)
    # root ignores file permissions, so as root SQLite is asked to open the file read-only.
    # The folder stays writable: SQLite needs it for the WAL index, even just to read the file.
    as_root = os.geteuid() == 0
    url = f"sqlite:///file:{db}?mode=ro&uri=true" if as_root else _sqlite_url(db)
    reader = open_store(url)
    assert reader.count_responses() == 1
    assert reader.get_response(RICH.id) == RICH
    with pytest.raises(StoreError, match="read-only") as info:
        reader.save_response(make_response("ro-new-001"))
    assert "Could not save your answers" in str(info.value)
    assert reader.count_responses() == 1
    reader.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o400


def test_pg_unreachable_is_a_store_error() -> None:
    """A PostgreSQL URL with no server behind it gives a StoreError saying it cannot be reached."""
    with pytest.raises(StoreError, match="cannot be reached"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_sqlite_store_raw_engine_sees_saved_rows(tmp_path: Path) -> None:
    """Rows saved through the store are committed: a separate plain connection sees them at once."""
    db = tmp_path / "commit.sqlite3"
    s = open_store(_sqlite_url(db))
    s.save_response(RICH)
    engine = create_engine(_sqlite_url(db))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM answers")).scalar_one() == 5
    engine.dispose()
    s.close()
