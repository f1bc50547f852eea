"""The survey in the participant's language: `?lang=`, the picker, answers kept, the result in it."""

from __future__ import annotations

import pytest

from careerkit.definitions import load_survey
from careerkit.languages import current_language
from careerkit.serving.apps import survey_app
from careerkit.store import open_store
from careerkit.survey.screens.form import SurveyForm
from careerkit.ui.language import LanguagePicker

LIKERT = [q.id for q in load_survey("career_interests").questions if q.kind == "likert"]


def app_for(monkeypatch: pytest.MonkeyPatch, query: str) -> SurveyForm:
    monkeypatch.setenv("QUERY_STRING", query)
    app = survey_app()
    assert isinstance(app, SurveyForm), app
    return app


def picker(form: SurveyForm) -> LanguagePicker:
    [found] = form.language_slot.children
    assert isinstance(found, LanguagePicker)
    return found


def answer_everything(form: SurveyForm) -> None:
    form.set_answers({qid: 4 for qid in LIKERT})
    form.set_answers({"activities": ("courses", "mentoring"), "manager_support": "budget"})


def test_link_language_shows_the_survey_and_careerkits_words_in_german(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`?lang=de` gives the German survey, German buttons and hints, and says so in the link."""
    form = app_for(monkeypatch, "workshop=W1&lang=de")
    assert current_language() == "de"
    assert form.survey.title == "Wohin soll sich Ihre berufliche Laufbahn entwickeln?"
    assert (form.next.description, form.back.description) == ("Weiter", "Zurück")
    assert form.submit_button.description == "Absenden"
    assert "Fragen mit * müssen beantwortet werden." in form.required_hint.value
    assert (
        form.progress_label.value == "Seite 1 von 3" and "Workshop W1" in form.workshop_label.value
    )
    choice = picker(form)
    assert choice.dropdown.value == "de" and choice.dropdown.description == "Sprache"
    assert choice.dropdown.options == (("English", "en"), ("Deutsch", "de"))
    assert 'data-param="lang" data-value="de"' in choice.address.value
    assert choice.note.layout.display == "none"


def test_switching_language_keeps_the_answers_page_and_draft_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Picking Deutsch midway relabels everything and keeps answers, the page and the tab's field."""
    form = app_for(monkeypatch, "")
    assert form.survey.title.startswith("Where do you") and form.next.description == "Next"
    answer_everything(form)
    form.next.click()
    assert form.page == 1
    slot = form.draft_slot.children
    picker(form).dropdown.value = "de"
    assert form.survey.title.startswith("Wohin") and form.page == 1
    assert form.answers["more_responsibility"] == 4 and form.answers["manager_support"] == "budget"
    assert form.draft_slot.children == slot and form.form.children[-1] is form.draft_slot
    assert form.progress_label.value == "Seite 2 von 3" and form.back.description == "Zurück"
    assert 'data-value="de"' in picker(form).address.value
    picker(form).dropdown.value = "en"
    assert form.next.description == "Next" and form.answers["activities"] == (
        "courses",
        "mentoring",
    )


def test_missing_answers_are_named_in_german(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form's checks speak German: how many answers are missing, and which question."""
    form = app_for(monkeypatch, "lang=de")
    form.next.click()
    assert form.page == 0
    text = form.status.text
    assert text.startswith("Bevor es weitergeht, fehlen noch 5 Antworten:")
    assert "„In den nächsten zwei Jahren möchte ich mehr Verantwortung" in text
    assert "muss beantwortet werden." in text


def test_german_submission_stores_ids_and_shows_the_result_in_german(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A German submission stores the same ids an English one would; the result is in German."""
    form = app_for(monkeypatch, "workshop=W2&lang=de")
    answer_everything(form)
    saved = form.submit()
    assert saved is not None and "Gespeichert. Vielen Dank!" in form.status.text
    stored = open_store().responses(survey_id="career_interests", workshop="W2")
    assert [r.answers["manager_support"] for r in stored] == ["budget"]
    assert stored[0].answers["activities"] == ("courses", "mentoring")
    result = form.result_area.children[0]
    html = " ".join(getattr(c, "value", "") for c in result.children)
    assert "Ihre Ausrichtung: " in html and "Ihr Ergebniscode" in html
    assert "Vorschläge für die nächsten Schritte" in html
    picker(form).dropdown.value = "en"  # after submitting: the same result, now in English
    html = " ".join(getattr(c, "value", "") for c in form.result_area.children[0].children)
    assert "Your orientation: " in html and form.value is saved


@pytest.mark.parametrize("asked", ["fr", "%3Cb%3Ede", "de-DE-x"])
def test_a_language_not_offered_falls_back_to_the_first_with_a_note(
    monkeypatch: pytest.MonkeyPatch, asked: str
) -> None:
    """A language the survey does not offer (or no language code) gives English and a polite note."""
    form = app_for(monkeypatch, f"lang={asked}")
    assert form.survey.title.startswith("Where do you") and current_language() == "en"
    note = picker(form).note
    assert note.layout.display == ""
    assert "not available in the language of the link; it is shown in English." in note.value
    assert "<b>" not in note.value and "fr" not in note.value
    assert 'data-value="en"' in picker(form).address.value  # the link is put right
