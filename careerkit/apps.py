"""What a workbook calls: build a screen from names and links, showing problems as messages."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from urllib.parse import parse_qs

import ipywidgets as widgets

from .errors import CareerkitError, WorkshopClosed
from .store import open_store
from .surveys import load_org_goals, load_survey
from .widgets import SurveyForm
from .widgets.crossing_board import CrossingBoard
from .widgets.plan_editor import PlanEditor
from .widgets.text import para

log = logging.getLogger("careerkit")
RAISE_ERRORS_ENV = "CAREERKIT_RAISE_ERRORS"
_preheat_query: str | None = None
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def query_params() -> dict[str, str]:
    """Parameters of the page's link (`?workshop=...`), also under Voilà's preheated kernels."""
    global _preheat_query
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        # A preheated kernel ran the notebook before anyone asked for it: wait for the request,
        # once (a second wait would block for a request that never comes).
        if _preheat_query is None:
            from voila.utils import get_query_string  # only Voilà's preheat mode needs it

            _preheat_query = get_query_string() or ""
        query = _preheat_query
    else:
        query = os.environ.get("QUERY_STRING", "")
    return {k: v[-1] for k, v in parse_qs(query).items() if v}


def link_code(name: str, default: str | None = None) -> str | None:
    """A code from the link (`?name=CODE`), or `default`; anything odd-looking is ignored."""
    value = query_params().get(name, default)
    if value is None:
        return None
    value = value.strip()
    return value if _CODE.match(value) else default


def survey_app(survey: str = "career_interests", workshop: str | None = None) -> widgets.Widget:
    """The interest survey app: the form, or a plain message if it cannot start."""

    def build() -> widgets.Widget:
        definition = load_survey(survey)
        store = open_store()
        code = link_code("workshop", workshop)
        known = store.get_workshop(code) if code else None
        if known is not None and known.closed:
            return _notice(str(WorkshopClosed(known.code)))
        return SurveyForm(definition, store=store, workshop=code)

    return _safely(build, "the survey")


def plan_app(workshop: str | None = None) -> widgets.Widget:
    """The development plan app: start a plan, or resume the one named by `?plan=CODE`."""

    def build() -> widgets.Widget:
        store = open_store()
        params = query_params()
        code = link_code("workshop", workshop)
        editor = PlanEditor(store=store, workshop=code)
        wanted = params.get("plan", "").strip()
        if wanted:
            editor.code_box.value = wanted
            editor.resume(wanted)
        return editor

    return _safely(build, "the development plan")


def crossing_app(org: str = "example_org_goals", workshop: str | None = None) -> widgets.Widget:
    """The creative crossings app: start a brainstorm, or resume the one named by `?brainstorm=CODE`."""

    def build() -> widgets.Widget:
        goals = load_org_goals(org)
        store = open_store()
        board = CrossingBoard(store=store, org=goals, workshop=link_code("workshop", workshop))
        wanted = query_params().get("brainstorm", "").strip()
        if wanted:
            board.code_box.value = wanted
            board.resume(wanted)
        return board

    return _safely(build, "the creative crossings")


def _safely(build: Callable[[], widgets.Widget], what: str) -> widgets.Widget:
    """Build a screen; problems become a message (with CAREERKIT_RAISE_ERRORS=1 they raise, for tests)."""
    if os.environ.get(RAISE_ERRORS_ENV) == "1":
        return build()
    try:
        return build()
    except CareerkitError as exc:
        return _problem(f"Cannot open {what}: {exc}")
    except Exception:
        log.exception("careerkit: cannot open %s", what)
        return _problem(
            f"Cannot open {what} because of an unexpected error. Please tell the facilitator."
        )


def _notice(text: str) -> widgets.Widget:
    box = widgets.VBox([para(text, "title")])
    box.add_class("careerkit-notice")
    return box


def _problem(text: str) -> widgets.Widget:
    box = widgets.VBox([para(text, "error")])
    box.add_class("careerkit-problem")
    return box
