"""Where careerkit keeps its data and finds survey files, read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ConfigError

DATA_DIR_ENV = "CAREERKIT_DATA_DIR"
DATABASE_URL_ENV = "CAREERKIT_DATABASE_URL"
SURVEY_DIR_ENV = "CAREERKIT_SURVEY_DIR"
WORKBOOK_DIR_ENV = "CAREERKIT_WORKBOOK_DIR"
#: Where participants reach `careerkit serve`, for the links the dashboard's "New workshop" prints.
PUBLIC_URL_ENV = "CAREERKIT_PUBLIC_URL"
#: How long a survey draft (answers in progress) and a submit's receipt are kept, in hours.
DRAFT_HOURS_ENV = "CAREERKIT_DRAFT_HOURS"
#: `careerkit dashboard --comment-threshold N` hands N to the dashboard's kernels in this variable.
COMMENT_THRESHOLD_ENV = "CAREERKIT_COMMENT_THRESHOLD"
DEFAULT_DRAFT_HOURS = 24.0
SQLITE_NAME = "careerkit.sqlite3"


def data_dir() -> Path:
    """`$CAREERKIT_DATA_DIR`, else `$XDG_DATA_HOME/careerkit` (default `~/.local/share/careerkit`)."""
    given = os.environ.get(DATA_DIR_ENV)
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "careerkit"


def database_url() -> str:
    """`$CAREERKIT_DATABASE_URL` (a relative SQLite file made absolute), else the data folder's file."""
    given = os.environ.get(DATABASE_URL_ENV)
    if given:
        return absolute_sqlite_url(given)
    return f"sqlite:///{data_dir().resolve() / SQLITE_NAME}"


def absolute_sqlite_url(url: str, base: Path | None = None) -> str:
    """A SQLite URL with a relative file (`sqlite:///data.db`, `~/data.db`) made absolute.

    The file is placed against `base` (default: the working folder), so every process opens the
    same file whatever folder it runs in; any other URL (absolute file, memory, PostgreSQL) comes
    back as given. The driver (`sqlite+pysqlite`) and a `?query` are kept.
    """
    scheme, sep, rest = url.partition(":///")
    if not sep or scheme.split("+", 1)[0].lower() != "sqlite":
        return url
    path, mark, query = rest.partition("?")
    if not path or path.startswith("/") or path == ":memory:" or path.startswith("file:"):
        return url
    absolute = ((base or Path.cwd()) / Path(path).expanduser()).resolve()
    return f"{scheme}:///{absolute}{mark}{query}"


def public_url() -> str:
    """`$CAREERKIT_PUBLIC_URL`, else `http://localhost:8866` (the participant server's default)."""
    return os.environ.get(PUBLIC_URL_ENV, "").strip() or "http://localhost:8866"


def comment_threshold_given() -> int | None:
    """`$CAREERKIT_COMMENT_THRESHOLD` as a whole number, or None when it is not set."""
    given = os.environ.get(COMMENT_THRESHOLD_ENV, "").strip()
    if not given:
        return None
    try:
        return int(given)
    except ValueError:
        raise ConfigError(
            f"{COMMENT_THRESHOLD_ENV} must be a whole number of people (got {given!r})."
        ) from None


def draft_hours() -> float:
    """`$CAREERKIT_DRAFT_HOURS`, else 24: how long drafts and receipts of submits are kept.

    A draft older than this is never given back or counted, and its row is deleted when a store
    next tidies up; so is the receipt that lets a reloaded tab show what it submitted.
    """
    given = os.environ.get(DRAFT_HOURS_ENV, "").strip()
    if not given:
        return DEFAULT_DRAFT_HOURS
    try:
        hours = float(given)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= 24 * 366:  # also refuses nan and inf
        raise ConfigError(
            f"{DRAFT_HOURS_ENV} must be a number of hours above 0 and at most a year (8784), "
            f"e.g. 24 or 0.5; got {given!r}."
        )
    return hours


def survey_dir() -> Path:
    """`$CAREERKIT_SURVEY_DIR`, else the nearest `survey/` folder at or above the working directory.

    Falls back to the `survey/` folder beside the package (a source checkout).
    """
    return _project_folder(SURVEY_DIR_ENV, "survey")


def workbook_dir() -> Path:
    """`$CAREERKIT_WORKBOOK_DIR`, else the nearest `workbooks/` folder, as for `survey_dir`."""
    return _project_folder(WORKBOOK_DIR_ENV, "workbooks")


def _project_folder(env: str, name: str) -> Path:
    given = os.environ.get(env)
    if given:
        return Path(given).expanduser().resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / name).is_dir():
            return folder / name
    return Path(__file__).resolve().parent.parent / name
