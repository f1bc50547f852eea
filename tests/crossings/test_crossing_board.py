"""Crossings board without a kernel: start, accept, rate, send to a plan, resume, save problems."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from careerkit.crossings.model import Brainstorm, OrgGoals
from careerkit.crossings.screens.board import CrossingBoard
from careerkit.definitions import load_org_goals
from careerkit.errors import StoreError
from careerkit.plans.editing import new_plan_code
from careerkit.plans.model import Plan
from careerkit.serving.apps import crossing_app
from careerkit.store import MemoryStore
from careerkit.store.memory import D

ROOT = Path(__file__).resolve().parents[2]
ROLE = "Move into a supervisor role and lead a team"


class FlakyStore(MemoryStore):
    """A memory store whose document saves fail while `broken` is set, like a locked database."""

    broken = False

    def save_doc(self, doc: D) -> D:
        if self.broken:
            raise StoreError(
                "Could not save the brainstorm: the database is busy; try again in a moment"
            )
        return super().save_doc(doc)


def org() -> OrgGoals:
    return load_org_goals("example_org_goals")


def started(store: MemoryStore | None = None) -> tuple[CrossingBoard, MemoryStore]:
    store = store if store is not None else MemoryStore()
    board = CrossingBoard(store=store, org=org(), workshop="W1")
    board.new_button.click()
    assert board.brainstorm is not None
    return board, store


def add_mine(board: CrossingBoard, text: str, kind: str, tags: str) -> None:
    side = board.employee_side
    side.new_text.value, side.new_kind.value, side.new_tags.value = text, kind, tags
    side.add.click()


def stored(store: MemoryStore, board: CrossingBoard) -> Brainstorm:
    assert board.brainstorm is not None
    found = store.get_doc(Brainstorm, board.brainstorm.code)
    assert found is not None
    return found


def with_accepted(store: MemoryStore | None = None) -> tuple[CrossingBoard, MemoryStore]:
    board, store = started(store)
    add_mine(board, ROLE, "role", "Leadership, people")
    board.proposals.children[0].accept.click()
    return board, store


def test_board_shows_the_org_file_and_starts_a_stored_brainstorm() -> None:
    """The org file's items fill the left column; starting stores a brainstorm with its workshop and code."""
    board, store = started()
    assert len(board.org_side.rows.children) == 9
    assert "Northwind Logistics" in board.org_side.heading.value
    b = stored(store, board)
    assert b.workshop == "W1" and b.org == org() and b.version == 1
    assert len(b.code) == 22 and b.code.isalnum()
    assert b.code in board.code_banner.value and "?brainstorm=" in board.code_banner.value


def test_names_are_saved_and_head_the_employee_column() -> None:
    """Typing the employee's and manager's names saves them and titles the employee's column."""
    board, store = started()
    board.names["employee"].value = "Ann"
    board.names["manager"].value = "Bob"
    assert (stored(store, board).employee, stored(store, board).manager) == ("Ann", "Bob")
    assert "Ann: goals, skills" in board.employee_side.heading.value


def test_adding_an_item_proposes_crossings_with_reasons() -> None:
    """An employee item with tags is saved, and ranked proposals appear with their score and reason."""
    board, store = started()
    add_mine(board, ROLE, "role", "Leadership, people")
    assert stored(store, board).employee_items[0].tags == ("leadership", "people")
    assert board.employee_side.new_text.value == ""  # cleared for the next item
    first = board.proposals.children[0]
    assert first.pair[0] == "new_team_leads"
    shown = " ".join(w.value for w in first.children[1].children)
    assert "both mention leadership, people" in shown and "New team leads" in shown


def test_accepting_a_proposal_stores_it_and_shows_a_card() -> None:
    """Accept stores the crossing as accepted, moves it to the cards and out of the proposals."""
    board, store = with_accepted()
    (crossing,) = stored(store, board).crossings
    assert (crossing.org_item, crossing.status) == ("new_team_leads", "accepted")
    assert [c.pair for c in board.accepted.children] == [crossing.pair]
    assert crossing.pair not in [p.pair for p in board.proposals.children]
    assert board.status.text.startswith("Saved")


def test_rejecting_a_proposal_keeps_it_out() -> None:
    """Reject stores the pair as rejected and it leaves the proposal list."""
    board, store = started()
    add_mine(board, ROLE, "role", "Leadership, people")
    pair = board.proposals.children[0].pair
    board.proposals.children[0].reject.click()
    assert stored(store, board).crossings[0].status == "rejected"
    assert pair not in [p.pair for p in board.proposals.children] and not board.accepted.children


def test_ratings_are_saved_as_they_are_given() -> None:
    """Setting efficiency, energy and engagement on a card saves each at once."""
    board, store = with_accepted()
    card = board.accepted.children[0]
    card.ratings["efficiency"].value = 4
    card.ratings["energy"].value = 5
    card.ratings["engagement"].value = 3
    c = stored(store, board).crossings[0]
    assert (c.efficiency, c.energy, c.engagement) == (4, 5, 3)


def test_own_pairing_and_session_org_items() -> None:
    """An org item added in the session can be paired by hand with a reason, and removed again."""
    board, store = started()
    add_mine(board, "Juggling at circus school", "interest_outside", "focus")
    side = board.org_side
    side.new_text.value, side.new_kind.value, side.new_tags.value = "Calm on busy days", "need", ""
    side.add.click()
    added = stored(store, board).org.items[-1]
    assert added.text == "Calm on busy days" and len(board.org_side.rows.children) == 10
    board.picker.org.value = added.id
    board.picker.reason.value = "Juggling trains calm focus"
    board.picker.pair.click()
    own = stored(store, board).crossings[0]
    assert (own.origin, own.reason) == ("own", "Juggling trains calm focus")
    board.org_side.rows.children[-1].children[2].click()  # its trash button: remove it
    assert stored(store, board).crossings == () and len(stored(store, board).org.items) == 9


def test_send_to_plan_adds_a_goal_with_actions_for_both_sides() -> None:
    """Send to plan adds the goal and its first actions to that plan and marks the crossing."""
    board, store = with_accepted()
    board.accepted.children[0].ratings["energy"].value = 5
    plan = store.create_doc(Plan(code=new_plan_code(), employee="Ann"))
    board.plan_code.value = f" {plan.code} "
    board.accepted.children[0].send.click()
    saved = store.get_doc(Plan, plan.code)
    assert saved is not None and len(saved.goals) == 1
    goal = saved.goals[0]
    assert ROLE in goal.title and "energy 5/5" in goal.measure
    assert {"employee", "manager"} <= {a.owner for a in goal.actions}
    assert stored(store, board).crossings[0].sent_to_plan == plan.code
    assert board.status.kind == "ok" and "Added the goal" in board.status.text
    board.accepted.children[0].send.click()  # a second press adds nothing
    assert "already a goal" in board.status.text
    assert len(store.get_doc(Plan, plan.code).goals) == 1  # type: ignore[union-attr]


def test_send_to_plan_with_a_wrong_or_missing_code_says_so() -> None:
    """A plan code that names no plan, or none at all, gives a plain message and changes nothing."""
    board, store = with_accepted()
    board.accepted.children[0].send.click()
    assert board.status.text.startswith("Type the development plan's code first")
    board.plan_code.value = "not-a-plan-code-at-all"
    board.accepted.children[0].send.click()
    assert board.status.kind == "error" and board.status.text.startswith("No plan with that code.")
    assert stored(store, board).crossings[0].sent_to_plan is None


def test_resume_by_code_brings_everything_back() -> None:
    """A second board resumes by code with items, decisions and ratings; a wrong code says so."""
    board, store = with_accepted()
    board.accepted.children[0].ratings["engagement"].value = 2
    assert board.brainstorm is not None
    again = CrossingBoard(store=store, org=org())
    again.code_box.value = "nope-nope-nope-nope"
    again.resume_button.click()
    assert again.brainstorm is None and again.status.text == "No brainstorm with that code."
    again.code_box.value = f"  {board.brainstorm.code} "
    again.resume_button.click()
    assert again.brainstorm == stored(store, board)
    assert again.accepted.children[0].ratings["engagement"].value == 2


def test_two_tabs_cannot_silently_overwrite_each_other() -> None:
    """The stale tab's change is refused with an offer to reload; reloading shows the other's change."""
    first, store = started()
    second = CrossingBoard(store=store, org=org(), brainstorm=stored(store, first))
    add_mine(first, ROLE, "role", "leadership")
    add_mine(second, "Learn Python", "skill", "data")
    assert second.status.kind == "error" and "another window" in second.status.text
    assert second.reload.layout.display == ""
    assert [e.text for e in stored(store, first).employee_items] == [ROLE]
    second.reload.click()
    assert second.brainstorm is not None and [e.text for e in second.brainstorm.employee_items] == [
        ROLE
    ]
    assert "Reloaded" in second.status.text


def test_failed_save_keeps_the_change_and_offers_try_again() -> None:
    """When the store fails, the page says Not saved, keeps the change, and Try again saves it."""
    store = FlakyStore()
    board, _ = started(store)
    store.broken = True
    add_mine(board, ROLE, "role", "leadership")
    assert board.status.kind == "error" and board.status.text.startswith("Not saved:")
    assert "Try again" in board.status.text and board.retry.layout.display == ""
    assert stored(store, board).employee_items == ()
    assert board.brainstorm is not None and board.brainstorm.employee_items[0].text == ROLE
    store.broken = False
    board.retry.click()
    assert stored(store, board).employee_items[0].text == ROLE
    assert board.status.text.startswith("Saved") and board.retry.layout.display == "none"


def test_typed_text_is_escaped_on_screen() -> None:
    """Markup typed into an item is shown as text, never as HTML."""
    board, _ = started()
    add_mine(board, "<img src=x onerror=alert(1)> lead people", "career_goal", "people")
    html = " ".join(w.value for w in board.employee_side.rows.children[0].children[0].children)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_crossing_map_is_drawn_only_on_request() -> None:
    """Pressing Draw the crossing map shows a PNG; with no employee items it asks for one first."""
    board, _ = started()
    board.draw_button.click()
    assert board.status.kind == "error" and board.map_image.layout.display == "none"
    add_mine(board, "Save $5 on $x$ trips", "career_goal", "planning")
    board.draw_button.click()
    assert 'src="data:image/png;base64,iVBOR' in board.map_image.value
    assert '<img alt="Crossing map: ' in board.map_image.value
    assert board.map_image.layout.display == "" and "Crossing map drawn" in board.status.text


def test_map_labels_show_dollar_signs_as_typed() -> None:
    """Every label on the map has math parsing off, so `$x$` stays literal text."""
    from careerkit.crossings.editing import add_employee_item, new_brainstorm
    from careerkit.crossings.map import crossing_map_figure

    b = add_employee_item(new_brainstorm(org()), "Save $5 on $x$ trips", "skill", "planning")
    fig = crossing_map_figure(b)
    texts = [t for ax in fig.axes for t in (*ax.get_xticklabels(), *ax.get_yticklabels(), ax.title)]
    texts = [t for t in texts if t.get_text()]
    assert any("$x$" in t.get_text() for t in texts)
    assert all(not t.get_parse_math() for t in texts if t.get_text() and "$" in t.get_text())
    assert all(not t.get_parse_math() for t in fig.axes[0].get_xticklabels())


def test_app_resumes_from_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """crossing_app opens the brainstorm named by ?brainstorm= and takes ?workshop= for new ones."""
    monkeypatch.setenv("QUERY_STRING", "workshop=WK7")
    app = crossing_app()
    assert isinstance(app, CrossingBoard) and app.workshop == "WK7"
    app.new_button.click()
    assert app.brainstorm is not None
    monkeypatch.setenv("QUERY_STRING", f"brainstorm={app.brainstorm.code}")
    again = crossing_app()
    assert isinstance(again, CrossingBoard) and again.brainstorm == app.brainstorm


def test_app_with_unknown_org_file_shows_a_message() -> None:
    """A workbook naming org goals that do not exist shows the names that do, not a traceback."""
    app = crossing_app("no_such_org")
    assert "careerkit-problem" in app._dom_classes
    assert "no_such_org" in app.children[0].value and "example_org_goals" in app.children[0].value


def test_crossing_app_loads_no_matplotlib_or_pandas(tmp_path: Path) -> None:
    """Importing careerkit.serving.apps and building the crossings app loads neither matplotlib nor pandas."""
    code = (
        "import json, sys\n"
        "from careerkit.serving.apps import crossing_app\n"
        "app = crossing_app()\n"
        "app.new_button.click()\n"
        "print(json.dumps([type(app).__name__, sorted({m.split('.')[0] for m in sys.modules}"
        " & {'matplotlib', 'pandas'})]))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CAREERKIT_DATA_DIR": str(tmp_path / "data"),
        "CAREERKIT_SURVEY_DIR": str(ROOT / "survey"),
        "CAREERKIT_RAISE_ERRORS": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == ["CrossingBoard", []]


def _row_buttons(board: CrossingBoard, side: str, index: int) -> tuple[Any, Any]:
    """The edit and remove buttons of one item row."""
    row = getattr(board, f"{side}_side").rows.children[index]
    edit, remove = row.children[1:]
    assert f"careerkit-edit-{side}-item" in edit._dom_classes
    assert f"careerkit-remove-{side}-item" in remove._dom_classes
    return edit, remove


def test_an_item_is_edited_in_place_and_keeps_its_crossings() -> None:
    """Edit opens the item filled in; Save rewords it, changes kind and tags, keeps its accepted
    crossing, saves, and proposals follow the new tags."""
    board, store = with_accepted()
    side = board.employee_side
    _row_buttons(board, "employee", 0)[0].click()
    assert (
        side.editing is not None
        and "careerkit-employee-item-editor" in side.rows.children[0]._dom_classes
    )
    assert (side.edit_text.value, side.edit_kind.value) == (ROLE, "role")
    assert side.edit_tags.value == "leadership, people"
    side.edit_text.value = "Lead the new data team as its supervisor"
    side.edit_kind.value = "career_goal"
    side.edit_tags.value = "Leadership, people, Data"
    side.save_edit.click()
    (item,) = stored(store, board).employee_items
    assert (item.text, item.kind, item.tags) == (
        "Lead the new data team as its supervisor",
        "career_goal",
        ("leadership", "people", "data"),
    )
    assert side.editing is None and "careerkit-employee-item" in side.rows.children[0]._dom_classes
    assert "Lead the new data team" in side.rows.children[0].children[0].children[0].value
    assert [c.pair for c in stored(store, board).crossings] == [("new_team_leads", item.id)]
    assert len(board.accepted.children) == 1
    assert any(p.pair[0] == "cloud_reporting" for p in board.proposals.children)  # the data tag


def test_a_bad_edit_says_why_and_keeps_the_editor_and_cancel_leaves_the_item() -> None:
    """Empty words or a tag starting with a digit: a message, nothing saved, the editor still open
    with what was typed; Cancel closes it with the item as it was."""
    board, store = started()
    add_mine(board, ROLE, "role", "leadership")
    side = board.employee_side
    before = stored(store, board)
    _row_buttons(board, "employee", 0)[0].click()
    side.edit_text.value = "   "
    side.save_edit.click()
    assert "needs some words" in board.status.text and side.editing is not None
    side.edit_text.value = "Lead a team"
    side.edit_tags.value = "2fast"
    side.save_edit.click()
    assert "A tag starts with a letter" in board.status.text and side.editing is not None
    assert side.edit_text.value == "Lead a team" and stored(store, board) == before
    side.cancel_edit.click()
    assert side.editing is None and stored(store, board) == before
    assert ROLE in side.rows.children[0].children[0].children[0].value


def test_an_organization_item_is_edited_for_this_brainstorm_only() -> None:
    """Rewording an organization goal changes it in this brainstorm, not in the org file."""
    board, store = started()
    _row_buttons(board, "org", 0)[0].click()
    board.org_side.edit_text.value = "Grow team leads from within"
    board.org_side.save_edit.click()
    assert stored(store, board).org.items[0].text == "Grow team leads from within"
    assert org().items[0].text != "Grow team leads from within"
