"""Settings for every pytest run, notebooks included: a throw-away data folder, strict apps."""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this environment: they write to a temporary database and
    # raise instead of showing a friendly message, so a broken workbook fails its test.
    os.environ.setdefault("CAREERKIT_DATA_DIR", tempfile.mkdtemp(prefix="careerkit-test-"))
    os.environ["CAREERKIT_RAISE_ERRORS"] = "1"
