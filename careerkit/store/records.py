"""Rows of careerkit's tables as plain values and back, and the schema version they belong to.

Free of SQLAlchemy, so the SQL store and the light stores (sqlite3, pg8000) write exactly the
same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from ..errors import StoreError
from ..model import AnswerValue, Draft, Edition, Response, ScoreResult, Workshop

#: Bump when the tables change (schema.py), with a step in SqlStore._ensure_schema that brings
#: an older database up to date.
SCHEMA_VERSION = 6


class Row(Protocol):
    """A fetched row whose columns can be read by name (SQLAlchemy's mappings, sqlite3.Row)."""

    def __getitem__(self, key: str, /) -> Any: ...


class Db(Protocol):
    """A light store's connection inside one transaction: SQL text with `:name` parameters.

    The sqlite3 and pg8000 light stores (lite.py, lite_pg.py) each wrap theirs in one, so the
    statements in lite_sql.py and lite_drafts.py are written once for both databases.
    """

    def one(self, sql: str, params: Mapping[str, Any]) -> Row | None: ...
    def all(self, sql: str, params: Mapping[str, Any]) -> list[Row]: ...
    def run(self, sql: str, params: Mapping[str, Any]) -> int:
        """Execute a statement; how many rows it inserted, changed or deleted."""
        ...

    def instant(self, value: datetime) -> Any:
        """An instant as this database's columns take it (UTC text on SQLite, as is elsewhere)."""
        ...


def newer_schema(found: object) -> StoreError:
    """The error for a database stamped by a later careerkit than this one."""
    return StoreError(
        f"The database was written by a newer careerkit (schema {found}, "
        f"this one knows {SCHEMA_VERSION}). Upgrade careerkit before using it."
    )


def response_row(r: Response) -> dict[str, Any]:
    """The `responses` row of a response (its instant in UTC)."""
    return {
        "id": r.id,
        "survey_id": r.survey_id,
        "workshop": r.workshop,
        "participant": r.participant,
        "submitted_at": r.submitted_at.astimezone(UTC),
        "advancement": r.result.advancement if r.result else None,
        "development": r.result.development if r.result else None,
        "orientation": r.result.orientation if r.result else None,
        "answers": answers_json(r.answers),
        "edition": r.edition,
    }


def answer_rows(r: Response) -> Iterator[dict[str, Any]]:
    """The `answers` rows of a response: one per answer, one per picked option of a tuple."""
    for qid, value in r.answers.items():
        items = value if isinstance(value, tuple) else (value,)
        for seq, item in enumerate(items):
            num = float(item) if isinstance(item, int | float) else None
            yield {
                "response_id": r.id,
                "question_id": qid,
                "seq": seq,
                "value_num": num,
                "value_text": None if num is not None else str(item),
            }


def response_from(row: Row) -> Response:
    """A response from its `responses` row (instants as datetimes or as SQLite's text)."""
    result = None
    if row["orientation"] is not None:
        result = ScoreResult(
            advancement=row["advancement"],
            development=row["development"],
            orientation=row["orientation"],
        )
    return Response(
        id=row["id"],
        survey_id=row["survey_id"],
        workshop=row["workshop"],
        participant=row["participant"],
        answers=answers_from_json(row["answers"]),
        result=result,
        submitted_at=aware(row["submitted_at"]),
        edition=row["edition"],
    )


def answers_json(answers: Mapping[str, AnswerValue]) -> str:
    """Answers as the JSON text of a `responses` or `drafts` row (multi-choice tuples as lists)."""
    return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()})


def answers_from_json(text: str) -> dict[str, AnswerValue]:
    """Answers from their JSON text, multi-choice lists back to tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(text).items()}


def key_hash(key: str) -> str:
    """What the tables keep of a draft's key: its SHA-256 in hex, never the key itself."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def draft_row(d: Draft) -> dict[str, Any]:
    """The `drafts` row of a draft (its instant in UTC), under the hash of its key."""
    return {
        "key_hash": key_hash(d.key),
        "survey_id": d.survey_id,
        "workshop": d.workshop,
        "submission_id": d.submission_id,
        "page": d.page,
        "participant": d.participant,
        "answers": answers_json(d.answers),
        "updated_at": d.updated_at.astimezone(UTC),
        "edition": d.edition,
    }


def draft_from(row: Row, key: str) -> Draft:
    """A draft from its `drafts` row; `key` is the one it was asked for by (the row has its hash)."""
    return Draft(
        key=key,
        survey_id=row["survey_id"],
        workshop=row["workshop"],
        submission_id=row["submission_id"],
        answers=answers_from_json(row["answers"]),
        participant=row["participant"],
        page=row["page"],
        updated_at=aware(row["updated_at"]),
        edition=row["edition"],
    )


def workshop_from(row: Row) -> Workshop:
    """A workshop from its `workshops` row."""
    closed = row["closed_at"]
    return Workshop(
        code=row["code"],
        name=row["name"],
        created_at=aware(row["created_at"]),
        closed_at=None if closed is None else aware(closed),
        survey=row["survey"],
        expect=row["expect"],
        lang=row["lang"],
    )


def workshop_row(w: Workshop) -> dict[str, Any]:
    """The `workshops` row of a workshop (its instants in UTC)."""
    return {
        "code": w.code,
        "name": w.name,
        "created_at": w.created_at.astimezone(UTC),
        "closed_at": None if w.closed_at is None else w.closed_at.astimezone(UTC),
        "survey": w.survey,
        "expect": w.expect,
        "lang": w.lang,
    }


def edition_row(e: Edition) -> dict[str, Any]:
    """The `editions` row of an edition: its definition as canonical JSON text."""
    return {
        "digest": e.digest,
        "survey_id": e.survey_id,
        "version": e.version,
        "definition": json.dumps(
            e.definition, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ),
        "first_seen": e.first_seen.astimezone(UTC),
    }


def edition_from(row: Row) -> Edition:
    """An edition from its `editions` row (the definition is not validated again here)."""
    return Edition(
        digest=row["digest"],
        survey_id=row["survey_id"],
        version=row["version"],
        definition=json.loads(row["definition"]),
        first_seen=aware(row["first_seen"]),
    )


def aware(value: datetime | str) -> datetime:
    """An instant read back from a table: naive values (SQLite's) are UTC."""
    t = datetime.fromisoformat(value) if isinstance(value, str) else value
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


def sqlite_time(value: datetime) -> str:
    """An instant as the SQL store keeps it in SQLite: UTC text with microseconds."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
