"""The facilitator's workbook entry point, kept apart so participant kernels never load it."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.store import open_store

from .apps import build_safely
from .query import query_params


def dashboard_app(
    survey: str = "career_interests",
    workshops: str | None = None,
    threshold: int = 5,
    live: bool = True,
    comment_threshold: int = 10,
) -> widgets.Widget:
    """The facilitator's dashboard for `?workshop=A,B` (or the `workshops` given), updating live.

    With neither, it opens on the workshop that was active last (see Store.workshop_activity).
    """

    def build() -> widgets.Widget:
        from careerkit.definitions import load_survey
        from careerkit.reporting.screens.dashboard import Dashboard

        codes = query_params().get("workshop", workshops or "")
        chosen = [c.strip() for c in codes.split(",") if c.strip()]
        board = Dashboard(
            load_survey(survey),
            store=open_store(),
            workshops=chosen,
            threshold=threshold,
            comment_threshold=comment_threshold,
        )
        if live:
            board.start_live()
        return board

    return build_safely(build, "the dashboard")
