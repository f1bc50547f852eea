"""The development plan screen: start or resume by code, edit, autosave, confirm, download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from pydantic import ValidationError

from ..plan import Plan
from ..planning import (
    add_action,
    add_checkin,
    add_goal,
    add_starter,
    confirm,
    new_plan_code,
    normalize_code,
    remove_action,
    remove_goal,
    starter_goals,
    update_action,
    update_goal,
    update_header,
)
from .autosave import Autosave
from .plan_goals import GoalCard
from .plan_sides import AgreementPanel, CheckInPanel, CommitmentsView, DownloadLinks
from .text import StatusLine, markup, para

if TYPE_CHECKING:
    from ..store import Store

_ORIENTATIONS = [
    ("Not chosen yet", None),
    ("Development", "development"),
    ("Advancement", "advancement"),
    ("Both", "both"),
    ("Still open", "undecided"),
]


def friendly(exc: ValidationError) -> str:
    """The first validation problem in words: `title: must not be empty`."""
    err = exc.errors(include_url=False)[0]
    field = ".".join(str(p) for p in err["loc"] if isinstance(p, str)) or "value"
    msg = str(err["msg"]).replace("String should have at least 1 character", "must not be empty")
    return f"{field.replace('_', ' ')}: {msg[0].lower()}{msg[1:]}"


class PlanEditor(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A plan both sides edit together; every change is saved at once, "Saved" only after commit."""

    def __init__(
        self, *, store: Store, plan: Plan | None = None, workshop: str | None = None
    ) -> None:
        super().__init__()
        self.store, self.workshop = store, workshop
        self.plan: Plan | None = None
        self._loading = False
        self.status = StatusLine()
        self.status.add_class("careerkit-save-state")
        self._build_start()
        self._build_editor()
        self.children = [
            para("Development plan", "title"),
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
    def value(self) -> Plan | None:
        return self.plan

    # -- start / resume --------------------------------------------------------------------
    def _build_start(self) -> None:
        self.new_button = widgets.Button(
            description="Start a new plan", icon="plus", button_style="primary"
        )
        self.new_button.add_class("careerkit-new-plan")
        self.code_box = widgets.Text(placeholder="Plan code", layout=widgets.Layout(width="22em"))
        self.resume_button = widgets.Button(description="Resume", icon="folder-open")
        self.resume_button.add_class("careerkit-resume")
        self.new_button.on_click(lambda _b: self._guard(self.start_new))
        self.resume_button.on_click(lambda _b: self._guard(self.resume, self.code_box.value))
        self.start_box = widgets.VBox(
            [
                para("Start a new plan together, or resume one with its plan code.", "body"),
                widgets.HBox([self.new_button]),
                widgets.HBox([self.code_box, self.resume_button]),
            ]
        )

    def start_new(self) -> Plan:
        plan = self.autosave.create(Plan(code=new_plan_code(), workshop=self.workshop))
        self._open(plan, new=True)
        return plan

    def resume(self, code: str) -> Plan | None:
        plan = self.autosave.load(normalize_code(code))
        if plan is None:
            self.status.show("No plan with that code.", "error")
            return None
        self._open(plan, new=False)
        return plan

    def _open(self, plan: Plan, *, new: bool) -> None:
        self.plan = plan
        self.start_box.layout.display = "none"
        self.editor.layout.display = ""
        self.code_banner.value = markup(
            f"Your plan code: {plan.code}\nKeep this code: it is the only way back to this plan. "
            f"Resume link: add ?plan={plan.code} to this page's address.",
            "ok" if new else "hint",
        )
        self._render(full=True)
        self.status.show("Saved" if new else "Plan loaded", "ok")

    # -- editor ------------------------------------------------------------------------------
    def _build_editor(self) -> None:
        self.code_banner = widgets.HTML()
        self.code_banner.add_class("careerkit-plan-code")
        self.header = {
            "employee": widgets.Text(description="Employee", continuous_update=False),
            "manager": widgets.Text(description="Manager", continuous_update=False),
            "team": widgets.Text(
                description="Team", placeholder="optional", continuous_update=False
            ),
            "review_date": widgets.DatePicker(description="Review date"),
            "orientation": widgets.Dropdown(
                options=_ORIENTATIONS, value=None, description="Orientation"
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
            placeholder="Survey result code, e.g. a1b2-c3d4-e5f6-a7b8",
            layout=widgets.Layout(width="22em"),
        )
        self.use_result = widgets.Button(description="Use survey result", icon="link")
        self.use_result.on_click(
            lambda _b: self._guard(self.take_survey_result, self.result_code.value)
        )
        self.starters = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.goals_box = widgets.VBox()
        self.new_goal = widgets.Text(
            placeholder="A new goal, in a few words",
            continuous_update=False,
            layout=widgets.Layout(width="30em"),
        )
        self.add_goal_button = widgets.Button(description="Add goal", icon="plus")
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
        self.autosave: Autosave[Plan] = Autosave(
            self.store,
            Plan,
            self.status,
            on_saved=self._saved,
            on_reloaded=lambda p: self._open(p, new=False),
        )
        self.retry, self.reload = self.autosave.retry, self.autosave.reload
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
                para("Goals", "heading"),
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
                "No survey result with that code. Check it against the result page.", "error"
            )
            return
        self._structural(
            update_header, orientation=response.result.orientation, survey_code=response.id
        )

    def _add_goal(self) -> None:
        title = self.new_goal.value.strip()
        if not title:
            self.status.show("Type the goal first, then press Add goal.", "error")
            return
        self._structural(add_goal, title)
        self.new_goal.value = ""

    # -- applying and saving -------------------------------------------------------------------
    def _field(self, edit: Callable[..., Plan], *args: Any, **kwargs: Any) -> None:
        """A field edit: save it without rebuilding the screen (keeps the cursor where it is)."""
        if not self._loading:
            self._guard(self._apply, edit, False, *args, **kwargs)

    def _structural(self, edit: Callable[..., Plan], *args: Any, **kwargs: Any) -> None:
        self._guard(self._apply, edit, True, *args, **kwargs)

    def _apply(self, edit: Callable[..., Plan], rebuild: bool, *args: Any, **kwargs: Any) -> None:
        if self.plan is None:
            return
        was_confirmed = bool(self.plan.confirmations)
        try:
            new = edit(self.plan, *args, **kwargs)
        except ValidationError as exc:
            self.status.show(f"Not saved: {friendly(exc)}", "error")
            return
        self.plan = new
        if self.autosave.save(new) and was_confirmed and not new.confirmations:
            self.status.show(
                "Saved. The goals or actions changed, so both sides need to confirm again.", "ok"
            )
        self._render(full=rebuild)
        if edit is add_checkin:
            self.checkins.reset()

    def _saved(self, plan: Plan) -> None:
        self.plan = plan

    def _render(self, *, full: bool) -> None:
        plan = self.plan
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
                    tooltip="Add this suggested goal with first actions",
                    layout=widgets.Layout(width="auto"),
                )
                b.add_class("careerkit-starter")
                b.on_click(lambda _b, s=s: self._structural(add_starter, s))
                buttons.append(b)
        self.starters.children = ([para("Suggested goals:", "hint")] if buttons else []) + buttons

    def _on_item_edit(self, kind: str, item_id: str, fields: dict[str, Any]) -> None:
        edit = update_goal if kind == "goal" else update_action
        self._field(edit, item_id, **fields)
        if not self._loading:
            self._render(full=False)

    def _new_action(self, goal_id: str, title: str, owner: str) -> None:
        if not title.strip():
            self.status.show("Type the action first, then press Add action.", "error")
            return
        self._structural(add_action, goal_id, title, owner)

    def _guard(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.status.guard(
            "plan editor",
            "Something went wrong on our side; your last change may not be saved. Please reload.",
            action,
            *args,
            **kwargs,
        )
