"""Workbook entry points: link parameters and plain messages instead of tracebacks."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from careerkit.crossings.screens.board import CrossingBoard
from careerkit.serving import query as links
from careerkit.serving.apps import crossing_app, link_code, query_params, survey_app
from careerkit.survey.screens.form import SurveyForm


def test_workshop_code_comes_from_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """`?workshop=CODE` in the page's link sets the form's workshop."""
    monkeypatch.setenv("QUERY_STRING", "workshop=ABC123&x=1")
    assert query_params() == {"workshop": "ABC123", "x": "1"}
    app = survey_app()
    assert isinstance(app, SurveyForm) and app.workshop == "ABC123"


def test_odd_codes_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code with markup or spaces falls back to the default instead of being stored."""
    monkeypatch.setenv("QUERY_STRING", "workshop=%3Cscript%3E")
    assert link_code("workshop", "DEFAULT") == "DEFAULT"
    monkeypatch.setenv("QUERY_STRING", "")
    assert link_code("workshop") is None


def test_unknown_survey_shows_a_message_not_a_traceback() -> None:
    """A workbook naming a survey that does not exist shows the list of surveys that do."""
    app = survey_app("no_such_survey")
    assert "careerkit-problem" in app._dom_classes
    text = app.children[0].value
    assert "No survey &#x27;no_such_survey&#x27;" in text and "career_interests" in text


def test_unusable_store_shows_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A database URL careerkit cannot use gives a readable message in the app."""
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "oracle://x/y")
    app = survey_app()
    assert "careerkit-problem" in app._dom_classes
    assert "SQLite or PostgreSQL" in app.children[0].value


@pytest.fixture
def request_info_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A real tornado websocket at /voila/query/<kernel id>, as Voilà runs it for preheated kernels.

    It pings first, then sends the request info (padded past 64 KiB, so the frame carries an
    8-byte length) once the test appends it to the list it yields.
    """
    import asyncio
    import threading

    import tornado.web
    import tornado.websocket

    outbox: list[str] = []

    class Handler(tornado.websocket.WebSocketHandler):  # type: ignore[misc]
        async def open(self, kernel_id: str) -> None:  # type: ignore[override]
            assert kernel_id == "k-123"
            self.ping(b"hello")
            while not outbox:
                await asyncio.sleep(0.05)
            await self.write_message(outbox[0])

    ready = threading.Event()
    holder: dict[str, Any] = {}

    def run() -> None:
        async def main() -> None:
            app = tornado.web.Application([(r"/base/voila/query/(.*)", Handler)])
            server = app.listen(0, "127.0.0.1")
            holder["port"] = next(iter(server._sockets.values())).getsockname()[1]
            holder["stop"] = asyncio.Event()
            ready.set()
            await holder["stop"].wait()
            server.stop()

        holder["loop"] = asyncio.new_event_loop()
        holder["loop"].run_until_complete(main())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_APP_IP": "127.0.0.1",
        "VOILA_APP_PORT": str(holder["port"]),
        "VOILA_SERVER_URL": "/base/",
        "VOILA_KERNEL_ID": "k-123",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(links, "_preheat_query", None)
    yield outbox
    holder["loop"].call_soon_threadsafe(holder["stop"].set)
    thread.join(10)


def test_preheated_kernel_reads_the_link_when_the_page_opens(
    request_info_server: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preheated kernel waits for Voilà's request info over the websocket and reads its query."""
    padding = "x" * 70_000
    for name in ("QUERY_STRING", "SCRIPT_NAME", "PAD"):  # set by the kernel; restored after
        monkeypatch.setenv(name, "")
    request_info_server.append(
        json.dumps({"QUERY_STRING": "workshop=PRE123", "SCRIPT_NAME": "/", "PAD": padding})
    )
    assert link_code("workshop") == "PRE123"
    assert os.environ["PAD"] == padding
    assert query_params() == {"workshop": "PRE123"}  # read once, then kept


@pytest.fixture
def two_org_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A survey folder whose org/ holds the example goals and a second organization's."""
    root = Path(__file__).resolve().parents[2] / "survey"
    org = tmp_path / "survey" / "org"
    org.mkdir(parents=True)
    example = (root / "org" / "example_org_goals.yaml").read_text(encoding="utf-8")
    (org / "example_org_goals.yaml").write_text(example, encoding="utf-8")
    other = example.replace("Northwind Logistics", "Southwind Rail")
    (org / "southwind.yaml").write_text(other, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(tmp_path / "survey"))
    return org


def test_org_goals_come_from_the_link(two_org_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`?org=NAME` picks that file of survey/org/; without it the parameters cell's choice holds."""
    monkeypatch.setenv("QUERY_STRING", "org=southwind&workshop=ABC123")
    board = crossing_app()
    assert isinstance(board, CrossingBoard)
    assert board.org.organization == "Southwind Rail" and board.workshop == "ABC123"
    monkeypatch.setenv("QUERY_STRING", "")
    assert crossing_app().org.organization == "Northwind Logistics"
    assert crossing_app(org="southwind").org.organization == "Southwind Rail"


@pytest.mark.parametrize(
    "asked", ["nowhere", "../org/southwind", "/etc/passwd", "southwind.yaml", "%3Cb%3Ex%3C%2Fb%3E"]
)
def test_org_link_takes_only_a_name_on_this_server(
    two_org_files: Path, monkeypatch: pytest.MonkeyPatch, asked: str
) -> None:
    """A name that is not a file of survey/org/ (a path included) gets a plain message listing
    the names there, and never shows the server's folders."""
    monkeypatch.setenv("QUERY_STRING", f"org={asked}")
    app = crossing_app()
    assert "careerkit-problem" in app._dom_classes
    text = app.children[0].value
    assert "on this server (there are: example_org_goals, southwind)" in text
    assert "Ask the facilitator for the right link." in text
    assert str(two_org_files) not in text and "<b>" not in text
