"""Where careerkit keeps its data and finds survey files, read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CAREERKIT_DATA_DIR"
DATABASE_URL_ENV = "CAREERKIT_DATABASE_URL"
SURVEY_DIR_ENV = "CAREERKIT_SURVEY_DIR"
SQLITE_NAME = "careerkit.sqlite3"


def data_dir() -> Path:
    """`$CAREERKIT_DATA_DIR`, else `$XDG_DATA_HOME/careerkit` (default `~/.local/share/careerkit`)."""
    given = os.environ.get(DATA_DIR_ENV)
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "careerkit"


def database_url() -> str:
    """`$CAREERKIT_DATABASE_URL`, else the SQLite file in the data folder."""
    given = os.environ.get(DATABASE_URL_ENV)
    if given:
        return given
    return f"sqlite:///{data_dir() / SQLITE_NAME}"


def survey_dir() -> Path:
    """`$CAREERKIT_SURVEY_DIR`, else the nearest `survey/` folder above the working directory.

    Falls back to the `survey/` folder beside the package (a source checkout).
    """
    given = os.environ.get(SURVEY_DIR_ENV)
    if given:
        return Path(given).expanduser()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "survey"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parent.parent / "survey"
