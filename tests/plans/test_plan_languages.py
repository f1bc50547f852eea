"""The plan's screens, downloads and calendar file in the participant's language (German here)."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from careerkit.languages import use_language
from careerkit.plans import editing as planning
from careerkit.plans.calendar import plan_ics
from careerkit.plans.export import plan_html, plan_markdown
from careerkit.plans.model import Plan
from careerkit.plans.screens.editor import PlanEditor
from careerkit.store import MemoryStore


def _plan() -> Plan:
    plan = Plan(code=planning.new_plan_code(), employee="Anna Schmidt", manager="Ben Roth")
    plan = planning.add_goal(plan, "Ein Projekt leiten", kind="advancement")
    goal = plan.goals[0].id
    plan = planning.add_action(plan, goal, "Projekt wählen", "employee", date(2025, 5, 1))
    plan = planning.add_action(plan, goal, "Auftakt planen", "both", date(2025, 6, 1))
    first = plan.goals[0].actions[0].id
    plan = planning.add_checkin(plan, date(2025, 4, 2), "Guter Start", {first: "in_progress"})
    return planning.update_header(plan, review_date=date(2025, 9, 30))


def test_downloads_and_calendar_speak_german() -> None:
    """Markdown, the printable page and the .ics carry German headings, labels and statuses."""
    use_language("de")
    plan = _plan()
    md = plan_markdown(plan)
    assert md.startswith("# Entwicklungsplan: Anna Schmidt\n")
    assert "- **Führungskraft:** Ben Roth" in md and "## Ziele" in md
    assert "| Maßnahme | Zuständig | Fällig | Status |" in md and "| Beide |" in md
    assert "Projekt wählen: Nicht begonnen → In Arbeit" in md and "## Wer macht was" in md
    assert "Ziel: Ein Projekt leiten; fällig 2025-06-01; Nicht begonnen; gemeinsam" in md
    page = plan_html(plan)
    assert '<html lang="de">' in page and "<th>Maßnahme</th><th>Zuständig</th>" in page
    assert "<h2>Zwischengespräche</h2>" in page and "noch nicht bestätigt" in page
    events = Calendar.from_ical(plan_ics(plan)).walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert "Mitarbeiter:in: Projekt wählen" in summaries
    assert "Zwischengespräch zum Entwicklungsplan (Anna Schmidt)" in summaries
    assert "Überprüfung des Entwicklungsplans (Anna Schmidt)" in summaries
    assert any("Status: In Arbeit" in str(e.get("DESCRIPTION", "")) for e in events)


def test_same_plan_in_english_is_unchanged() -> None:
    """With English words, the same plan's downloads read as before (the source wording)."""
    md = plan_markdown(_plan())
    assert md.startswith("# Development plan: Anna Schmidt\n")
    assert "| Action | Owner | Due | Status |" in md and "Waiting for the" not in md


def test_plan_editor_in_german() -> None:
    """The editor's buttons, fields and messages are German once the language is German."""
    use_language("de")
    editor = PlanEditor(store=MemoryStore())
    assert editor.new_button.description == "Neuen Plan beginnen"
    assert editor.resume_button.description == "Fortsetzen"
    editor.resume("nothing-like-this-code")
    assert "Zu diesem Code gibt es keinen Plan." in editor.status.text
    editor.start_new()
    assert editor.add_goal_button.description == "Ziel hinzufügen"
    editor.add_goal_button.click()
    assert "Geben Sie zuerst das Ziel ein" in editor.status.text
    assert editor.agreement.buttons["manager"].description == "Führungskraft bestätigt"
