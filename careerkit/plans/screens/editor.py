"""The development plan screen: start or resume by code, edit, autosave, confirm, download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from careerkit.languages import N_, NC_, _, pgettext
from careerkit.model import normalize_code
from careerkit.ui.documents import DocumentScreen, DocumentWords
from careerkit.ui.text import para

from ..editing import (
    add_action,
    add_checkin,
    add_goal,
    add_starter,
    confirm,
    new_plan_code,
    remove_action,
    remove_goal,
    starter_goals,
    update_action,
    update_goal,
    update_header,
)
from ..model import Plan
from .goals import GoalCard
from .sides import AgreementPanel, CheckInPanel, CommitmentsView, DownloadLinks

if TYPE_CHECKING:
    from careerkit.store import Store

_ORIENTATIONS = [  # shown through pgettext("orientation", ...)
    (NC_("orientation", "Not chosen yet"), None),
    (NC_("orientation", "Development"), "development"),
    (NC_("orientation", "Advancement"), "advancement"),
    (NC_("orientation", "Both"), "both"),
    (NC_("orientation", "Still open"), "undecided"),
]


WORDS = DocumentWords(
    noun="plan",
    start=N_("Start a new plan"),
    start_hint=N_("Start a new plan together, or resume one with its plan code."),
    link_name="plan",
    banner=N_(
        "Your plan code: {code}\nKeep this code: it is the only way back to this plan. "
        "Resume link: add ?{link_name}={code} to this page's address."
    ),
    css="careerkit-plan",
    code_placeholder=N_("Plan code"),
    not_found=N_("No plan with that code."),
    loaded=N_("Plan loaded"),
)


class PlanEditor(DocumentScreen[Plan]):
    """A plan both sides edit together; every change is saved at once, "Saved" only after commit."""

    def __init__(
        self, *, store: Store, plan: Plan | None = None, workshop: str | None = None
    ) -> None:
        super().__init__(store=store, model=Plan, words=WORDS, workshop=workshop)
        self._build_editor()
        self.children = [
            para(_("Development plan"), "title"),
            self.status,
            self.start_box,
            self.editor,
        ]
        self.add_class("careerkit-plan")
        if plan is not None:
            self._open(plan, new=False)
        else:
            self.editor.layout.display = "none"

    @property
    def plan(self) -> Plan | None:
        return self.doc

    def _new_document(self) -> Plan:
        return Plan(code=new_plan_code(), workshop=self.workshop)

    # -- editor ------------------------------------------------------------------------------
    def _build_editor(self) -> None:
        self.header = {
            "employee": widgets.Text(description=_("Employee"), continuous_update=False),
            "manager": widgets.Text(description=_("Manager"), continuous_update=False),
            "team": widgets.Text(
                description=_("Team"), placeholder=_("optional"), continuous_update=False
            ),
            "review_date": widgets.DatePicker(description=_("Review date")),
            "orientation": widgets.Dropdown(
                options=[(pgettext("orientation", label), v) for label, v in _ORIENTATIONS],
                value=None,
                description=_("Orientation"),
            ),
        }
        for name, control in self.header.items():
            control.observe(
                lambda ch, n=name: self._field(
                    update_header,
                    **{n: ch["new"] or (None if n in ("review_date", "orientation") else "")},
                ),
                names="value",
            )
        self.result_code = widgets.Text(
            placeholder=_("Survey result code, e.g. a1b2-c3d4-e5f6-a7b8"),
            layout=widgets.Layout(width="22em"),
        )
        self.use_result = widgets.Button(description=_("Use survey result"), icon="link")
        self.use_result.on_click(
            lambda _b: self._guard(self.take_survey_result, self.result_code.value)
        )
        self.starters = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.goals_box = widgets.VBox()
        self.new_goal = widgets.Text(
            placeholder=_("A new goal, in a few words"),
            continuous_update=False,
            layout=widgets.Layout(width="30em"),
        )
        self.add_goal_button = widgets.Button(description=_("Add goal"), icon="plus")
        self.add_goal_button.add_class("careerkit-add-goal")
        self.add_goal_button.on_click(lambda _b: self._guard(self._add_goal))
        self.sides = CommitmentsView()
        self.checkins = CheckInPanel(
            lambda on, note, st: self._structural(add_checkin, on, note, st)
        )
        self.agreement = AgreementPanel(
            lambda role, name: self._structural(confirm, role, name, datetime.now(UTC))
        )
        self.downloads = DownloadLinks()
        self.editor = widgets.VBox(
            [
                self.code_banner,
                widgets.HBox(
                    [
                        widgets.VBox(list(self.header.values())[:3]),
                        widgets.VBox(list(self.header.values())[3:]),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HBox([self.result_code, self.use_result]),
                self.starters,
                para(_("Goals"), "heading"),
                self.goals_box,
                widgets.HBox([self.new_goal, self.add_goal_button]),
                self.sides,
                self.checkins,
                self.agreement,
                self.downloads,
                self.autosave.controls,
            ]
        )

    def take_survey_result(self, code: str) -> None:
        response = self.store.get_response(normalize_code(code).replace("-", "").lower())
        if response is None or response.result is None:
            self.status.show(
                _("No survey result with that code. Check it against the result page."), "error"
            )
            return
        self._structural(
            update_header, orientation=response.result.orientation, survey_code=response.id
        )

    def _add_goal(self) -> None:
        title = self.new_goal.value.strip()
        if not title:
            self.status.show(_("Type the goal first, then press Add goal."), "error")
            return
        self._structural(add_goal, title)
        self.new_goal.value = ""

    # -- applying and saving -------------------------------------------------------------------
    def _structural(self, edit: Callable[..., Plan], *args: Any, **kwargs: Any) -> None:
        self._change(edit, *args, **kwargs)

    def _after_save(self, before: Plan, after: Plan) -> None:
        if before.confirmations and not after.confirmations:
            self.status.show(
                _("Saved. The goals or actions changed, so both sides need to confirm again."), "ok"
            )
        if len(after.checkins) > len(before.checkins):
            self.checkins.reset()

    def _render(self, *, full: bool) -> None:
        plan = self.doc
        if plan is None:
            return
        self._loading = True
        try:
            for name, control in self.header.items():
                current = getattr(plan, name)
                if control.value != current and not (current == "" and control.value in ("", None)):
                    control.value = current
            if full:
                self.goals_box.children = [
                    GoalCard(
                        g,
                        self._on_item_edit,
                        lambda gid: self._structural(remove_goal, gid),
                        lambda gid, t, o: self._new_action(gid, t, o),
                        lambda aid: self._structural(remove_action, aid),
                    )
                    for g in plan.goals
                ]
            self._render_starters(plan)
            self.sides.show(plan)
            self.checkins.show(plan)
            self.agreement.show(plan)
            self.downloads.show(plan)
        finally:
            self._loading = False

    def _render_starters(self, plan: Plan) -> None:
        titles = {g.title for g in plan.goals}
        buttons = []
        for s in starter_goals(plan.orientation) if plan.orientation else []:
            if s["title"] not in titles:
                b = widgets.Button(
                    description=f"+ {s['title']}",
                    tooltip=_("Add this suggested goal with first actions"),
                    layout=widgets.Layout(width="auto"),
                )
                b.add_class("careerkit-starter")
                b.on_click(lambda _b, s=s: self._structural(add_starter, s))
                buttons.append(b)
        self.starters.children = (
            [para(_("Suggested goals:"), "hint")] if buttons else []
        ) + buttons

    def _on_item_edit(self, kind: str, item_id: str, fields: dict[str, Any]) -> None:
        edit = update_goal if kind == "goal" else update_action
        self._field(edit, item_id, **fields)
        if not self._loading:
            self._render(full=False)

    def _new_action(self, goal_id: str, title: str, owner: str) -> None:
        if not title.strip():
            self.status.show(_("Type the action first, then press Add action."), "error")
            return
        self._structural(add_action, goal_id, title, owner)
