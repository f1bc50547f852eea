"""The dashboard workbook's entry point: ?view=projector, thresholds a link can only raise, --comment-threshold."""

from __future__ import annotations

import pytest

from careerkit.cli.main import main
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.reporting.screens.projector import Projector
from careerkit.serving.facilitator import dashboard_app


def _app(monkeypatch: pytest.MonkeyPatch, query: str, **env: str) -> object:
    monkeypatch.setenv("QUERY_STRING", query)
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "memory://")
    monkeypatch.delenv("CAREERKIT_COMMENT_THRESHOLD", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return dashboard_app(live=False)


def test_view_projector_builds_the_projector_and_a_link_cannot_lower_thresholds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`?view=projector` gives the projector; thresholds of 2 and 1 in the link leave 5 and 10."""
    view = _app(monkeypatch, "view=projector&workshop=W1&threshold=2&comments=1")
    assert isinstance(view, Projector) and view.workshops == ["W1"]
    assert (view._threshold, view._comment_threshold) == (5, 10)
    raised = _app(monkeypatch, "view=projector&workshop=W1&threshold=7&comments=x")
    assert isinstance(raised, Projector)
    assert (raised._threshold, raised._comment_threshold) == (7, 10)
    board = _app(monkeypatch, "workshop=W1")
    assert isinstance(board, Dashboard) and "careerkit-projector" not in board._dom_classes


def test_the_dashboard_command_hands_its_comment_threshold_to_the_kernels(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """$CAREERKIT_COMMENT_THRESHOLD sets the dashboard's control; below the threshold it is refused."""
    board = _app(monkeypatch, "workshop=W1", CAREERKIT_COMMENT_THRESHOLD="15")
    assert isinstance(board, Dashboard) and board.comment_threshold.value == 15
    assert main(["dashboard", "--comment-threshold", "4"]) == 2
    assert "cannot be lower than the reporting threshold (5)" in capsys.readouterr().err
