"""The dashboard's survey choice: one survey at a time, among the surveys its workshops use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.languages import _
from careerkit.model import Survey

if TYPE_CHECKING:
    from careerkit.store import Store

DEFAULT_SURVEY = "career_interests"


def workshop_surveys(store: Store) -> dict[str, str]:
    """Each created workshop's survey name (the default for workshops created without one)."""
    return {w.code: w.survey or DEFAULT_SURVEY for w in store.workshops()}


def survey_of(store: Store, codes: Sequence[str], fallback: str) -> str:
    """The survey the chosen workshops use, when they all use one; `fallback` otherwise."""
    known = workshop_surveys(store)
    used = {known[c] for c in codes if c in known}
    return used.pop() if len(used) == 1 else fallback


class SurveyChoice(widgets.Dropdown):  # type: ignore[misc]  # ipywidgets ships no type hints
    """A dropdown of the surveys the workshops use; choosing one calls `on_pick(survey)`."""

    def __init__(self, survey: Survey, store: Store, on_pick: Callable[[Survey], None]) -> None:
        names = sorted({survey.id, *workshop_surveys(store).values()})
        super().__init__(options=names, value=survey.id, description=_("Survey"))
        self.add_class("careerkit-survey-choice")
        self.layout.display = "" if len(names) > 1 else "none"  # one survey: nothing to choose
        self._store, self._on_pick = store, on_pick
        self.observe(lambda change: self._picked(str(change["new"])), names="value")

    def _picked(self, name: str) -> None:
        from careerkit.definitions import survey_named

        self._on_pick(survey_named(name, _("Pick another survey.")))

    def workshops_on(self, name: str) -> list[str]:
        """The workshops that use survey `name`, most recently active first."""
        known = workshop_surveys(self._store)
        return [a.code for a in self._store.workshop_activity() if known.get(a.code) == name]
