"""Finding creative crossings: a transparent score for each pair, and the decisions people make on them.

How a pair is scored (shown to people as a reason, never as a black box):

- every tag the two items share (or nearly share: "lead" and "leadership") adds TAG_POINTS;
- wording: the content words of both texts are compared word by word with rapidfuzz, and the
  share of words with a close partner (Dice coefficient, 0-100) adds SIMILARITY_WEIGHT times that;
- the sum is capped at 100. Pairs scoring at least MIN_SCORE are proposed, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from .crossing import (
    EMPLOYEE_KIND_LABELS,
    ORG_KIND_LABELS,
    RATINGS,
    Brainstorm,
    Crossing,
    EmployeeItem,
    OrgItem,
)
from .errors import CareerkitError
from .plan import Plan
from .planning import add_action, add_goal

TAG_POINTS = 25.0
SIMILARITY_WEIGHT = 0.5
MIN_SCORE = 20.0
WORD_CUTOFF = 80.0  # rapidfuzz ratio at which two words count as the same word
_WORD = re.compile(r"[^\W_]+")
# fmt: off
_STOPWORDS = frozenset(
    {
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
        "better", "by", "can", "do", "does", "every", "first", "for", "from", "get", "go", "good",
        "have", "i", "in", "into", "is", "it", "its", "more", "most", "my", "new", "of", "on", "one",
        "or", "our", "out", "over", "so", "some", "someone", "than", "that", "the", "their", "them",
        "there", "these", "this", "three", "to", "two", "up", "us", "want", "we", "what", "when",
        "which", "who", "will", "with", "within", "would", "year", "years", "you", "your", "make",
        "move", "ready", "start",
    }
)
# fmt: on


@dataclass(frozen=True)
class Candidate:
    """A scored pair of items with the reason for its score, in words."""

    org_item: OrgItem
    employee_item: EmployeeItem
    score: float
    shared_tags: tuple[str, ...]
    similar_words: tuple[tuple[str, str], ...]  # (word in the organization's text, employee's)
    similarity: float
    reason: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.org_item.id, self.employee_item.id)


def content_words(text: str) -> list[str]:
    """The words that carry meaning: lower case, no stop words, no one- or two-letter words."""
    words = (w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOPWORDS)
    return list(dict.fromkeys(words))


def same_word(a: str, b: str) -> bool:
    """Equal, one a stem of the other ("lead", "leadership"), or spelled alike (rapidfuzz)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= WORD_CUTOFF


def _pairs(
    left: tuple[str, ...] | list[str], right: tuple[str, ...] | list[str]
) -> list[tuple[str, str]]:
    """Each left word with its first close partner on the right; each right word used once."""
    found: list[tuple[str, str]] = []
    used: set[str] = set()
    for a in left:
        for b in right:
            if b not in used and same_word(a, b):
                found.append((a, b))
                used.add(b)
                break
    return found


def _shown(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    words = [a if a == b else f"{a} ~ {b}" for a, b in pairs]
    return ", ".join(w.replace("_", " ") for w in words)


def score_pair(org: OrgItem, employee: EmployeeItem) -> Candidate:
    """The score of one pair and why, as people will read it."""
    tag_pairs = _pairs(org.tags, employee.tags)
    org_words, employee_words = content_words(org.text), content_words(employee.text)
    word_pairs = _pairs(org_words, employee_words)
    total = len(org_words) + len(employee_words)
    similarity = 200.0 * len(word_pairs) / total if total else 0.0
    score = min(100.0, TAG_POINTS * len(tag_pairs) + SIMILARITY_WEIGHT * similarity)
    reasons = []
    if tag_pairs:
        reasons.append(f"both mention {_shown(tag_pairs)}")
    if word_pairs:
        reasons.append(f"similar wording: {_shown(word_pairs)}")
    return Candidate(
        org_item=org,
        employee_item=employee,
        score=round(score, 1),
        shared_tags=tuple(a for a, _b in tag_pairs),
        similar_words=tuple(word_pairs),
        similarity=round(similarity, 1),
        reason="; ".join(reasons) or "no shared tags or wording",
    )


def propose(
    org_items: tuple[OrgItem, ...] | list[OrgItem],
    employee_items: tuple[EmployeeItem, ...] | list[EmployeeItem],
    *,
    min_score: float = MIN_SCORE,
    exclude: set[tuple[str, str]] | None = None,
) -> list[Candidate]:
    """Every pair scoring at least `min_score`, best first (ties in the order the items were listed)."""
    skip = exclude or set()
    ranked = [
        (-c.score, i, j, c)
        for i, org in enumerate(org_items)
        for j, employee in enumerate(employee_items)
        if (org.id, employee.id) not in skip
        for c in [score_pair(org, employee)]
        if c.score >= min_score
    ]
    return [c for *_key, c in sorted(ranked, key=lambda r: r[:3])]


def pending(brainstorm: Brainstorm) -> list[Candidate]:
    """Proposals nobody has decided on yet: stored pairs (accepted, rejected, own) are left out."""
    decided = {c.pair for c in brainstorm.crossings}
    return propose(brainstorm.org.items, brainstorm.employee_items, exclude=decided)


def strengths(brainstorm: Brainstorm) -> list[list[float]]:
    """The score of every pair: one row per organization item, one column per employee item."""
    return [
        [score_pair(org, employee).score for employee in brainstorm.employee_items]
        for org in brainstorm.org.items
    ]


# -- decisions ----------------------------------------------------------------------------------


def _with(brainstorm: Brainstorm, crossing: Crossing) -> Brainstorm:
    """`brainstorm` with `crossing` stored (replacing the one for the same pair, if any)."""
    crossings = [c.model_dump() for c in brainstorm.crossings if c.pair != crossing.pair]
    crossings.append(crossing.model_dump())
    return Brainstorm.model_validate({**brainstorm.model_dump(), "crossings": crossings})


def _decide(brainstorm: Brainstorm, org_id: str, employee_id: str, status: str) -> Brainstorm:
    found = brainstorm.crossing(org_id, employee_id)
    if found is None:
        c = score_pair(brainstorm.org.item(org_id), brainstorm.employee_item(employee_id))
        data: dict[str, Any] = {"org_item": org_id, "employee_item": employee_id}
        data.update(origin="proposed", reason=c.reason, score=c.score)
    else:
        data = found.model_dump()
    return _with(brainstorm, Crossing.model_validate({**data, "status": status}))


def accept(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Both sides agree that this pair is worth pursuing."""
    return _decide(brainstorm, org_id, employee_id, "accepted")


def reject(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Not a crossing for us; it is remembered so it is not proposed again."""
    return _decide(brainstorm, org_id, employee_id, "rejected")


def add_own(brainstorm: Brainstorm, org_id: str, employee_id: str, reason: str = "") -> Brainstorm:
    """A crossing people saw themselves, between any two items; accepted at once."""
    found = brainstorm.crossing(org_id, employee_id)
    if found is not None and found.status == "accepted":
        raise CareerkitError("These two items are already an accepted crossing.")
    c = score_pair(brainstorm.org.item(org_id), brainstorm.employee_item(employee_id))
    crossing = Crossing.model_validate(
        {
            "org_item": org_id,
            "employee_item": employee_id,
            "origin": "own",
            "status": "accepted",
            "reason": reason.strip() or f"our own pairing ({c.reason})",
            "score": c.score,
        }
    )
    return _with(brainstorm, crossing)


def withdraw(brainstorm: Brainstorm, org_id: str, employee_id: str) -> Brainstorm:
    """Undo a decision: the pair is forgotten (a proposed one may be proposed again)."""
    if brainstorm.crossing(org_id, employee_id) is None:
        raise CareerkitError("That crossing is no longer there; reload to see the latest version.")
    crossings = [c.model_dump() for c in brainstorm.crossings if c.pair != (org_id, employee_id)]
    return Brainstorm.model_validate({**brainstorm.model_dump(), "crossings": crossings})


def rate(
    brainstorm: Brainstorm, org_id: str, employee_id: str, **ratings: int | None
) -> Brainstorm:
    """Rate an accepted crossing from 1 to 5 on efficiency, energy and engagement (None clears)."""
    unknown = set(ratings) - set(RATINGS)
    if unknown:
        raise CareerkitError(f"Rate on {', '.join(RATINGS)}; not on {', '.join(sorted(unknown))}.")
    found = brainstorm.crossing(org_id, employee_id)
    if found is None or found.status != "accepted":
        raise CareerkitError("Accept the crossing before rating it.")
    return _with(brainstorm, Crossing.model_validate({**found.model_dump(), **ratings}))


def mark_sent(brainstorm: Brainstorm, org_id: str, employee_id: str, plan_code: str) -> Brainstorm:
    """Remember which plan an accepted crossing went to."""
    found = brainstorm.crossing(org_id, employee_id)
    if found is None:
        raise CareerkitError("That crossing is no longer there; reload to see the latest version.")
    return _with(
        brainstorm, Crossing.model_validate({**found.model_dump(), "sent_to_plan": plan_code})
    )


# -- hand-off to the development plan ----------------------------------------------------------

_ORG_ACTIONS = {
    "goal": (
        "Propose one concrete way I can contribute to: {org}",
        "Introduce the employee to the people driving: {org}",
    ),
    "strategy": (
        "Find out how we carry out this strategy and pick one part to join: {org}",
        "Make room in the employee's workload to join the work on: {org}",
    ),
    "need": (
        "Offer to take on a first, small part of: {org}",
        "Agree scope, time and support for the employee's part in: {org}; tell the team",
    ),
}
_EMPLOYEE_ACTIONS = {
    "career_goal": "Write down how this work moves me towards: {emp}",
    "skill": "Choose how I will practise and show this skill here: {emp}",
    "role": "List the experience this work gives me for the role I aim for: {emp}",
    "interest_work": "Note what keeps this interest alive in the work: {emp}",
    "interest_outside": "Name what I bring from outside work: {emp}",
}
_CHECK_IN = "Check in after a month: does this serve both sides, and does it give energy?"


def _clip(text: str, size: int = 300) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def to_plan_goal(brainstorm: Brainstorm, crossing: Crossing) -> dict[str, Any]:
    """A plan goal for an accepted crossing, with first actions for the employee and the manager."""
    org = brainstorm.org.item(crossing.org_item)
    emp = brainstorm.employee_item(crossing.employee_item)
    mine, manager = _ORG_ACTIONS[org.kind]
    rated = [f"{n} {getattr(crossing, n)}/5" for n in RATINGS if getattr(crossing, n) is not None]
    measure = (
        f"Expected payoff, rated in the crossings brainstorm: {', '.join(rated)}."
        if rated
        else "At the next review both sides can name what this brought the organization and me."
    )
    owner_of = brainstorm.org.organization
    return {
        "title": _clip(f"{emp.text} - through: {org.text}"),
        "kind": "advancement" if emp.kind == "role" else "development",
        "why_employee": f"{EMPLOYEE_KIND_LABELS[emp.kind]}: {emp.text}",
        "why_organization": f"{owner_of}, {ORG_KIND_LABELS[org.kind].lower()}: {org.text}",
        "measure": measure,
        "actions": [
            {"title": _clip(mine.format(org=org.text)), "owner": "employee"},
            {"title": _clip(_EMPLOYEE_ACTIONS[emp.kind].format(emp=emp.text)), "owner": "employee"},
            {"title": _clip(manager.format(org=org.text)), "owner": "manager"},
            {"title": _CHECK_IN, "owner": "both"},
        ],
    }


def send_to_plan(plan: Plan, brainstorm: Brainstorm, org_id: str, employee_id: str) -> Plan:
    """`plan` with the accepted crossing added as a goal and its first actions."""
    crossing = brainstorm.crossing(org_id, employee_id)
    if crossing is None or crossing.status != "accepted":
        raise CareerkitError("Accept the crossing before sending it to a plan.")
    goal = to_plan_goal(brainstorm, crossing)
    if crossing.sent_to_plan == plan.code or any(g.title == goal["title"] for g in plan.goals):
        raise CareerkitError("This crossing is already a goal in that plan.")
    actions = goal.pop("actions")
    plan = add_goal(plan, goal.pop("title"), **goal)
    goal_id = plan.goals[-1].id
    for action in actions:
        plan = add_action(plan, goal_id, action["title"], action["owner"])
    return plan
