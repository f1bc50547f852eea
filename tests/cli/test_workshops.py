"""Workshops: join codes, links and QR code, closing with a polite notice, reopening."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.errors import CareerkitError, WorkshopClosed
from careerkit.model import Response
from careerkit.serving.apps import survey_app
from careerkit.store import Store, open_store
from careerkit.store.workshops_sql import CODE_ALPHABET
from careerkit.survey.screens.form import SurveyForm


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind."""
    if request.param == "memory":
        url = "memory://"
    elif request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    s = open_store(url)
    yield s
    s.close()


def _response(rid: str, workshop: str) -> Response:
    return Response(
        id=rid,
        survey_id="career_interests",
        workshop=workshop,
        answers={"x": 1},
        submitted_at=datetime.now(UTC),
    )


def test_create_gives_short_readable_unique_codes(store: Store) -> None:
    """New workshops get six-character codes without look-alike characters, each different."""
    codes = {store.create_workshop(f"Session {i}").code for i in range(30)}
    assert len(codes) == 30
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set("".join(codes))


def test_chosen_code_must_be_free(store: Store) -> None:
    """A facilitator may pick the code, but not one that is taken."""
    assert store.create_workshop("Team day", "TEAM1").code == "TEAM1"
    with pytest.raises(CareerkitError, match="already taken"):
        store.create_workshop("Other", "TEAM1")


def test_closed_workshop_refuses_answers_until_reopened(store: Store) -> None:
    """After closing, a submission is refused politely and stored nowhere; reopening takes it."""
    store.create_workshop("Team day", "TEAM2")
    assert store.save_response(_response("resp-000001", "TEAM2"))
    assert store.set_workshop_closed("TEAM2", True).closed
    with pytest.raises(WorkshopClosed, match="has closed"):
        store.save_response(_response("resp-000002", "TEAM2"))
    assert store.count_responses(workshop="TEAM2") == 1
    store.set_workshop_closed("TEAM2", False)
    assert store.save_response(_response("resp-000002", "TEAM2"))
    assert store.count_responses(workshop="TEAM2") == 2
    with pytest.raises(CareerkitError, match="No workshop"):
        store.set_workshop_closed("NOPE", True)


def test_late_participant_sees_a_notice_not_an_error() -> None:
    """A form opened before closing tells a late submitter the workshop closed, without 'try again'."""
    store = open_store()
    store.create_workshop("Team day", "LATE1")
    survey = load_survey("career_interests")
    form = SurveyForm(survey, store=store, workshop="LATE1")
    form.set_answers(
        {q.id: 3 for q in survey.questions if q.kind == "likert"}
        | {"activities": ("courses",), "manager_support": "budget"}
    )
    store.set_workshop_closed("LATE1", True)
    assert form.submit() is None
    assert "has closed" in form.status.text and "try again" not in form.status.text
    assert store.count_responses(workshop="LATE1") == 0


def test_survey_app_for_a_closed_workshop_shows_the_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening the survey link of a closed workshop shows the notice instead of the form."""
    store = open_store()
    store.create_workshop("Team day", "SHUT1")
    store.set_workshop_closed("SHUT1", True)
    monkeypatch.setenv("QUERY_STRING", "workshop=SHUT1")
    app = survey_app()
    assert "careerkit-notice" in app._dom_classes and "has closed" in app.children[0].value


def test_cli_create_prints_links_and_writes_a_qr_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workshop create` prints the join code, a link per app and writes a scannable PNG."""
    qr = tmp_path / "qr.png"
    assert (
        main(
            [
                "workshop",
                "create",
                "Spring cohort",
                "--code",
                "SPRING",
                "--base-url",
                "http://room-server:8866/",
                "--qr",
                str(qr),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "join code SPRING" in out
    assert "http://room-server:8866/voila/render/interest_survey.ipynb?workshop=SPRING" in out
    assert (
        "development_plan.ipynb?workshop=SPRING" in out
        and "creative_crossings.ipynb?workshop=SPRING" in out
    )
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    with Image.open(qr) as image:
        assert image.size[0] >= 300


def test_cli_close_list_reopen(capsys: pytest.CaptureFixture[str]) -> None:
    """Closing and reopening from the command line shows in `workshop list`."""
    assert main(["workshop", "create", "Cohort", "--code", "C1", "--qr", "/dev/null"]) == 0
    assert main(["workshop", "close", "C1"]) == 0
    capsys.readouterr()
    assert main(["workshop", "list"]) == 0
    assert re.search(r"^C1 +closed \d{4}-\d\d-\d\d", capsys.readouterr().out, re.M)
    assert main(["workshop", "reopen", "C1"]) == 0
    assert main(["workshop", "list"]) == 0
    assert re.search(r"^C1 +open ", capsys.readouterr().out, re.M)
    assert main(["workshop", "close", "NOPE"]) == 2


def test_cli_list_with_no_workshops_says_how_to_create_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["workshop", "list"]) == 0
    out = capsys.readouterr().out
    assert "No workshops yet" in out and "careerkit workshop create" in out
    assert "careerkit serve --workshop" in out


def test_cli_list_shows_codes_only_used_in_links_most_recent_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Codes with answers but no workshop row are listed (marked), the latest activity first."""
    assert main(["workshop", "create", "Cohort", "--code", "MADE", "--qr", "/dev/null"]) == 0
    store = open_store()
    try:
        for code in ("LINKONLY", "LATER"):  # answers for codes that were never created
            assert store.save_response(_response(f"id-{code}", code))
    finally:
        store.close()
    capsys.readouterr()
    assert main(["workshop", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    codes = [line.split()[0] for line in lines[1:]]
    assert codes == ["LATER", "LINKONLY", "MADE"]
    later = lines[1].split()
    assert later[1:3] == ["never", "created"] and later[3] == "1"
    assert "Cohort" in lines[3] and " open " in lines[3]


def test_serve_creates_the_workshop_it_names(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`careerkit serve --workshop TEAM1` creates TEAM1 (once) before Voilà starts."""
    import careerkit.serving.serve as serving

    started: list[object] = []
    monkeypatch.setattr(serving, "serve", started.append)
    assert main(["serve", "--workshop", "TEAM1"]) == 0
    assert main(["serve", "--workshop", "TEAM1"]) == 0
    assert len(started) == 2
    assert capsys.readouterr().out.count("created workshop TEAM1") == 1
    store = open_store()
    try:
        assert [w.code for w in store.workshops()] == ["TEAM1"]
    finally:
        store.close()


def test_serve_preheats_for_the_room_size_its_workshop_was_created_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workshop create --expect 12`, then `serve --workshop CODE`: serve expects 12; an
    explicit `--expect` wins, and a workshop created without a size leaves the default pool."""
    import careerkit.serving.serve as serving

    started: list[Any] = []
    monkeypatch.setattr(serving, "serve", started.append)
    assert main(["workshop", "create", "Big room", "--code", "BIG", "--expect", "12"]) == 0
    assert main(["serve", "--workshop", "BIG"]) == 0
    assert main(["serve", "--workshop", "BIG", "--expect", "4"]) == 0
    assert main(["serve", "--workshop", "SMALL"]) == 0
    assert [opts.expect for opts in started] == [12, 4, None]
    assert "workshop BIG expects 12 people" in capsys.readouterr().out


def test_cli_create_names_the_organization_goals_in_the_brainstorm_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--org NAME` adds `&org=NAME` to the brainstorm link only; an unknown name creates nothing
    and says which names exist."""
    qr = str(tmp_path / "qr.png")
    assert (
        main(
            ["workshop", "create", "W", "--code", "ORG1", "--qr", qr, "--org", "example_org_goals"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "creative_crossings.ipynb?workshop=ORG1&org=example_org_goals" in out
    assert "interest_survey.ipynb?workshop=ORG1\n" in out
    assert main(["workshop", "create", "W", "--code", "ORG2", "--qr", qr, "--org", "../x"]) == 2
    err = capsys.readouterr().err
    assert "No organization goals named '../x' on this server (there are: example_org_goals)" in err
    assert "Give a file name from survey/org/ without .yaml." in err
    assert main(["workshop", "list"]) == 0
    assert "ORG2" not in capsys.readouterr().out


def test_cli_create_records_the_workshops_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    """`--threshold 8` is stored for the workshop (its dashboard and participants use it); a
    threshold privacy does not allow is refused before anything is created."""
    assert main(["workshop", "create", "Board", "--code", "BOARD", "--threshold", "8"]) == 0
    assert "at least 8 people" in capsys.readouterr().out
    assert main(["workshop", "list"]) == 0
    head, line = capsys.readouterr().out.splitlines()[:2]
    assert head.split()[4] == "MIN" and line.split()[0] == "BOARD" and line.split()[3] == "8"
    store = open_store()
    try:
        assert store.release_thresholds(["BOARD"]) == {"BOARD": 8}
    finally:
        store.close()
    assert main(["workshop", "create", "Tiny", "--code", "TINY", "--threshold", "2"]) != 0
    err = capsys.readouterr().err
    assert "cannot be lower than 3" in err and "Traceback" not in err
    store = open_store()
    try:
        assert store.get_workshop("TINY") is None
    finally:
        store.close()


def test_report_and_analyze_use_the_workshops_threshold_unless_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workshop created with `--threshold 8`: its report hides groups under 8 (as its
    dashboard and participants do) and comments wait for 10; an explicit --threshold wins."""
    assert main(["workshop", "create", "Late", "--code", "LATE8", "--threshold", "8"]) == 0
    assert main(["demo", "--workshop", "LATE8", "--participants", "17"]) == 0
    own, given = tmp_path / "own.html", tmp_path / "given.html"
    assert main(["report", "--workshop", "LATE8", "--output", str(own)]) == 0
    assert main(["report", "--workshop", "LATE8", "--output", str(given), "--threshold", "5"]) == 0
    assert "fewer than 8 people" in own.read_text(encoding="utf-8")
    assert "fewer than 8 people" not in given.read_text(encoding="utf-8")
    assert "fewer than 5 people" in given.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["analyze", "--workshop", "LATE8", "--no-guide"]) == 0
    assert "16 people who answered all" in capsys.readouterr().out  # two steps of 8
    assert main(["analyze", "--workshop", "LATE8", "--no-guide", "--threshold", "5"]) == 0
    assert "15 people who answered all" in capsys.readouterr().out  # three steps of 5
