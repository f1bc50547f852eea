"""The projector view without a kernel: its sections, moving between them, the corner, no hidden comment."""

from __future__ import annotations

import asyncio
import random

import pytest

from careerkit.definitions import load_survey
from careerkit.languages import use_language
from careerkit.reporting.moderation import set_hidden
from careerkit.reporting.screens.dashboard import Dashboard, projector_link
from careerkit.reporting.screens.projector import Projector
from careerkit.store import MemoryStore
from careerkit.survey.demo import fake_answers
from careerkit.survey.screens.form import SurveyForm

SURVEY = load_survey("career_interests")


def _room(store: MemoryStore, workshop: str, n: int) -> None:
    for i in range(n):
        form = SurveyForm(SURVEY, store=store, workshop=workshop)
        answers = fake_answers(SURVEY, random.Random(700 + i))
        answers["career_goal"] = f"Goal of person {i:02d}"
        form.set_answers(answers)
        assert form.submit() is not None


def _everything(view: Projector) -> str:
    """The title and text of every section, as the page would show them in turn."""
    seen = []
    for _ in view.sections:
        texts = [w.value for w in view.body.children if isinstance(w.value, str)]
        seen.append(view.title.value + "".join(texts))
        view.move(1)
    return "".join(seen)


def test_sections_go_orientation_questions_then_comments_and_wrap() -> None:
    """The first section is the split, comments come last in pages of six, and Next wraps round."""
    store = MemoryStore()
    store.create_workshop("Room", "ROOM")
    _room(store, "ROOM", 10)
    view = Projector(SURVEY, store=store, workshops=["ROOM"])
    assert "careerkit-projector" in view._dom_classes
    keys = [s.key for s in view.sections]
    assert keys[0] == "orientation"
    scales = [q.id for q in SURVEY.questions if q.kind == "likert"]
    assert keys[1 : 1 + len(scales)] == [f"likert:{q}" for q in scales]  # one question each
    assert keys[-2:] == ["comments:career_goal:0", "comments:career_goal:1"]
    assert all(s.png and s.png[:4] == b"\x89PNG" for s in view.sections[:-2])
    assert [len(s.texts) for s in view.sections[-2:]] == [6, 4]
    charts = view.sections[:-2]
    assert all(any(ch.isdigit() for ch in s.alt) for s in charts), (
        "each chart reads out its numbers"
    )
    assert 'alt="' in view.body.children[0].value  # the first chart, on screen with its alt
    assert f">1 of {len(keys)}</span>" in view.position.value
    view.prev.click()
    assert view.current is not None and view.current.key == keys[-1]
    view.next.click()
    assert view.index == 0


def test_a_hidden_comment_leaves_the_projector_at_its_next_refresh() -> None:
    """Hide a comment: the projector's next refresh lists it nowhere, and keeps its section."""
    store = MemoryStore()
    _room(store, "ROOM", 10)
    view = Projector(SURVEY, store=store, workshops=["ROOM"])
    assert "Goal of person 03" in _everything(view)
    rid = next(r.id for r in store.responses() if r.answers["career_goal"] == "Goal of person 03")
    view.move(len(view.sections) - 1)
    set_hidden(store, "ROOM", rid, "career_goal", True)
    view.refresh()
    assert view.current is not None and view.current.key.startswith("comments:")
    assert "Goal of person 03" not in _everything(view)
    assert "Goal of person 04" in _everything(view)


def test_the_corner_shows_the_join_code_while_the_workshop_is_open() -> None:
    """An open workshop shows its count (and how far the charts lag), code and QR code; a closed one
    shows none of them."""
    store = MemoryStore()
    store.create_workshop("Room", "OPEN1")
    _room(store, "OPEN1", 5)
    view = Projector(SURVEY, store=store, workshops=["OPEN1"])
    assert "5 responses" in view.count.value and "OPEN1" in view.join.value
    assert view.qr.value[:4] == b"\x89PNG" and view.corner.layout.display == "flex"
    _room(store, "OPEN1", 2)
    view.refresh()
    assert "7 responses" in view.count.value and "charts show the first 5" in view.count.value
    store.set_workshop_closed("OPEN1", True)
    view.refresh()
    assert view.corner.layout.display == "none"


def test_the_dashboard_links_to_the_projector_without_its_token() -> None:
    """The dashboard's link is relative, names the view and its thresholds, and carries no token."""
    store = MemoryStore()
    _room(store, "ROOM", 10)
    board = Dashboard(SURVEY, store=store, workshops=["ROOM"], comment_threshold=12)
    assert board.last is not None
    link = projector_link(board.last)
    assert "href='?view=projector&amp;workshop=ROOM&amp;threshold=5&amp;comments=12'" in link
    assert "token" not in link and "target='_blank'" in link
    assert "careerkit-projector" not in board._dom_classes


def test_auto_advance_moves_on_only_when_ticked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The live loop refreshes without moving; with auto-advance ticked it moves one section a turn."""
    import careerkit.reporting.screens.projector as projector

    monkeypatch.setattr(projector, "AUTO_SECONDS", 0.0)
    store = MemoryStore()
    _room(store, "ROOM", 5)
    view = Projector(SURVEY, store=store, workshops=["ROOM"])

    async def turns(n: int) -> None:
        view.start_live(seconds=0)
        for _ in range(n):
            await asyncio.sleep(0)
            await asyncio.sleep(0)
        assert view._task is not None
        view._task.cancel()

    asyncio.run(turns(3))
    assert view.index == 0 and view.last is not None
    view.auto.value = True
    asyncio.run(turns(2))
    assert view.index > 0


def test_a_long_comment_gets_a_page_of_its_own() -> None:
    """Pages hold six comments or about 420 characters; a longer comment stands alone."""
    from careerkit.reporting.slides import _pages

    long = "x" * 900
    assert _pages(("a", "b", long, "c")) == [("a", "b"), (long,), ("c",)]
    assert [len(p) for p in _pages(tuple("abcdefgh"))] == [6, 2]


def test_rankings_and_numbers_get_a_slide_each_with_their_numbers_in_words() -> None:
    """A survey with a ranking and a number question: each gets its chart, after the scales."""
    survey = load_survey("growth_priorities")
    store = MemoryStore()
    store.create_workshop("Room", "KINDS")
    for i in range(12):
        form = SurveyForm(survey, store=store, workshop="KINDS")
        form.set_answers(fake_answers(survey, random.Random(900 + i)))
        assert form.submit() is not None
    view = Projector(survey, store=store, workshops=["KINDS"])
    by_key = {s.key: s for s in view.sections}
    ranked = [q for q in survey.questions if q.kind == "ranking"]
    numbered = [q for q in survey.questions if q.kind == "number"]
    assert ranked and numbered
    for key in [f"ranking:{q.text}" for q in ranked] + [f"number:{q.text}" for q in numbered]:
        slide = by_key[key]
        assert slide.png is not None and slide.png[:4] == b"\x89PNG"
        assert any(ch.isdigit() for ch in slide.alt), f"{key} reads out its numbers"


# -- in German ------------------------------------------------------------------------------
def _german_room() -> Projector:
    """Ten answers in workshop RAUM, and its projector view read in German."""
    store = MemoryStore()
    store.create_workshop("Raum", "RAUM")
    _room(store, "RAUM", 10)
    use_language("de")
    return Projector(SURVEY, store=store, workshops=["RAUM"])


def test_projector_controls_and_corner_in_german() -> None:
    """Buttons, auto-advance, live count, join line and position read in German."""
    view = _german_room()
    assert (view.prev.description, view.next.description) == ("Zurück", "Weiter")
    assert view.auto.description == "Alle 15 s weiter"
    assert ">10 Antworten</div>" in view.count.value
    assert "Mitmachen mit dem Code <b>RAUM</b>" in view.join.value
    assert f">1 von {len(view.sections)}</span>" in view.position.value


def test_comment_pages_and_hidden_numbers_in_german() -> None:
    """Comment pages are numbered "1 von 2"; a slide with hidden numbers says so in German."""
    view = _german_room()
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
