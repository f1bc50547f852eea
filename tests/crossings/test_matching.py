"""Crossing proposals and decisions: transparent scores, reasons, and the hand-off to a plan."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from careerkit.crossings.decisions import accept, add_own, mark_sent, rate, reject, withdraw
from careerkit.crossings.editing import (
    add_employee_item,
    add_org_item,
    edit_item,
    new_brainstorm,
    parse_tags,
    remove_employee_item,
    remove_org_item,
)
from careerkit.crossings.matching import (
    MIN_SCORE,
    TAG_POINTS,
    content_words,
    pending,
    propose,
    same_word,
    score_pair,
    strengths,
)
from careerkit.crossings.model import Brainstorm, EmployeeItem, OrgGoals, OrgItem
from careerkit.crossings.to_plan import send_to_plan, to_plan_goal
from careerkit.errors import CareerkitError
from careerkit.plans.editing import new_plan_code, warnings
from careerkit.plans.model import Plan

LEADS = OrgItem(
    id="new_team_leads",
    kind="need",
    text="New team leads for the project teams",
    tags=("leadership", "people"),
)
CLOUD = OrgItem(
    id="cloud_reporting",
    text="Move monthly reporting to the cloud data platform",
    tags=("cloud", "data"),
)
CUSTOMER = OrgItem(
    id="customer_focus", kind="strategy", text="Answer every customer within a day", tags=()
)
SUPERVISOR = EmployeeItem(
    id="supervisor", kind="role", text="Lead a team as a supervisor", tags=("lead", "people")
)
PYTHON = EmployeeItem(
    id="python", kind="skill", text="Learn Python for data analysis", tags=("data",)
)
JUGGLING = EmployeeItem(
    id="juggling", kind="interest_outside", text="Juggling at circus school", tags=("focus",)
)


def brainstorm() -> Brainstorm:
    org = OrgGoals(organization="Northwind", items=(LEADS, CLOUD, CUSTOMER))
    return Brainstorm(
        code=new_plan_code(), workshop="W1", org=org, employee_items=(SUPERVISOR, PYTHON, JUGGLING)
    )


def test_content_words_drop_filler_and_keep_meaning() -> None:
    """Stop words and short words are dropped; each remaining word appears once, lower case."""
    assert content_words("Move into a NEW role, and lead the Team team") == ["role", "lead", "team"]


def test_same_word_accepts_stems_and_spelling_but_not_lookalikes() -> None:
    """'lead'/'leadership' and 'organise'/'organize' match; 'data'/'date' and 'car'/'career' do not."""
    assert same_word("lead", "leadership") and same_word("organise", "organize")
    assert not same_word("data", "date") and not same_word("car", "career")


def test_shared_tags_add_fixed_points_each() -> None:
    """Two shared tags (one a near match, lead ~ leadership) give two times TAG_POINTS, plus wording."""
    c = score_pair(LEADS, SUPERVISOR)
    assert c.shared_tags == ("leadership", "people")
    assert c.score >= 2 * TAG_POINTS
    only_tags = score_pair(
        LEADS, EmployeeItem(id="x", text="Something else entirely", tags=("people",))
    )
    assert only_tags.score == TAG_POINTS and only_tags.similarity == 0


def test_reason_names_tags_and_similar_words() -> None:
    """The reason says which tags both mention and which words are alike."""
    c = score_pair(LEADS, SUPERVISOR)
    assert c.reason == "both mention leadership ~ lead, people; similar wording: team, leads ~ lead"
    assert score_pair(CUSTOMER, JUGGLING).reason == "no shared tags or wording"


def test_similarity_ranks_closer_wording_first() -> None:
    """Without tags, the text that shares more words with the employee's item ranks higher."""
    close = OrgItem(id="close", text="Python data analysis for the planning team")
    far = OrgItem(id="far", text="Data for the warehouse")
    untagged = EmployeeItem(id="py", text="Learn Python for data analysis")
    ranked = propose([far, close], [untagged], min_score=0)
    assert [c.org_item.id for c in ranked] == ["close", "far"]
    assert ranked[0].similarity > ranked[1].similarity > 0


def test_propose_ranks_best_first_and_drops_weak_pairs() -> None:
    """Proposals come best first, all at or above MIN_SCORE, and unrelated pairs are left out."""
    found = propose(brainstorm().org.items, brainstorm().employee_items)
    assert [c.pair for c in found[:2]] == [
        ("new_team_leads", "supervisor"),
        ("cloud_reporting", "python"),
    ]
    assert all(c.score >= MIN_SCORE for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert ("customer_focus", "juggling") not in {c.pair for c in found}


def test_accept_and_reject_take_pairs_out_of_pending() -> None:
    """Accepted and rejected pairs are stored with reason and score and are not proposed again."""
    b = accept(brainstorm(), "new_team_leads", "supervisor")
    b = reject(b, "cloud_reporting", "python")
    kept = b.crossing("new_team_leads", "supervisor")
    assert kept is not None and kept.status == "accepted" and kept.origin == "proposed"
    assert kept.reason.startswith("both mention leadership") and kept.score > 50
    gone = b.crossing("cloud_reporting", "python")
    assert gone is not None and gone.status == "rejected"
    assert {c.pair for c in pending(b)}.isdisjoint({kept.pair, gone.pair})
    again = withdraw(b, "cloud_reporting", "python")
    assert ("cloud_reporting", "python") in {c.pair for c in pending(again)}


def test_own_crossing_pairs_any_two_items() -> None:
    """People can pair items the score ignores; it is accepted at once with their reason."""
    b = add_own(brainstorm(), "customer_focus", "juggling", "Focus under pressure helps on calls")
    own = b.crossing("customer_focus", "juggling")
    assert own is not None
    assert (own.origin, own.status, own.reason) == (
        "own",
        "accepted",
        "Focus under pressure helps on calls",
    )
    with pytest.raises(CareerkitError, match="already an accepted crossing"):
        add_own(b, "customer_focus", "juggling")
    default = add_own(brainstorm(), "cloud_reporting", "juggling").crossing(
        "cloud_reporting", "juggling"
    )
    assert default is not None and default.reason.startswith("our own pairing")


def test_rating_is_one_to_five_on_accepted_crossings_only() -> None:
    """Ratings are stored per crossing; out of range, unknown names and unaccepted pairs are refused."""
    b = accept(brainstorm(), "new_team_leads", "supervisor")
    b = rate(b, "new_team_leads", "supervisor", efficiency=4, energy=5)
    b = rate(b, "new_team_leads", "supervisor", engagement=3)
    c = b.crossing("new_team_leads", "supervisor")
    assert c is not None and (c.efficiency, c.energy, c.engagement) == (4, 5, 3)
    with pytest.raises(ValidationError):
        rate(b, "new_team_leads", "supervisor", energy=6)
    with pytest.raises(CareerkitError, match="not on fun"):
        rate(b, "new_team_leads", "supervisor", fun=3)
    with pytest.raises(CareerkitError, match="Accept the crossing"):
        rate(reject(b, "cloud_reporting", "python"), "cloud_reporting", "python", energy=2)


def test_plan_goal_has_first_actions_for_both_sides() -> None:
    """A crossing becomes a goal naming both aims, with actions for the employee and the manager."""
    b = accept(brainstorm(), "new_team_leads", "supervisor")
    b = rate(b, "new_team_leads", "supervisor", energy=5)
    crossing = b.crossing("new_team_leads", "supervisor")
    assert crossing is not None
    goal = to_plan_goal(b, crossing)
    assert goal["kind"] == "advancement"  # the employee aims for a role
    assert SUPERVISOR.text in goal["title"] and LEADS.text in goal["title"]
    assert goal["why_organization"] == f"Northwind, open need: {LEADS.text}"
    assert "energy 5/5" in goal["measure"]
    owners = [a["owner"] for a in goal["actions"]]
    assert owners.count("employee") >= 1 and owners.count("manager") >= 1


def test_send_to_plan_adds_the_goal_once() -> None:
    """The plan gains the goal with its actions (no one-sided warning); sending twice is refused."""
    b = accept(brainstorm(), "cloud_reporting", "python")
    plan = Plan(code=new_plan_code(), employee="Ann")
    updated = send_to_plan(plan, b, "cloud_reporting", "python")
    (goal,) = updated.goals
    assert goal.kind == "development" and goal.why_employee == f"Skill to grow: {PYTHON.text}"
    assert {a.owner for a in goal.actions} == {"employee", "manager", "both"}
    assert warnings(updated) == []
    with pytest.raises(CareerkitError, match="already a goal"):
        send_to_plan(updated, b, "cloud_reporting", "python")
    marked = mark_sent(b, "cloud_reporting", "python", plan.code)
    with pytest.raises(CareerkitError, match="already a goal"):
        send_to_plan(plan, marked, "cloud_reporting", "python")
    with pytest.raises(CareerkitError, match="Accept the crossing"):
        send_to_plan(plan, b, "new_team_leads", "supervisor")


def test_removing_an_item_removes_its_crossings() -> None:
    """Removing either side's item drops the crossings that use it; the last org item stays."""
    b = accept(accept(brainstorm(), "new_team_leads", "supervisor"), "cloud_reporting", "python")
    assert [c.pair for c in remove_org_item(b, "new_team_leads").crossings] == [
        ("cloud_reporting", "python")
    ]
    assert remove_employee_item(b, "python").crossings[0].pair == ("new_team_leads", "supervisor")
    one = new_brainstorm(OrgGoals(organization="Solo", items=(CLOUD,)))
    with pytest.raises(CareerkitError, match="at least one organization item"):
        remove_org_item(one, "cloud_reporting")


def test_items_added_in_session_are_matched_too() -> None:
    """An org item and an employee item typed during the session get ids, tags and proposals."""
    b = new_brainstorm(OrgGoals(organization="Northwind", items=(CUSTOMER,)), workshop="W2")
    b = add_org_item(b, "Mentoring programme for newcomers", "need", "Mentoring, People")
    b = add_employee_item(b, "Mentor newcomers in my team", "interest_work", "mentoring")
    added = b.org.items[-1]
    assert added.id.startswith("org_") and added.tags == ("mentoring", "people")
    assert [c.pair for c in pending(b)] == [(added.id, b.employee_items[0].id)]
    assert strengths(b)[0] == [0.0] and strengths(b)[1][0] >= TAG_POINTS


def test_tags_are_normalized_and_checked() -> None:
    """Typed tags become lower-case ids without repeats; a tag starting with a digit is refused."""
    assert parse_tags(" Team Leadership, cloud;#cloud, , data-science ") == (
        "team_leadership",
        "cloud",
        "data_science",
    )
    with pytest.raises(CareerkitError, match="starts with a letter"):
        parse_tags("3d printing")


def test_crossings_must_name_existing_items() -> None:
    """A brainstorm whose crossing points at a missing item, or repeats a pair, does not validate."""
    data = brainstorm().model_dump()
    data["crossings"] = [{"org_item": "nope", "employee_item": "python"}]
    with pytest.raises(ValidationError, match="missing item"):
        Brainstorm.model_validate(data)
    data["crossings"] = [{"org_item": "cloud_reporting", "employee_item": "python"}] * 2
    with pytest.raises(ValidationError, match="at most once"):
        Brainstorm.model_validate(data)


def test_editing_an_item_keeps_its_id_and_crossings() -> None:
    """edit_item rewords an item of either side in place; its crossings and the others stay."""
    b = accept(brainstorm(), "new_team_leads", "supervisor")
    b = edit_item(
        b, "employee", "supervisor", "  Supervise the night shift ", "role", "Lead, night"
    )
    assert b.employee_item("supervisor").text == "Supervise the night shift"
    assert b.employee_item("supervisor").tags == ("lead", "night")
    assert [c.pair for c in b.accepted] == [("new_team_leads", "supervisor")]
    assert [e.id for e in b.employee_items] == ["supervisor", "python", "juggling"]
    b = edit_item(b, "org", "cloud_reporting", "Reporting in the cloud", "strategy")
    assert (b.org.item("cloud_reporting").kind, b.org.item("cloud_reporting").tags) == (
        "strategy",
        (),
    )
    assert [o.id for o in b.org.items] == ["new_team_leads", "cloud_reporting", "customer_focus"]


def test_editing_refuses_empty_words_bad_kinds_and_gone_items() -> None:
    """Blank text, a kind of the other side, or an item removed meanwhile: a clear refusal."""
    b = brainstorm()
    with pytest.raises(CareerkitError, match="needs some words"):
        edit_item(b, "org", "cloud_reporting", "  ", "goal")
    with pytest.raises(ValidationError):
        edit_item(b, "org", "cloud_reporting", "Cloud", "skill")
    with pytest.raises(CareerkitError, match="is gone; reload"):
        edit_item(b, "employee", "cloud_reporting", "Cloud", "skill")
    with pytest.raises(CareerkitError, match="is gone; reload"):
        edit_item(b, "org", "nothing_here", "Cloud", "goal")
