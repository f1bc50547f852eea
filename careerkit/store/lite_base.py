"""What the light stores of survey kernels share: their SQL, their rules, and the SQL store behind.

A survey kernel saves one response and its drafts and looks up its workshop; SQLAlchemy (and on
PostgreSQL psycopg) would add 14-23 MiB to every such kernel. The light stores write the same
rows to the same tables with the same rules as the SQL store (records.py), through the smallest
driver of each database: sqlite3 (lite.py) and pg8000 (lite_pg.py). The statements here and in
lite_drafts.py are one text for both, with `:name` parameters. Anything else a light store is
asked for goes to a SQL store opened on first use. A light store opens only tables already at
this schema version: creating or migrating them stays the SQL store's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StoreError, WorkshopClosed
from ..model import Draft, Edition, Response, Workshop, WorkshopActivity
from . import lite_counts, lite_drafts
from .erasure import Erased
from .expiry import PurgeClock
from .records import (
    SCHEMA_VERSION,
    Db,
    answer_rows,
    edition_row,
    newer_schema,
    response_from,
    response_row,
    workshop_from,
)
from .reports import Rows

if TYPE_CHECKING:
    from ..model import Versioned
    from .sql import SqlStore

D = TypeVar("D", bound="Versioned")
T = TypeVar("T")
_RESPONSE_COLUMNS = (
    "id, survey_id, workshop, participant, submitted_at, advancement, development, "
    "orientation, answers, edition"
)
_INSERT_RESPONSE = (
    "INSERT INTO responses (id, survey_id, workshop, participant, submitted_at, advancement, "
    "development, orientation, answers, edition) VALUES (:id, :survey_id, :workshop, "
    ":participant, :submitted_at, :advancement, :development, :orientation, :answers, :edition) "
    "ON CONFLICT (id) DO NOTHING"
)
_INSERT_ANSWER = (
    "INSERT INTO answers (response_id, question_id, seq, value_num, value_text) "
    "VALUES (:response_id, :question_id, :seq, :value_num, :value_text)"
)
_INSERT_EDITION = (
    "INSERT INTO editions (digest, survey_id, version, definition, first_seen) "
    "VALUES (:digest, :survey_id, :version, :definition, :first_seen) "
    "ON CONFLICT (digest) DO NOTHING"
)
SCHEMA_STAMP = "SELECT value FROM careerkit_meta WHERE key = 'schema_version'"


class SchemaNotReady(Exception):
    """Raised when the database's tables are missing or older than this careerkit.

    The SQL store creates or migrates them; a light store never changes tables.
    """


def check_stamp(url: str, found: int | None) -> None:
    """Accept only tables at this schema version: SchemaNotReady below it, StoreError above."""
    if found is None or found < SCHEMA_VERSION:
        raise SchemaNotReady(f"{url} holds schema {found}, not {SCHEMA_VERSION}")
    if found > SCHEMA_VERSION:
        raise newer_schema(found)


class LightStore:
    """A survey kernel's store; subclasses give `_read`, `_write` and `_stamp` on their driver."""

    url: str

    def __init__(self, url: str) -> None:
        self.url = url
        self._sql: SqlStore | None = None
        self._purge = PurgeClock()

    # -- what each driver supplies -------------------------------------------------------------
    def _read(self, work: Callable[[Db], T], what: str) -> T:
        """Run `work` on the connection; database errors become StoreError("Could not {what}")."""
        raise NotImplementedError

    def _write(self, work: Callable[[Db], T], what: str) -> T:
        """Run `work` in one write transaction, committed when it returns, else rolled back."""
        raise NotImplementedError

    def _stamp(self) -> int | None:
        """The schema version stamped in the database; None when it has no careerkit tables."""
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        return self.url

    def close(self) -> None:
        self._close()
        if self._sql is not None:
            self._sql.close()

    # -- what a survey kernel does, on the light driver ------------------------------------------
    def schema_version(self) -> int:
        found = self._stamp()
        if found is None:
            raise StoreError("Could not read the schema version: the database has none.")
        return found

    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        """Store a response; False if a response with this id was already stored (a retry).

        With `draft_key`, the same transaction deletes that tab's draft and keeps a receipt.
        """
        answers = list(answer_rows(response))

        def work(db: Db) -> bool:
            if lite_drafts.is_closed(db, response.workshop):
                raise WorkshopClosed(str(response.workshop))
            row = response_row(response)
            row["submitted_at"] = db.instant(row["submitted_at"])
            created = db.run(_INSERT_RESPONSE, row) == 1
            if created:
                for answer in answers:
                    db.run(_INSERT_ANSWER, answer)
            if draft_key is not None:
                lite_drafts.finish(db, draft_key, response.id)
            return created

        return self._write(work, "save your answers")

    def save_draft(self, draft: Draft) -> None:
        """Upsert a tab's draft; nothing for a closed workshop or a form already submitted."""
        due = self._purge.due()
        self._write(lambda db: lite_drafts.save(db, draft, purge_first=due), "save your draft")

    def get_draft(self, key: str, survey_id: str, workshop: str | None) -> Draft | None:
        return self._read(
            lambda db: lite_drafts.get(db, key, survey_id, workshop), "read your draft"
        )

    def submitted_response(self, key: str) -> Response | None:
        return self._read(lambda db: lite_drafts.submitted(db, key), "read your answers")

    def count_drafts(self, *, workshop: str | None = None) -> int:
        return self._read(lambda db: lite_drafts.count(db, workshop), "count drafts")

    def get_response(self, response_id: str) -> Response | None:
        found = self._select_responses("WHERE id = :id", {"id": response_id})
        return found[0] if found else None

    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]:
        where, params = _filters(workshop, survey_id)
        return self._select_responses(where, params)

    def count_responses(self, *, workshop: str | None = None, survey_id: str | None = None) -> int:
        where, params = _filters(workshop, survey_id)
        sql = f"SELECT count(*) AS n FROM responses {where}"  # noqa: S608  (fixed column names)
        row = self._read(lambda db: db.one(sql, params), "count responses")
        return 0 if row is None else int(row["n"])

    def orientation_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows:
        return self._read(
            lambda db: lite_counts.orientation_counts(db, workshops, survey_id, upto),
            "count the workshop's answers",
        )

    def get_workshop(self, code: str) -> Workshop | None:
        sql = (
            "SELECT code, name, created_at, closed_at, survey, expect, lang "
            "FROM workshops WHERE code = :code"
        )
        row = self._read(lambda db: db.one(sql, {"code": code}), "read the workshop")
        return None if row is None else workshop_from(row)

    def release_thresholds(self, workshops: list[str]) -> dict[str, int]:
        return self._read(
            lambda db: lite_counts.release_thresholds(db, workshops), "read the release threshold"
        )

    def record_edition(self, edition: Edition) -> bool:
        """Store `edition` unless its digest is already stored (plain SQL: no SQLAlchemy)."""
        row = edition_row(edition)

        def work(db: Db) -> bool:
            row["first_seen"] = db.instant(row["first_seen"])
            return db.run(_INSERT_EDITION, row) == 1

        return self._write(work, "record the survey edition")

    def _select_responses(self, where: str, params: dict[str, Any]) -> list[Response]:
        sql = f"SELECT {_RESPONSE_COLUMNS} FROM responses {where} ORDER BY submitted_at, id"  # noqa: S608
        rows = self._read(lambda db: db.all(sql, params), "read responses")
        return [response_from(row) for row in rows]

    # -- everything else: the SQL store, opened on first use ----------------------------------
    def _full(self) -> SqlStore:
        if self._sql is None:
            from .sql import SqlStore

            self._sql = SqlStore(self.url)
        return self._sql

    def create_workshop(self, name: str, code: str | None = None, **fields: Any) -> Workshop:
        return self._full().create_workshop(name, code, **fields)

    def editions(self, survey_id: str | None = None) -> list[Edition]:
        return self._read(
            lambda db: lite_counts.editions(db, survey_id), "read the survey editions"
        )

    def edition_counts(self, survey_id: str) -> dict[str | None, int]:
        return self._full().edition_counts(survey_id)

    def adopt_edition(self, survey_id: str, digest: str, ids: Sequence[str]) -> int:
        return self._full().adopt_edition(survey_id, digest, ids)

    def workshops(self) -> list[Workshop]:
        return self._full().workshops()

    def set_workshop_closed(self, code: str, closed: bool) -> Workshop:
        return self._full().set_workshop_closed(code, closed)

    def set_release_threshold(self, workshops: list[str], threshold: int) -> None:
        self._full().set_release_threshold(workshops, threshold)

    def workshop_activity(self) -> list[WorkshopActivity]:
        return self._full().workshop_activity()

    def create_doc(self, doc: D) -> D:
        return self._full().create_doc(doc)

    def get_doc(self, model: type[D], code: str) -> D | None:
        return self._full().get_doc(model, code)

    def save_doc(self, doc: D) -> D:
        return self._full().save_doc(doc)

    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]:
        return self._full().docs(model, workshops=workshops)

    def answer_rows(
        self, workshops: list[str], survey_id: str, *, question_ids: list[str] | None = None
    ) -> Rows:
        return self._full().answer_rows(workshops, survey_id, question_ids=question_ids)

    def response_rows(self, workshops: list[str], survey_id: str) -> Rows:
        return self._full().response_rows(workshops, survey_id)

    def answer_counts(
        self,
        workshops: list[str],
        survey_id: str,
        *,
        upto: dict[str, int] | None = None,
        by_edition: bool = False,
    ) -> Rows:
        return self._full().answer_counts(workshops, survey_id, upto=upto, by_edition=by_edition)

    def erase_response(self, response_id: str) -> Erased:
        return self._full().erase_response(response_id)

    def erase_doc(self, model: type[D], code: str) -> Erased:
        return self._full().erase_doc(model, code)


def _filters(workshop: str | None, survey_id: str | None) -> tuple[str, dict[str, Any]]:
    parts, params = [], {}
    if workshop is not None:
        parts.append("workshop = :workshop")
        params["workshop"] = workshop
    if survey_id is not None:
        parts.append("survey_id = :survey_id")
        params["survey_id"] = survey_id
    return ("WHERE " + " AND ".join(parts) if parts else ""), params
