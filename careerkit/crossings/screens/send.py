"""Sending an accepted crossing to a development plan: the plan-code box and the store round trip."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.errors import CareerkitError, StoreError, VersionConflict
from careerkit.languages import _
from careerkit.model import normalize_code
from careerkit.plans.model import Plan
from careerkit.ui.text import para

from ..model import Brainstorm
from ..to_plan import send_to_plan

if TYPE_CHECKING:
    from careerkit.store import Store

ATTEMPTS = 3  # someone may save the plan between our read and our write: read again and retry


class PlanTarget(widgets.HBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Where accepted crossings go: the code of the employee's development plan."""

    def __init__(self) -> None:
        self.code = widgets.Text(
            placeholder=_("Development plan code"), layout=widgets.Layout(width="22em")
        )
        self.code.add_class("careerkit-target-plan")
        super().__init__([para(_("Send to the development plan with code:"), "body"), self.code])

    def send(self, store: Store, brainstorm: Brainstorm, org_id: str, employee_id: str) -> Plan:
        """Add the crossing as a goal with first actions to the plan; returns the saved plan."""
        code = normalize_code(self.code.value)
        if not code:
            raise CareerkitError(
                _("Type the development plan's code first, then press Send to plan.")
            )
        for _attempt in range(ATTEMPTS):
            plan = store.get_doc(Plan, code)
            if plan is None:
                raise CareerkitError(
                    _(
                        "No plan with that code. The code is shown at the top of the development plan."
                    )
                )
            try:
                return store.save_doc(send_to_plan(plan, brainstorm, org_id, employee_id))
            except VersionConflict:
                continue
        raise StoreError(
            _("The plan kept changing while we added the goal; press Send to plan again.")
        )
