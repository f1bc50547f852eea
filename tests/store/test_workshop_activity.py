"""workshop_activity: every code in use, what it holds and when it was last active, in every store."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from test_store import make_response
from test_store_drafts import make_draft, new_key

from careerkit.crossings.model import Brainstorm, OrgGoals, OrgItem
from careerkit.model import WorkshopActivity
from careerkit.plans.editing import new_plan_code
from careerkit.plans.model import Plan
from careerkit.store import Store

OLD = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def _brainstorm(workshop: str) -> Brainstorm:
    org = OrgGoals(organization="Northwind", items=(OrgItem(id="lead", text="Grow team leads"),))
    return Brainstorm(code=new_plan_code(), workshop=workshop, org=org)


def _by_code(found: list[WorkshopActivity]) -> dict[str, WorkshopActivity]:
    return {a.code: a for a in found}


def test_nothing_yet_is_an_empty_list(store: Store) -> None:
    """A new store has no activity."""
    assert store.workshop_activity() == []


def test_a_created_workshop_with_nothing_in_it(store: Store, admin: Store) -> None:
    """A created code with nothing in it is listed with its name, zero counts and its creation."""
    made = admin.create_workshop("Spring cohort", "SPRING")
    (only,) = store.workshop_activity()
    assert only == WorkshopActivity(
        code="SPRING",
        name="Spring cohort",
        created_at=made.created_at,
        closed_at=None,
        responses=0,
        drafts=0,
        plans=0,
        brainstorms=0,
        last_active=made.created_at,
    )


def test_codes_never_created_and_the_order_of_activity(store: Store, admin: Store) -> None:
    """Codes only used in links appear without a name; the most recently active comes first."""
    store.save_response(make_response("resp-0001", workshop="LINKED", at=OLD))
    store.save_response(make_response("resp-0002", workshop="LINKED", at=OLD + timedelta(hours=1)))
    store.save_response(make_response("resp-0003", workshop=None, at=OLD))  # no code: not listed
    recent = datetime.now(UTC) - timedelta(hours=1)
    store.save_draft(make_draft(new_key(), workshop="DRAFTY", updated_at=recent))
    store.save_draft(make_draft(new_key(), workshop="DRAFTY", submission_id="sub-00000002"))
    expired = datetime.now(UTC) - timedelta(hours=30)
    store.save_draft(make_draft(new_key(), workshop="GONE", updated_at=expired))
    time.sleep(0.01)
    made = admin.create_workshop("Autumn", "AUTUMN")
    admin.set_workshop_closed("AUTUMN", True)
    time.sleep(0.01)
    plan = store.create_doc(Plan(code=new_plan_code(), employee="Ada", workshop="DOCS"))
    store.create_doc(Plan(code=new_plan_code(), employee="Bo", workshop="DOCS"))
    store.create_doc(_brainstorm("DOCS"))
    store.create_doc(Plan(code=new_plan_code(), employee="Cy"))  # no code: not listed
    time.sleep(0.01)
    store.save_doc(plan)

    found = store.workshop_activity()
    assert [a.code for a in found] == ["DOCS", "AUTUMN", "DRAFTY", "LINKED"]  # GONE: expired only
    by = _by_code(found)
    assert (by["LINKED"].name, by["LINKED"].created_at) == (None, None)
    assert (by["LINKED"].responses, by["LINKED"].last_active) == (2, OLD + timedelta(hours=1))
    assert (by["DRAFTY"].drafts, by["DRAFTY"].responses, by["DRAFTY"].name) == (2, 0, None)
    assert by["DRAFTY"].last_active is not None and by["DRAFTY"].last_active > recent
    assert (by["DOCS"].plans, by["DOCS"].brainstorms) == (2, 1)
    autumn = by["AUTUMN"]
    closed = admin.get_workshop("AUTUMN")
    assert closed is not None
    assert (autumn.name, autumn.created_at, autumn.closed_at) == (
        "Autumn",
        made.created_at,
        closed.closed_at,
    )
    assert autumn.last_active == made.created_at  # closing is not activity
    assert by["DOCS"].last_active is not None and by["DOCS"].last_active > made.created_at


def test_a_created_workshop_counts_what_it_holds(store: Store, admin: Store) -> None:
    """A created code's counts cover its responses, live drafts, plans and brainstorms."""
    admin.create_workshop("Spring", "SPRING")
    later = datetime.now(UTC) + timedelta(minutes=5)
    store.save_response(make_response("resp-0001", workshop="SPRING", at=later))
    store.save_draft(make_draft(new_key(), workshop="SPRING"))
    store.create_doc(_brainstorm("SPRING"))
    (only,) = store.workshop_activity()
    assert (only.responses, only.drafts, only.plans, only.brainstorms) == (1, 1, 0, 1)
    assert only.last_active == later  # the latest instant of any of them
