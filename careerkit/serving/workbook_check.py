"""Run workbooks headless, as the test suite does, against a throw-away data folder.

Each workbook runs top to bottom in a fresh kernel (nbclient), in its own folder, with
CAREERKIT_RAISE_ERRORS=1 so a screen that cannot start raises instead of showing a friendly
message, and with a temporary data folder holding a DEMO workshop of made-up answers (as
/conftest.py gives nbval). CAREERKIT_DATABASE_URL is removed from the kernels' environment, so
a workbook never writes into the facilitator's real database.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from careerkit.config import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    SQLITE_NAME,
    SURVEY_DIR_ENV,
    WORKBOOK_DIR_ENV,
    survey_dir,
    workbook_dir,
)
from careerkit.model import Survey

from .apps import RAISE_ERRORS_ENV
from .serve import DASHBOARD_TOKEN_ENV

#: Seconds a cell may run before it counts as failed (a dashboard's first charts take a few).
CELL_TIMEOUT = 180
DEMO_WORKSHOP = "DEMO"
DEMO_PARTICIPANTS = 12


@dataclass(frozen=True)
class WorkbookResult:
    """How one workbook ran: `cell` is the failing cell's number (from 1), None when it is fine."""

    path: Path
    cell: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def line(self, shown_as: str | None = None) -> str:
        name = shown_as or str(self.path)
        if self.ok:
            return f"{name}: ok"
        where = f"cell {self.cell}: " if self.cell is not None else ""
        return f"{name}: {where}{self.error}"


def all_workbooks(folder: Path | None = None) -> list[Path]:
    """The participant workbooks (workbooks/*.ipynb), then the facilitator's (facilitator/*.ipynb)."""
    folder = folder or workbook_dir()
    return sorted(folder.glob("*.ipynb")) + sorted((folder / "facilitator").glob("*.ipynb"))


def check_env(data: Path) -> dict[str, str]:
    """The kernels' environment: the survey folder, a throw-away data folder, errors that raise."""
    env = dict(os.environ)
    env[SURVEY_DIR_ENV] = str(survey_dir().resolve())
    env[WORKBOOK_DIR_ENV] = str(workbook_dir().resolve())
    env[DATA_DIR_ENV] = str(data)
    env[RAISE_ERRORS_ENV] = "1"
    for name in (DATABASE_URL_ENV, DASHBOARD_TOKEN_ENV, "QUERY_STRING", "VOILA_PREHEAT"):
        env.pop(name, None)
    return env


def seed_demo(data: Path, surveys: Sequence[Survey]) -> None:
    """A DEMO workshop of made-up answers to each survey, in the data folder's SQLite file."""
    from careerkit.store import open_store
    from careerkit.survey.demo import run_demo

    store = open_store(f"sqlite:///{data / SQLITE_NAME}")
    try:
        for survey in surveys:
            run_demo(survey, store, DEMO_WORKSHOP, DEMO_PARTICIPANTS, seed=7)
    finally:
        store.close()


@contextmanager
def scratch_data(surveys: Sequence[Survey] = ()) -> Iterator[Path]:
    """A private temporary data folder, seeded with `seed_demo`, removed at the end."""
    with tempfile.TemporaryDirectory(prefix="careerkit-check-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir(mode=0o700)
        seed_demo(data, surveys)
        yield data


def _one_line(text: str) -> str:
    """An error's words on one line: ANSI colours out, line breaks joined with '; '."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return "; ".join(part.strip() for part in plain.splitlines() if part.strip())


def run_workbook(path: Path, env: dict[str, str], timeout: int = CELL_TIMEOUT) -> WorkbookResult:
    """Run every cell of one workbook in a fresh kernel; the first failing cell and its error."""
    import nbformat
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:
        notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]  # no hints
    except (OSError, ValueError, nbformat.ValidationError) as exc:
        return WorkbookResult(path, error=f"cannot read it as a notebook: {_one_line(str(exc))}")
    client = NotebookClient(
        notebook,
        timeout=timeout,
        startup_timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    index = -1
    try:
        # The kernel's own log (transport warnings and the like) is not the workbook's output.
        with client.setup_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
    except CellExecutionError as exc:
        return WorkbookResult(path, index + 1, f"{exc.ename}: {_one_line(exc.evalue)}")
    except CellTimeoutError:
        return WorkbookResult(path, index + 1, f"still running after {timeout} s; it was stopped")
    except NoSuchKernel as exc:
        return WorkbookResult(path, error=f"no Jupyter kernel named '{exc.name}' is installed")
    except (DeadKernelError, RuntimeError, TimeoutError) as exc:
        where = index + 1 if index >= 0 else None
        return WorkbookResult(path, where, f"the kernel stopped: {_one_line(str(exc))}")
    return WorkbookResult(path)
