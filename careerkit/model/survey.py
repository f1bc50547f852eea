"""Frozen models of a survey and its responses: validation only, no I/O, no UI."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .base import DEFER_CROSS_CHECK, ORIENTATIONS, Frozen, Ident, LangCode, Loc, Orientation, Text

AnswerValue = int | str | tuple[str, ...]
QUESTION_KINDS = ("likert", "choice", "multi", "text")


class Option(Frozen):
    id: Ident
    label: Text

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        # A bare label is allowed in definition files; its id is derived from it.
        if isinstance(data, str):
            slug = "".join(ch if ch.isalnum() else "_" for ch in data.lower()).strip("_")
            return {"id": slug or data, "label": data}
        return data


class Scale(Frozen):
    points: int = Field(ge=2, le=11)
    low: Text
    high: Text


class Weights(Frozen):
    advancement: float = Field(default=0.0, ge=-10, le=10)
    development: float = Field(default=0.0, ge=-10, le=10)


class VisibleIf(Frozen):
    question: Ident
    equals: int | str | None = None
    one_of: tuple[int | str, ...] | None = None
    at_least: int | None = None

    @model_validator(mode="after")
    def _one_condition(self) -> VisibleIf:
        given = [n for n in ("equals", "one_of", "at_least") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of equals, one_of, at_least")
        return self

    def holds(self, answer: AnswerValue | None) -> bool:
        """Whether the condition is met by the earlier question's answer."""
        if answer is None:
            return False
        if self.equals is not None:
            return answer == self.equals or (isinstance(answer, tuple) and self.equals in answer)
        if self.one_of is not None:
            if isinstance(answer, tuple):
                return any(a in self.one_of for a in answer)
            return answer in self.one_of
        return isinstance(answer, int) and self.at_least is not None and answer >= self.at_least


class _Question(Frozen):
    id: Ident
    text: Text
    help: str = ""
    required: bool = True
    visible_if: VisibleIf | None = None


class LikertQuestion(_Question):
    kind: Literal["likert"]
    scale: Scale
    score: Weights | None = None


class ChoiceQuestion(_Question):
    kind: Literal["choice"]
    options: tuple[Option, ...] = Field(min_length=2)


class MultiQuestion(_Question):
    kind: Literal["multi"]
    options: tuple[Option, ...] = Field(min_length=2)
    min: int = Field(default=0, ge=0)
    max: int | None = Field(default=None, ge=1)


class TextQuestion(_Question):
    kind: Literal["text"]
    long: bool = False
    max_length: int = Field(default=2000, ge=1, le=20000)
    placeholder: str = ""


Question = Annotated[
    LikertQuestion | ChoiceQuestion | MultiQuestion | TextQuestion, Field(discriminator="kind")
]


class Page(Frozen):
    title: Text
    intro: str = ""
    questions: tuple[Question, ...] = Field(min_length=1)


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

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for page in self.pages for q in page.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


def cross_check(survey: Survey) -> list[tuple[Loc, str]]:
    """Problems that span several questions: duplicate ids, dangling references, dead scoring."""
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, Question] = {}
    weighted = {"advancement": 0, "development": 0}
    for p, page in enumerate(survey.pages):
        for q, question in enumerate(page.questions):
            here: Loc = ("pages", p, "questions", q)
            if question.id in seen:
                problems.append(((*here, "id"), f"duplicate question id '{question.id}'"))
            if question.visible_if is not None:
                problems += _check_condition(question.visible_if, seen, (*here, "visible_if"))
            if isinstance(question, ChoiceQuestion | MultiQuestion):
                problems += _check_options(question, here)
            if isinstance(question, MultiQuestion):
                problems += _check_multi(question, here)
            if isinstance(question, LikertQuestion) and question.score is not None:
                for side in weighted:
                    weighted[side] += getattr(question.score, side) != 0
            seen[question.id] = question
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


def _check_condition(cond: VisibleIf, seen: dict[str, Question], loc: Loc) -> list[tuple[Loc, str]]:
    target = seen.get(cond.question)
    if target is None:
        known = ", ".join(seen) or "none yet"
        msg = f"'{cond.question}' is not an earlier question (earlier questions: {known})"
        return [((*loc, "question"), msg)]
    if cond.at_least is not None and not isinstance(target, LikertQuestion):
        return [((*loc, "at_least"), f"'{target.id}' is a {target.kind} question; use equals")]
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
    if isinstance(target, ChoiceQuestion | MultiQuestion):
        ids = {o.id for o in target.options}
        for where, value in values:
            if value not in ids:
                shown = ", ".join(sorted(ids))
                return [(where, f"{value!r} is not an option of '{target.id}' (options: {shown})")]
    return []


def _check_options(question: ChoiceQuestion | MultiQuestion, here: Loc) -> list[tuple[Loc, str]]:
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
