"""Erasure on request: the rows go, other people's stay, and no copy is left in the SQLite files."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from careerkit.cli import main
from careerkit.crossings.decisions import add_own, mark_sent
from careerkit.crossings.model import Brainstorm, EmployeeItem, OrgGoals, OrgItem
from careerkit.crossings.to_plan import send_to_plan
from careerkit.model import Response, ScoreResult
from careerkit.plans.editing import add_goal, new_plan_code, update_header
from careerkit.plans.model import Plan
from careerkit.store import Store, engine, open_store
from careerkit.store.erasure import Erased, code_candidates

MARKER = "ZEBRA-MARKER-9b1f"
KEEP = "OKAPI-KEEP-4c2e"
RID = "a1b2c3d4e5f6a7b8"  # shown to the participant as a1b2-c3d4-e5f6-a7b8


def response(rid: str, note: str) -> Response:
    return Response(
        id=rid,
        survey_id="career_interests",
        workshop="ER1",
        participant=f"{note} person",
        answers={"q_lead": 4, "q_note": f"{note} " * 40, "q_skills": ("coaching", note)},
        result=ScoreResult(advancement=60, development=40, orientation="advancement"),
        submitted_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )


def plan_of(store: Store, note: str, survey_code: str | None) -> Plan:
    plan = store.create_doc(Plan(code=new_plan_code(), employee=f"{note} employee", workshop="ER1"))
    for i in range(3):  # several versions, so old copies of the row were overwritten in place
        plan = store.save_doc(add_goal(plan, f"{note} goal {i}", why_employee=note * 20))
    return store.save_doc(update_header(plan, survey_code=survey_code))


def brainstorm_of(store: Store, note: str) -> Brainstorm:
    org = OrgGoals(organization="Northwind", items=(OrgItem(id="lead", text="Grow team leads"),))
    mine = EmployeeItem(id="mine", text=f"{note} wish to lead", kind="career_goal")
    b = Brainstorm(code=new_plan_code(), workshop="ER1", org=org, employee_items=(mine,))
    return store.create_doc(add_own(b, "lead", "mine", reason=f"{note} reason"))


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open store of each kind."""
    if request.param == "memory":
        url = "memory://"
    elif request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'erase.sqlite3'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    s = open_store(url)
    yield s
    s.close()


def test_erase_response_removes_answers_and_plans_that_took_its_result(store: Store) -> None:
    """A response erase removes it, its 4 answer rows and its linked plan; others stay whole."""
    store.save_response(response(RID, MARKER))
    store.save_response(response("keep000000000001", KEEP))
    linked = plan_of(store, MARKER, RID)
    other = plan_of(store, KEEP, "keep000000000001")
    unlinked = plan_of(store, KEEP, None)
    erased = store.erase_response(RID)
    assert erased == Erased(1, 4, {"plan": 1}, erased.scrubbed, erased.note)
    assert erased.scrubbed and erased.summary() == (
        "Removed 1 response with 4 answers, and 1 plan that took its result."
    )
    assert store.get_response(RID) is None and store.get_doc(Plan, linked.code) is None
    assert store.get_response("keep000000000001") == response("keep000000000001", KEEP)
    assert {p.code for p in store.docs(Plan)} == {other.code, unlinked.code}
    columns, rows = store.answer_rows(["ER1"], "career_interests")
    ids = [row[columns.index("response_id")] for row in rows]
    assert ids == ["keep000000000001"] * 4
    assert store.erase_response(RID) == Erased(scrubbed=erased.scrubbed, note=erased.note)


def test_erase_plan_leaves_the_brainstorm_that_fed_it(store: Store) -> None:
    """A plan erase removes that plan only; the brainstorm that sent a crossing to it stays as it was."""
    b = brainstorm_of(store, MARKER)
    plan = plan_of(store, MARKER, None)
    plan = store.save_doc(send_to_plan(plan, b, "lead", "mine"))
    b = store.save_doc(mark_sent(b, "lead", "mine", plan.code))
    keep = plan_of(store, KEEP, None)
    erased = store.erase_doc(Plan, plan.code)
    assert (erased.docs, erased.summary()) == ({"plan": 1}, "Removed 1 plan.")
    assert store.get_doc(Plan, plan.code) is None and store.get_doc(Plan, keep.code) == keep
    assert store.get_doc(Brainstorm, b.code) == b
    assert not store.erase_doc(Plan, plan.code).found


def test_erase_brainstorm_removes_only_that_brainstorm(store: Store) -> None:
    """A brainstorm erase removes it; another brainstorm and the plans stay."""
    gone, kept = brainstorm_of(store, MARKER), brainstorm_of(store, KEEP)
    plan = plan_of(store, KEEP, None)
    assert store.erase_doc(Brainstorm, gone.code).summary() == "Removed 1 brainstorm."
    assert store.get_doc(Brainstorm, gone.code) is None
    assert store.docs(Brainstorm) == [kept] and store.docs(Plan) == [plan]


def _files_with(folder: Path, marker: str) -> list[str]:
    """Names of the database file and its -wal/-shm companions whose raw bytes hold `marker`."""
    return sorted(
        f.name for f in folder.glob("erase.sqlite3*") if marker.encode() in f.read_bytes()
    )


def test_sqlite_files_keep_no_copy_of_erased_text(tmp_path: Path) -> None:
    """After erasing, neither the SQLite file nor its -wal/-shm files hold the erased text."""
    url = f"sqlite:///{tmp_path / 'erase.sqlite3'}"
    s = open_store(url)
    for i in range(20):
        s.save_response(response(f"keep{i:012d}", KEEP))
    s.save_response(response(RID, MARKER))
    plan_of(s, MARKER, RID)
    s.close()  # the last close checkpoints: the marker now sits in the main file
    s = open_store(url)
    bs = brainstorm_of(s, MARKER)  # and this one only in the journal (-wal)
    assert _files_with(tmp_path, MARKER) == ["erase.sqlite3", "erase.sqlite3-wal"]
    assert s.erase_response(RID).found and s.erase_doc(Brainstorm, bs.code).scrubbed
    assert _files_with(tmp_path, MARKER) == []  # gone while the store is still open
    s.close()
    assert _files_with(tmp_path, MARKER) == []
    assert _files_with(tmp_path, KEEP) == ["erase.sqlite3"]  # the search does find what stays
    assert open_store(url).count_responses(workshop="ER1") == 20


def test_sqlite_reader_blocking_the_journal_is_reported_and_a_rerun_clears_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader mid-transaction keeps the old pages: erase says so, and running it again clears them."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_MS", 200)
    s = open_store(f"sqlite:///{tmp_path / 'erase.sqlite3'}")
    s.save_response(response(RID, MARKER))
    reader = sqlite3.connect(tmp_path / "erase.sqlite3", isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM responses").fetchone() == (1,)
    erased = s.erase_response(RID)
    assert erased.found and not erased.scrubbed and "run the same command again" in erased.note
    assert _files_with(tmp_path, MARKER)
    reader.execute("COMMIT")
    reader.close()
    again = s.erase_response(RID)
    assert not again.found and again.scrubbed
    assert _files_with(tmp_path, MARKER) == []
    s.close()


def test_postgres_erase_deletes_rows_and_vacuums(pg_url: str) -> None:
    """On PostgreSQL the rows are gone and VACUUM has run on the response tables."""
    s = open_store(pg_url)
    s.save_response(response(RID, MARKER))
    erased = s.erase_response(RID)
    s.close()
    assert erased.found and erased.scrubbed and "vacuumed" in erased.note
    eng = create_engine(pg_url)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM answers")).scalar() == 0
        hits = "SELECT count(*) FROM responses WHERE answers LIKE :m OR participant LIKE :m"
        assert conn.execute(text(hits), {"m": f"%{MARKER}%"}).scalar() == 0
        query = text(
            "SELECT count(*) FROM pg_stat_user_tables "
            "WHERE relname IN ('responses', 'answers', 'documents') AND last_vacuum IS NOT NULL"
        )
        for _ in range(50):  # statistics reach other sessions with a short delay
            if conn.execute(query).scalar() == 3:
                break
            conn.rollback()
            time.sleep(0.1)
        assert conn.execute(query).scalar() == 3
    eng.dispose()


def test_code_candidates_accept_the_shown_result_code() -> None:
    """A result code as shown (dashes, upper case, spaces, quotes) yields the stored id; plan codes keep case."""
    assert RID in code_candidates(" 'A1B2-C3D4-e5f6-a7b8' ", fold_case=True)
    assert code_candidates("AbC-dEf", fold_case=False) == ["AbC-dEf", "AbCdEf"]
    assert code_candidates("  ", fold_case=True) == []


# -- the command ------------------------------------------------------------------------------


def test_cli_erase_participant_by_shown_code(capsys: pytest.CaptureFixture[str]) -> None:
    """`erase --participant` takes the dashed code, reports what it removed, and a rerun finds nothing."""
    s = open_store()
    s.save_response(response(RID, MARKER))
    s.save_response(response("keep000000000001", KEEP))
    s.close()
    assert main(["erase", "--participant", "a1b2-c3d4-e5f6-a7b8"]) == 0
    assert capsys.readouterr().out.strip() == "Removed 1 response with 4 answers."
    assert main(["erase", "--participant", RID]) == 1
    assert capsys.readouterr().err.strip() == "Nothing found for that code."
    assert open_store().count_responses() == 1


def test_cli_erase_plan_and_brainstorm(capsys: pytest.CaptureFixture[str]) -> None:
    """`erase --plan` and `erase --brainstorm` remove the document named and say so."""
    s = open_store()
    plan, b = plan_of(s, MARKER, None), brainstorm_of(s, MARKER)
    s.close()
    assert main(["erase", "--plan", f" {plan.code} "]) == 0
    assert main(["erase", "--brainstorm", b.code]) == 0
    assert capsys.readouterr().out.splitlines() == ["Removed 1 plan.", "Removed 1 brainstorm."]
    assert main(["erase", "--brainstorm", plan.code]) == 1  # a plan code is no brainstorm code
    s = open_store()
    assert s.docs(Plan) == [] and s.docs(Brainstorm) == []


def test_cli_erase_needs_exactly_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    """Giving no code, or two, is a usage error (exit 2) and erases nothing."""
    for argv in (["erase"], ["erase", "--plan", "x" * 22, "--participant", RID]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "one of the arguments" in capsys.readouterr().err


def test_cli_erase_help_explains_what_goes(capsys: pytest.CaptureFixture[str]) -> None:
    """`erase --help` says linked plans go with a response and what happens to the journal and VACUUM."""
    with pytest.raises(SystemExit):
        main(["erase", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "every development plan that took this result" in out
    assert "wal_checkpoint TRUNCATE" in out and "vacuumed" in out and "not touched" in out
