"""Shared layouts and styles: one per kernel, sealed against change, and a lighter survey form."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
import traitlets

from careerkit.definitions import load_survey
from careerkit.store import MemoryStore
from careerkit.survey.screens.form import SurveyForm
from careerkit.ui.fixed import SharedLayout, html_style, plain_layout, shared
from careerkit.ui.text import fixed_para

SURVEY = load_survey("career_interests")


def _widgets_made(build: object) -> list[widgets.Widget]:
    before = set(widgets.widget._instances)
    assert callable(build)
    build()
    return [w for k, w in widgets.widget._instances.items() if k not in before]


def test_a_shared_layout_refuses_changes_with_a_way_out() -> None:
    """Changing a shared layout would change every widget using it: it says so and stays as it was."""
    layout = shared("test-sealed", lambda: SharedLayout(width="50%"))
    with pytest.raises(
        traitlets.TraitError, match=r"shared by many widgets; give the widget its own Layout\(\)"
    ):
        layout.display = "none"
    assert layout.width == "50%" and layout.display is None


def test_one_shared_layout_per_kernel_and_a_new_one_after_close() -> None:
    """`shared` makes the widget once; a closed one (e.g. after Widget.close_all) is made again."""
    first = plain_layout()
    assert plain_layout() is first
    first.close()
    again = plain_layout()
    assert again is not first and again.comm is not None


def test_fixed_paragraphs_share_layout_and_style_but_escape_their_text() -> None:
    """Static texts take no layout or style widget of their own; typed text stays text."""
    a, b = fixed_para("<b>one</b>", "hint"), fixed_para("two")
    assert a.layout is b.layout is plain_layout() and a.style is b.style is html_style()
    assert "&lt;b&gt;one&lt;/b&gt;" in a.value and "<b>" not in a.value


def test_survey_form_makes_few_widgets_and_each_hiding_one_has_its_own_layout() -> None:
    """The 16-question survey builds under 200 widget models (it was about 350); everything the
    form hides or shows (questions, pages, buttons) still has a layout of its own."""
    made = _widgets_made(lambda: SurveyForm(SURVEY, store=MemoryStore()))
    assert len(made) < 200
    form = next(w for w in made if isinstance(w, SurveyForm))
    movable = [*form.questions.values(), *form.pages, form.back, form.next, form.submit_button]
    movable += [form.nav, form.required_hint, form.workshop_label]
    assert all(not isinstance(w.layout, SharedLayout) for w in movable)
    assert len({id(w.layout) for w in movable}) == len(movable)


def test_error_line_is_made_on_first_problem_and_hidden_when_fixed() -> None:
    """A question has no error widget until it has something to say; fixing the answer hides it."""
    form = SurveyForm(SURVEY, store=MemoryStore())
    box = form.questions["visibility"]
    assert box.error is None and len(box.children) == 2
    box.show_error("")
    assert box.error is None
    box.show_error("This question needs an answer.")
    assert box.error is not None and box.children[-1] is box.error
    assert "needs an answer" in box.error.value and box.error.layout.display in ("", None)
    box.show_error("")
    assert box.error.layout.display == "none" and box.error.value == ""
