"""An in-memory store with the same behaviour as the SQL store, for fast widget tests."""

from __future__ import annotations

import secrets
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..errors import CareerkitError, StoreError, VersionConflict, WorkshopClosed
from ..model import Draft, Edition, Response, Versioned, Workshop, WorkshopActivity
from ..privacy import check_threshold
from . import reports
from .activity import Tally, activity
from .erasure import Erased
from .expiry import PurgeClock, cutoff
from .records import SCHEMA_VERSION, key_hash
from .reports import Rows

D = TypeVar("D", bound=Versioned)


class MemoryStore:
    """Keeps responses in a dict; one per id, like the database's primary key."""

    url = "memory://"

    def __init__(self) -> None:
        self._responses: dict[str, Response] = {}
        self._docs: dict[tuple[str, str], Versioned] = {}
        self._doc_times: dict[tuple[str, str], datetime] = {}  # when each was last saved
        self._workshops: dict[str, Workshop] = {}
        # Drafts and receipts under the hash of the tab's key, as the tables keep them.
        self._drafts: dict[str, Draft] = {}
        self._receipts: dict[str, tuple[str, datetime]] = {}  # key hash -> (response id, when)
        self._editions: dict[str, Edition] = {}
        self._releases: dict[str, int] = {}  # workshop code -> release threshold
        self._purge = PurgeClock()
        self._lock = threading.Lock()

    def describe(self) -> str:
        return "in-memory store (nothing is kept after this process ends)"

    def close(self) -> None:
        """Nothing to release."""

    def schema_version(self) -> int:
        return SCHEMA_VERSION

    def save_response(self, response: Response, *, draft_key: str | None = None) -> bool:
        with self._lock:
            known = self._workshops.get(response.workshop or "")
            if known is not None and known.closed:
                raise WorkshopClosed(known.code)
            created = response.id not in self._responses
            if created:
                self._responses[response.id] = response
            if draft_key is not None:
                h = key_hash(draft_key)
                self._drafts.pop(h, None)
                self._receipts.setdefault(h, (response.id, datetime.now(UTC)))
            return created

    # -- drafts and receipts -------------------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        with self._lock:
            if self._purge.due():
                since = cutoff()
                self._drafts = {h: d for h, d in self._drafts.items() if self._live(d, since)}
                self._receipts = {h: r for h, r in self._receipts.items() if r[1] >= since}
            known = self._workshops.get(draft.workshop or "")
            h = key_hash(draft.key)
            if (known is not None and known.closed) or h in self._receipts:
                return
            if draft.submission_id in self._responses:
                return
            self._drafts[h] = draft.model_copy(update={"key": h})

    def get_draft(self, key: str, survey_id: str, workshop: str | None) -> Draft | None:
        found = self._drafts.get(key_hash(key))
        if found is None or (found.survey_id, found.workshop) != (survey_id, workshop):
            return None
        return found.model_copy(update={"key": key}) if self._live(found, cutoff()) else None

    def submitted_response(self, key: str) -> Response | None:
        receipt = self._receipts.get(key_hash(key))
        if receipt is None or receipt[1] < cutoff():
            return None
        return self._responses.get(receipt[0])

    def count_drafts(self, *, workshop: str | None = None) -> int:
        return len(self._live_drafts(workshop))

    def _live(self, draft: Draft, since: datetime) -> bool:
        return draft.updated_at >= since and draft.submission_id not in self._responses

    def _live_drafts(self, workshop: str | None) -> list[Draft]:
        since = cutoff()
        return [
            d
            for d in list(self._drafts.values())
            if self._live(d, since) and (workshop is None or d.workshop == workshop)
        ]

    def workshop_activity(self) -> list[WorkshopActivity]:
        def tally(pairs: list[tuple[str | None, datetime]]) -> dict[str, Tally]:
            out: dict[str, Tally] = {}
            for code, at in pairs:
                if code is not None:
                    n, latest = out.get(code, (0, None))
                    out[code] = (n + 1, at if latest is None or at > latest else latest)
            return out

        with self._lock:
            responses = tally([(r.workshop, r.submitted_at) for r in self._responses.values()])
            drafts = tally([(d.workshop, d.updated_at) for d in self._live_drafts(None)])
            docs: dict[tuple[str, str], Tally] = {}
            for kind in {k for k, _code in self._docs}:
                pairs = [
                    (d.workshop, self._doc_times[k]) for k, d in self._docs.items() if k[0] == kind
                ]
                docs.update({(kind, code): t for code, t in tally(pairs).items()})
            return activity(self._workshops.values(), responses, drafts, docs)

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
        self,
        workshops: list[str],
        survey_id: str,
        *,
        upto: dict[str, int] | None = None,
        by_edition: bool = False,
    ) -> Rows:
        return reports.answer_counts(
            self._responses.values(), workshops, survey_id, upto, by_edition
        )

    def orientation_counts(
        self, workshops: list[str], survey_id: str, *, upto: dict[str, int] | None = None
    ) -> Rows:
        return reports.orientation_counts(self._responses.values(), workshops, survey_id, upto)

    def create_doc(self, doc: D) -> D:
        with self._lock:
            key = (doc.KIND, doc.code)
            if key in self._docs:
                raise StoreError(
                    f"Could not create the {doc.KIND}: its code is already taken; try again."
                )
            first = doc.model_copy(update={"version": 1})
            self._docs[key] = first
            self._doc_times[key] = datetime.now(UTC)
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
            self._doc_times[(doc.KIND, doc.code)] = datetime.now(UTC)
            return newer

    def docs(self, model: type[D], *, workshops: list[str] | None = None) -> list[D]:
        return [
            d
            for (kind, _code), d in self._docs.items()
            if kind == model.KIND
            and isinstance(d, model)
            and (workshops is None or d.workshop in workshops)
        ]

    def create_workshop(self, name: str, code: str | None = None, **fields: Any) -> Workshop:
        with self._lock:
            if code is not None and code in self._workshops:
                raise CareerkitError(f"Workshop code {code} is already taken; choose another.")
            while code is None or code in self._workshops:
                code = "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(6))
            workshop = Workshop(code=code, name=name, created_at=datetime.now(UTC), **fields)
            self._workshops[code] = workshop
            return workshop

    # -- survey editions ---------------------------------------------------------------------
    def record_edition(self, edition: Edition) -> bool:
        with self._lock:
            if edition.digest in self._editions:
                return False
            self._editions[edition.digest] = edition
            return True

    def editions(self, survey_id: str | None = None) -> list[Edition]:
        found = [e for e in self._editions.values() if survey_id in (None, e.survey_id)]
        return sorted(found, key=lambda e: (e.survey_id, e.first_seen, e.digest))

    def edition_counts(self, survey_id: str) -> dict[str | None, int]:
        return dict(Counter(r.edition for r in self.responses(survey_id=survey_id)))

    def adopt_edition(self, survey_id: str, digest: str, ids: Sequence[str]) -> int:
        with self._lock:
            done = 0
            for rid in ids:
                r = self._responses.get(rid)
                if r is not None and r.survey_id == survey_id and r.edition is None:
                    self._responses[rid] = r.model_copy(update={"edition": digest})
                    done += 1
            return done

    def get_workshop(self, code: str) -> Workshop | None:
        return self._workshops.get(code)

    def workshops(self) -> list[Workshop]:
        return sorted(self._workshops.values(), key=lambda w: (w.created_at, w.code))

    def release_thresholds(self, workshops: list[str]) -> dict[str, int]:
        return {w: self._releases[w] for w in workshops if w in self._releases}

    def set_release_threshold(self, workshops: list[str], threshold: int) -> None:
        k = check_threshold(threshold)
        with self._lock:
            self._releases.update(dict.fromkeys(workshops, k))

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
            drafts = [h for h, d in self._drafts.items() if d.submission_id == response_id]
            for h in drafts:
                del self._drafts[h]
            self._receipts = {h: r for h, r in self._receipts.items() if r[0] != response_id}
            found = self._responses.pop(response_id, None)
            if found is None:
                return Erased(drafts=len(drafts))
            answers = sum(len(v) if isinstance(v, tuple) else 1 for v in found.answers.values())
            plans = [
                key
                for key, doc in self._docs.items()
                if key[0] == "plan" and getattr(doc, "survey_code", None) == response_id
            ]
            for key in plans:
                del self._docs[key]
                del self._doc_times[key]
            return Erased(1, answers, {"plan": len(plans)} if plans else {}, drafts=len(drafts))

    def erase_doc(self, model: type[D], code: str) -> Erased:
        with self._lock:
            found = self._docs.pop((model.KIND, code), None)
            self._doc_times.pop((model.KIND, code), None)
            return Erased(docs={model.KIND: 1}) if found is not None else Erased()
