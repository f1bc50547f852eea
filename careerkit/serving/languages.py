"""The page's language: `?lang=` in the link, checked, and the picker that switches the survey."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from careerkit.languages import LANGUAGES, _, current_language, pick_language, use_language
from careerkit.ui.language import LanguagePicker

from .query import query_params

if TYPE_CHECKING:
    from careerkit.model import Survey
    from careerkit.survey.screens.form import SurveyForm


def link_language() -> str | None:
    """The language the link asks for (`?lang=de`), or None.

    It is only ever compared with the languages a page offers, never shown or used as a path, so
    anything odd is simply not offered.
    """
    value = query_params().get("lang", "").strip()
    return value[:16] or None


def page_language(asked: str | None) -> tuple[str, LanguagePicker]:
    """The language of a page built in one go (plan, brainstorm, dashboard), and its picker.

    `?lang=` when careerkit speaks it, else English (the picker notes it); careerkit's words
    switch to it, and picking another language reloads the page in it.
    """
    lang = use_language(asked if asked in LANGUAGES else None)
    picker = LanguagePicker(LANGUAGES, lang, None)
    if asked and asked != lang:
        picker.refused(lang)
    return lang, picker


def offer_languages(
    form: SurveyForm, load: Callable[[str], Survey], requested: str | None
) -> LanguagePicker | None:
    """Show `form` in the language the link asks for, and a picker for the survey's languages.

    A language the survey does not offer falls back to its first language, with a note. A survey
    that declares no languages gets no picker, and careerkit's words stay English.
    """
    offered = form.survey.languages
    lang, refused = pick_language(requested, offered)
    if lang is None:
        return None
    on_bug = _(
        "Something went wrong on our side. Your answers are still here; please tell the facilitator."
    )

    def switch(chosen: str) -> None:
        use_language(chosen)
        form.relabel(load(chosen))

    picker = LanguagePicker(
        offered, lang, lambda chosen: form.status.guard("language picker", on_bug, switch, chosen)
    )
    form.language_slot.children = [picker]
    before = current_language()
    now = use_language(lang)
    if lang != offered[0] or now != before:  # the form was built in the first, in English
        form.relabel(load(lang))
    picker.relabel()
    picker.address.set_param("lang", lang)  # the link and the page's `<html lang>` say it too
    if refused:
        picker.refused(lang)
    return picker
