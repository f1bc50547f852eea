"""Project rules that code review would otherwise have to remember: layers, lint, types, thin notebooks."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import careerkit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    assert path, f"{name} is not installed; install careerkit[test]"
    return path


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_import_layers_hold() -> None:
    """import-linter contracts in pyproject.toml are all kept (layers, store-only SQL, surveys-only YAML)."""
    proc = _run(_tool("lint-imports"), "--no-cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_ruff_is_clean() -> None:
    """ruff finds nothing in the package, tests and benchmarks."""
    proc = _run(_tool("ruff"), "check", "careerkit", "tests", "bench", "conftest.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    """mypy --strict (configured in pyproject.toml) finds no type errors in careerkit/."""
    proc = _run(_tool("mypy"), "--no-incremental")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_public_api_is_sorted_and_importable() -> None:
    """`careerkit.__all__` is sorted and every name in it exists."""
    assert careerkit.__all__ == sorted(careerkit.__all__)
    for name in careerkit.__all__:
        assert getattr(careerkit, name) is not None
    with pytest.raises(AttributeError):
        _ = careerkit.no_such_name


def test_importing_the_apps_keeps_participant_kernels_light() -> None:
    """`import careerkit.serving.apps` loads no plotting, tables, database driver or Jupyter server."""
    code = (
        "import sys, careerkit.serving.apps; "
        "heavy = ('pandas', 'matplotlib', 'sqlalchemy', 'jupyter_server', 'voila', "
        "'careerkit.plans.screens.editor', 'careerkit.crossings.screens.board'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert proc.stdout.strip() == ""


def test_modules_stay_small_and_documented() -> None:
    """Each module has a docstring, no module is a grab-bag `utils`, none passes about 300 lines."""
    for path in sorted((ROOT / "careerkit").rglob("*.py")):
        source = path.read_text()
        doc = ast.get_docstring(ast.parse(source))
        assert doc and doc.strip(), f"{path} has no module docstring"
        assert path.stem not in {"utils", "helpers", "misc"}, (
            f"{path}: name the module after its job"
        )
        lines = len(source.splitlines())
        assert lines <= 320, f"{path} has {lines} lines; split it by job"


def test_every_folder_says_what_it_is_for() -> None:
    """Every package of careerkit opens with a one-line docstring naming its job."""
    for init in sorted((ROOT / "careerkit").rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc, f"{init.parent} has no docstring in its __init__.py"
        assert len(doc.splitlines()[0]) <= 100, f"{init}: keep the first line short"


NOTEBOOKS = sorted((ROOT / "workbooks").rglob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_thin_and_stored_clean(path: Path) -> None:
    """A workbook is a tagged parameters cell and one short call, stored without outputs."""
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
        "clear outputs"
    )
    assert "parameters" in code[0].get("metadata", {}).get("tags", []), (
        "first code cell must be tagged parameters"
    )
    body = ["".join(c["source"]) for c in code[1:]]
    assert 1 <= len(body) <= 2, "one or two calls into careerkit after the parameters"
    statements = [
        ln for cell in body for ln in cell.splitlines() if ln.strip() and not ln.startswith("#")
    ]
    assert len(statements) <= 4, f"logic belongs in careerkit, not the notebook: {statements}"
    assert all(
        ln.startswith(("from careerkit", "import careerkit")) or "(" in ln for ln in statements
    )
