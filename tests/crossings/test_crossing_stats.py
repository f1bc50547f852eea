"""Facilitator counts: which organization goals drew accepted crossings in a workshop, which none."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.crossings.decisions import accept, add_own, mark_sent, reject
from careerkit.crossings.editing import add_employee_item, add_org_item, new_brainstorm
from careerkit.crossings.model import Brainstorm
from careerkit.crossings.stats import crossing_stats, shared_crossings
from careerkit.definitions import load_org_goals
from careerkit.plans.editing import new_plan_code
from careerkit.store import MemoryStore, open_store


def session(workshop: str, *crossed: str, rejected: str = "") -> Brainstorm:
    """A brainstorm over the example goals with one employee item crossed with `crossed` org ids."""
    b = new_brainstorm(load_org_goals("example_org_goals"), workshop=workshop)
    b = add_employee_item(b, "Lead a project team", "role", "leadership")
    me = b.employee_items[0].id
    for org_id in crossed:
        b = accept(b, org_id, me) if org_id != "partner_network" else add_own(b, org_id, me)
    return reject(b, rejected, me) if rejected else b


def test_counts_accepted_crossings_per_org_goal() -> None:
    """Goals are ranked by accepted crossings; rejected ones do not count; the rest are listed as none."""
    stats = crossing_stats(
        [
            session("W1", "new_team_leads", "launch_project_teams"),
            session("W1", "new_team_leads", rejected="launch_project_teams"),
            session("W1", "new_team_leads", "partner_network"),
        ]
    )
    assert (stats.brainstorms, stats.accepted) == (3, 5)
    top = [(r.item_id, r.accepted, r.brainstorms) for r in stats.most]
    assert top == [
        ("new_team_leads", 3, 3),
        ("launch_project_teams", 1, 1),
        ("partner_network", 1, 1),
    ]
    assert stats.most[0].text.startswith("New team leads") and stats.most[0].kind == "need"
    none = [r.item_id for r in stats.none]
    assert none == [
        "cloud_reporting",
        "data_skills",
        "customer_focus",
        "route_planning",
        "onboarding_trainer",
        "mentoring_programme",
    ]


def test_counts_sent_to_plan_and_items_added_in_session() -> None:
    """Crossings that reached a plan are counted, and an org item added in a session is listed."""
    b = session("W2", "new_team_leads")
    b = mark_sent(b, "new_team_leads", b.employee_items[0].id, new_plan_code())
    b = add_org_item(b, "Run the summer open day", "need", "events")
    stats = crossing_stats([b])
    assert stats.most[0].sent_to_plan == 1
    assert "Run the summer open day" in [r.text for r in stats.none]


def test_no_brainstorms_gives_empty_counts() -> None:
    """An empty workshop gives zeros and empty lists, not an error."""
    stats = crossing_stats([])
    assert (stats.brainstorms, stats.accepted, stats.most, stats.none) == (0, 0, (), ())


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_brainstorms_are_found_by_workshop_in_the_store(backend: str, tmp_path: Path) -> None:
    """Brainstorms saved with a workshop code come back whole from store.docs for that workshop only."""
    store = (
        MemoryStore() if backend == "memory" else open_store(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    )
    try:
        mine = store.create_doc(session("W3", "new_team_leads"))
        store.create_doc(session("OTHER", "launch_project_teams"))
        mine = store.save_doc(
            add_own(mine, "cloud_reporting", mine.employee_items[0].id, "why not")
        )
        found = store.docs(Brainstorm, workshops=["W3"])
        assert found == [mine]
        assert [r.item_id for r in crossing_stats(found).most] == [
            "new_team_leads",
            "cloud_reporting",
        ]
    finally:
        store.close()


def _texts(*ids: str) -> list[str]:
    """The example organization's item texts for these ids, in the given order."""
    by_id = {i.id: i.text for i in load_org_goals("example_org_goals").items}
    return [by_id[i] for i in ids]


def test_shared_crossings_shows_a_number_only_when_crossers_and_others_reach_the_threshold() -> (
    None
):
    """With 7 brainstorms and threshold 3, an item crossed in 4 shows (rounded down to 3); one
    crossed in 6 or in 1 does not, since 1 other or 1 crosser would single somebody out."""
    sessions = [
        *[session("W1", "new_team_leads", "launch_project_teams") for _ in range(1)],
        *[session("W1", "new_team_leads", "data_skills") for _ in range(3)],
        *[session("W1", "new_team_leads") for _ in range(2)],
        session("W1", "customer_focus"),
    ]
    shared = shared_crossings(sessions, ["W1"], threshold=3)
    assert shared.brainstorms == 6  # 7 brainstorms, in whole steps of 3
    assert shared.drew == tuple(zip(_texts("data_skills"), [3], strict=True))
    assert set(_texts("new_team_leads", "launch_project_teams", "customer_focus")) <= set(
        shared.few
    )
    assert set(_texts("cloud_reporting")) <= set(shared.few)  # nobody and few look alike
    assert shared.left_out == ()


def test_shared_crossings_leaves_out_small_workshops_and_pools_only_what_each_shows() -> None:
    """A workshop under the threshold counts nowhere and is named; pooled numbers are the sum of
    what each shown workshop shows alone, and an item hidden in one workshop is hidden pooled."""
    big = [session("A", "data_skills") for _ in range(3)] + [session("A") for _ in range(3)]
    other = [session("B", "data_skills") for _ in range(4)] + [session("B") for _ in range(3)]
    small = [session("C", "data_skills", "new_team_leads") for _ in range(2)]
    alone_a = shared_crossings(big, ["A"], threshold=3)
    alone_b = shared_crossings(other, ["B"], threshold=3)
    pooled = shared_crossings(big + other + small, ["A", "B", "C"], threshold=3)
    assert pooled.left_out == ("C",)
    assert pooled.brainstorms == alone_a.brainstorms + alone_b.brainstorms == 6 + 6
    assert dict(pooled.drew) == {
        text: dict(alone_a.drew)[text] + dict(alone_b.drew)[text] for text in _texts("data_skills")
    }
    assert _texts("new_team_leads")[0] in pooled.few  # only crossed in the left-out workshop
    with_c = shared_crossings(big + small, ["A", "C"], threshold=3)
    assert with_c.drew == alone_a.drew and with_c.brainstorms == alone_a.brainstorms
