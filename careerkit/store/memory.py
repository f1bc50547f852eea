"""An in-memory store with the same behaviour as the SQL store, for fast widget tests."""

from __future__ import annotations

import secrets
import threading
from datetime import UTC, datetime
from typing import TypeVar

from ..errors import CareerkitError, StoreError, VersionConflict, WorkshopClosed
from ..model import Response, Versioned, Workshop
from . import reports
from .erasure import Erased
from .records import SCHEMA_VERSION
from .reports import Rows

D = TypeVar("D", bound=Versioned)


class MemoryStore:
    """Keeps responses in a dict; one per id, like the database's primary key."""

    url = "memory://"

    def __init__(self) -> None:
        self._responses: dict[str, Response] = {}
        self._docs: dict[tuple[str, str], Versioned] = {}
        self._workshops: dict[str, Workshop] = {}
        self._lock = threading.Lock()

    def describe(self) -> str:
        return "in-memory store (nothing is kept after this process ends)"

    def close(self) -> None:
        """Nothing to release."""

    def schema_version(self) -> int:
        return SCHEMA_VERSION

    def save_response(self, response: Response) -> bool:
        with self._lock:
            known = self._workshops.get(response.workshop or "")
            if known is not None and known.closed:
                raise WorkshopClosed(known.code)
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

    def answer_rows(
        self, workshops: list[str], survey_id: str, *, question_ids: list[str] | None = None
    ) -> Rows:
        return reports.answer_rows(self._responses.values(), workshops, survey_id, question_ids)

    def response_rows(self, workshops: list[str], survey_id: str) -> Rows:
        return reports.response_rows(self._responses.values(), workshops, survey_id)

    def answer_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows:
        return reports.answer_counts(self._responses.values(), workshops, survey_id, upto)

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

    def create_workshop(self, name: str, code: str | None = None) -> Workshop:
        with self._lock:
            if code is not None and code in self._workshops:
                raise CareerkitError(f"Workshop code {code} is already taken; choose another.")
            while code is None or code in self._workshops:
                code = "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(6))
            workshop = Workshop(code=code, name=name, created_at=datetime.now(UTC))
            self._workshops[code] = workshop
            return workshop

    def get_workshop(self, code: str) -> Workshop | None:
        return self._workshops.get(code)

    def workshops(self) -> list[Workshop]:
        return sorted(self._workshops.values(), key=lambda w: (w.created_at, w.code))

    def set_workshop_closed(self, code: str, closed: bool) -> Workshop:
        with self._lock:
            if code not in self._workshops:
                raise CareerkitError(
                    f"No workshop with code {code}; `careerkit workshop list` shows them."
                )
            updated = self._workshops[code].model_copy(
                update={"closed_at": datetime.now(UTC) if closed else None}
            )
            self._workshops[code] = updated
            return updated

    def erase_response(self, response_id: str) -> Erased:
        """Forget a response, its answers and the plans that took its result (see erasure.py)."""
        with self._lock:
            found = self._responses.pop(response_id, None)
            if found is None:
                return Erased()
            answers = sum(len(v) if isinstance(v, tuple) else 1 for v in found.answers.values())
            plans = [
                key
                for key, doc in self._docs.items()
                if key[0] == "plan" and getattr(doc, "survey_code", None) == response_id
            ]
            for key in plans:
                del self._docs[key]
            return Erased(1, answers, {"plan": len(plans)} if plans else {})

    def erase_doc(self, model: type[D], code: str) -> Erased:
        with self._lock:
            found = self._docs.pop((model.KIND, code), None)
            return Erased(docs={model.KIND: 1}) if found is not None else Erased()
