"""The facilitator's language: `--lang` on report and export, `?lang=` and a switch on the dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from careerkit.cli import main
from careerkit.definitions import load_survey
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.serving.facilitator import dashboard_app
from careerkit.store import open_store
from careerkit.survey.demo import run_demo
from careerkit.ui.language import LanguagePicker


@pytest.fixture
def workshop() -> str:
    """Eight demo responses in workshop LANG1, enough to show the room's numbers."""
    store = open_store()
    try:
        run_demo(load_survey("career_interests"), store, "LANG1", 8, seed=5)
    finally:
        store.close()
    return "LANG1"


def test_report_in_german(workshop: str, tmp_path: Path) -> None:
    """`careerkit report --lang de`: German page language, headings, privacy notes and questions."""
    out = tmp_path / "bericht.html"
    assert main(["report", "--workshop", workshop, "--output", str(out), "--lang", "de"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    assert "Workshop-Bericht: Wohin soll sich Ihre berufliche Laufbahn entwickeln?" in page
    assert "8 Antworten" in page and "Datenschutz: Gruppen mit weniger als 5 Personen" in page
    assert "Erstellt mit careerkit." in page and "In ihren eigenen Worten" in page
    english = tmp_path / "report.html"
    assert main(["report", "--workshop", workshop, "--output", str(english)]) == 0
    assert '<html lang="en">' in english.read_text(encoding="utf-8")


def test_export_in_german_keeps_id_columns(workshop: str, tmp_path: Path) -> None:
    """`export --lang de`: German sheet names and question texts; the columns stay ids."""
    out = tmp_path / "antworten.xlsx"
    assert main(["export", "--workshop", workshop, "--output", str(out), "--lang", "de"]) == 0
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Antworten", "Fragen", "Über diese Datei"]
    header = next(book["Antworten"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("response_id", "submitted_at", "workshop")
    assert "more_responsibility" in header
    heads = next(book["Fragen"].iter_rows(max_row=1, values_only=True))
    assert heads == ("Frage (Spalten-ID)", "Art", "Text")
    texts = {row[0]: row[2] for row in book["Fragen"].iter_rows(min_row=2, values_only=True)}
    assert texts["visibility"].startswith("Ich möchte, dass die Geschäftsleitung")


def test_a_language_careerkit_does_not_speak_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang fr` stops with a message naming the languages there are; nothing is written."""
    out = tmp_path / "r.html"
    assert main(["report", "--workshop", "X", "--output", str(out), "--lang", "fr"]) == 2
    assert (
        "--lang 'fr': careerkit's words come in en, de; give one of those."
        in capsys.readouterr().err
    )
    assert not out.exists()


def test_dashboard_in_german_with_a_switch(workshop: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`?lang=de` gives the German dashboard; its picker reloads the page in another language."""
    monkeypatch.setenv("QUERY_STRING", f"workshop={workshop}&lang=de")
    board = dashboard_app(live=False)
    assert isinstance(board, Dashboard)
    picker = board.children[0]
    assert isinstance(picker, LanguagePicker) and picker.dropdown.value == "de"
    assert "Bisher 8 Antworten" in board.count.value
    assert board.refresh_button.description == "Aktualisieren"
    picker.dropdown.value = "en"
    assert picker.address.value == '<span data-param="lang" data-value="en" data-reload></span>'
    monkeypatch.setenv("QUERY_STRING", f"workshop={workshop}&lang=xx")
    board = dashboard_app(live=False)
    assert isinstance(board, Dashboard) and "8 responses so far" in board.count.value
