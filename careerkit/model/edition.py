"""Survey editions: each distinct validated definition of a survey id, and what changes meaning.

An edition is known by the SHA-256 of its definition's canonical JSON (`survey_digest`), which a
survey kernel computes from its cached survey without a YAML reader. Two editions may differ in
wording only (texts, help, labels); a change that alters what stored answers mean (a question
removed, its kind, scale points or options changed, scoring changed) needs a new `version`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import Field

from .base import Frozen, Ident, Loc
from .questions import (
    AnswerValue,
    ChoiceQuestion,
    Item,
    LikertQuestion,
    MatrixQuestion,
    MultiQuestion,
    NumberQuestion,
    RankingQuestion,
    items_of,
)
from .survey import EditionDigest, Survey

#: Kinds whose answers are option ids (one, several, or several in order).
_WITH_OPTIONS = ChoiceQuestion | MultiQuestion | RankingQuestion


def survey_digest(definition: object) -> str:
    """The SHA-256 (hex) of a definition's canonical JSON: sorted keys, no spaces, UTF-8."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Edition(Frozen):
    """One edition of a survey as the database keeps it: stored once, when first used."""

    survey_id: Ident
    digest: EditionDigest
    version: int = Field(ge=1)
    definition: dict[str, Any]  # the survey as `model_dump(mode="json")` gives it
    first_seen: datetime


def edition_of(survey: Survey, first_seen: datetime) -> Edition:
    """The edition a survey definition is (its digest computed from its JSON)."""
    definition = survey.model_dump(mode="json")
    return Edition(
        survey_id=survey.id,
        digest=survey_digest(definition),
        version=survey.version,
        definition=definition,
        first_seen=first_seen,
    )


def question_meaning(q: Item) -> tuple[object, ...]:
    """What a question's stored answers mean: its kind, scale points, option ids, places or unit."""
    if isinstance(q, LikertQuestion):
        return (q.kind, q.scale.points)
    if isinstance(q, RankingQuestion):
        return (q.kind, tuple(sorted(o.id for o in q.options)), q.places)
    if isinstance(q, ChoiceQuestion | MultiQuestion):
        return (q.kind, tuple(sorted(o.id for o in q.options)))
    if isinstance(q, NumberQuestion):
        return (q.kind, q.unit)
    return (q.kind,)


def scoring_meaning(survey: Survey) -> tuple[object, ...]:
    """What a stored orientation means: the thresholds and every item's weights."""
    if survey.scoring is None:
        return ()
    t = survey.scoring.thresholds
    weights = tuple(
        (q.id, q.score.advancement, q.score.development)
        for q in survey.questions
        if isinstance(q, LikertQuestion) and q.score is not None
    )
    return (t.interest, t.lead, weights)


def _where(survey: Survey) -> dict[str, tuple[Loc, Item]]:
    """Every item answers are stored under (a matrix's rows one by one) and its place."""
    out: dict[str, tuple[Loc, Item]] = {}
    for p, page in enumerate(survey.pages):
        for i, q in enumerate(page.questions):
            here: Loc = ("pages", p, "questions", i)
            if isinstance(q, MatrixQuestion):
                for j, row in enumerate(items_of(q)):
                    out[row.id] = ((*here, "rows", j), row)
            else:
                out[q.id] = (here, q)
    return out


def meaning_changes(old: Survey, new: Survey) -> list[tuple[Loc, str]]:
    """Each change from `old` to `new` that alters what stored answers mean, placed in `new`."""
    out: list[tuple[Loc, str]] = []
    at = _where(new)
    for qid, (loc, q) in _where(old).items():
        if qid not in at:
            page = loc[1] if isinstance(loc[1], int) else 0
            here: Loc = ("pages", min(page, len(new.pages) - 1), "questions")
            out.append((here, f"question '{qid}' was removed"))
            continue
        where, now = at[qid]
        out += _question_changes(q, now, where)
    out += _scoring_changes(old, new)
    return out


def _question_changes(old: Item, new: Item, here: Loc) -> list[tuple[Loc, str]]:
    name = f"question '{old.id}'"
    if old.kind != new.kind:
        return [((*here, "kind"), f"{name} was {old.kind}, now {new.kind}")]
    if isinstance(old, LikertQuestion) and isinstance(new, LikertQuestion):
        out = []
        if old.scale.points != new.scale.points:
            msg = f"{name} had {old.scale.points} scale points, now {new.scale.points}"
            out.append(((*here, "scale", "points"), msg))
        if old.score != new.score:
            msg = f"{name}'s scoring weights changed ({_weights(old)} -> {_weights(new)})"
            out.append(((*here, "score"), msg))
        return out
    out = []
    if isinstance(old, _WITH_OPTIONS):
        assert isinstance(new, _WITH_OPTIONS)  # noqa: S101  (same kind)
        gone = [o.id for o in old.options if o.id not in {n.id for n in new.options}]
        if gone:
            shown = ", ".join(f"'{g}'" for g in gone)
            out.append(((*here, "options"), f"{name} lost option id(s) {shown}"))
    if (
        isinstance(old, RankingQuestion)
        and isinstance(new, RankingQuestion)
        and old.places != new.places
    ):
        msg = f"{name} asked for {old.places} places, now {new.places}"
        out.append(((*here, "at_most"), msg))
    if isinstance(old, NumberQuestion) and isinstance(new, NumberQuestion) and old.unit != new.unit:
        msg = f"{name} was counted in '{old.unit or 'no unit'}', now '{new.unit or 'no unit'}'"
        out.append(((*here, "unit"), msg))
    return out


def _weights(q: LikertQuestion) -> str:
    if q.score is None:
        return "none"
    return f"advancement {q.score.advancement:g}, development {q.score.development:g}"


def _scoring_changes(old: Survey, new: Survey) -> list[tuple[Loc, str]]:
    if (old.scoring is None) != (new.scoring is None):
        state = "added" if old.scoring is None else "removed"
        return [(("scoring",), f"scoring was {state}")]
    if old.scoring is None or new.scoring is None:
        return []
    out: list[tuple[Loc, str]] = []
    a, b = old.scoring.thresholds, new.scoring.thresholds
    for name in ("interest", "lead"):
        if getattr(a, name) != getattr(b, name):
            msg = f"the {name} threshold was {getattr(a, name):g}, now {getattr(b, name):g}"
            out.append((("scoring", "thresholds", name), msg))
    return out


def answers_fit(survey: Survey, answers: dict[str, AnswerValue]) -> bool:
    """Whether every stored answer is a possible answer to this survey's question of that id."""
    for qid, value in answers.items():
        try:
            q = survey.question(qid)
        except KeyError:
            return False
        if isinstance(q, LikertQuestion):
            ok = isinstance(value, int) and 1 <= value <= q.scale.points
        elif isinstance(q, RankingQuestion):
            ids = {o.id for o in q.options}
            ok = isinstance(value, tuple) and len(value) <= q.places and set(value) <= ids
        elif isinstance(q, NumberQuestion):
            ok = isinstance(value, int | float) and q.min <= value <= q.max
        elif isinstance(q, ChoiceQuestion | MultiQuestion):
            ids = {o.id for o in q.options}
            items = value if isinstance(value, tuple) else (value,)
            ok = isinstance(value, tuple) == (q.kind == "multi") and all(i in ids for i in items)
        else:
            ok = isinstance(value, str)
        if not ok:
            return False
    return True


def other_changes(old: Survey, new: Survey) -> list[str]:
    """Changes from `old` to `new` that keep stored answers' meaning: additions, wording."""
    out: list[str] = []
    before = {q.id: q for q in old.questions}
    for q in new.questions:
        was = before.get(q.id)
        if was is None:
            out.append(f"question '{q.id}' was added")
            continue
        if isinstance(was, _WITH_OPTIONS) and isinstance(q, _WITH_OPTIONS):
            added = [o.id for o in q.options if o.id not in {w.id for w in was.options}]
            if added:
                out.append(f"question '{q.id}' gained option id(s) {', '.join(added)}")
        if (
            isinstance(was, NumberQuestion)
            and isinstance(q, NumberQuestion)
            and (was.min, was.max, was.step) != (q.min, q.max, q.step)
        ):
            out.append(f"question '{q.id}': range or step changed (same unit)")
        if _wording(was) != _wording(q):
            out.append(f"question '{q.id}': wording changed (text, help or labels)")
    if (old.title, old.intro, [p.title for p in old.pages]) != (
        new.title,
        new.intro,
        [p.title for p in new.pages],
    ):
        out.append("the survey's title, intro or page titles changed")
    return out


def _wording(q: Item) -> tuple[object, ...]:
    labels: tuple[object, ...] = ()
    if isinstance(q, LikertQuestion):
        labels = (q.scale.low, q.scale.high)
    elif isinstance(q, NumberQuestion):
        labels = (q.unit,)
    elif isinstance(q, _WITH_OPTIONS):
        labels = tuple(sorted((o.id, o.label) for o in q.options))
    return (q.text, q.help, labels)
