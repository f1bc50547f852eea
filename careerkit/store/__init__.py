"""The only part of careerkit that talks to a database; widgets get a store object, never SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from ..config import database_url
from ..errors import StoreError
from ..model import Draft, Edition, Response, Versioned, Workshop, WorkshopActivity
from .erasure import Erased
from .memory import MemoryStore
from .reports import Rows

D = TypeVar("D", bound=Versioned)


class Store(Protocol):
    """What screens and commands need from a store."""

    url: str

    def describe(self) -> str: ...
    def close(self) -> None: ...
    def schema_version(self) -> int: ...
    # Idempotent by id. With draft_key, one transaction also deletes that tab's draft and keeps
    # a receipt (key hash -> response id); a refused submit leaves the draft as it was.
    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool: ...
    # Drafts: a survey form's answers in progress, under the SHA-256 of the tab's secret key,
    # kept for CAREERKIT_DRAFT_HOURS; never in responses, counts, dashboard reads or exports.
    # save_draft upserts by key and quietly saves nothing for a closed workshop.
    def save_draft(self, draft: Draft) -> None: ...
    def get_draft(self, key: str, survey_id: str, workshop: str | None) -> Draft | None: ...
    def submitted_response(self, key: str) -> Response | None: ...
    def count_drafts(self, *, workshop: str | None = None) -> int: ...
    def get_response(self, response_id: str) -> Response | None: ...
    # `fields`: a workshop's survey, expect and lang (model.Workshop), where given.
    def create_workshop(self, name: str, code: str | None = None, **fields: Any) -> Workshop: ...
    # Survey editions: each stored once (by digest); True when this call stored it.
    def record_edition(self, edition: Edition) -> bool: ...
    def editions(self, survey_id: str | None = None) -> list[Edition]: ...
    # Responses per edition digest (None: stored before editions, not matched to one yet).
    def edition_counts(self, survey_id: str) -> dict[str | None, int]: ...
    # Match these responses (without an edition) to edition `digest`; how many it matched.
    def adopt_edition(self, survey_id: str, digest: str, ids: Sequence[str]) -> int: ...
    def get_workshop(self, code: str) -> Workshop | None: ...
    def workshops(self) -> list[Workshop]: ...
    def set_workshop_closed(self, code: str, closed: bool) -> Workshop: ...
    # Release thresholds (careerkit.privacy): per workshop code, as the facilitator set them;
    # light enough for survey kernels. Setting one refuses a threshold privacy does not allow.
    def release_thresholds(self, workshops: list[str]) -> dict[str, int]: ...
    def set_release_threshold(self, workshops: list[str], threshold: int) -> None: ...
    # Every code with a workshop row, responses, live drafts, plans or brainstorms; most
    # recently active first.
    def workshop_activity(self) -> list[WorkshopActivity]: ...
    def create_doc(self, doc: D) -> D: ...
    def get_doc(self, model: type[D], code: str) -> D | None: ...
    def save_doc(self, doc: D) -> D: ...
    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]: ...
    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]: ...
    def count_responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> int: ...
    # Dashboard reads (see store/reports.py for the columns); rows come in no set order.
    def answer_rows(
        self, workshops: list[str], survey_id: str, *, question_ids: list[str] | None = None
    ) -> Rows: ...
    def response_rows(self, workshops: list[str], survey_id: str) -> Rows: ...
    # by_edition: also by the edition answered (EDITION_COUNT_COLUMNS), for surveys whose
    # editions differ; without it the counts pool editions, as the common case needs.
    def answer_counts(
        self,
        workshops: list[str],
        survey_id: str,
        *,
        upto: dict[str, int] | None = None,
        by_edition: bool = False,
    ) -> Rows: ...
    # Light enough for survey kernels: the light stores count in their own SQL.
    def orientation_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows: ...
    # Erasure on request (store/erasure.py): the rows go, and no old copy stays in the files.
    def erase_response(self, response_id: str) -> Erased: ...
    def erase_doc(self, model: type[D], code: str) -> Erased: ...


def open_store(url: str | None = None, *, light: bool = False) -> Store:
    """The store at `url`: default $CAREERKIT_DATABASE_URL, else the SQLite file in the data folder.

    `memory://` gives an in-memory store. `light=True` is for participants' survey kernels: on a
    SQLite file or a plain postgresql://host/db URL whose tables are ready it gives a store on
    sqlite3 or pg8000, which saves and reads responses, drafts and workshops without loading
    SQLAlchemy or psycopg (see store/lite_base.py). Anything else opens the SQL store, which
    creates or migrates the tables, or reads a URL the light drivers do not (libpq's options).
    """
    url = url or database_url()
    if url == "memory://":
        return MemoryStore()
    if light:
        found = _light_store(url)
        if found is not None:
            return found
    from .sql import SqlStore  # SQLAlchemy loads only when a database is used

    return SqlStore(url)


def _light_store(url: str) -> Store | None:
    """The light store for `url`, or None where the SQL store must open it."""
    from .lite import LiteStore, SchemaNotReady, sqlite_file

    if sqlite_file(url) is not None:
        try:
            return LiteStore(url)
        except SchemaNotReady:
            return None  # a new or older file: the SQL store creates or migrates its tables
    if url.startswith(("postgresql", "postgres:")):
        try:
            from .lite_pg import LitePgStore, pg_params
        except ImportError:
            return None  # careerkit[postgres] without pg8000: the SQL store still works
        if pg_params(url) is not None:
            try:
                return LitePgStore(url)
            except (SchemaNotReady, StoreError):
                # Tables missing, older or newer, a server down, or a login only libpq knows
                # (~/.pgpass, a service file): the SQL store migrates, says which, or connects.
                return None
    return None


__all__ = ["MemoryStore", "Store", "open_store"]
