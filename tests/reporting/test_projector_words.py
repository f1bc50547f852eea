"""The projector's slides and controls in German."""

from __future__ import annotations

import random

from careerkit.definitions import load_survey
from careerkit.languages import use_language
from careerkit.reporting.screens.projector import Projector
from careerkit.store import MemoryStore
from careerkit.survey.demo import fake_answers
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")


def _room(store: MemoryStore, workshop: str, n: int) -> None:
    for i in range(n):
        form = SurveyForm(SURVEY, store=store, workshop=workshop)
        answers = fake_answers(SURVEY, random.Random(900 + i))
        answers["career_goal"] = f"Ziel von Person {i:02d}"
        form.set_answers(answers)
        assert form.submit() is not None


def test_projector_controls_and_corner_in_german() -> None:
    """Buttons, auto-advance, live count, join line and position read in German."""
    store = MemoryStore()
    store.create_workshop("Raum", "RAUM")
    _room(store, "RAUM", 10)
    use_language("de")
    view = Projector(SURVEY, store=store, workshops=["RAUM"])
    assert (view.prev.description, view.next.description) == ("Zurück", "Weiter")
    assert view.auto.description == "Alle 15 s weiter"
    assert ">10 Antworten</div>" in view.count.value
    assert "Mitmachen mit dem Code <b>RAUM</b>" in view.join.value
    assert f">1 von {len(view.sections)}</span>" in view.position.value


def test_comment_pages_and_hidden_numbers_in_german() -> None:
    """Comment pages are numbered "1 von 2"; a slide with hidden numbers says so in German."""
    store = MemoryStore()
    store.create_workshop("Raum", "RAUM")
    _room(store, "RAUM", 10)
    use_language("de")
    view = Projector(SURVEY, store=store, workshops=["RAUM"])
    comments = [s for s in view.sections if s.key.startswith("comments:")]
    assert [s.title.rsplit(" (", 1)[1] for s in comments] == ["1 von 2)", "2 von 2)"]
    notes = [s.note for s in view.sections if "hier" in s.note]
    assert notes, "at least one question hides a small group among ten people"
    assert all(
        n.startswith("Datenschutz: Gruppen mit weniger als 5 Personen werden nie gezeigt; hier ")
        and n.endswith("ausgeblendet.")
        for n in notes
    )


def test_no_comments_slide_in_german() -> None:
    """Too few people for comments: one German slide saying why."""
    store = MemoryStore()
    _room(store, "KLEIN", 5)
    use_language("de")
    view = Projector(SURVEY, store=store, workshops=["KLEIN"])
    last = view.sections[-1]
    assert last.key == "comments" and last.title == "In ihren eigenen Worten"
    assert last.note and "comments" not in last.note.lower()
