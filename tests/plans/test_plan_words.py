"""The plan's suggested goals, warnings and refused values in German; English stays as it was."""

from __future__ import annotations

from datetime import datetime

import pytest

from careerkit.errors import CareerkitError
from careerkit.languages import use_language
from careerkit.plans import editing as planning
from careerkit.plans.model import Plan
from careerkit.plans.screens.editor import PlanEditor
from careerkit.plans.stats import plan_stats
from careerkit.store import MemoryStore


def test_starter_goals_in_german_are_added_in_german() -> None:
    """A development orientation suggests German goals; adding one stores its German actions."""
    use_language("de")
    starters = planning.starter_goals("development")
    assert [s["title"] for s in starters] == [
        "Eine Kernkompetenz meiner jetzigen Rolle vertiefen",
        "Eine Zertifizierung erwerben, die in meiner Rolle zählt",
    ]
    plan = planning.add_starter(Plan(code=planning.new_plan_code()), starters[1])
    actions = {a.owner: a.title for a in plan.goals[0].actions}
    assert actions == {
        "employee": "Die Zertifizierung auswählen und die Prüfung buchen",
        "manager": "Budget und Lernzeit freigeben",
    }
    undecided = planning.starter_goals("undecided")[0]
    assert undecided["title"] == "Herausfinden, welche Richtung zu mir passt"


def test_starter_goals_in_english_keep_their_words() -> None:
    """In English the suggestions read as they always did."""
    assert planning.starter_goals("advancement")[0]["title"] == "Take on more responsibility"


def test_warnings_and_errors_in_german() -> None:
    """A goal without actions warns for both sides; confirming an empty plan is refused, in German."""
    use_language("de")
    plan = Plan(code=planning.new_plan_code())
    with pytest.raises(CareerkitError, match="Fügen Sie mindestens ein Ziel hinzu"):
        planning.confirm(plan, "employee", "Anna", datetime(2025, 1, 1))
    plan = planning.add_goal(plan, "Ein Projekt leiten")
    assert planning.warnings(plan) == [
        "Ziel „Ein Projekt leiten“ hat noch keine Maßnahme für die Mitarbeiterin oder den Mitarbeiter.",
        "Ziel „Ein Projekt leiten“ hat noch keine Maßnahme für die Führungskraft.",
    ]
    with pytest.raises(CareerkitError, match="Dieses Ziel steht nicht mehr im Plan"):
        plan.goal("missing")


def test_editor_suggests_german_goals_for_the_orientation() -> None:
    """The editor's suggested-goal buttons carry the German titles once an orientation is set."""
    use_language("de")
    editor = PlanEditor(store=MemoryStore())
    editor.start_new()
    editor.header["orientation"].value = "advancement"
    labels = [getattr(b, "description", "") for b in editor.starters.children]
    assert "+ Mehr Verantwortung übernehmen" in labels
    assert "+ Meine Arbeit für die obere Führungsebene sichtbar machen" in labels


def test_a_refused_value_is_named_in_german_not_in_pydantics_english() -> None:
    """A name over 120 characters: "Nicht gespeichert", the field and the limit, in German."""
    use_language("de")
    editor = PlanEditor(store=MemoryStore())
    editor.start_new()
    editor.header["employee"].value = "x" * 200
    assert editor.status.kind == "error"
    assert editor.status.text == (
        "Nicht gespeichert: Mitarbeiter:in: ist zu lang (höchstens 120 Zeichen)"
    )
    assert "String should" not in editor.status.text


def test_a_refused_value_in_english_is_plain_too() -> None:
    """The English message names the field and the limit in plain words as well."""
    editor = PlanEditor(store=MemoryStore())
    editor.start_new()
    editor.header["manager"].value = "y" * 121
    assert editor.status.text == "Not saved: manager: is too long (at most 120 characters)"


def test_plan_figures_note_in_german() -> None:
    """The dashboard's plan numbers explain their rounding in German."""
    use_language("de")
    plans = [
        planning.update_header(Plan(code=planning.new_plan_code()), workshop="P") for _ in range(6)
    ]
    figures = plan_stats(plans, ["P"], 3)
    assert "Die Zahlen zu den Plänen sind auf Schritte von 3 abgerundet (6 heißt 6 bis 8)" in (
        figures.note
    )


class _DownStore(MemoryStore):
    """A store whose saves fail as a lost database server does."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def save_doc(self, doc):  # type: ignore[no-untyped-def]
        if self.down:
            from careerkit.errors import StoreError, could_not

            raise StoreError(
                could_not(
                    "save the plan", "the database server cannot be reached; try again shortly"
                )
            )
        return super().save_doc(doc)


def test_a_failed_save_and_its_retry_in_german() -> None:
    """Store down: German status with the store's reason and the retry button; back up: saved."""
    use_language("de")
    store = _DownStore()
    editor = PlanEditor(store=store)
    editor.start_new()
    store.down = True
    editor.header["employee"].value = "Anna"
    assert editor.status.kind == "error"
    assert editor.status.text == (
        "Nicht gespeichert: Das Speichern des Plans ist nicht gelungen: der Datenbankserver ist "
        "nicht erreichbar; versuchen Sie es in Kürze noch einmal. Ihre Änderungen bleiben auf "
        "dieser Seite erhalten; klicken Sie auf „Erneut versuchen“."
    )
    assert editor.retry.description == "Erneut versuchen" and editor.retry.layout.display == ""
    assert editor.reload.description == "Neueste Version laden"
    store.down = False
    editor.retry.click()
    assert editor.status.text.startswith("Um ") and editor.status.text.endswith(" Uhr gespeichert")
