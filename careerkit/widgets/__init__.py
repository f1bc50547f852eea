"""Screens: one module per screen family, each built from domain objects and a store."""

from __future__ import annotations

from .results import ResultView
from .survey_form import SurveyForm

__all__ = ["ResultView", "SurveyForm"]
