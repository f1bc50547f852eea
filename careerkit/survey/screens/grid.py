"""A matrix question: its statements' scales as one grid, each row a likert item of its own.

Wide screens show a compact grid (statement left, scale right, the scale's ends named once
above); on a phone each row stacks its statement over its scale and names the ends itself
(careerkit-a11y.css). Each row is a radio group named by its statement (careerkit-a11y.js).
"""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.model import MatrixQuestion
from careerkit.ui.text import fixed_para

from .controls import QuestionBox


class MatrixBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """The matrix's text and help, the scale's ends, then one row per statement."""

    def __init__(self, question: MatrixQuestion, rows: list[QuestionBox]) -> None:
        self.question = question
        self.rows = rows
        ends = widgets.HBox(
            [
                fixed_para(f"1 = {question.scale.low}", "hint"),
                fixed_para(f"{question.scale.points} = {question.scale.high}", "hint"),
            ]
        )
        ends.add_class("careerkit-matrix-ends")
        parts: list[widgets.Widget] = [fixed_para(question.text, "prompt")]
        if question.help:
            parts.append(fixed_para(question.help, "hint"))
        # Its own layout: visible_if hides and shows the whole matrix.
        super().__init__(
            children=[*parts, ends, *rows], layout=widgets.Layout(margin="0 0 0.8em 0")
        )
        self.add_class("careerkit-matrix")
        self.add_class(f"careerkit-q-{question.id}")
        for row in rows:
            row.add_class("careerkit-matrix-row")
