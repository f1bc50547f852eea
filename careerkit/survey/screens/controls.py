"""One input control per question kind, each exposing the answer as `.value` in model terms."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from careerkit.languages import _, decimal, decimal_mark
from careerkit.model import (
    ChoiceQuestion,
    Item,
    LikertQuestion,
    MultiQuestion,
    NumberQuestion,
    RankingQuestion,
    TextQuestion,
)
from careerkit.ui.fixed import (
    SharedCheckboxStyle,
    SharedLayout,
    plain_layout,
    row_layout,
    scale_style,
    shared,
)
from careerkit.ui.text import fixed_para, markup, para

from ..scoring import number_problem
from .ranking import RankingInput


def _full() -> Any:
    """The full-width layout, shared (fixed.py): inputs never change their own layout."""
    return shared("full-width", lambda: SharedLayout(width="100%"))


class QuestionBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A question's label, help, input and error line; `.value` is the answer (None if blank)."""

    value = traitlets.Any(None)

    def __init__(self, question: Item) -> None:
        self.question = question
        mark = " *" if question.required else ""
        # careerkit-a11y.js names the question's inputs by this text (class careerkit-prompt).
        self.label = fixed_para(question.text + mark, "prompt")
        self.error: widgets.HTML | None = None  # made when there is first something to say
        self.input, self._read, self._write = _build_input(question)
        parts: list[widgets.Widget] = [self.label]
        if question.help:
            parts.append(fixed_para(question.help, "hint"))
        parts.append(self.input)
        if isinstance(question, NumberQuestion):
            # Said as soon as a number does not fit: a live region that is there from the start.
            self.error = para("", "error")
            self.error.add_class("careerkit-question-error")
            self.error.add_class("careerkit-live")
            parts.append(self.error)
        # Its own layout: visible_if hides and shows the question.
        super().__init__(children=parts, layout=widgets.Layout(margin="0 0 0.8em 0"))
        self.add_class("careerkit-question")
        self.add_class(f"careerkit-q-{question.id}")
        self._syncing = False
        for source in _sources(self.input):
            source.observe(self._from_input, names="value")
        self.observe(self._to_input, names="value")

    def _from_input(self, _change: Any) -> None:
        if not self._syncing:
            self._syncing = True
            self.value = self._read()
            self._syncing = False
            if isinstance(self.question, NumberQuestion):
                problem = None if self.value is None else number_problem(self.question, self.value)
                self.show_error(f"“{self.question.text}”: {problem}" if problem else "")

    def _to_input(self, change: Any) -> None:
        if not self._syncing:
            self._syncing = True
            self._write(change["new"])
            self.value = self._read()
            self._syncing = False

    def show_error(self, text: str) -> None:
        if self.error is None:
            if text:
                self.error = para(text, "error")
                self.error.add_class("careerkit-question-error")
                self.children = (*self.children, self.error)  # type: ignore[has-type]  # untyped ipywidgets
            return
        self.error.value = markup(text, "error") if text else ""
        if not isinstance(self.question, NumberQuestion):  # a live region stays in place
            self.error.layout.display = "" if text else "none"

    def set_enabled(self, enabled: bool) -> None:
        for source in _sources(self.input):
            source.disabled = not enabled


def _sources(box: widgets.Widget) -> list[widgets.Widget]:
    """The widgets inside an input that hold values."""
    if isinstance(box, RankingInput):
        return [box]
    if isinstance(box, widgets.Box):
        return [w for child in box.children for w in _sources(child)]
    return (
        [box] if hasattr(box, "value") and not isinstance(box, widgets.HTML | widgets.Label) else []
    )


def _build_input(q: Item) -> tuple[widgets.Widget, Any, Any]:
    if isinstance(q, LikertQuestion):
        return _likert(q)
    if isinstance(q, RankingQuestion):
        ranking = RankingInput(q)
        return ranking, lambda: ranking.value, ranking.write
    if isinstance(q, NumberQuestion):
        return _number(q)
    if isinstance(q, ChoiceQuestion):
        radio = widgets.RadioButtons(
            options=[(o.label, o.id) for o in q.options], value=None, layout=_full()
        )
        radio.add_class("careerkit-choice")
        return radio, lambda: radio.value, lambda v: setattr(radio, "value", v)
    if isinstance(q, MultiQuestion):
        return _multi(q)
    assert isinstance(q, TextQuestion)  # noqa: S101  (the union has six members)
    # A text reaches the kernel when it is committed (left, or a click anywhere: see
    # careerkit-tab.js), never keystroke by keystroke: queued keystrokes could arrive after the
    # Submit click that followed them and the answer would lose its end.
    cls = widgets.Textarea if q.long else widgets.Text
    box = cls(
        value="",
        placeholder=q.placeholder,
        layout=_tall() if q.long else _full(),
        continuous_update=False,
    )
    box.add_class("careerkit-text")

    def read() -> str | None:
        return box.value.strip() or None

    return box, read, lambda v: setattr(box, "value", v or "")


def _tall() -> Any:
    """Full width, six lines high, shared: for long text answers."""
    return shared("full-width-tall", lambda: SharedLayout(width="100%", height="6em"))


def _likert(q: LikertQuestion) -> tuple[widgets.Widget, Any, Any]:
    n = q.scale.points
    tips = [
        _("{point} of {points}").format(point=i, points=n)
        + (f": {q.scale.low}" if i == 1 else f": {q.scale.high}" if i == n else "")
        for i in range(1, n + 1)
    ]
    buttons = widgets.ToggleButtons(
        options=[(str(i), i) for i in range(1, n + 1)],
        value=None,
        tooltips=tips,
        style=scale_style(),
        layout=plain_layout(),
    )
    buttons.add_class("careerkit-likert")  # a radio group in the page (careerkit-a11y.js)
    row = widgets.HBox(
        [fixed_para(q.scale.low, "hint"), buttons, fixed_para(q.scale.high, "hint")],
        layout=row_layout(),
    )
    return row, lambda: buttons.value, lambda v: setattr(buttons, "value", v)


def _multi(q: MultiQuestion) -> tuple[widgets.Widget, Any, Any]:
    boxes = {
        o.id: widgets.Checkbox(
            value=False,
            description=o.label,
            indent=False,
            layout=shared("option", lambda: SharedLayout(width="100%", height="1.9em", margin="0")),
            style=shared("option-style", SharedCheckboxStyle),
        )
        for o in q.options
    }
    group = widgets.VBox(
        list(boxes.values()), layout=shared("auto-height", lambda: SharedLayout(height="auto"))
    )
    group.add_class("careerkit-multi")

    def read() -> tuple[str, ...] | None:
        picked = tuple(i for i, b in boxes.items() if b.value)
        return picked or None

    def write(value: Any) -> None:
        chosen = set(value or ())
        for i, b in boxes.items():
            b.value = i in chosen

    return group, read, write


def read_number(text: str) -> int | float | str | None:
    """A typed number (a decimal comma is fine), whole numbers as int; the text if it is none."""
    typed = text.strip()
    if not typed:
        return None
    try:
        number = float(typed.replace(",", ".").replace(" ", ""))
    except ValueError:
        return typed  # kept as typed: checking it says what to type instead
    if number != number or number in (float("inf"), float("-inf")):
        return typed
    return int(number) if number.is_integer() else number


def _number(q: NumberQuestion) -> tuple[widgets.Widget, Any, Any]:
    # Read when the participant leaves the box or presses Enter: "-" on the way to "-2" is no error.
    box = widgets.Text(
        value="",
        continuous_update=False,
        layout=shared("number", lambda: SharedLayout(width="8em")),
    )
    box.add_class("careerkit-number")  # a decimal keyboard on phones (careerkit-a11y.js)
    span = _("({low} to {high})").format(low=decimal(q.min, None), high=decimal(q.max, None))
    hint = fixed_para(f"{q.unit} {span}".strip(), "hint")
    row = widgets.HBox([box, hint], layout=row_layout())

    def write(value: Any) -> None:
        # str keeps every digit of a float; the reader's decimal mark, as read_number takes it
        box.value = "" if value is None else str(value).replace(".", decimal_mark())

    return row, lambda: read_number(box.value), write
