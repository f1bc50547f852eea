"""The participant survey workbook, run in a real kernel, stays free of the heavy libraries."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.manager import KernelManager

from careerkit.definitions import warm_cache
from careerkit.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SURVEY_NOTEBOOK = ROOT / "workbooks" / "interest_survey.ipynb"
HEAVY = ("pandas", "matplotlib")
# What reading a survey file from YAML loads; with a warm survey cache a kernel needs none of it.
SURVEY_FILES = (
    "ruamel",
    "careerkit.definitions.yamlnodes",
    "careerkit.definitions.org_goals",
    "careerkit.crossings.model",
)
TIMEOUT = 120

# Runs in the kernel after the workbook: what it showed, and which heavy modules it loaded.
PROBE = f"""
import json as _json, sys as _sys
_heavy = {HEAVY!r}
_survey_files = {SURVEY_FILES!r}
print(_json.dumps({{
    "executable": _sys.executable,
    "shown": type(_).__name__,
    "offending": sorted({{m.split(".")[0] for m in _sys.modules}} & set(_heavy)),
    "submodules": sum(m.split(".")[0] in _heavy for m in _sys.modules),
    "store": type(getattr(_, "store", None)).__name__,
    "sqlalchemy": sorted(m for m in _sys.modules if m.split(".")[0] in ("sqlalchemy", "psycopg"))[:3],
    "survey_files": sorted(m for m in _sys.modules if m.startswith(_survey_files))[:3],
    "title": getattr(getattr(_, "survey", None), "title", None),
    "next": getattr(getattr(_, "next", None), "description", None),
}}))
"""


@pytest.fixture
def kernel() -> Iterator[Any]:
    """A fresh python3 kernel (this interpreter) inheriting the test's data and survey folders."""
    yield from _kernel()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def prepared_kernel(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Any]]:
    """(database, kernel) on a database as `careerkit serve` leaves it: tables, survey cache.

    On SQLite the data folder's file; on PostgreSQL conftest's `pg_url` as $CAREERKIT_DATABASE_URL.
    """
    if request.param == "postgresql":
        monkeypatch.setenv("CAREERKIT_DATABASE_URL", str(request.getfixturevalue("pg_url")))
    open_store().close()  # serve creates the tables before Voilà starts
    warm_cache()  # and validates every survey into the cache
    for kc in _kernel():
        yield request.param, kc


def _kernel() -> Iterator[Any]:
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(SURVEY_NOTEBOOK.parent))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _run(kc: Any, code: str) -> tuple[str, list[str]]:
    """Execute `code`; returns the reply status and the text it printed or raised."""
    out: list[str] = []

    def hook(msg: dict[str, Any]) -> None:
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            out.append("\n".join(content["traceback"]))

    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=hook, store_history=True)
    return reply["content"]["status"], out


def _run_workbook(kernel: Any) -> dict[str, Any]:
    """Run the survey workbook's code cells in `kernel`, then the probe; what the probe found."""
    notebook = nbformat.read(SURVEY_NOTEBOOK, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    assert cells, f"{SURVEY_NOTEBOOK} has no code cells"
    for number, source in enumerate(cells, 1):
        status, out = _run(kernel, source)
        assert status == "ok", f"code cell {number} failed:\n{''.join(out)}"

    status, out = _run(kernel, PROBE)
    assert status == "ok", "".join(out)
    found: dict[str, Any] = json.loads("".join(out).strip().splitlines()[-1])
    return found


def test_survey_kernel_loads_neither_pandas_nor_matplotlib(kernel: Any) -> None:
    """Running the survey workbook's code builds the form without loading pandas or matplotlib."""
    found = _run_workbook(kernel)
    assert Path(found["executable"]).resolve() == Path(sys.executable).resolve()
    assert found["shown"] == "SurveyForm", f"the workbook showed {found['shown']}, not the form"
    assert found["offending"] == [], (
        f"the participant kernel imported {', '.join(found['offending'])} "
        f"({found['submodules']} modules in all)"
    )


def test_prepared_survey_kernel_loads_neither_sqlalchemy_nor_yaml(
    prepared_kernel: tuple[str, Any],
) -> None:
    """On a database as `careerkit serve` leaves it, the kernel loads no SQLAlchemy, psycopg, YAML.

    On SQLite it saves through sqlite3, on PostgreSQL through pg8000 (store/lite_pg.py).
    """
    database, kernel = prepared_kernel
    found = _run_workbook(kernel)
    assert found["shown"] == "SurveyForm", f"the workbook showed {found['shown']}, not the form"
    assert found["store"] == {"sqlite": "LiteStore", "postgresql": "LitePgStore"}[database]
    assert found["sqlalchemy"] == [], f"the participant kernel imported {found['sqlalchemy']}"
    assert found["survey_files"] == [], f"the participant kernel imported {found['survey_files']}"


def test_german_survey_kernel_reads_no_yaml_either(monkeypatch: pytest.MonkeyPatch) -> None:
    """With `?lang=de`, the prepared kernel shows the German survey from the cache, without YAML."""
    open_store().close()
    warm_cache()  # every language of every survey, as `careerkit serve` does
    monkeypatch.setenv("QUERY_STRING", "workshop=K1&lang=de")
    for kernel in _kernel():
        found = _run_workbook(kernel)
        assert found["title"] == "Wohin soll sich Ihre berufliche Laufbahn entwickeln?"
        assert found["next"] == "Weiter"
        assert found["survey_files"] == [], (
            f"the participant kernel imported {found['survey_files']}"
        )
        assert found["offending"] == [] and found["sqlalchemy"] == []


SUBMIT = """
import random as _random
from careerkit.survey.demo import fake_answers as _fake
_form = _
_form.set_answers(_fake(_form.survey, _random.Random(7)))
_saved = _form.submit()
_room = [c for c in _form.result_area.children if type(c).__name__ == "RoomView"]
print("SUBMITTED", _saved is not None, len(_room), _room[0].summary.value if _room else "")
_form
"""


def test_submit_in_a_workshop_with_the_rooms_picture_stays_light(
    prepared_kernel: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After Submit in a workshop the result shows the room's picture, read with light SQL:
    the workshop's stored threshold, its counts and (others having answered an edition this
    kernel does not know) the stored editions; still no SQLAlchemy, pandas or YAML."""
    from datetime import UTC, datetime

    from careerkit.model import Response, ScoreResult

    database, kernel = prepared_kernel
    store = open_store()
    try:
        store.set_release_threshold(["ROOMK"], 4)
        for i in range(4):
            store.save_response(
                Response(
                    id=f"roomk-{database}-{i}",
                    survey_id="career_interests",
                    workshop="ROOMK",
                    answers={"lead_people": 3},
                    result=ScoreResult(advancement=50, development=50, orientation="both"),
                    submitted_at=datetime.now(UTC),
                    edition="f" * 64,  # an edition this kernel has never seen
                )
            )
    finally:
        store.close()
    status, out = _run(kernel, "import os; os.environ['QUERY_STRING'] = 'workshop=ROOMK'")
    assert status == "ok", "".join(out)
    found = _run_workbook(kernel)
    assert found["shown"] == "SurveyForm"
    status, out = _run(kernel, SUBMIT)
    assert status == "ok", "".join(out)
    said = "".join(out)
    assert "SUBMITTED True 1" in said, said
    # 5 responses at threshold 4: the first 4 are covered, none of them scored as this form.
    assert "advancement 0" not in said and "In this workshop so far" in said, said
    status, out = _run(kernel, PROBE)
    assert status == "ok", "".join(out)
    after = json.loads("".join(out).strip().splitlines()[-1])
    assert after["offending"] == [] and after["sqlalchemy"] == [], after
    assert after["survey_files"] == [], after
