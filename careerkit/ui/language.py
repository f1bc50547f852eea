"""A small language picker for a page: each language named in itself, the choice kept in the link."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from careerkit.languages import LANGUAGE_NAMES, _

from .tab import Address
from .text import markup


class LanguagePicker(widgets.HBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Pick one of `languages`; `on_pick(lang)` relabels the screen, and `?lang=` goes in the link.

    The link keeps the choice, so a reload (or the connection notice's Reload) opens the page in
    the language picked. Without `on_pick` the page reloads in the language picked (a screen that
    is simpler to build anew, such as the dashboard). `note` says when the link asked for a
    language the page does not offer.
    """

    def __init__(
        self, languages: tuple[str, ...], current: str, on_pick: Callable[[str], None] | None
    ):
        self.languages = languages
        self.dropdown = widgets.Dropdown(
            options=[(LANGUAGE_NAMES.get(code, code), code) for code in languages],
            value=current if current in languages else languages[0],
            layout=widgets.Layout(width="auto"),
            style={"description_width": "initial"},
        )
        self.dropdown.add_class("careerkit-language")
        self.address = Address()
        self.note = widgets.HTML(value="")
        self.note.layout.display = "none"
        self._on_pick = on_pick
        self.dropdown.observe(self._picked, names="value")
        super().__init__(
            [self.dropdown, self.note, self.address],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        self.add_class("careerkit-language-picker")
        self.relabel()
        self.layout.display = "" if len(languages) > 1 else "none"

    def relabel(self) -> None:
        """The picker's own words in the language in use."""
        self.dropdown.description = _("Language")

    def refused(self, shown: str) -> None:
        """Say that the link's language is not offered, and which one is shown instead."""
        name = LANGUAGE_NAMES.get(shown, shown)
        text = _(
            "This page is not available in the language of the link; it is shown in {language}."
        )
        self.note.value = markup(text.format(language=name), "hint")
        self.note.layout.display = ""
        self.layout.display = ""

    def _picked(self, change: dict[str, object]) -> None:
        lang = str(change["new"])
        if lang not in self.languages:
            return
        self.note.layout.display = "none"
        if self._on_pick is None:
            self.address.set_param("lang", lang, reload=True)
            return
        self._on_pick(lang)
        self.relabel()
        self.address.set_param("lang", lang)
