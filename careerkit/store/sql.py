"""The SQL store: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Draft, Edition, Response, Workshop, WorkshopActivity
from ..privacy import check_threshold
from . import (
    activity_sql,
    docs_sql,
    drafts_sql,
    editions_sql,
    erase_sql,
    reports_sql,
    schema,
    workshops_sql,
)
from .docs_sql import D
from .engine import make_engine, retrying, write_tx
from .erasure import Erased
from .expiry import PurgeClock
from .records import answer_rows, newer_schema, response_from, response_row
from .reports import Rows

_LOCK_KEY = zlib.crc32(b"careerkit-schema")


class SqlStore:
    """Keeps responses in a relational database; safe for many kernels writing at once."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self._purge = PurgeClock()
        try:
            retrying(self._ensure_schema, "prepare the database")
        except BaseException:
            self.engine.dispose()  # leave no pooled connections behind a store that never opened
            raise

    def describe(self) -> str:
        """The database in words, without a password."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ---------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        with write_tx(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            schema.metadata.create_all(conn, checkfirst=True)
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar()
            if found is None:
                conn.execute(
                    insert(schema.meta).values(
                        key="schema_version", value=str(schema.SCHEMA_VERSION)
                    )
                )
            elif int(found) > schema.SCHEMA_VERSION:
                raise newer_schema(found)
            elif int(found) < schema.SCHEMA_VERSION:
                # Versions 2 to 4 only added tables (2: documents, 3: workshops, 4: drafts and
                # receipts), which create_all above has made. Version 5 added `editions` (made
                # above too) and nullable columns to existing tables, added here: old rows keep
                # every value, their new columns start NULL (responses: no edition yet, see
                # careerkit.definitions.editions for how they are matched to one). Version 6
                # added `releases` only (made above).
                _add_columns(conn, schema.ADDED_IN_5)
                conn.execute(
                    update(schema.meta)
                    .where(schema.meta.c.key == "schema_version")
                    .values(value=str(schema.SCHEMA_VERSION))
                )

    def schema_version(self) -> int:
        def action() -> int:
            with self.engine.connect() as conn:
                value = conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
                ).scalar_one()
            return int(value)

        return retrying(action, "read the schema version")

    # -- responses ------------------------------------------------------------------------
    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        """Store a response; False if a response with this id was already stored (a retry).

        With `draft_key`, the same transaction deletes that tab's draft and keeps a receipt
        (see submitted_response); a refused submit (a closed workshop) leaves the draft.
        """

        def action() -> bool:
            with write_tx(self.engine) as conn:
                workshops_sql.ensure_open(conn, response.workshop)
                created = self._insert_ignoring_duplicate(conn, response_row(response))
                if created:
                    rows = list(answer_rows(response))
                    if rows:
                        conn.execute(insert(schema.answers), rows)
                if draft_key is not None:
                    drafts_sql.finish(conn, draft_key, response.id)
                return created

        return retrying(action, "save your answers")

    def _insert_ignoring_duplicate(self, conn: Connection, row: dict[str, Any]) -> bool:
        dialect = conn.dialect.name
        builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = (
            builder(schema.responses)
            .values(row)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(schema.responses.c.id)
        )
        # RETURNING tells whether this call inserted the row (rowcount varies by driver).
        return conn.execute(stmt).first() is not None

    # -- drafts and receipts (drafts_sql.py) -----------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        """Upsert a tab's draft; nothing for a closed workshop or a form already submitted."""
        retrying(lambda: drafts_sql.save(self.engine, draft, self._purge), "save your draft")

    def get_draft(self, key: str, survey_id: str, workshop: str | None) -> Draft | None:
        return retrying(
            lambda: drafts_sql.get(self.engine, key, survey_id, workshop), "read your draft"
        )

    def submitted_response(self, key: str) -> Response | None:
        return retrying(lambda: drafts_sql.submitted(self.engine, key), "read your answers")

    def count_drafts(self, *, workshop: str | None = None) -> int:
        return retrying(lambda: drafts_sql.count(self.engine, workshop), "count drafts")

    def workshop_activity(self) -> list[WorkshopActivity]:
        return retrying(
            lambda: activity_sql.workshop_activity(self.engine), "read workshop activity"
        )

    # -- versioned documents (plans, brainstorms) ------------------------------------------
    def create_doc(self, doc: D) -> D:
        return retrying(lambda: docs_sql.create(self.engine, doc), f"create the {doc.KIND}")

    def get_doc(self, model: type[D], code: str) -> D | None:
        return retrying(lambda: docs_sql.get(self.engine, model, code), f"read the {model.KIND}")

    def save_doc(self, doc: D) -> D:
        return retrying(lambda: docs_sql.save(self.engine, doc), f"save the {doc.KIND}")

    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]:
        return retrying(
            lambda: docs_sql.list_docs(self.engine, model, workshops), f"read {model.KIND}s"
        )

    # -- workshops --------------------------------------------------------------------------
    def create_workshop(self, name: str, code: str | None = None, **fields: Any) -> Workshop:
        return retrying(
            lambda: workshops_sql.create(self.engine, name, code, **fields),
            "create the workshop",
        )

    # -- survey editions (editions_sql.py) ---------------------------------------------------
    def record_edition(self, edition: Edition) -> bool:
        return retrying(
            lambda: editions_sql.record(self.engine, edition), "record the survey edition"
        )

    def editions(self, survey_id: str | None = None) -> list[Edition]:
        return retrying(
            lambda: editions_sql.editions(self.engine, survey_id), "read survey editions"
        )

    def edition_counts(self, survey_id: str) -> dict[str | None, int]:
        return retrying(
            lambda: editions_sql.counts(self.engine, survey_id), "count responses per edition"
        )

    def adopt_edition(self, survey_id: str, digest: str, ids: Sequence[str]) -> int:
        return retrying(
            lambda: editions_sql.adopt(self.engine, survey_id, digest, ids),
            "match responses to their edition",
        )

    def get_workshop(self, code: str) -> Workshop | None:
        return retrying(lambda: workshops_sql.get(self.engine, code), "read the workshop")

    def workshops(self) -> list[Workshop]:
        return retrying(lambda: workshops_sql.list_all(self.engine), "read workshops")

    def release_thresholds(self, workshops: list[str]) -> dict[str, int]:
        return retrying(
            lambda: workshops_sql.thresholds(self.engine, workshops), "read the release thresholds"
        )

    def set_release_threshold(self, workshops: list[str], threshold: int) -> None:
        k = check_threshold(threshold)
        retrying(
            lambda: workshops_sql.set_threshold(self.engine, workshops, k),
            "store the release threshold",
        )

    def set_workshop_closed(self, code: str, closed: bool) -> Workshop:
        return retrying(
            lambda: workshops_sql.set_closed(self.engine, code, closed), "update the workshop"
        )

    def get_response(self, response_id: str) -> Response | None:
        rows = self._select_responses(schema.responses.c.id == response_id)
        return rows[0] if rows else None

    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]:
        return self._select_responses(*_filters(workshop, survey_id))

    def count_responses(self, *, workshop: str | None = None, survey_id: str | None = None) -> int:
        def action() -> int:
            with self.engine.connect() as conn:
                q = select(func.count()).select_from(schema.responses)
                return int(conn.execute(q.where(*_filters(workshop, survey_id))).scalar_one())

        return retrying(action, "count responses")

    # -- dashboard reads (reports_sql.py) ----------------------------------------------------
    def answer_rows(
        self, workshops: list[str], survey_id: str, *, question_ids: list[str] | None = None
    ) -> Rows:
        return retrying(
            lambda: reports_sql.answer_rows(self.engine, workshops, survey_id, question_ids),
            "read answers",
        )

    def response_rows(self, workshops: list[str], survey_id: str) -> Rows:
        return retrying(
            lambda: reports_sql.response_rows(self.engine, workshops, survey_id), "read responses"
        )

    def answer_counts(
        self,
        workshops: list[str],
        survey_id: str,
        *,
        upto: dict[str, int] | None = None,
        by_edition: bool = False,
    ) -> Rows:
        return retrying(
            lambda: reports_sql.answer_counts(self.engine, workshops, survey_id, upto, by_edition),
            "count answers",
        )

    def orientation_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows:
        return retrying(
            lambda: reports_sql.orientation_counts(self.engine, workshops, survey_id, upto),
            "count orientations",
        )

    # -- erasure on request (erase_sql.py) -------------------------------------------------
    def erase_response(self, response_id: str) -> Erased:
        return erase_sql.erase_response(self.engine, response_id)

    def erase_doc(self, model: type[D], code: str) -> Erased:
        return erase_sql.erase_doc(self.engine, model, code)

    def _select_responses(self, *where: Any) -> list[Response]:
        def action() -> list[Response]:
            t = schema.responses
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(t).where(*where).order_by(t.c.submitted_at, t.c.id)
                ).mappings()
                return [response_from(row) for row in rows]

        return retrying(action, "read responses")


def _filters(workshop: str | None, survey_id: str | None) -> list[Any]:
    t = schema.responses
    out = []
    if workshop is not None:
        out.append(t.c.workshop == workshop)
    if survey_id is not None:
        out.append(t.c.survey_id == survey_id)
    return out


def _add_columns(conn: Connection, added: tuple[tuple[str, str, str], ...]) -> None:
    """ALTER TABLE ... ADD COLUMN for each nullable column a table does not have yet."""
    found = inspect(conn)
    have = {table: {c["name"] for c in found.get_columns(table)} for table, _c, _t in added}
    for table, column, sql_type in added:
        if column not in have[table]:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
