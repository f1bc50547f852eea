"""Goal cards and action rows of the plan editor: fields that report edits upwards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from careerkit.languages import _
from careerkit.ui.text import para

from ..model import OWNER_LABELS, STATUS_LABELS, Action, Goal

Edit = Callable[[str, str, dict[str, Any]], None]  # (kind "goal"/"action", id, fields)
_WIDE = widgets.Layout(width="100%")


def _owners() -> list[tuple[str, str]]:
    return [(_(label), key) for key, label in OWNER_LABELS.items()]


def _statuses() -> list[tuple[str, str]]:
    return [(_(label), key) for key, label in STATUS_LABELS.items()]


def _text(value: str, placeholder: str, long: bool = False, **layout: Any) -> widgets.Widget:
    cls = widgets.Textarea if long else widgets.Text
    return cls(
        value=value,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(**layout),
    )


def _labelled(label: str, control: widgets.Widget) -> widgets.Widget:
    return widgets.VBox(
        [para(label, "hint"), control], layout=widgets.Layout(flex="1 1 14em", margin="0 0.5em 0 0")
    )


#: A control's name shown beside it at its own width.
_NAMED = {"description_width": "initial"}


class ActionRow(widgets.HBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """One action item: what, owner, due date, status, remove."""

    def __init__(self, action: Action, on_edit: Edit, on_remove: Callable[[str], None]) -> None:
        self.action_id = action.id
        self.title = _text(action.title, _("What will be done?"), flex="3 1 16em")
        # Each control shows its name beside it, which also names it for assistive technology.
        self.owner = widgets.Dropdown(
            options=_owners(),
            value=action.owner,
            description=_("Owner"),
            style=_NAMED,
            layout=widgets.Layout(width="13em"),
        )
        self.due = widgets.DatePicker(
            value=action.due,
            description=_("Due"),
            style=_NAMED,
            layout=widgets.Layout(width="14em"),
        )
        self.status = widgets.Dropdown(
            options=_statuses(),
            value=action.status,
            description=_("Status"),
            style=_NAMED,
            layout=widgets.Layout(width="13em"),
        )
        self.remove = widgets.Button(
            icon="trash", tooltip=_("Remove this action"), layout=widgets.Layout(width="3em")
        )
        for name, control in (
            ("title", self.title),
            ("owner", self.owner),
            ("due", self.due),
            ("status", self.status),
        ):
            control.observe(
                lambda ch, n=name: on_edit("action", self.action_id, {n: ch["new"]}), names="value"
            )
        self.remove.on_click(lambda _b: on_remove(self.action_id))
        super().__init__(
            [self.title, self.owner, self.due, self.status, self.remove],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.add_class("careerkit-action")


class GoalCard(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A goal with its why, measure and date, and its action items for both sides."""

    def __init__(
        self,
        goal: Goal,
        on_edit: Edit,
        on_remove: Callable[[str], None],
        on_add_action: Callable[[str, str, str], None],
        on_remove_action: Callable[[str], None],
    ) -> None:
        self.goal_id = goal.id
        self.title = _text(goal.title, _("Goal"), width="100%")
        self.kind = widgets.Dropdown(
            options=[(_("Development"), "development"), (_("Advancement"), "advancement")],
            value=goal.kind,
            description=_("Kind"),
            style=_NAMED,
        )
        self.why_employee = _text(
            goal.why_employee, _("Why it matters to the employee"), long=True, width="100%"
        )
        self.why_organization = _text(
            goal.why_organization, _("Why it matters to the organization"), long=True, width="100%"
        )
        self.measure = _text(goal.measure, _("How will we know it worked?"), width="100%")
        self.target = widgets.DatePicker(
            value=goal.target, description=_("Target date"), style=_NAMED
        )
        fields = {
            "title": self.title,
            "kind": self.kind,
            "why_employee": self.why_employee,
            "why_organization": self.why_organization,
            "measure": self.measure,
            "target": self.target,
        }
        for name, control in fields.items():
            control.observe(
                lambda ch, n=name: on_edit("goal", self.goal_id, {n: ch["new"]}), names="value"
            )
        self.actions = [ActionRow(a, on_edit, on_remove_action) for a in goal.actions]
        self.new_action = _text("", _("New action item"), flex="3 1 16em")
        self.new_owner = widgets.Dropdown(
            options=_owners(),
            value="employee",
            description=_("Owner"),
            style=_NAMED,
            layout=widgets.Layout(width="13em"),
        )
        self.add_action = widgets.Button(description=_("Add action"), icon="plus")
        self.add_action.add_class("careerkit-add-action")
        self.add_action.on_click(
            lambda _b: on_add_action(self.goal_id, self.new_action.value, self.new_owner.value)
        )
        self.remove = widgets.Button(
            description=_("Remove goal"), icon="trash", button_style="warning"
        )
        self.remove.on_click(lambda _b: on_remove(self.goal_id))
        header = widgets.HBox(
            [_labelled(_("Goal"), self.title), _labelled(_("Kind"), self.kind)],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        details = widgets.HBox(
            [
                _labelled(_("Why for the employee"), self.why_employee),
                _labelled(_("Why for the organization"), self.why_organization),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        measure = widgets.HBox(
            [
                _labelled(_("Success measure"), self.measure),
                _labelled(_("Target date"), self.target),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        adder = widgets.HBox(
            [self.new_action, self.new_owner, self.add_action],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        super().__init__(
            [
                header,
                details,
                measure,
                para(_("Action items"), "heading"),
                *self.actions,
                adder,
                self.remove,
            ],
            layout=widgets.Layout(border="1px solid #ccc", padding="0.6em", margin="0 0 0.8em 0"),
        )
        self.add_class("careerkit-goal")
