"""Erasure and drafts: a participant's code takes the drafts and receipts of that form with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_drafts import make_draft, new_key

from careerkit.cli import main
from careerkit.store import open_store
from careerkit.store.erasure import Erased

MARKER = "ZEBRA-DRAFT-5d1e"
RID = "a1b2c3d4e5f6a7b8"  # shown to the participant as a1b2-c3d4-e5f6-a7b8


def test_summary_names_the_drafts() -> None:
    """The one-line summary says how many drafts went, beside the response or alone."""
    both = Erased(1, 4, {"plan": 1}, True, "", 1)
    assert (
        both.summary()
        == "Removed 1 response with 4 answers and 1 draft, and 1 plan that took its result."
    )
    assert Erased(1, 2, drafts=2).summary() == "Removed 1 response with 2 answers and 2 drafts."
    assert Erased(drafts=1).summary() == "Removed 1 draft."
    assert Erased(drafts=1).found and not Erased().found


def test_cli_erase_takes_a_draft_and_leaves_no_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`erase --participant` removes a form's draft by its code; no copy stays in the files."""
    s = open_store()
    s.save_draft(make_draft(new_key(), submission_id=RID, answers={"q_note": MARKER * 20}))
    s.save_draft(make_draft(kept := new_key(), submission_id="keep00000001"))
    url = s.url
    s.close()
    folder = Path(url.removeprefix("sqlite:///")).parent
    assert any(MARKER.encode() in f.read_bytes() for f in folder.glob("careerkit.sqlite3*"))
    assert main(["erase", "--participant", "a1b2-c3d4-e5f6-a7b8"]) == 0
    assert capsys.readouterr().out.strip() == "Removed 1 draft."
    assert not any(MARKER.encode() in f.read_bytes() for f in folder.glob("careerkit.sqlite3*"))
    s = open_store()
    assert s.count_drafts() == 1 and s.get_draft(kept, "career_check", "spring") is not None
    s.close()


def test_cli_erase_of_a_submitted_response_takes_its_receipt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """After erasing a response, the tab that sent it gets nothing back from its receipt."""
    from test_store import make_response

    s = open_store()
    key = new_key()
    s.save_draft(make_draft(key, submission_id=RID))
    s.save_response(make_response(RID), draft_key=key)
    s.close()
    assert main(["erase", "--participant", RID]) == 0
    assert capsys.readouterr().out.strip() == "Removed 1 response with 1 answer."
    s = open_store()
    assert s.submitted_response(key) is None and s.count_responses() == 0
    s.close()


def test_cli_erase_help_mentions_drafts(capsys: pytest.CaptureFixture[str]) -> None:
    """`erase --help` says a participant's code also removes the drafts of that form."""
    with pytest.raises(SystemExit):
        main(["erase", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "any draft of the form it came from" in out and "receipt" in out
