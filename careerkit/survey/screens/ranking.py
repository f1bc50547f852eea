"""The ranking control: options put in order with buttons (Add, Up, Down, Remove), no dragging.

Its rows never move: slot 1 always shows the first choice, and a move changes which option the
slots show. careerkit-a11y.js moves the keyboard focus with the option that moved, names each
button by its tooltip ("Move Better pay up") and the group by the question.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from careerkit.languages import _
from careerkit.model import RankingQuestion
from careerkit.ui.fixed import SharedLayout, shared
from careerkit.ui.text import fixed_para, markup


def _button(text: str, css: str) -> widgets.Button:
    b = widgets.Button(
        description=text,
        layout=shared("rank-button", lambda: SharedLayout(width="auto", margin="0 0 0 0.4em")),
    )
    b.add_class(css)
    return b


class RankingInput(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """`.value`: the ranked option ids in order (None when nothing is ranked yet)."""

    value = traitlets.Any(None)
    disabled = traitlets.Bool(False)

    def __init__(self, question: RankingQuestion) -> None:
        self.question = question
        self.labels = {o.id: o.label for o in question.options}
        self.order: list[str] = []
        self.slots = [self._slot(i) for i in range(question.places)]
        self.pool = {o.id: self._option(o.id) for o in question.options}
        self.said = widgets.HTML("")
        self.said.add_class("careerkit-live")  # announced: what the last move did
        top = question.places if question.at_most else None
        heading = (
            _("Your top {count}, first choice first:").format(count=top)
            if top
            else _("Your order, first choice first:")
        )
        super().__init__(
            children=[
                fixed_para(heading, "hint"),
                *[row for row, *_ in self.slots],
                fixed_para(_("Not ranked yet:"), "hint"),
                *[row for row, _add in self.pool.values()],
                self.said,
            ],
            layout=shared("auto-height", lambda: SharedLayout(height="auto")),
        )
        self.add_class("careerkit-ranking")
        self.observe(lambda _c: self._show(), names=["value", "disabled"])
        self._show()

    def _slot(self, i: int) -> tuple[widgets.HBox, widgets.HTML, widgets.Button, widgets.Button]:
        label = widgets.HTML("")
        label.add_class("careerkit-rank-label")
        up = _button(_("Up"), "careerkit-rank-up")
        down = _button(_("Down"), "careerkit-rank-down")
        remove = _button(_("Remove"), "careerkit-rank-remove")
        up.on_click(lambda _b: self._move(i, -1))
        down.on_click(lambda _b: self._move(i, 1))
        remove.on_click(lambda _b: self._remove(i))
        row = widgets.HBox([label, up, down, remove], layout=widgets.Layout(align_items="center"))
        row.add_class("careerkit-rank-slot")
        return row, label, up, down

    def _option(self, option_id: str) -> tuple[widgets.HBox, widgets.Button]:
        add = _button(_("Add"), "careerkit-rank-add")
        add.tooltip = _("Add {option} to your ranking").format(option=self.labels[option_id])
        add.on_click(lambda _b: self._add(option_id))
        row = widgets.HBox(
            [fixed_para(self.labels[option_id]), add], layout=widgets.Layout(align_items="center")
        )
        row.add_class("careerkit-rank-option")
        return row, add

    def _set(self, order: list[str], said: str) -> None:
        self.order = order
        self.value = tuple(order) or None
        self.said.value = markup(said, "hint")
        self._show()

    def _add(self, option_id: str) -> None:
        if option_id not in self.order and len(self.order) < self.question.places:
            order = [*self.order, option_id]
            said = _("{option} is number {place}.").format(
                option=self.labels[option_id], place=len(order)
            )
            self._set(order, said)

    def _move(self, i: int, step: int) -> None:
        j = i + step
        if 0 <= i < len(self.order) and 0 <= j < len(self.order):
            order = list(self.order)
            order[i], order[j] = order[j], order[i]
            said = _("{option} is now number {place}.").format(
                option=self.labels[order[j]], place=j + 1
            )
            self._set(order, said)

    def _remove(self, i: int) -> None:
        if 0 <= i < len(self.order):
            gone = self.order[i]
            said = _("{option} is not ranked.").format(option=self.labels[gone])
            self._set(self.order[:i] + self.order[i + 1 :], said)

    def write(self, value: Any) -> None:
        """Put back a stored ranking (ids the question no longer has are left out)."""
        order = [v for v in dict.fromkeys(value or ()) if v in self.labels]
        self.order = order[: self.question.places]
        self.value = tuple(self.order) or None
        self._show()

    def _show(self) -> None:
        if tuple(self.order) != (self.value or ()):
            self.order = [v for v in (self.value or ()) if v in self.labels]
        n = len(self.order)
        for i, (row, label, up, down) in enumerate(self.slots):
            row.layout.display = "" if i < n else "none"
            if i >= n:
                continue
            name = self.labels[self.order[i]]
            label.value = markup(f"{i + 1}. {name}", "body")
            up.disabled = self.disabled or i == 0
            down.disabled = self.disabled or i == n - 1
            up.tooltip = _("Move {option} up").format(option=name)
            down.tooltip = _("Move {option} down").format(option=name)
            remove = row.children[3]
            remove.disabled = self.disabled
            remove.tooltip = _("Remove {option} from your ranking").format(option=name)
        full = n >= self.question.places
        for option_id, (row, add) in self.pool.items():
            row.layout.display = "none" if option_id in self.order else ""
            add.disabled = self.disabled or full
