"""Question kinds of a survey: one model each, and the answers they take."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from .base import Frozen, Ident, Text

#: An answer as stored: a scale point or number, an option id or text, picked or ranked option ids.
AnswerValue = int | float | str | tuple[str, ...]
QUESTION_KINDS = ("likert", "choice", "multi", "text", "ranking", "matrix", "number")


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
        if isinstance(answer, bool) or not isinstance(answer, int | float) or self.at_least is None:
            return False
        return answer >= self.at_least


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


class RankingQuestion(_Question):
    """Put options in order of preference: all of them, or the top `at_most`."""

    kind: Literal["ranking"]
    options: tuple[Option, ...] = Field(min_length=2)
    at_most: int | None = Field(default=None, ge=1)

    @property
    def places(self) -> int:
        """How many options an answer ranks."""
        return min(self.at_most or len(self.options), len(self.options))


class MatrixRow(Frozen):
    """One statement of a matrix: answered, stored and scored as a likert item of its own."""

    id: Ident
    text: Text
    required: bool = True
    score: Weights | None = None


class MatrixQuestion(Frozen):
    """Several statements sharing one likert scale, shown as one grid."""

    id: Ident
    kind: Literal["matrix"]
    text: Text
    help: str = ""
    visible_if: VisibleIf | None = None
    scale: Scale
    rows: tuple[MatrixRow, ...] = Field(min_length=1)

    @property
    def required(self) -> bool:
        """Whether any row needs an answer (a matrix has no `required` of its own)."""
        return any(r.required for r in self.rows)

    def items(self) -> tuple[LikertQuestion, ...]:
        """The rows as the likert items they are answered, stored and scored as."""
        # model_construct: the matrix is validated already, and a participant kernel builds no
        # validators (definitions/trusted.py).
        return tuple(
            LikertQuestion.model_construct(
                id=r.id,
                kind="likert",
                text=r.text,
                help="",
                required=r.required,
                visible_if=self.visible_if,
                scale=self.scale,
                score=r.score,
            )
            for r in self.rows
        )


class NumberQuestion(_Question):
    """A number between `min` and `max`, in steps of `step`, with an optional unit."""

    kind: Literal["number"]
    min: float
    max: float
    step: float = Field(default=1.0, gt=0)
    unit: str = Field(default="", max_length=40)


Question = Annotated[
    LikertQuestion
    | ChoiceQuestion
    | MultiQuestion
    | TextQuestion
    | RankingQuestion
    | MatrixQuestion
    | NumberQuestion,
    Field(discriminator="kind"),
]
#: What one answer is given to: any question but a matrix, whose rows are likert items.
Item = (
    LikertQuestion
    | ChoiceQuestion
    | MultiQuestion
    | TextQuestion
    | RankingQuestion
    | NumberQuestion
)


def items_of(question: Question) -> tuple[Item, ...]:
    """The items a question's answers are given to: a matrix's rows, or the question itself."""
    if isinstance(question, MatrixQuestion):
        return question.items()
    return (question,)
