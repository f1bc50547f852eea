"""`careerkit lab` for real: the interest survey workbook run in JupyterLab with headless Chromium."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from answers import ACTIVITIES, CHOICES, PAGE_1, PAGE_2
from pages import expect as _expect

from careerkit.definitions import load_survey
from careerkit.store import open_store

pytest_plugins = ["voila_server"]  # the chromium fixture
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120.0
_ACTIVE = re.compile(r"\bmod-active\b")


@dataclass
class Lab:
    base_url: str
    token: str
    data_dir: Path
    workbooks: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _link(lab_log: Path) -> str | None:
    found = re.search(r"http://127\.0\.0\.1:\d+/lab\?token=[\w-]+", lab_log.read_text())
    return found.group(0) if found else None


def _wait_until_up(lab: subprocess.Popen[bytes], log_path: Path) -> str:
    """The printed link, once the server behind it answers an authenticated request."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if lab.poll() is not None:
            raise RuntimeError(
                f"careerkit lab exited with {lab.returncode}:\n{log_path.read_text()}"
            )
        link = _link(log_path)
        if link:
            status = link.replace("/lab?", "/api/status?")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(status, timeout=10) as resp,  # noqa: S310  (loopback)
            ):
                if resp.status == 200:
                    return link
        time.sleep(0.5)
    raise RuntimeError(
        f"careerkit lab did not answer in {START_TIMEOUT:.0f}s:\n{log_path.read_text()}"
    )


def _stop(lab: subprocess.Popen[bytes]) -> None:
    """SIGTERM JupyterLab alone (it shuts its kernels down), then SIGKILL its group if it hangs."""
    import psutil

    kernels = psutil.Process(lab.pid).children(recursive=True)
    lab.send_signal(signal.SIGTERM)
    try:
        lab.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(lab.pid, signal.SIGKILL)
        lab.wait(timeout=5)
    for kernel in kernels:
        with contextlib.suppress(psutil.NoSuchProcess):
            if kernel.is_running():
                kernel.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """`careerkit lab` on a copy of the workbooks (so JupyterLab's saves stay out of the repo)."""
    from voila_server import free_port

    tmp = tmp_path_factory.mktemp("lab")
    workbooks = tmp / "workbooks"
    shutil.copytree(ROOT / "workbooks", workbooks)
    env = dict(os.environ)
    env.update(
        CAREERKIT_DATA_DIR=str(tmp / "data"),
        CAREERKIT_SURVEY_DIR=str(ROOT / "survey"),
        CAREERKIT_WORKBOOK_DIR=str(workbooks),
        PYTHONUNBUFFERED="1",
    )
    for name in ("CAREERKIT_DATABASE_URL", "CAREERKIT_RAISE_ERRORS", "JUPYTER_CONFIG_DIR"):
        env.pop(name, None)
    port = free_port()
    log_path = tmp / "lab.log"
    argv = [sys.executable, "-m", "careerkit.cli", "lab", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        link = _wait_until_up(process, log_path)
        token = link.split("token=", 1)[1]
        yield Lab(f"http://127.0.0.1:{port}", token, tmp / "data", workbooks, process, log_path)
    finally:
        _stop(process)


def _likert(page: Any, qid: str, value: int) -> None:
    button = page.locator(f".careerkit-q-{qid} button.widget-toggle-button[data-value='{value}']")
    button.click()
    _expect(button).to_have_class(_ACTIVE)  # the kernel's value came back to the page


def _option(page: Any, qid: str, option_id: str, kind: str) -> None:
    question = next(q for q in load_survey("career_interests").questions if q.id == qid)
    label = next(o.label for o in question.options if o.id == option_id)
    box = page.locator(f".careerkit-q-{qid} label", has_text=label).locator(f"input[type={kind}]")
    box.check()
    _expect(box).to_be_checked()


def test_lab_needs_its_token(lab: Lab) -> None:
    """Without the printed token JupyterLab's API refuses; the token is on no process's command line."""
    for path in ("api/contents", "api/kernels", f"api/contents?token=wrong{lab.token[5:]}"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{lab.base_url}/{path}", timeout=10)  # noqa: S310  (loopback)
        assert refused.value.code in (401, 403), path
    import psutil

    server = psutil.Process(lab.process.pid)
    assert not any(lab.token in arg for arg in server.cmdline())


def test_interest_survey_runs_in_jupyterlab_and_stores_a_response(chromium: Any, lab: Lab) -> None:
    """Run All on the interest survey renders the form; a submission lands in the lab's SQLite file."""
    page = chromium.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{lab.base_url}/lab/tree/interest_survey.ipynb?token={lab.token}")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
    prompts = panel.locator(".jp-InputPrompt")
    for _attempt in range(3):
        # On a busy machine the lab can show "idle" before Run All reaches the kernel: a click
        # that ran nothing (every prompt still "[ ]:") is made again.
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        try:
            _expect(prompts.filter(has_text=re.compile(r"\[(\*|\d+)\]"))).not_to_have_count(
                0, timeout=30_000
            )
            break
        except AssertionError:
            continue
    form = panel.locator(".careerkit-survey")
    form.wait_for(state="visible", timeout=240_000)  # a kernel starting on a busy machine
    for qid, value in PAGE_1.items():
        _likert(page, qid, value)
    page.get_by_role("button", name="Next").click()
    for qid, value in PAGE_2.items():
        _likert(page, qid, value)
    page.get_by_role("button", name="Next").click()
    _option(page, "activities", ACTIVITIES[0], "checkbox")
    _option(page, "manager_support", CHOICES["manager_support"], "radio")
    page.locator(".careerkit-submit").click()
    _expect(page.locator(".careerkit-status")).to_contain_text("Saved", timeout=60_000)
    store = open_store(f"sqlite:///{lab.data_dir / 'careerkit.sqlite3'}")
    try:
        stored = store.responses(survey_id="career_interests")
    finally:
        store.close()
    assert len(stored) == 1, lab.log()[-2000:]
    answers = stored[0].answers
    assert {q: answers[q] for q in PAGE_1} == PAGE_1 and {q: answers[q] for q in PAGE_2} == PAGE_2
    assert answers["activities"] == (ACTIVITIES[0],) and stored[0].result is not None
