"""Frozen models of a survey and its responses: validation only, no I/O, no UI."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .base import DEFER_CROSS_CHECK, ORIENTATIONS, Frozen, Ident, LangCode, Loc, Orientation, Text
from .questions import (
    AnswerValue,
    ChoiceQuestion,
    Item,
    LikertQuestion,
    MatrixQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
    RankingQuestion,
    VisibleIf,
    items_of,
)

#: An edition's digest: the SHA-256 (hex) of its definition's canonical JSON.
EditionDigest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Page(Frozen):
    title: Text
    intro: str = ""
    questions: tuple[Question, ...] = Field(min_length=1)

    @property
    def items(self) -> tuple[Item, ...]:
        """What the page's answers are given to: its questions, each matrix as its rows."""
        return tuple(item for q in self.questions for item in items_of(q))


class OrientationText(Frozen):
    title: Text
    summary: Text
    next_steps: tuple[Text, ...] = Field(min_length=1)


class Thresholds(Frozen):
    interest: float = Field(gt=0, lt=100)
    lead: float = Field(ge=0, lt=100)


class Scoring(Frozen):
    thresholds: Thresholds
    orientations: dict[Orientation, OrientationText]

    @field_validator("orientations")
    @classmethod
    def _all_four(cls, value: dict[str, OrientationText]) -> dict[str, OrientationText]:
        missing = [o for o in ORIENTATIONS if o not in value]
        if missing:
            raise ValueError(f"add text for every orientation; missing: {', '.join(missing)}")
        return value


class Survey(Frozen):
    id: Ident
    title: Text
    intro: str = ""
    version: int = Field(default=1, ge=1)
    ask_name: bool = False
    pages: tuple[Page, ...] = Field(min_length=1)
    scoring: Scoring | None = None
    #: The languages the file gives its texts in (the first is the default); empty: just one.
    languages: tuple[LangCode, ...] = ()

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Survey:
        if info.context and info.context.get(DEFER_CROSS_CHECK):
            return self
        problems = cross_check(self)
        if problems:
            joined = "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems)
            raise ValueError(joined)
        return self

    @property  # not cached: a copy with other pages (model_copy) must not keep the old list
    def questions(self) -> tuple[Item, ...]:
        """Every item an answer is given to, in order: a matrix counts as its rows."""
        return tuple(item for page in self.pages for item in page.items)

    def question(self, question_id: str) -> Item:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


def cross_check(survey: Survey) -> list[tuple[Loc, str]]:
    """Problems that span several questions: duplicate ids, dangling references, dead scoring."""
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, Item] = {}
    grids: dict[str, MatrixQuestion] = {}  # matrix ids: unique too, but no answer is given to one
    weighted = {"advancement": 0, "development": 0}
    for p, page in enumerate(survey.pages):
        for q, question in enumerate(page.questions):
            here: Loc = ("pages", p, "questions", q)
            if question.visible_if is not None:
                where = (*here, "visible_if")
                problems += _check_condition(question.visible_if, seen, grids, where)
            problems += _own_problems(question, here)
            ids: list[tuple[Loc, str, Item | None]] = [((*here, "id"), question.id, None)]
            if isinstance(question, MatrixQuestion):  # the matrix's id first, then its rows'
                rows = enumerate(question.items())
                ids += [((*here, "rows", r, "id"), row.id, row) for r, row in rows]
            else:
                ids = [((*here, "id"), question.id, question)]
            for where, qid, item in ids:
                if qid in seen or qid in grids:
                    problems.append((where, f"duplicate question id '{qid}'"))
                if item is None and isinstance(question, MatrixQuestion):
                    grids[qid] = question
                    continue
                if isinstance(item, LikertQuestion) and item.score is not None:
                    for side in weighted:
                        weighted[side] += getattr(item.score, side) != 0
                if item is not None:
                    seen[qid] = item
    if survey.scoring is not None:
        for side, count in weighted.items():
            if count == 0:
                msg = f"no likert question scores '{side}'; add `score: {{{side}: 1}}`"
                problems.append((("scoring",), msg))
        t = survey.scoring.thresholds
        if t.lead >= t.interest:
            msg = f"must be smaller than interest ({t.interest:g})"
            problems.append((("scoring", "thresholds", "lead"), msg))
    return problems


def _own_problems(question: Question, here: Loc) -> list[tuple[Loc, str]]:
    """What is wrong within one question (its options, limits and bounds)."""
    if isinstance(question, ChoiceQuestion | MultiQuestion | RankingQuestion):
        found = _check_options(question, here)
        if found:
            return found
    if isinstance(question, MultiQuestion):
        return _check_multi(question, here)
    if isinstance(question, RankingQuestion):
        n = len(question.options)
        if question.at_most is not None and question.at_most > n:
            return [((*here, "at_most"), f"is {question.at_most} but there are only {n} options")]
    if isinstance(question, NumberQuestion):
        return _check_number(question, here)
    return []


def _check_number(q: NumberQuestion, here: Loc) -> list[tuple[Loc, str]]:
    if q.min >= q.max:
        return [((*here, "max"), f"must be larger than min ({q.min:g})")]
    if q.step > q.max - q.min:
        return [((*here, "step"), f"is {q.step:g}, more than max - min ({q.max - q.min:g})")]
    return []


def _check_condition(
    cond: VisibleIf, seen: dict[str, Item], grids: dict[str, MatrixQuestion], loc: Loc
) -> list[tuple[Loc, str]]:
    target = seen.get(cond.question)
    grid = grids.get(cond.question)
    if grid is not None:
        rows = ", ".join(r.id for r in grid.rows)
        msg = f"'{grid.id}' is a matrix; name one of its rows instead ({rows})"
        return [((*loc, "question"), msg)]
    if target is None:
        known = ", ".join(seen) or "none yet"
        msg = f"'{cond.question}' is not an earlier question (earlier questions: {known})"
        return [((*loc, "question"), msg)]
    if cond.at_least is not None and not isinstance(target, LikertQuestion | NumberQuestion):
        return [((*loc, "at_least"), f"'{target.id}' is a {target.kind} question; use equals")]
    at_least = cond.at_least
    number = target if isinstance(target, NumberQuestion) else None
    if number is not None and at_least is not None and not number.min <= at_least <= number.max:
        shown = f"{number.min:g} to {number.max:g}"
        msg = f"{at_least!r} is outside the answers of '{number.id}' ({shown})"
        return [((*loc, "at_least"), msg)]
    if cond.equals is not None:
        values: list[tuple[Loc, int | str]] = [((*loc, "equals"), cond.equals)]
    else:
        values = [((*loc, "one_of", i), v) for i, v in enumerate(cond.one_of or ())]
    if isinstance(target, LikertQuestion):
        points = target.scale.points
        if cond.at_least is not None:
            values = [((*loc, "at_least"), cond.at_least)]
        for where, value in values:
            if not isinstance(value, int) or not 1 <= value <= points:
                return [(where, f"{value!r} is not a point of '{target.id}' (1 to {points})")]
    if isinstance(target, ChoiceQuestion | MultiQuestion | RankingQuestion):
        ids = {o.id for o in target.options}
        for where, value in values:
            if value not in ids:
                shown = ", ".join(sorted(ids))
                return [(where, f"{value!r} is not an option of '{target.id}' (options: {shown})")]
    return []


def _check_options(
    question: ChoiceQuestion | MultiQuestion | RankingQuestion, here: Loc
) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    for i, option in enumerate(question.options):
        if option.id in seen:
            msg = f"duplicate option id '{option.id}'; give each option its own id"
            return [((*here, "options", i), msg)]
        seen.add(option.id)
    return []


def _check_multi(question: MultiQuestion, here: Loc) -> list[tuple[Loc, str]]:
    n = len(question.options)
    if question.max is not None and question.max > n:
        return [((*here, "max"), f"is {question.max} but there are only {n} options")]
    if question.max is not None and question.min > question.max:
        return [((*here, "min"), f"is larger than max ({question.max})")]
    if question.min > n:
        return [((*here, "min"), f"is {question.min} but there are only {n} options")]
    return []


class ScoreResult(Frozen):
    advancement: float = Field(ge=0, le=100)
    development: float = Field(ge=0, le=100)
    orientation: Orientation


class Response(Frozen):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    survey_id: Ident
    workshop: str | None = Field(default=None, max_length=64)
    participant: str | None = Field(default=None, max_length=200)
    answers: dict[str, AnswerValue]
    result: ScoreResult | None = None
    submitted_at: datetime
    #: The digest of the survey edition it answered (model/edition.py); None for responses
    #: stored before editions were recorded and not yet matched to one.
    edition: EditionDigest | None = None


#: A draft's key: the secret of one browser tab, at least 64 bits (16 hex digits) of it.
DraftKey = Annotated[str, StringConstraints(min_length=16, max_length=128)]


class Draft(Frozen):
    """A survey form's answers in progress, saved as they change so a reload brings them back.

    `key` is known only to the tab that made it; stores keep its SHA-256, never the key itself,
    and it is left out of the model's repr so it does not end up in a log.
    """

    key: DraftKey = Field(repr=False)
    survey_id: Ident
    workshop: str | None = Field(default=None, max_length=64)
    submission_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    answers: dict[str, AnswerValue]
    participant: str | None = Field(default=None, max_length=200)
    page: int = Field(default=0, ge=0)
    updated_at: datetime
    edition: EditionDigest | None = None
