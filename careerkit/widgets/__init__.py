"""Screens: one module per screen family, each built from domain objects and a store.

Names load on first use, so a kernel showing one screen does not import the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "CrossingBoard": "crossing_board",
    "PlanEditor": "plan_editor",
    "ResultView": "results",
    "SurveyForm": "survey_form",
}
__all__ = [
    "CrossingBoard",
    "PlanEditor",
    "ResultView",
    "SurveyForm",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'careerkit.widgets' has no attribute {name!r}")


if TYPE_CHECKING:
    from .crossing_board import CrossingBoard
    from .plan_editor import PlanEditor
    from .results import ResultView
    from .survey_form import SurveyForm
