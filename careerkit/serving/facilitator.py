"""The facilitator's workbook entry point, kept apart so participant kernels never load it."""

from __future__ import annotations

import ipywidgets as widgets

from careerkit.config import comment_threshold_given
from careerkit.languages import N_
from careerkit.store import open_store

from .apps import build_safely
from .languages import page_language
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
    `?view=projector` gives the projector view instead; `careerkit dashboard --comment-threshold
    N` (in $CAREERKIT_COMMENT_THRESHOLD) replaces `comment_threshold`.
    """

    def build() -> widgets.Widget:
        from careerkit.definitions import load_survey
        from careerkit.reporting.screens.dashboard import Dashboard
        from careerkit.reporting.screens.surveys import survey_of

        given = comment_threshold_given()  # careerkit dashboard --comment-threshold N
        comments_at = comment_threshold if given is None else given
        params = query_params()
        lang, picker = page_language(params.get("lang"))
        codes = params.get("workshop", workshops or "")
        chosen = [c.strip() for c in codes.split(",") if c.strip()]
        store = open_store()
        name = survey_of(store, chosen, survey)  # the chosen workshops' own survey
        if params.get("view") == "projector":
            return projector(name, chosen, params, threshold, comments_at, live)
        board = Dashboard(
            load_survey(name, lang),
            store=store,
            workshops=chosen,
            threshold=threshold,
            comment_threshold=comments_at,
        )
        board.children = [picker, *board.children]
        if live:
            board.start_live()
        return board

    return build_safely(build, N_("the dashboard"))


def _at_least(given: str | None, floor: int) -> int:
    """A threshold from the link, never below the workbook's: a link can only raise it."""
    try:
        return max(floor, int(given or floor))
    except ValueError:
        return floor


def projector(
    survey: str,
    chosen: list[str],
    params: dict[str, str],
    threshold: int,
    comment_threshold: int,
    live: bool,
) -> widgets.Widget:
    """The projector view (`?view=projector`) of the workshops in the link (or the last active)."""
    from careerkit.definitions import load_survey
    from careerkit.reporting.screens.projector import Projector

    store = open_store()
    if not chosen:
        chosen = [a.code for a in store.workshop_activity()[:1]]
    k = _at_least(params.get("threshold"), max(3, threshold))
    view = Projector(
        load_survey(survey),
        store=store,
        workshops=chosen,
        threshold=k,
        comment_threshold=_at_least(params.get("comments"), max(k, comment_threshold)),
    )
    if live:
        view.start_live()
    return view
