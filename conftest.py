"""Settings for every pytest run, notebooks included: a throw-away data folder, strict apps."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this environment: they write to a temporary database and
    # raise instead of showing a friendly message, so a broken workbook fails its test.
    if "CAREERKIT_DATA_DIR" not in os.environ:
        os.environ["CAREERKIT_DATA_DIR"] = tempfile.mkdtemp(prefix="careerkit-test-")
        _demo_workshop()
    os.environ["CAREERKIT_RAISE_ERRORS"] = "1"


def _demo_workshop() -> None:
    """The DEMO workshop the dashboard workbook shows when nbval runs it."""
    from careerkit.definitions import load_survey
    from careerkit.store import open_store
    from careerkit.survey.demo import run_demo

    survey = load_survey(Path(__file__).parent / "survey" / "career_interests.yaml")
    run_demo(survey, open_store(), "DEMO", 12, seed=7)
