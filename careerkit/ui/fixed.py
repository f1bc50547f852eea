"""Layouts and styles shared by many widgets, sealed so that no one changes them for all.

Every ipywidgets control makes its own Layout and style widget unless it is given one; a survey
form of 16 questions made about 350 widgets that way, two thirds of them layouts and styles
that never change. Static texts and controls share these instead (kernel memory, and fewer
models for the page to create). A shared layout refuses changes: a widget that must hide or
move gets its own `widgets.Layout()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_selection import ToggleButtonsStyle
from ipywidgets.widgets.widget_string import HTMLStyle


def _sealed(base: type[widgets.Widget]) -> type[widgets.Widget]:
    names = tuple(n for n in base.class_trait_names(sync=True) if not n.startswith("_"))

    class Sealed(base):  # type: ignore[misc]  # ipywidgets ships no type hints
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._sealed = True

        @traitlets.validate(*names)
        def _refuse(self, proposal: Any) -> Any:
            if getattr(self, "_sealed", False):
                raise traitlets.TraitError(
                    f"this {base.__name__} is shared by many widgets; give the widget its own "
                    f"{base.__name__}() instead of changing {proposal.trait.name}"
                )
            return proposal.value

    Sealed.__name__ = Sealed.__qualname__ = f"Shared{base.__name__}"
    return Sealed


SharedLayout = _sealed(widgets.Layout)
SharedHTMLStyle = _sealed(HTMLStyle)
SharedToggleButtonsStyle = _sealed(ToggleButtonsStyle)
SharedCheckboxStyle = _sealed(CheckboxStyle)
_made: dict[str, widgets.Widget] = {}


def shared(key: str, make: Callable[[], widgets.Widget]) -> Any:
    """The kernel's one widget for `key`, made on first use (and again if it was closed)."""
    found = _made.get(key)
    if found is None or found.comm is None:
        found = _made[key] = make()
    return found


def plain_layout() -> Any:
    """The default layout, shared."""
    return shared("layout", SharedLayout)


def html_style() -> Any:
    """The default HTML style, shared."""
    return shared("html-style", SharedHTMLStyle)


def row_layout() -> Any:
    """A wrapping row with its items centred, shared."""
    return shared("row", lambda: SharedLayout(align_items="center", flex_flow="row wrap"))


def scale_style() -> Any:
    """Likert buttons 3em wide, shared."""
    return shared("scale-style", lambda: SharedToggleButtonsStyle(button_width="3em"))
