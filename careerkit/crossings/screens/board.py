"""The creative crossings screen: where the organization's goals and the employee's own goals meet.

A manager and an employee list both sides, look at the proposed crossings (with the reason for
each), accept or reject them, pair items themselves, rate what they keep, and send a crossing to
the employee's development plan. Every change is saved at once through Autosave.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.languages import N_, _
from careerkit.plans.model import OWNER_LABELS
from careerkit.ui.documents import DocumentScreen, DocumentWords
from careerkit.ui.text import image_html, para

from ..decisions import accept, add_own, mark_sent, rate, reject, withdraw
from ..editing import (
    add_employee_item,
    add_org_item,
    edit_item,
    new_brainstorm,
    remove_employee_item,
    remove_org_item,
    update_names,
)
from ..matching import pending
from ..model import EMPLOYEE_KIND_LABELS, ORG_KIND_LABELS, Brainstorm, OrgGoals
from .parts import (
    INTRO,
    RATING_HELP,
    CrossingCard,
    PairPicker,
    ProposalList,
    SideColumn,
)
from .send import PlanTarget

if TYPE_CHECKING:
    from careerkit.store import Store


WORDS = DocumentWords(
    noun="brainstorm",
    start=N_("Start a new brainstorm"),
    start_hint="",  # set per board: it names the organization
    link_name="brainstorm",
    banner=N_(
        "Your brainstorm code: {code}\nKeep this code to come back to this brainstorm: "
        "add ?{link_name}={code} to this page's address."
    ),
    css="careerkit-crossings",
    code_placeholder=N_("Brainstorm code"),
    not_found=N_("No brainstorm with that code."),
    loaded=N_("Brainstorm loaded"),
)


class CrossingBoard(DocumentScreen[Brainstorm]):
    """Start or resume a brainstorm by code, edit both sides, decide on crossings, send to a plan."""

    def __init__(
        self,
        *,
        store: Store,
        org: OrgGoals,
        brainstorm: Brainstorm | None = None,
        workshop: str | None = None,
    ) -> None:
        self.org = org
        hint = _("Organization goals: {organization}. {intro}")
        words = replace(
            WORDS, start_hint=hint.format(organization=org.organization, intro=org.intro)
        )
        super().__init__(store=store, model=Brainstorm, words=words, workshop=workshop)
        self._build_editor()
        self.children = [
            para(_("Creative crossings"), "title"),
            para(_(INTRO), "body"),
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
    def brainstorm(self) -> Brainstorm | None:
        return self.doc

    def _new_document(self) -> Brainstorm:
        return new_brainstorm(self.org, self.workshop)

    # -- the editor --------------------------------------------------------------------------
    def _build_editor(self) -> None:
        self.names = {
            n: widgets.Text(description=_(OWNER_LABELS[n]), continuous_update=False)
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
        self.draw_button = widgets.Button(description=_("Draw the crossing map"), icon="th")
        self.draw_button.add_class("careerkit-draw-map")
        self.draw_button.on_click(lambda _b: self._guard(self.draw_map))
        self.map_image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.map_image.add_class("careerkit-crossing-map")
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
                para(_("Pair any two items yourselves"), "heading"),
                self.picker,
                para(_("Accepted crossings"), "heading"),
                para(_(RATING_HELP), "hint"),
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
            self.status.show(_("Add an item on each side first, then pair them."), "error")
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
            text = _("Added the goal “{title}” with first actions for both of you to the plan.")
            self.status.show(text.format(title=title), "ok")

    def draw_map(self) -> None:
        """Draw the crossing map (this is the only place that loads matplotlib)."""
        if self.brainstorm is None or not self.brainstorm.employee_items:
            self.status.show(_("Add at least one item on the employee's side first."), "error")
            return
        from ..map import crossing_map_png, crossing_map_text  # matplotlib loads only now

        png, words = crossing_map_png(self.brainstorm), crossing_map_text(self.brainstorm)
        self.map_image.value = image_html(png, words)
        self.map_image.layout.display = ""
        self.status.show(
            _("Crossing map drawn: darker cells are stronger pairs, ✔ marks accepted ones."), "ok"
        )

    # -- applying and saving -------------------------------------------------------------------
    def _rename(self, **names: str) -> None:
        self._field(update_names, **names)
        if self.brainstorm is not None and not self._loading:
            who = self.brainstorm.employee or _("The employee")
            self.employee_side.show(
                _("{who}: goals, skills, roles, interests").format(who=who),
                self.brainstorm.employee_items,
            )

    def _rate(self, pair: tuple[str, str], name: str, value: int | None) -> None:
        self._field(rate, *pair, **{name: value})

    def _render(self, *, full: bool = True) -> None:
        """Redraw the lists; a field edit (`full=False`) changes nothing else on screen."""
        b = self.doc
        if b is None or not full:
            return
        self._loading = True
        try:
            for n, control in self.names.items():
                control.value = getattr(b, n)
            who = b.employee or _("The employee")
            org_heading = _("{organization}: goals, strategies, needs")
            self.org_side.show(org_heading.format(organization=b.org.organization), b.org.items)
            emp_heading = _("{who}: goals, skills, roles, interests").format(who=who)
            self.employee_side.show(emp_heading, b.employee_items)
            self.proposal_list.show(pending(b))
            self.picker.show(b)
            self.accepted.children = [
                CrossingCard(b, c, self._rate, self._decide) for c in b.accepted
            ]
        finally:
            self._loading = False
