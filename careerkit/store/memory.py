"""An in-memory store with the same behaviour as the SQL store, for fast widget tests."""

from __future__ import annotations

import threading
from typing import TypeVar

from ..errors import StoreError, VersionConflict
from ..model import Response, Versioned

D = TypeVar("D", bound=Versioned)


class MemoryStore:
    """Keeps responses in a dict; one per id, like the database's primary key."""

    url = "memory://"

    def __init__(self) -> None:
        self._responses: dict[str, Response] = {}
        self._docs: dict[tuple[str, str], Versioned] = {}
        self._lock = threading.Lock()

    def describe(self) -> str:
        return "in-memory store (nothing is kept after this process ends)"

    def close(self) -> None:
        """Nothing to release."""

    def schema_version(self) -> int:
        from .schema import SCHEMA_VERSION  # keep sqlalchemy out of import time

        return SCHEMA_VERSION

    def save_response(self, response: Response) -> bool:
        with self._lock:
            if response.id in self._responses:
                return False
            self._responses[response.id] = response
            return True

    def get_response(self, response_id: str) -> Response | None:
        return self._responses.get(response_id)

    def responses(
        self, *, workshop: str | None = None, survey_id: str | None = None
    ) -> list[Response]:
        found = [
            r
            for r in self._responses.values()
            if (workshop is None or r.workshop == workshop)
            and (survey_id is None or r.survey_id == survey_id)
        ]
        return sorted(found, key=lambda r: (r.submitted_at, r.id))

    def count_responses(self, *, workshop: str | None = None, survey_id: str | None = None) -> int:
        return len(self.responses(workshop=workshop, survey_id=survey_id))

    def create_doc(self, doc: D) -> D:
        with self._lock:
            key = (doc.KIND, doc.code)
            if key in self._docs:
                raise StoreError(
                    f"Could not create the {doc.KIND}: its code is already taken; try again."
                )
            first = doc.model_copy(update={"version": 1})
            self._docs[key] = first
            return first

    def get_doc(self, model: type[D], code: str) -> D | None:
        found = self._docs.get((model.KIND, code))
        return found if isinstance(found, model) else None

    def save_doc(self, doc: D) -> D:
        with self._lock:
            current = self._docs.get((doc.KIND, doc.code))
            if current is not None and current.version != doc.version:
                raise VersionConflict(doc.KIND, current.version, doc.version)
            newer = doc.model_copy(update={"version": doc.version + 1})
            self._docs[(doc.KIND, doc.code)] = newer
            return newer

    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]:
        return [
            d
            for (kind, _code), d in self._docs.items()
            if kind == model.KIND
            and isinstance(d, model)
            and (workshops is None or d.workshop in workshops)
        ]
