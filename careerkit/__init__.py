"""careerkit: workbooks and surveys for career conversations at work, served with Voilà."""

from __future__ import annotations

from .apps import survey_app
from .errors import (
    AnswerError,
    CareerkitError,
    ConfigError,
    DefinitionError,
    MissingExtra,
    Problem,
    StoreError,
    SurveyNotFound,
)
from .model import Response, ScoreResult, Survey
from .scoring import check_answers, score
from .store import MemoryStore, Store, open_store
from .surveys import check_file, list_surveys, load_survey
from .widgets import SurveyForm

__version__ = "0.1.0"

__all__ = [
    "AnswerError",
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
    "check_answers",
    "check_file",
    "list_surveys",
    "load_survey",
    "open_store",
    "score",
    "survey_app",
]
