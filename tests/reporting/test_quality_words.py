"""The instrument-quality tab and `careerkit analyze` in German, with decimal commas."""

from __future__ import annotations

import re

from careerkit.definitions import load_survey
from careerkit.languages import use_language
from careerkit.reporting.reliability import read_reliability
from careerkit.reporting.reliability_text import as_text
from careerkit.reporting.screens.dashboard import Dashboard
from careerkit.reporting.screens.quality import guide_html, quality_html, tab_titles
from careerkit.store import MemoryStore
from careerkit.survey.demo import run_demo

SURVEY = load_survey("career_interests")


def test_quality_tab_in_german() -> None:
    """Ten demo responses: German tab titles, headline, column heads, guide and decimal commas."""
    store = MemoryStore()
    run_demo(SURVEY, store, "Q1", 10, seed=2)
    use_language("de")
    board = Dashboard(SURVEY, store=store, workshops=["Q1"])
    tab = next(c for c in board.children if hasattr(c, "titles"))
    assert tuple(tab.titles) == ("Antworten", "Messqualität") == tab_titles()
    shown = board.quality.figures.value
    assert re.search(r"Aufstiegswert: Alpha -?\d,\d\d", shown), shown[:300]
    assert "Personen, die alle" in shown and "Items beantwortet haben." in shown
    assert ">Trennschärfe</th>" in shown and ">Alpha ohne dieses Item</th>" in shown
    assert "<em>(umgepolt)</em>" in shown
    numbers = re.findall(r"text-align:right'>(-?[\d.,]+)</td>", shown)
    assert numbers and all("," in n and "." not in n for n in numbers)
    guide = guide_html()
    assert "<h2>So lesen Sie die Zahlen</h2>" in guide
    assert "Cronbachs Alpha: wie gut die Items eines Werts zusammenhängen" in guide


def test_too_few_people_in_german() -> None:
    """Four responses: the score says when it will be shown and the note names the workshop."""
    store = MemoryStore()
    run_demo(SURVEY, store, "TINY", 4, seed=6)
    use_language("de")
    shown = quality_html(read_reliability(store, SURVEY, ["TINY"]))
    assert "Aufstiegswert: Wird gezeigt, sobald ein gewählter Workshop mindestens 5" in shown
    assert "Workshop TINY: bisher weniger als 5 Antworten" in shown


def test_analyze_text_in_german_and_english() -> None:
    """The terminal table: German heads and decimal commas; the same figures with points in English."""
    store = MemoryStore()
    run_demo(SURVEY, store, "A", 10, seed=3)
    rel = read_reliability(store, SURVEY, ["A"])
    english = as_text(rel)
    use_language("de")
    german = as_text(rel)
    assert german.startswith("Messqualität, Workshops A:")
    assert "Trennschärfe" in german and "So lesen Sie die Zahlen:" in german
    alpha_en = re.search(r"alpha (-?\d\.\d\d)", english)
    alpha_de = re.search(r"Alpha (-?\d,\d\d)", german)
    assert alpha_en and alpha_de and alpha_de.group(1) == alpha_en.group(1).replace(".", ",")
