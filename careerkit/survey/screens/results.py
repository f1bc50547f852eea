"""What a participant sees after submitting: orientation, the two scores, next steps."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.languages import N_, _
from careerkit.model import OrientationText, ScoreResult
from careerkit.ui.text import bullet_list, para

_COLOURS = {"advancement": "#0072B2", "development": "#E69F00"}  # Okabe-Ito, colour-blind safe
_SIDES = {"advancement": N_("Advancement"), "development": N_("Development")}


def bar_layout() -> widgets.Layout:
    """A bar that takes what its row leaves, at most 28em: the number beside it stays on screen."""
    return widgets.Layout(flex="1 1 auto", width="auto", max_width="28em", min_width="0")


def row_layout() -> widgets.Layout:
    """A bar's row: never wider than the page, its number centred beside the bar."""
    return widgets.Layout(max_width="100%", align_items="center")


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
                layout=bar_layout(),
            )
            bar.add_class(f"careerkit-score-{side}")
            parts.append(
                widgets.HBox([bar, widgets.Label(f"{value:.0f} / 100")], layout=row_layout())
            )
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
