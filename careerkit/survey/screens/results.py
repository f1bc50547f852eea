"""What a participant sees after submitting: orientation, the two scores, next steps."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.languages import N_, _
from careerkit.model import OrientationText, ScoreResult
from careerkit.ui.text import bullet_list, para

_COLOURS = {"advancement": "#0072B2", "development": "#E69F00"}  # Okabe-Ito, colour-blind safe
_SIDES = {"advancement": N_("Advancement"), "development": N_("Development")}


def format_code(code: str) -> str:
    """A result code in groups of four, easier to read aloud and copy: `a1b2-c3d4-...`."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class ResultView(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """The participant's orientation in words and two light score bars (no plotting library)."""

    def __init__(self, result: ScoreResult, text: OrientationText | None, code: str) -> None:
        parts: list[widgets.Widget] = []
        if text is not None:
            parts += [
                para(_("Your orientation: {title}").format(title=text.title), "title"),
                para(text.summary),
            ]
        for side in ("advancement", "development"):
            value = float(getattr(result, side))
            bar = widgets.FloatProgress(
                value=value,
                min=0,
                max=100,
                description=_(_SIDES[side]),
                style={"bar_color": _COLOURS[side], "description_width": "8em"},
                layout=widgets.Layout(width="28em", max_width="78%"),  # its number fits at 320 px
            )
            bar.add_class(f"careerkit-score-{side}")
            parts.append(widgets.HBox([bar, widgets.Label(f"{value:.0f} / 100")]))
        if text is not None:
            parts += [
                para(_("Suggested next steps"), "heading"),
                bullet_list(list(text.next_steps)),
            ]
        parts += [
            para(_("Your result code"), "heading"),
            para(format_code(code), "title"),
            para(
                _(
                    "Keep this code: enter it in the development plan workbook to bring this "
                    "result along."
                ),
                "hint",
            ),
        ]
        super().__init__(children=parts)
        self.add_class("careerkit-result")
        self.orientation = result.orientation
