"""An in-memory store with the same behaviour as the SQL store, for fast widget tests."""

from __future__ import annotations

import threading

from ..errors import PlanConflict, StoreError
from ..model import Response
from ..plan import Plan


class MemoryStore:
    """Keeps responses in a dict; one per id, like the database's primary key."""

    url = "memory://"

    def __init__(self) -> None:
        self._responses: dict[str, Response] = {}
        self._plans: dict[str, Plan] = {}
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

    def create_plan(self, plan: Plan) -> Plan:
        with self._lock:
            if plan.code in self._plans:
                raise StoreError("Could not create the plan: its code is already taken; try again.")
            first = plan.model_copy(update={"version": 1})
            self._plans[plan.code] = first
            return first

    def get_plan(self, code: str) -> Plan | None:
        return self._plans.get(code)

    def save_plan(self, plan: Plan) -> Plan:
        with self._lock:
            current = self._plans.get(plan.code)
            if current is not None and current.version != plan.version:
                raise PlanConflict(
                    f"this plan was changed in another window or by someone else (now at version "
                    f"{current.version}, this page has version {plan.version}). Reload to see the "
                    "latest version, then make your change again."
                )
            newer = plan.model_copy(update={"version": plan.version + 1})
            self._plans[plan.code] = newer
            return newer

    def plans(self, *, workshop: str | None = None) -> list[Plan]:
        return [p for p in self._plans.values() if workshop is None or p.workshop == workshop]
