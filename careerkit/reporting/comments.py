"""Free-text answers the dashboard may list: only where enough people of a workshop wrote.

Comments wait for more writers than numbers do (`comment_threshold`, never below the number
threshold): a sentence points to its writer more easily than a score. Comments the facilitator
hid (careerkit.reporting.moderation) stay on the facilitator's list, marked, and leave every
shared view: `shown` is what the projector view and the report list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from careerkit.languages import _
from careerkit.model import Survey
from careerkit.privacy import DEFAULT_COMMENT_THRESHOLD, note

from .cohort import Cohort, released_answers
from .moderation import CommentKey


@dataclass(frozen=True)
class Comment:
    """One listed answer; the response id stays in the dashboard's kernel, never on a page."""

    response_id: str
    workshop: str
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class Comments:
    """Free-text answers to list, per question, sorted so their order says nothing about who."""

    by_question: dict[str, tuple[str, ...]]  # shown to the room: hidden ones left out
    labels: dict[str, str]
    threshold: int
    note: str = ""
    entries: dict[str, tuple[Comment, ...]] = field(default_factory=dict)  # hidden ones too
    hidden: int = 0  # listed comments the facilitator hid

    @property
    def hidden_note(self) -> str:
        if not self.hidden:
            return ""
        one = self.hidden == 1
        return f"{self.hidden} comment{'' if one else 's'} hidden by the facilitator."


def comments(
    c: Cohort,
    answers: pd.DataFrame,
    survey: Survey,
    question_ids: Sequence[str] | None = None,
    *,
    comment_threshold: int = DEFAULT_COMMENT_THRESHOLD,
    hidden: frozenset[CommentKey] = frozenset(),
) -> Comments:
    """Text answers of the released responses, from each workshop where enough people wrote.

    A workshop's answers to a question are listed only when at least `comment_threshold` (and
    never fewer than the cohort's threshold) of its people wrote into it, so a selection lists
    exactly what each of its workshops lists on its own.
    """
    k = max(comment_threshold, c.threshold)
    texts = [q for q in survey.questions if q.kind == "text"]
    wanted = [q.id for q in texts if question_ids is None or q.id in question_ids]
    mine = released_answers(c, answers)
    mine = mine[mine["question_id"].isin(wanted)]
    entries: dict[str, tuple[Comment, ...]] = {}
    too_few = []
    for qid in wanted:
        kept: list[Comment] = []
        for w in c.workshops:
            cell = mine[(mine["question_id"] == qid) & (mine["workshop"] == w)]
            given = [
                Comment(str(rid), w, str(t).strip(), (str(rid), qid) in hidden)
                for rid, t in zip(cell["response_id"], cell["value_text"], strict=True)
                if isinstance(t, str) and t.strip()
            ]
            if given and len(given) < k:
                # A follow-up question shown only for some answers would point to those few.
                too_few.append(qid)
            else:
                kept += given
        entries[qid] = tuple(sorted(kept, key=lambda e: (e.text.casefold(), e.text)))
    words = note(c.tally(), c.threshold)
    if too_few:
        words = (words + " " if words else "") + _(
            "{count} question(s) with fewer than {threshold} written answers in a "
            "workshop: that workshop's answers to it are not listed."
        ).format(count=len(set(too_few)), threshold=k)
    if not c.workshops:
        words = (words + " " if words else "") + _(
            "Comments are shown only for workshops with at least {count} responses."
        ).format(count=c.threshold)
    shown = {q: tuple(e.text for e in es if not e.hidden) for q, es in entries.items()}
    n_hidden = sum(e.hidden for es in entries.values() for e in es)
    labels = {q.id: q.text for q in texts}
    return Comments(shown, labels, k, words.strip(), entries, n_hidden)
