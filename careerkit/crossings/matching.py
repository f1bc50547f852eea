"""Finding creative crossings: a transparent score for each pair, and the pairs to propose.

How a pair is scored (shown to people as a reason, never as a black box):

- every tag the two items share (or nearly share: "lead" and "leadership") adds TAG_POINTS;
- wording: the content words of both texts are compared word by word with rapidfuzz, and the
  share of words with a close partner (Dice coefficient, 0-100) adds SIMILARITY_WEIGHT times that;
- the sum is capped at 100. Pairs scoring at least MIN_SCORE are proposed, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from careerkit.languages import _

from .model import (
    Brainstorm,
    EmployeeItem,
    OrgItem,
)

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
        reasons.append(_("both mention {tags}").format(tags=_shown(tag_pairs)))
    if word_pairs:
        reasons.append(_("similar wording: {words}").format(words=_shown(word_pairs)))
    return Candidate(
        org_item=org,
        employee_item=employee,
        score=round(score, 1),
        shared_tags=tuple(a for a, _b in tag_pairs),
        similar_words=tuple(word_pairs),
        similarity=round(similarity, 1),
        reason="; ".join(reasons) or _("no shared tags or wording"),
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
