"""A number question's box and hint use the participant's decimal mark, and read either back."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.languages import use_language
from careerkit.model import Survey
from careerkit.store import MemoryStore
from careerkit.survey.screens.form import SurveyForm

SURVEY = Survey.model_validate(
    {
        "id": "days",
        "title": "Days",
        "pages": [
            {
                "title": "P",
                "questions": [
                    {
                        "id": "days",
                        "kind": "number",
                        "text": "Days of training a year",
                        "min": 0.5,
                        "max": 4.5,
                        "step": 0.5,
                    }
                ],
            }
        ],
    }
)


def _walk(w: widgets.Widget) -> list[widgets.Widget]:
    return [w, *(x for c in getattr(w, "children", ()) for x in _walk(c))]


def _box(form: SurveyForm) -> widgets.Text:
    return next(w for w in _walk(form) if "careerkit-number" in getattr(w, "_dom_classes", ()))


def test_german_form_shows_and_reads_a_decimal_comma() -> None:
    """In German a restored 2.5 shows as "2,5", the range hint as "(0,5 to 4,5)" in German words."""
    use_language("de")
    form = SurveyForm(SURVEY, store=MemoryStore())
    form.set_answers({"days": 2.5})
    assert _box(form).value == "2,5"
    hints = " ".join(getattr(w, "value", "") for w in _walk(form) if isinstance(w, widgets.HTML))
    assert "0,5" in hints and "4,5" in hints
    _box(form).value = "3,5"
    assert form.answers["days"] == 3.5


def test_english_form_keeps_the_point() -> None:
    """In English the same answer shows as "2.5"."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    form.set_answers({"days": 2.5})
    assert _box(form).value == "2.5"
