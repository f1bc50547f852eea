"""The plan's side panels: who does what, check-ins, agreement and downloads."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as widgets

from careerkit.languages import N_, _
from careerkit.ui.text import download_link, escaped, para

from ..calendar import plan_ics
from ..editing import commitments, warnings
from ..export import file_name, plan_html, plan_markdown
from ..model import OWNER_LABELS, STATUS_LABELS, Plan

_NAME_OF = {"employee": N_("Employee's name"), "manager": N_("Manager's name")}
_CONFIRMS = {"employee": N_("Employee confirms"), "manager": N_("Manager confirms")}


def commitments_html(plan: Plan) -> str:
    """Two columns, employee and manager, each listing the actions that side holds."""
    sides = commitments(plan)
    columns = []
    due, nothing, commits = _(", due {date}"), _("Nothing yet"), _("{side} commits to")
    for side, items in sides.items():
        lis = (
            "".join(
                f"<li>{escaped(a.title)} <span style='color:#555'>({html.escape(_(STATUS_LABELS[a.status]))}"
                f"{due.format(date=a.due.isoformat()) if a.due else ''})</span></li>"
                for _g, a in items
            )
            or f"<li style='color:#595959'>{html.escape(nothing)}</li>"
        )
        columns.append(
            f"<div class='careerkit-side careerkit-side-{side}' style='flex:1;min-width:14em;padding:0 0.5em'>"
            f"<b>{html.escape(commits.format(side=_(OWNER_LABELS[side])))}</b>"
            f"<ul style='margin:0.3em 0 0 1.1em'>{lis}</ul></div>"
        )
    return f"<div style='display:flex;flex-wrap:wrap'>{''.join(columns)}</div>"


class CommitmentsView(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """What each side has committed to, and warnings for goals one side does not hold up."""

    def __init__(self) -> None:
        self.columns = widgets.HTML()
        self.warnings = widgets.HTML()
        self.warnings.add_class("careerkit-plan-warnings")
        super().__init__([para(_("Who does what"), "heading"), self.columns, self.warnings])

    def show(self, plan: Plan) -> None:
        self.columns.value = commitments_html(plan)
        found = warnings(plan)
        items = "".join(f"<li>{escaped(w)}</li>" for w in found)
        self.warnings.value = (
            f"<ul style='color:#8a4b00;margin:0.3em 0 0 1.1em'>{items}</ul>" if found else ""
        )


class CheckInPanel(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Record a dated progress note and the status changes it brings; list earlier check-ins."""

    def __init__(self, on_record: Callable[[date, str, dict[str, str]], None]) -> None:
        self.on = widgets.DatePicker(value=date.today(), description=_("Date"))
        self.note = widgets.Textarea(
            placeholder=_("What moved forward? What is in the way?"),
            layout=widgets.Layout(width="100%"),
        )
        self.statuses: dict[str, widgets.Dropdown] = {}
        self.status_box = widgets.VBox()
        self.record = widgets.Button(description=_("Record check-in"), icon="calendar-check")
        self.record.add_class("careerkit-record-checkin")
        self.record.on_click(
            lambda _b: on_record(
                self.on.value, self.note.value, {k: d.value for k, d in self.statuses.items()}
            )
        )
        self.history = widgets.HTML()
        super().__init__(
            [
                para(_("Check-ins"), "heading"),
                self.on,
                self.note,
                self.status_box,
                self.record,
                self.history,
            ]
        )

    def show(self, plan: Plan) -> None:
        options = [(_(label), key) for key, label in STATUS_LABELS.items()]
        self.statuses = {
            a.id: widgets.Dropdown(
                options=options,
                value=a.status,
                description=a.title[:40],
                style={"description_width": "16em"},
            )
            for g in plan.goals
            for a in g.actions
        }
        self.status_box.children = list(self.statuses.values())
        titles = {a.id: a.title for g in plan.goals for a in g.actions}
        rows = []
        removed = _("removed action")
        for c in reversed(plan.checkins):
            moves = "; ".join(
                f"{escaped(titles.get(ch.action_id, removed))}: {escaped(_(STATUS_LABELS[ch.old]))} → {escaped(_(STATUS_LABELS[ch.new]))}"
                for ch in c.changes
            )
            rows.append(
                f"<li><b>{c.on.isoformat()}</b> {escaped(c.note)}{'<br><i>' + moves + '</i>' if moves else ''}</li>"
            )
        self.history.value = (
            f"<ul style='margin:0.3em 0 0 1.1em'>{''.join(rows)}</ul>" if rows else ""
        )

    def reset(self) -> None:
        self.note.value = ""


class AgreementPanel(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Both sides confirm the plan; any later change to goals or actions clears the confirmation."""

    def __init__(self, on_confirm: Callable[[str, str], None]) -> None:
        self.names = {
            role: widgets.Text(placeholder=_(_NAME_OF[role])) for role in ("employee", "manager")
        }
        self.buttons = {}
        rows = []
        for role, box in self.names.items():
            button = widgets.Button(description=_(_CONFIRMS[role]), icon="check")
            button.add_class(f"careerkit-confirm-{role}")
            button.on_click(lambda _b, r=role: on_confirm(r, self.names[r].value))
            self.buttons[role] = button
            rows.append(widgets.HBox([box, button]))
        self.state = widgets.HTML()
        self.state.add_class("careerkit-agreement")
        super().__init__([para(_("Agreement"), "heading"), *rows, self.state])

    def show(self, plan: Plan) -> None:
        done = {c.role: c for c in plan.confirmations}
        parts = [
            escaped(
                _("{side}: confirmed by {name} on {date}").format(
                    side=_(OWNER_LABELS[role]), name=c.name, date=c.at.date().isoformat()
                )
                if (c := done.get(role))
                else _("{side}: not yet confirmed").format(side=_(OWNER_LABELS[role]))
            )
            for role in ("employee", "manager")
        ]
        headline = escaped(
            _("Both sides have confirmed this plan.")
            if plan.confirmed
            else _("The plan is not confirmed by both sides yet.")
        )
        self.state.value = f"<div><b>{headline}</b><br>{'<br>'.join(parts)}</div>"
        for role in ("employee", "manager"):
            if not self.names[role].value:
                self.names[role].value = plan.employee if role == "employee" else plan.manager


class DownloadLinks(widgets.HTML):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Download links for the plan as Markdown, a printable page and a calendar file."""

    def show(self, plan: Plan) -> None:
        self.value = (
            "<div><b>"
            + escaped(_("Download:"))
            + "</b> "
            + "".join(
                [
                    download_link(
                        _("Markdown"),
                        file_name(plan, "md"),
                        "text/markdown",
                        plan_markdown(plan).encode(),
                    ),
                    download_link(
                        _("Printable page"),
                        file_name(plan, "html"),
                        "text/html",
                        plan_html(plan).encode(),
                    ),
                    download_link(
                        _("Calendar (.ics)"),
                        file_name(plan, "ics"),
                        "text/calendar",
                        plan_ics(plan),
                    ),
                ]
            )
            + "</div>"
        )
