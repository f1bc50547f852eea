"""Free-text answers the dashboard may list: only where enough people of a workshop wrote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from careerkit.model import Survey
from careerkit.privacy import note

from .cohort import Cohort, released_answers


@dataclass(frozen=True)
class Comments:
    """Free-text answers to show, per question, sorted so their order says nothing about who."""

    by_question: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    threshold: int
    note: str = ""


def comments(
    c: Cohort, answers: pd.DataFrame, survey: Survey, question_ids: Sequence[str] | None = None
) -> Comments:
    """Text answers of the released responses, from each workshop where enough people wrote.

    A workshop's answers to a question are listed only when at least `threshold` of its people
    wrote into it, so a selection lists exactly what each of its workshops lists on its own.
    """
    texts = [q for q in survey.questions if q.kind == "text"]
    wanted = [q.id for q in texts if question_ids is None or q.id in question_ids]
    mine = released_answers(c, answers)
    mine = mine[mine["question_id"].isin(wanted)]
    by_question: dict[str, tuple[str, ...]] = {}
    too_few = []
    for qid in wanted:
        kept: list[str] = []
        for w in c.workshops:
            cell = mine[(mine["question_id"] == qid) & (mine["workshop"] == w)]
            given = [t.strip() for t in cell["value_text"].dropna().astype(str) if t.strip()]
            if given and len(given) < c.threshold:
                # A follow-up question shown only for some answers would point to those few.
                too_few.append(qid)
            else:
                kept += given
        by_question[qid] = tuple(sorted(kept, key=lambda t: (t.casefold(), t)))
    tally = c.tally()
    words = note(tally, c.threshold)
    if too_few:
        words = (words + " " if words else "") + (
            f"{len(set(too_few))} question(s) with fewer than {c.threshold} written answers in a "
            "workshop: that workshop's answers to it are not listed."
        )
    if not c.workshops:
        words = (words + " " if words else "") + (
            f"Comments are shown only for workshops with at least {c.threshold} responses."
        )
    return Comments(by_question, {q.id: q.text for q in texts}, c.threshold, words.strip())
