"""What a workbook calls: build a screen from names and links, showing problems as messages."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.errors import CareerkitError, WorkshopClosed
from careerkit.languages import N_, _, use_language
from careerkit.store import open_store
from careerkit.ui.text import para

from .languages import link_language, offer_languages, page_language
from .query import link_code, query_params

if TYPE_CHECKING:
    from careerkit.model import Survey
    from careerkit.store import Store
    from careerkit.survey.screens.form import SurveyForm

log = logging.getLogger("careerkit")
RAISE_ERRORS_ENV = "CAREERKIT_RAISE_ERRORS"


def survey_app(
    survey: str = "career_interests", workshop: str | None = None, threshold: int = 5
) -> widgets.Widget:
    """The interest survey app: the form, or a plain message if it cannot start.

    The link's workshop (`?workshop=CODE`) opens the survey that workshop was created with; a
    link may also name one (`?survey=NAME`: a file name in survey/, never a path).
    `threshold` is the dashboard's (its workbook's `threshold`): after Submit the participant
    sees the room's picture with exactly the numbers the dashboard shows.
    """

    def build() -> widgets.Widget:
        # Everything is built before the link is read: under Voilà's preheat this happens before
        # anyone opens the page, so the form is ready the moment a participant arrives.
        from careerkit.definitions import load_survey, survey_named

        store = open_store(light=True)  # on SQLite: saves through sqlite3, no SQLAlchemy
        use_language(None)
        form = _survey_form(load_survey(survey), store, threshold)
        code = link_code("workshop", workshop)
        known = store.get_workshop(code) if code else None
        if known is not None and known.closed:
            return _notice(str(WorkshopClosed(known.code)))
        wanted = query_params().get("survey", "").strip() or (known.survey if known else None)
        name = survey
        if wanted and wanted != survey:
            chosen = survey_named(wanted, _("Ask the facilitator for the right link."))
            form, name = _survey_form(chosen, store, threshold), wanted
        # The form's edition is its survey's first language; the link or workshop picks the words.
        asked = link_language() or (known.lang if known else None)
        offer_languages(form, lambda lang: load_survey(name, lang), asked)
        form.set_workshop(code)
        return form

    return build_safely(build, N_("the survey"))


def _survey_form(survey: Survey, store: Store, threshold: int) -> SurveyForm:
    """The form of `survey`, keeping its answers in progress as drafts of this tab."""
    from careerkit.survey.screens.drafts import DraftKeeper
    from careerkit.survey.screens.form import SurveyForm
    from careerkit.ui.tab import TabKey

    form = SurveyForm(survey, store=store, threshold=threshold)
    tab = TabKey()
    keeper = DraftKeeper(form, store, tab)  # answers in progress survive a reload
    form.draft_slot.children = [keeper.hint, tab]
    return form


def plan_app(workshop: str | None = None) -> widgets.Widget:
    """The development plan app: start a plan, or resume the one named by `?plan=CODE`."""

    def build() -> widgets.Widget:
        from careerkit.plans.screens.editor import PlanEditor

        store = open_store()
        params = query_params()
        _lang, picker = page_language(params.get("lang"))
        code = link_code("workshop", workshop)
        editor = PlanEditor(store=store, workshop=code)
        editor.children = [picker, *editor.children]
        wanted = params.get("plan", "").strip()
        if wanted:
            editor.code_box.value = wanted
            editor.resume(wanted)
        return editor

    return build_safely(build, N_("the development plan"))


def crossing_app(org: str = "example_org_goals", workshop: str | None = None) -> widgets.Widget:
    """The creative crossings app: start a brainstorm, or resume the one named by `?brainstorm=CODE`.

    `?org=NAME` in the link picks another organization-goals file of survey/org/ than `org`.
    """

    def build() -> widgets.Widget:
        from careerkit.crossings.screens.board import CrossingBoard
        from careerkit.definitions import load_org_goals, org_goals_named

        goals = load_org_goals(org)  # before the link is read: under preheat, ahead of time
        store = open_store()
        params = query_params()
        lang, picker = page_language(params.get("lang"))
        linked = params.get("org", "").strip()
        if linked and linked != org:
            goals = org_goals_named(linked, _("Ask the facilitator for the right link."), lang)
        elif lang in goals.languages and lang != goals.languages[0]:
            goals = load_org_goals(org, lang)
        board = CrossingBoard(store=store, org=goals, workshop=link_code("workshop", workshop))
        board.children = [picker, *board.children]
        wanted = params.get("brainstorm", "").strip()
        if wanted:
            board.code_box.value = wanted
            board.resume(wanted)
        return board

    return build_safely(build, N_("the creative crossings"))


def build_safely(build: Callable[[], widgets.Widget], what: str) -> widgets.Widget:
    """Build a screen; problems become a message (with CAREERKIT_RAISE_ERRORS=1 they raise, for tests)."""
    if os.environ.get(RAISE_ERRORS_ENV) == "1":
        return build()
    try:
        return build()
    except CareerkitError as exc:
        return _problem(_("Cannot open {what}: {problem}").format(what=_(what), problem=exc))
    except Exception:
        log.exception("careerkit: cannot open %s", what)
        text = _("Cannot open {what} because of an unexpected error. Please tell the facilitator.")
        return _problem(text.format(what=_(what)))


def _notice(text: str) -> widgets.Widget:
    box = widgets.VBox([para(text, "title")])
    box.add_class("careerkit-notice")
    return box


def _problem(text: str) -> widgets.Widget:
    box = widgets.VBox([para(text, "error")])
    box.add_class("careerkit-problem")
    return box
