"""careerkit: workbooks and surveys for career conversations at work, served with Voilà.

Names are loaded on first use, so a participant's kernel imports only what its screen needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "CareerkitError": "errors",
    "ConfigError": "errors",
    "DefinitionError": "errors",
    "MemoryStore": "store",
    "MissingExtra": "errors",
    "Problem": "errors",
    "Response": "model",
    "ScoreResult": "model",
    "Store": "store",
    "StoreError": "errors",
    "Survey": "model",
    "SurveyForm": "survey.screens.form",
    "SurveyNotFound": "errors",
    "VersionConflict": "errors",
    "WorkshopClosed": "errors",
    "check_answers": "survey.scoring",
    "check_file": "definitions",
    "crossing_app": "serving.apps",
    "list_surveys": "definitions",
    "load_survey": "definitions",
    "open_store": "store",
    "plan_app": "serving.apps",
    "score": "survey.scoring",
    "survey_app": "serving.apps",
}

__all__ = [
    "CareerkitError",
    "ConfigError",
    "DefinitionError",
    "MemoryStore",
    "MissingExtra",
    "Problem",
    "Response",
    "ScoreResult",
    "Store",
    "StoreError",
    "Survey",
    "SurveyForm",
    "SurveyNotFound",
    "VersionConflict",
    "WorkshopClosed",
    "check_answers",
    "check_file",
    "crossing_app",
    "list_surveys",
    "load_survey",
    "open_store",
    "plan_app",
    "score",
    "survey_app",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'careerkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:
    from .definitions import check_file, list_surveys, load_survey
    from .errors import (
        CareerkitError,
        ConfigError,
        DefinitionError,
        MissingExtra,
        Problem,
        StoreError,
        SurveyNotFound,
        VersionConflict,
        WorkshopClosed,
    )
    from .model import Response, ScoreResult, Survey
    from .serving.apps import crossing_app, plan_app, survey_app
    from .store import MemoryStore, Store, open_store
    from .survey.scoring import check_answers, score
    from .survey.screens.form import SurveyForm
