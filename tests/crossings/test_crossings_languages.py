"""The brainstorm and the plan apps follow the link's language, with the organization goals in it."""

from __future__ import annotations

import pytest

from careerkit.crossings.screens.board import CrossingBoard
from careerkit.plans.screens.editor import PlanEditor
from careerkit.serving.apps import crossing_app, plan_app
from careerkit.ui.language import LanguagePicker


def test_brainstorm_in_german_with_german_goals(monkeypatch: pytest.MonkeyPatch) -> None:
    """`?lang=de`: German words, the example goals in German, the same item ids as in English."""
    monkeypatch.setenv("QUERY_STRING", "workshop=W1&lang=de")
    board = crossing_app()
    assert isinstance(board, CrossingBoard)
    picker = board.children[0]
    assert isinstance(picker, LanguagePicker) and picker.dropdown.value == "de"
    assert board.new_button.description == "Neues Brainstorming beginnen"
    assert board.org.items[0].text.startswith("Bereichsübergreifende Projektteams")
    board.start_new()
    assert "Die Organisation entwickelt Menschen" in board.children[2].value
    assert board.draw_button.description == "Karte der Verbindungen zeichnen"
    monkeypatch.setenv("QUERY_STRING", "workshop=W1")
    english = crossing_app()
    assert isinstance(english, CrossingBoard)
    assert [i.id for i in english.org.items] == [i.id for i in board.org.items]
    assert english.org.items[0].text.startswith("Launch cross-functional")


def test_plan_in_german_and_an_unknown_language_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    """`?lang=de` gives the German plan editor; `?lang=fr` English, with a note saying so."""
    monkeypatch.setenv("QUERY_STRING", "lang=de")
    editor = plan_app()
    assert isinstance(editor, PlanEditor) and editor.new_button.description == "Neuen Plan beginnen"
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    editor = plan_app()
    assert isinstance(editor, PlanEditor) and editor.new_button.description == "Start a new plan"
    picker = editor.children[0]
    assert isinstance(picker, LanguagePicker)
    assert "it is shown in English." in picker.note.value and picker.note.layout.display == ""
