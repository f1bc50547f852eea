"""Each import-linter contract can fail: one planted import in a copy of the package breaks it alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"

#: (module file, the import planted in it, the one contract it must break)
PLANTED = [
    ("store/records.py", "from careerkit.survey import scoring", "Layers point one way"),
    (
        "reporting/figures.py",
        "from careerkit.survey.screens import results",
        "Features read each other's models and stats, never their screens",
    ),
    (
        "crossings/editing.py",
        "import careerkit.reporting",
        "Only reporting reads across the features",
    ),
    ("survey/scoring.py", "import careerkit.plans", "The survey stands alone"),
    ("plans/editing.py", "import sqlite3", "Only the store talks to databases"),
    ("reporting/cohort.py", "import ruamel.yaml", "Only definitions reads YAML"),
    ("privacy.py", "import numpy", "The base knows nothing of UI, tables or plots"),
    (
        "crossings/stats.py",
        "import pandas",
        "Models, editing and stats know nothing of UI, tables or plots",
    ),
    (
        "store/schema.py",
        "import ipywidgets",
        "The store hands out plain rows, never frames or figures",
    ),
    ("survey/screens/results.py", "import matplotlib", "Participant screens stay light"),
]


def _lint(tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache", "--no-logo"],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _copy(tmp: Path) -> Path:
    shutil.copytree(
        ROOT / "careerkit", tmp / "careerkit", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy2(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def _broken(output: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(.+?) BROKEN(?: \(.*\))?$", output, re.MULTILINE)}


def test_every_contract_is_planted_once() -> None:
    """The planted imports cover every contract in pyproject.toml, one each."""
    text = (ROOT / "pyproject.toml").read_text()
    names = re.findall(r'^\[\[tool\.importlinter\.contracts\]\]\nname = "(.+)"$', text, re.M)
    assert sorted(names) == sorted(c for _m, _i, c in PLANTED)


def test_the_copy_keeps_every_contract(tmp_path: Path) -> None:
    """Unchanged, the copied package keeps all contracts (so a broken one below is the plant's doing)."""
    proc = _lint(_copy(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _broken(proc.stdout) == set()


@pytest.mark.parametrize(("module", "line", "contract"), PLANTED, ids=[c for _m, _i, c in PLANTED])
def test_a_planted_import_is_refused(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """lint-imports refuses the copy and names exactly the contract the planted import breaks."""
    target = _copy(tmp_path) / "careerkit" / module
    target.write_text(target.read_text() + f"\n{line}  # planted by the test\n")
    proc = _lint(tmp_path)
    assert proc.returncode != 0, proc.stdout
    assert _broken(proc.stdout) == {contract}, proc.stdout
