"""The crossing map: organization items x employee items, drawn only when someone asks for it.

matplotlib is imported inside the functions, never at import time, so the participant kernels
that never press "Draw the crossing map" do not load it.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

from .matching import strengths
from .model import Brainstorm


def _label(text: str, width: int, lines: int) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…"))


def crossing_map_figure(brainstorm: Brainstorm) -> Any:
    """A matplotlib Figure (Agg canvas, no pyplot): cell shade = strength, accepted pairs marked.

    Every label is drawn with `parse_math=False`, so `$` in what people typed stays a `$`.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    org, emp = brainstorm.org.items, brainstorm.employee_items
    grid = strengths(brainstorm)
    fig = Figure(figsize=(3.5 + 1.3 * max(len(emp), 1), 1.6 + 0.55 * len(org)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    image = ax.imshow(grid, cmap="Greens", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(
        range(len(emp)), [_label(e.text, 16, 3) for e in emp], parse_math=False, fontsize=8
    )
    ax.set_yticks(
        range(len(org)), [_label(o.text, 30, 2) for o in org], parse_math=False, fontsize=8
    )
    ax.tick_params(axis="x", labeltop=True, labelbottom=False, rotation=0)
    rows = {o.id: i for i, o in enumerate(org)}
    cols = {e.id: j for j, e in enumerate(emp)}
    for c in brainstorm.crossings:
        if c.status == "proposed":
            continue
        accepted = c.status == "accepted"
        ax.text(
            cols[c.employee_item],
            rows[c.org_item],
            "✔" if accepted else "✗",
            ha="center",
            va="center",
            fontsize=14,
            color="#0b3d0b" if accepted else "#888888",
            parse_math=False,
        )
    ax.set_title(
        f"Crossing map: {brainstorm.org.organization}", parse_math=False, fontsize=10, pad=28
    )
    fig.colorbar(image, ax=ax, label="strength (0-100)", shrink=0.8)
    fig.text(0.01, 0.01, "✔ accepted   ✗ rejected", fontsize=8, parse_math=False)
    fig.tight_layout()
    return fig


def crossing_map_png(brainstorm: Brainstorm) -> bytes:
    """The crossing map as PNG bytes, ready for an Image widget."""
    fig = crossing_map_figure(brainstorm)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def crossing_map_text(brainstorm: Brainstorm) -> str:
    """The map in words, its text alternative: each pair that was decided, with its strength."""
    org = {o.id: o.text for o in brainstorm.org.items}
    emp = {e.id: e.text for e in brainstorm.employee_items}
    grid = strengths(brainstorm)
    rows = {o.id: i for i, o in enumerate(brainstorm.org.items)}
    cols = {e.id: j for j, e in enumerate(brainstorm.employee_items)}
    decided = [
        f"{org[c.org_item]} with {emp[c.employee_item]}: {c.status}, strength "
        f"{grid[rows[c.org_item]][cols[c.employee_item]]:.0f} of 100"
        for c in brainstorm.crossings
        if c.status != "proposed"
    ]
    return (
        f"Crossing map: {brainstorm.org.organization}. {len(org)} organization items against "
        f"{len(emp)} of the employee's; darker cells are stronger pairs. "
        + ("; ".join(decided) + "." if decided else "No crossing decided yet.")
    )
