"""The drafts contract: every store keeps answers in progress, turns them into a response once,
and never lets them count as answers; on memory, a SQLite file (SQL and light) and PostgreSQL."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest
from test_store import make_response

from careerkit.errors import WorkshopClosed
from careerkit.model import Draft
from careerkit.store import Store

SURVEY = "career_check"


def new_key() -> str:
    return secrets.token_hex(16)


def make_draft(
    key: str,
    *,
    submission_id: str = "sub-00000001",
    workshop: str | None = "spring",
    survey_id: str = SURVEY,
    answers: dict[str, int | str | tuple[str, ...]] | None = None,
    page: int = 1,
    participant: str | None = None,
    updated_at: datetime | None = None,
) -> Draft:
    return Draft(
        key=key,
        survey_id=survey_id,
        workshop=workshop,
        submission_id=submission_id,
        answers=answers if answers is not None else {"q_lead": 3, "q_skills": ("coaching",)},
        participant=participant,
        page=page,
        updated_at=updated_at or datetime.now(UTC),
    )


def test_save_then_get_back_equal(store: Store) -> None:
    """A saved draft comes back equal for its key, survey and workshop: answers, page, name, time."""
    key = new_key()
    draft = make_draft(key, participant="Ada", answers={"q_lead": 4, "q_skills": ("a", "b")})
    store.save_draft(draft)
    got = store.get_draft(key, SURVEY, "spring")
    assert got == draft
    assert got is not None and got.answers["q_skills"] == ("a", "b")
    assert got.updated_at.tzinfo is not None
    plain = make_draft(k2 := new_key(), workshop=None, answers={}, page=0)
    store.save_draft(plain)
    assert store.get_draft(k2, SURVEY, None) == plain


def test_saving_again_updates_the_one_draft(store: Store) -> None:
    """A second save under the same key replaces the first: one draft, the latest answers."""
    key = new_key()
    store.save_draft(make_draft(key, answers={"q_lead": 2}, page=0))
    later = make_draft(key, answers={"q_lead": 5, "q_note": "more"}, page=2, participant="Bo")
    store.save_draft(later)
    assert store.get_draft(key, SURVEY, "spring") == later
    assert store.count_drafts() == 1


def test_wrong_key_survey_or_workshop_gets_none(store: Store) -> None:
    """Only the tab's own key, for the same survey and workshop, gets the draft back."""
    key = new_key()
    store.save_draft(make_draft(key))
    assert store.get_draft(new_key(), SURVEY, "spring") is None
    assert store.get_draft(key.upper(), SURVEY, "spring") is None
    assert store.get_draft(key, "other_survey", "spring") is None
    assert store.get_draft(key, SURVEY, "autumn") is None
    assert store.get_draft(key, SURVEY, None) is None
    assert store.get_draft(key, SURVEY, "spring") is not None


def test_expired_drafts_are_neither_returned_nor_counted(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft older than CAREERKIT_DRAFT_HOURS (default 24) is gone for get and count."""
    key = new_key()
    old = datetime.now(UTC) - timedelta(hours=25)
    store.save_draft(make_draft(key, updated_at=old))
    store.save_draft(make_draft(new_key(), submission_id="sub-00000002"))
    assert store.get_draft(key, SURVEY, "spring") is None
    assert store.count_drafts() == 1
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", "48")
    assert store.get_draft(key, SURVEY, "spring") is not None  # the setting decides
    assert store.count_drafts() == 2


def test_submit_with_the_draft_key(store: Store) -> None:
    """Submit stores the response, deletes the tab's draft and leaves a receipt of the response."""
    key = new_key()
    store.save_draft(make_draft(key, submission_id="sub-00000001"))
    response = make_response("sub-00000001")
    assert store.save_response(response, draft_key=key) is True
    assert store.get_draft(key, SURVEY, "spring") is None
    assert store.count_drafts() == 0
    assert store.submitted_response(key) == response
    assert store.submitted_response(new_key()) is None


def test_retry_of_a_submit_stays_one_response(store: Store) -> None:
    """The same submit twice (a double click, a retry) is one response and one receipt."""
    key = new_key()
    store.save_draft(make_draft(key, submission_id="sub-00000001"))
    response = make_response("sub-00000001")
    assert store.save_response(response, draft_key=key) is True
    assert store.save_response(response, draft_key=key) is False
    assert store.count_responses() == 1
    assert store.submitted_response(key) == response


def test_a_refused_submit_keeps_the_draft(store: Store, admin: Store) -> None:
    """A submit to a closed workshop raises and changes nothing: the draft stays, no receipt."""
    admin.create_workshop("Spring", "SPRING")
    key = new_key()
    draft = make_draft(key, workshop="SPRING")
    store.save_draft(draft)
    admin.set_workshop_closed("SPRING", True)
    with pytest.raises(WorkshopClosed):
        store.save_response(make_response("sub-00000001", workshop="SPRING"), draft_key=key)
    assert store.get_draft(key, SURVEY, "SPRING") == draft
    assert store.submitted_response(key) is None
    assert store.count_responses() == 0


def test_no_draft_is_saved_for_a_closed_workshop(store: Store, admin: Store) -> None:
    """save_draft for a closed workshop returns quietly and keeps nothing new."""
    admin.create_workshop("Spring", "SPRING")
    key = new_key()
    first = make_draft(key, workshop="SPRING", page=0)
    store.save_draft(first)
    admin.set_workshop_closed("SPRING", True)
    store.save_draft(make_draft(key, workshop="SPRING", page=2))
    store.save_draft(make_draft(new_key(), workshop="SPRING", submission_id="sub-00000002"))
    assert store.get_draft(key, SURVEY, "SPRING") == first
    assert store.count_drafts(workshop="SPRING") == 1


def test_a_late_autosave_after_submit_brings_no_draft_back(store: Store) -> None:
    """A draft saved after its submit (a save racing the click) is not kept or counted."""
    key = new_key()
    store.save_response(make_response("sub-00000001"), draft_key=key)
    store.save_draft(make_draft(key, submission_id="sub-00000001"))
    assert store.get_draft(key, SURVEY, "spring") is None
    other_tab = new_key()  # a draft whose submission id is already a response is not live
    store.save_draft(make_draft(other_tab, submission_id="sub-00000001"))
    assert store.get_draft(other_tab, SURVEY, "spring") is None
    assert store.count_drafts() == 0


def test_receipts_expire(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A receipt older than the draft hours no longer gives the response back."""
    key = new_key()
    store.save_response(make_response("sub-00000001"), draft_key=key)
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", "0.0001")  # 0.36 s
    time.sleep(0.5)
    assert store.submitted_response(key) is None
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", "1")
    assert store.submitted_response(key) is not None


def test_count_drafts_by_workshop(store: Store) -> None:
    """count_drafts counts live drafts of one workshop, or of all."""
    for i, workshop in enumerate(["spring", "spring", "autumn", None]):
        store.save_draft(make_draft(new_key(), submission_id=f"sub-0000000{i}", workshop=workshop))
    store.save_draft(
        make_draft(
            new_key(), submission_id="sub-00000009", updated_at=datetime(2020, 1, 1, tzinfo=UTC)
        )
    )
    assert store.count_drafts() == 4
    assert store.count_drafts(workshop="spring") == 2
    assert store.count_drafts(workshop="autumn") == 1
    assert store.count_drafts(workshop="winter") == 0


def test_drafts_never_count_as_answers(store: Store) -> None:
    """Responses, counts and every dashboard read see the one response, none of the drafts."""
    store.save_response(make_response("resp-0001", answers={"q_lead": 4}))
    for i in range(3):
        store.save_draft(
            make_draft(new_key(), submission_id=f"sub-0000000{i}", answers={"q_lead": 1})
        )
    assert [r.id for r in store.responses()] == ["resp-0001"]
    assert [r.id for r in store.responses(workshop="spring", survey_id=SURVEY)] == ["resp-0001"]
    assert store.count_responses() == 1
    assert store.count_responses(workshop="spring") == 1
    cols, answers = store.answer_rows(["spring"], SURVEY)
    assert [row[cols.index("response_id")] for row in answers] == ["resp-0001"]
    cols, rows = store.response_rows(["spring"], SURVEY)
    assert [row[cols.index("response_id")] for row in rows] == ["resp-0001"]
    cols, counts = store.answer_counts(["spring"], SURVEY)
    as_dicts = [dict(zip(cols, c, strict=True)) for c in counts]
    assert [(c["value_num"], c["people"]) for c in as_dicts] == [(4.0, 1)]
    assert store.count_drafts() == 3


def test_erase_takes_the_draft_and_the_receipt(store: Store) -> None:
    """Erasing a response removes its receipt; a draft with that submission id goes too."""
    key = new_key()
    store.save_response(make_response("sub-00000001"), draft_key=key)
    erased = store.erase_response("sub-00000001")
    assert (erased.responses, erased.drafts) == (1, 0)
    assert store.submitted_response(key) is None

    never_sent, kept = new_key(), new_key()
    store.save_draft(make_draft(never_sent, submission_id="sub-00000002"))
    store.save_draft(make_draft(kept, submission_id="sub-00000003"))
    erased = store.erase_response("sub-00000002")
    assert (erased.found, erased.responses, erased.drafts) == (True, 0, 1)
    assert erased.summary() == "Removed 1 draft."
    assert store.get_draft(never_sent, SURVEY, "spring") is None
    assert store.get_draft(kept, SURVEY, "spring") is not None
    assert store.count_drafts() == 1
