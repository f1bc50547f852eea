"""The only part of careerkit that talks to a database; widgets get a store object, never SQL."""

from __future__ import annotations

from typing import Protocol

from ..config import database_url
from ..model import Response
from ..plan import Plan
from .memory import MemoryStore


class Store(Protocol):
    """What screens and commands need from a store."""

    url: str

    def describe(self) -> str: ...
    def close(self) -> None: ...
    def schema_version(self) -> int: ...
    def save_response(self, response: Response) -> bool: ...
    def get_response(self, response_id: str) -> Response | None: ...
    def create_plan(self, plan: Plan) -> Plan: ...
    def get_plan(self, code: str) -> Plan | None: ...
    def save_plan(self, plan: Plan) -> Plan: ...
    def plans(self, *, workshop: str | None = None) -> list[Plan]: ...
    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]: ...
    def count_responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> int: ...


def open_store(url: str | None = None) -> Store:
    """The store at `url`: default $CAREERKIT_DATABASE_URL, else the SQLite file in the data folder.

    `memory://` gives an in-memory store.
    """
    url = url or database_url()
    if url == "memory://":
        return MemoryStore()
    from .sql import SqlStore  # SQLAlchemy loads only when a database is used

    return SqlStore(url)


__all__ = ["MemoryStore", "Store", "open_store"]
