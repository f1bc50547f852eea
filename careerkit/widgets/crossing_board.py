"""The creative crossings screen: where the organization's goals and the employee's own goals meet.

A manager and an employee list both sides, look at the proposed crossings (with the reason for
each), accept or reject them, pair items themselves, rate what they keep, and send a crossing to
the employee's development plan. Every change is saved at once through Autosave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from pydantic import ValidationError

from ..brainstorming import (
    add_employee_item,
    add_org_item,
    edit_item,
    new_brainstorm,
    remove_employee_item,
    remove_org_item,
    update_names,
)
from ..crossing import EMPLOYEE_KIND_LABELS, ORG_KIND_LABELS, Brainstorm, OrgGoals
from ..matching import (
    accept,
    add_own,
    mark_sent,
    pending,
    rate,
    reject,
    withdraw,
)
from ..planning import normalize_code
from .autosave import Autosave
from .crossing_parts import (
    INTRO,
    RATING_HELP,
    CrossingCard,
    PairPicker,
    ProposalList,
    SideColumn,
)
from .crossing_send import PlanTarget
from .plan_editor import friendly
from .text import StatusLine, markup, para

if TYPE_CHECKING:
    from ..store import Store


class CrossingBoard(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Start or resume a brainstorm by code, edit both sides, decide on crossings, send to a plan."""

    def __init__(
        self,
        *,
        store: Store,
        org: OrgGoals,
        brainstorm: Brainstorm | None = None,
        workshop: str | None = None,
    ) -> None:
        super().__init__()
        self.store, self.org, self.workshop = store, org, workshop
        self.brainstorm: Brainstorm | None = None
        self._loading = False
        self.status = StatusLine()
        self.status.add_class("careerkit-save-state")
        self.autosave: Autosave[Brainstorm] = Autosave(
            store, Brainstorm, self.status, on_saved=self._saved, on_reloaded=self._reloaded
        )
        self.retry, self.reload = self.autosave.retry, self.autosave.reload
        self._build_start()
        self._build_editor()
        self.children = [
            para("Creative crossings", "title"),
            para(INTRO, "body"),
            self.status,
            self.start_box,
            self.editor,
        ]
        self.add_class("careerkit-crossings")
        if brainstorm is not None:
            self._open(brainstorm, new=False)
        else:
            self.editor.layout.display = "none"

    @property
    def value(self) -> Brainstorm | None:
        return self.brainstorm

    # -- start / resume --------------------------------------------------------------------
    def _build_start(self) -> None:
        self.new_button = widgets.Button(
            description="Start a new brainstorm", icon="plus", button_style="primary"
        )
        self.new_button.add_class("careerkit-new-brainstorm")
        self.code_box = widgets.Text(
            placeholder="Brainstorm code", layout=widgets.Layout(width="22em")
        )
        self.resume_button = widgets.Button(description="Resume", icon="folder-open")
        self.resume_button.add_class("careerkit-resume")
        self.new_button.on_click(lambda _b: self._guard(self.start_new))
        self.resume_button.on_click(lambda _b: self._guard(self.resume, self.code_box.value))
        self.start_box = widgets.VBox(
            [
                para(f"Organization goals: {self.org.organization}. {self.org.intro}", "hint"),
                widgets.HBox([self.new_button]),
                widgets.HBox([self.code_box, self.resume_button]),
            ]
        )

    def start_new(self) -> Brainstorm:
        brainstorm = self.autosave.create(new_brainstorm(self.org, self.workshop))
        self._open(brainstorm, new=True)
        return brainstorm

    def resume(self, code: str) -> Brainstorm | None:
        brainstorm = self.autosave.load(normalize_code(code))
        if brainstorm is None:
            self.status.show("No brainstorm with that code.", "error")
            return None
        self._open(brainstorm, new=False)
        return brainstorm

    def _open(self, brainstorm: Brainstorm, *, new: bool) -> None:
        self.brainstorm = brainstorm
        self.start_box.layout.display = "none"
        self.editor.layout.display = ""
        self.code_banner.value = markup(
            f"Your brainstorm code: {brainstorm.code}\nKeep this code to come back to this "
            f"brainstorm: add ?brainstorm={brainstorm.code} to this page's address.",
            "ok" if new else "hint",
        )
        self._render()
        self.status.show("Saved" if new else "Brainstorm loaded", "ok")

    # -- the editor --------------------------------------------------------------------------
    def _build_editor(self) -> None:
        self.code_banner = widgets.HTML()
        self.code_banner.add_class("careerkit-brainstorm-code")
        self.names = {
            n: widgets.Text(description=n.capitalize(), continuous_update=False)
            for n in ("employee", "manager")
        }
        for n, control in self.names.items():
            control.observe(lambda ch, n=n: self._rename(**{n: ch["new"]}), names="value")
        self.org_side = SideColumn(
            "org",
            ORG_KIND_LABELS,
            lambda text, kind, tags: self._add_item(add_org_item, self.org_side, text, kind, tags),
            lambda item_id: self._change(remove_org_item, item_id),
            lambda item_id, text, kind, tags: self._change(
                edit_item, "org", item_id, text, kind, tags
            ),
        )
        self.employee_side = SideColumn(
            "employee",
            EMPLOYEE_KIND_LABELS,
            lambda text, kind, tags: self._add_item(
                add_employee_item, self.employee_side, text, kind, tags
            ),
            lambda item_id: self._change(remove_employee_item, item_id),
            lambda item_id, text, kind, tags: self._change(
                edit_item, "employee", item_id, text, kind, tags
            ),
        )
        self.proposal_list = ProposalList(self._decide)
        self.proposals = self.proposal_list.rows
        self.picker = PairPicker(self._pair)
        self.plan_target = PlanTarget()
        self.plan_code = self.plan_target.code
        self.accepted = widgets.VBox()
        self.draw_button = widgets.Button(description="Draw the crossing map", icon="th")
        self.draw_button.add_class("careerkit-draw-map")
        self.draw_button.on_click(lambda _b: self._guard(self.draw_map))
        self.map_image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.map_image.layout.display = "none"
        self.editor = widgets.VBox(
            [
                self.code_banner,
                widgets.HBox(
                    list(self.names.values()), layout=widgets.Layout(flex_flow="row wrap")
                ),
                widgets.HBox(
                    [self.org_side, self.employee_side], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.proposal_list,
                para("Pair any two items yourselves", "heading"),
                self.picker,
                para("Accepted crossings", "heading"),
                para(RATING_HELP, "hint"),
                self.plan_target,
                self.accepted,
                widgets.HBox([self.draw_button]),
                self.map_image,
                self.autosave.controls,
            ]
        )

    def _add_item(
        self, edit: Callable[..., Brainstorm], column: SideColumn, text: str, kind: str, tags: str
    ) -> None:
        if self._change(edit, text, kind, tags):
            column.clear_new()

    def _pair(self, org_id: str, employee_id: str, reason: str) -> None:
        if not org_id or not employee_id:
            self.status.show("Add an item on each side first, then pair them.", "error")
            return
        self._change(add_own, org_id, employee_id, reason)

    def _decide(self, what: str, pair: tuple[str, str]) -> None:
        edits = {"accept": accept, "reject": reject, "withdraw": withdraw}
        if what == "send":
            self._guard(self.send, *pair)
        else:
            self._change(edits[what], *pair)

    def send(self, org_id: str, employee_id: str) -> None:
        """Add the crossing as a goal with first actions to the plan named in the plan-code box."""
        if self.brainstorm is None:
            return
        updated = self.plan_target.send(self.store, self.brainstorm, org_id, employee_id)
        code = updated.code
        title = updated.goals[-1].title
        if self._change(mark_sent, org_id, employee_id, code):
            self.status.show(
                f"Added the goal “{title}” with first actions for both of you to the plan.", "ok"
            )

    def draw_map(self) -> None:
        """Draw the crossing map (this is the only place that loads matplotlib)."""
        if self.brainstorm is None or not self.brainstorm.employee_items:
            self.status.show("Add at least one item on the employee's side first.", "error")
            return
        from .crossing_map import crossing_map_png  # matplotlib loads only when asked for

        self.map_image.value = crossing_map_png(self.brainstorm)
        self.map_image.layout.display = ""
        self.status.show(
            "Crossing map drawn: darker cells are stronger pairs, ✔ marks accepted ones.", "ok"
        )

    # -- applying and saving -------------------------------------------------------------------
    def _field(self, edit: Callable[..., Brainstorm], *args: Any, **kwargs: Any) -> None:
        """A field edit: saved without rebuilding the screen."""
        if not self._loading:
            self._guard(self._apply, edit, False, *args, **kwargs)

    def _change(self, edit: Callable[..., Brainstorm], *args: Any) -> bool:
        """A change that alters lists on screen; True when it was saved."""
        return bool(self._guard(self._apply, edit, True, *args))

    def _apply(
        self, edit: Callable[..., Brainstorm], rebuild: bool, *args: Any, **kwargs: Any
    ) -> bool:
        if self.brainstorm is None:
            return False
        try:
            new = edit(self.brainstorm, *args, **kwargs)
        except ValidationError as exc:
            self.status.show(f"Not saved: {friendly(exc)}", "error")
            return False
        self.brainstorm = new
        saved = self.autosave.save(new) is not None
        if rebuild:
            self._render()
        return saved

    def _rename(self, **names: str) -> None:
        self._field(update_names, **names)
        if self.brainstorm is not None and not self._loading:
            who = self.brainstorm.employee or "The employee"
            self.employee_side.show(
                f"{who}: goals, skills, roles, interests", self.brainstorm.employee_items
            )

    def _rate(self, pair: tuple[str, str], name: str, value: int | None) -> None:
        self._field(rate, *pair, **{name: value})

    def _saved(self, brainstorm: Brainstorm) -> None:
        self.brainstorm = brainstorm

    def _reloaded(self, brainstorm: Brainstorm) -> None:
        self._open(brainstorm, new=False)

    def _render(self) -> None:
        b = self.brainstorm
        if b is None:
            return
        self._loading = True
        try:
            for n, control in self.names.items():
                control.value = getattr(b, n)
            who = b.employee or "The employee"
            self.org_side.show(f"{b.org.organization}: goals, strategies, needs", b.org.items)
            self.employee_side.show(f"{who}: goals, skills, roles, interests", b.employee_items)
            self.proposal_list.show(pending(b))
            self.picker.show(b)
            self.accepted.children = [
                CrossingCard(b, c, self._rate, self._decide) for c in b.accepted
            ]
        finally:
            self._loading = False

    def _guard(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.status.guard(
            "crossings board",
            "Something went wrong on our side; your last change may not be saved. Please reload.",
            action,
            *args,
            **kwargs,
        )
