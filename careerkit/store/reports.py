"""Dashboard reads: their columns, and the in-memory store's version of them.

Both stores return `(columns, rows)`: plain tuples that careerkit.reporting.cohort turns into frames,
so the store never needs pandas. Names of participants and submission times never leave the
store through these reads: the dashboard has no use for them, and both help to tell who is who.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..model import Response

Row = tuple[Any, ...]
Rows = tuple[list[str], list[Row]]

#: `answer_rows`: one row per answered question (one per picked option of a multi-choice one).
ANSWER_COLUMNS = [
    "response_id",
    "workshop",
    "orientation",
    "advancement",
    "development",
    "question_id",
    "seq",
    "value_num",
    "value_text",
    "edition",
]
#: `response_rows`: one row per response.
RESPONSE_COLUMNS = [
    "response_id",
    "workshop",
    "orientation",
    "advancement",
    "development",
    "edition",
]
#: `answer_counts`: one row per workshop, question and value. `people` is how many answer rows
#: hold that value (for a multi-choice question: how many people picked that option);
#: `respondents` is how many of them are the first item of their answer (seq 0), so summed
#: over a question's values it is the number of people who answered the question.
COUNT_COLUMNS = ["workshop", "question_id", "value_num", "value_text", "people", "respondents"]
#: `answer_counts(..., by_edition=True)`: the same, also by the digest of the survey edition
#: those answers were given to (None: not known).
EDITION_COUNT_COLUMNS = [*COUNT_COLUMNS[:4], "edition", *COUNT_COLUMNS[4:]]
#: `orientation_counts`: one row per workshop, orientation (None: not scored) and edition digest
#: answered (None: not known), and how many.
ORIENTATION_COLUMNS = ["workshop", "orientation", "edition", "people"]


def _selected(
    responses: Iterable[Response], workshops: list[str], survey_id: str
) -> list[Response]:
    wanted = set(workshops)
    return [r for r in responses if r.workshop in wanted and r.survey_id == survey_id]


def _scores(r: Response) -> tuple[str | None, float | None, float | None]:
    if r.result is None:
        return None, None, None
    return r.result.orientation, r.result.advancement, r.result.development


def answer_rows(
    responses: Iterable[Response],
    workshops: list[str],
    survey_id: str,
    question_ids: list[str] | None = None,
) -> Rows:
    """The long form of these responses' answers (the SQL store gives them in no set order)."""
    rows: list[Row] = []
    for r in sorted(_selected(responses, workshops, survey_id), key=lambda r: r.id):
        orientation, advancement, development = _scores(r)
        for qid in sorted(r.answers):
            if question_ids is not None and qid not in question_ids:
                continue
            value = r.answers[qid]
            items = value if isinstance(value, tuple) else (value,)
            for seq, item in enumerate(items):
                num = float(item) if isinstance(item, int | float) else None
                text = None if num is not None else str(item)
                rows.append(
                    (
                        r.id,
                        r.workshop,
                        orientation,
                        advancement,
                        development,
                        qid,
                        seq,
                        num,
                        text,
                        r.edition,
                    )
                )
    return list(ANSWER_COLUMNS), rows


def arrival(r: Response) -> tuple[datetime, str]:
    """The order responses arrived in: submission time, then id (a stable tie-break)."""
    return (r.submitted_at, r.id)


def response_rows(responses: Iterable[Response], workshops: list[str], survey_id: str) -> Rows:
    """One row per response, in the order they arrived (`arrival`)."""
    rows: list[Row] = []
    for r in sorted(_selected(responses, workshops, survey_id), key=arrival):
        rows.append((r.id, r.workshop, *_scores(r), r.edition))
    return list(RESPONSE_COLUMNS), rows


def first_arrived(responses: Iterable[Response], upto: dict[str, int]) -> list[Response]:
    """The first `upto[w]` responses of each workshop w, in arrival order (others: none)."""
    seen: Counter[str | None] = Counter()
    out = []
    for r in sorted(responses, key=arrival):
        seen[r.workshop] += 1
        if seen[r.workshop] <= upto.get(r.workshop or "", 0):
            out.append(r)
    return out


def answer_counts(
    responses: Iterable[Response],
    workshops: list[str],
    survey_id: str,
    upto: dict[str, int] | None = None,
    by_edition: bool = False,
) -> Rows:
    """How many answers hold each value, by workshop and question (no set order).

    With `upto`, only the first `upto[w]` responses of each workshop w count (arrival order).
    """
    chosen = _selected(responses, workshops, survey_id)
    if upto is not None:
        chosen = first_arrived(chosen, upto)
    _columns, long = answer_rows(chosen, workshops, survey_id)
    people: Counter[Row] = Counter()
    firsts: Counter[Row] = Counter()
    for _rid, workshop, _o, _a, _d, qid, seq, num, text, edition in long:
        key = (workshop, qid, num, text, edition) if by_edition else (workshop, qid, num, text)
        people[key] += 1
        firsts[key] += seq == 0
    rows = [(*key, n, firsts[key]) for key, n in people.items()]
    return list(EDITION_COUNT_COLUMNS if by_edition else COUNT_COLUMNS), rows


def orientation_counts(
    responses: Iterable[Response],
    workshops: list[str],
    survey_id: str,
    upto: dict[str, int] | None = None,
) -> Rows:
    """How many responses hold each orientation, by workshop and edition (no set order).

    With `upto`, only the first `upto[w]` responses of each workshop w count (arrival order).
    """
    chosen = _selected(responses, workshops, survey_id)
    if upto is not None:
        chosen = first_arrived(chosen, upto)
    people = Counter((r.workshop, _scores(r)[0], r.edition) for r in chosen)
    return list(ORIENTATION_COLUMNS), [(w, o, e, n) for (w, o, e), n in people.items()]
