"""Rebuilding surveys from their validated JSON: equal to validation, without building validators."""

from __future__ import annotations

import contextlib
import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from careerkit.definitions import check_file
from careerkit.definitions.trusted import Unfit, rebuild
from careerkit.model import Survey

ROOT = Path(__file__).resolve().parents[2]
SURVEYS = sorted((ROOT / "survey").glob("*.yaml"))
_TEXTS = {"title": "T", "summary": "S", "next_steps": ["Do one thing"]}
EVERY_FEATURE: dict[str, Any] = {
    "id": "every_feature",
    "title": "Every feature",
    "version": 3,
    "ask_name": True,
    "pages": [
        {
            "title": "One",
            "intro": "First page",
            "questions": [
                {
                    "id": "lead",
                    "kind": "likert",
                    "text": "I want to lead",
                    "help": "Be honest",
                    "scale": {"points": 7, "low": "No", "high": "Yes"},
                    "score": {"advancement": 2, "development": -0.5},
                },
                {
                    "id": "role",
                    "kind": "choice",
                    "text": "Role",
                    "options": ["Manager", {"id": "expert", "label": "Expert"}],
                    "required": False,
                },
                {
                    "id": "why",
                    "kind": "text",
                    "text": "Why?",
                    "long": True,
                    "max_length": 500,
                    "placeholder": "Because...",
                    "visible_if": {"question": "role", "equals": "manager"},
                },
            ],
        },
        {
            "title": "Two",
            "questions": [
                {
                    "id": "acts",
                    "kind": "multi",
                    "text": "Activities",
                    "options": ["Courses", "Mentoring", "Projects"],
                    "min": 1,
                    "max": 2,
                    "visible_if": {"question": "lead", "at_least": 4},
                },
                {
                    "id": "more",
                    "kind": "multi",
                    "text": "More",
                    "options": ["A", "B"],
                    "visible_if": {"question": "acts", "one_of": ["courses", "projects"]},
                },
                {
                    "id": "depth",
                    "kind": "likert",
                    "text": "Go deeper",
                    "scale": {"points": 2, "low": "a", "high": "b"},
                    "visible_if": {"question": "lead", "one_of": [1, 2]},
                },
                {
                    "id": "order",
                    "kind": "ranking",
                    "text": "Order these",
                    "options": ["Pay", {"id": "skills", "label": "Skills"}, "Team"],
                    "at_most": 2,
                    "required": False,
                    "visible_if": {"question": "acts", "equals": "courses"},
                },
                {
                    "id": "grid",
                    "kind": "matrix",
                    "text": "How far do you agree?",
                    "help": "One answer per row",
                    "scale": {"points": 4, "low": "No", "high": "Yes"},
                    "rows": [
                        {"id": "fair", "text": "Fair", "score": {"development": 1.5}},
                        {"id": "seen", "text": "Seen", "required": False},
                    ],
                    "visible_if": {"question": "order", "one_of": ["pay"]},
                },
                {
                    "id": "hours",
                    "kind": "number",
                    "text": "Hours",
                    "min": 0,
                    "max": 7.5,
                    "step": 0.5,
                    "unit": "hours",
                    "visible_if": {"question": "fair", "at_least": 2},
                },
                {"id": "count", "kind": "number", "text": "Count", "min": -3, "max": 3},
            ],
        },
    ],
    "scoring": {
        "thresholds": {"interest": 55, "lead": 12.5},
        "orientations": {
            name: _TEXTS for name in ("advancement", "development", "both", "undecided")
        },
    },
}


def dumped(survey: Survey) -> dict[str, Any]:
    """What the survey cache stores: the survey as JSON, read back."""
    data: dict[str, Any] = json.loads(json.dumps(survey.model_dump(mode="json")))
    return data


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (a list is not a tuple, 1 is not 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, BaseModel):
        return all(same(getattr(a, f), getattr(b, f)) for f in type(a).model_fields)
    return bool(a == b)


@pytest.mark.parametrize("path", SURVEYS, ids=[p.stem for p in SURVEYS])
def test_shipped_surveys_rebuild_exactly(path: Path) -> None:
    """Each shipped survey, dumped and rebuilt, is the validated survey: same values, same types."""
    survey, problems = check_file(path)
    assert problems == [] and survey is not None
    assert same(rebuild(Survey, dumped(survey)), survey)


def test_every_feature_rebuilds_exactly() -> None:
    """All four kinds, every visible_if form, weights, optional fields and scoring."""
    survey = Survey.model_validate(EVERY_FEATURE)
    again = rebuild(Survey, dumped(survey))
    assert same(again, survey) and again == survey
    assert again.question("lead").score.development == -0.5  # type: ignore[union-attr]
    assert again.question("depth").visible_if.one_of == (1, 2)  # type: ignore[union-attr]
    assert type(again.scoring.thresholds.interest) is float  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="frozen"):
        again.title = "changed"  # type: ignore[misc]  # frozen like the validated one


def test_no_scoring_and_defaults() -> None:
    """Optional parts left out come back as None; defaults are filled as validation fills them."""
    data = copy.deepcopy(EVERY_FEATURE)
    del data["scoring"], data["version"], data["ask_name"]
    survey = Survey.model_validate(data)
    again = rebuild(Survey, {k: v for k, v in dumped(survey).items() if k not in ("version",)})
    assert same(again, survey) and again.scoring is None and again.version == 1


def _break(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = dumped(Survey.model_validate(EVERY_FEATURE))
    *parents, last = path
    node: Any = data
    for key in parents:
        node = node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


Q0 = ("pages", 0, "questions", 0)


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        (("surplus",), 1, "unknown ['surplus']"),
        (("title",), KeyError, "missing ['title']"),
        (("version",), "3", "'3' is not a int"),
        (("ask_name",), 1, "1 is not a bool"),
        (("pages",), {"title": "x"}, "expected a list"),
        (("pages", 0), ["x"], "expected a mapping"),
        ((*Q0, "kind"), "slider", "fits none of the allowed kinds"),
        ((*Q0, "scale", "points"), 2.5, "2.5 is not a int"),
        (("pages", 0, "questions", 2, "visible_if", "equals"), 1.5, "fits none"),
        (("scoring", "orientations", "sideways"), _TEXTS, "'sideways' is not one of"),
        (("scoring", "orientations"), [], "expected a mapping"),
        (("scoring",), "none", "fits none of the allowed kinds"),
    ],
)
def test_other_shapes_are_unfit(where: tuple[Any, ...], value: Any, says: str) -> None:
    """Data that validation did not produce raises Unfit, saying where, so the source is read."""
    with pytest.raises(Unfit, match=r"^Survey") as caught:
        rebuild(Survey, _break(where, value))
    assert says in str(caught.value)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 12) | st.floats(-1, 101) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


def _places(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here] if here else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _places(value, (*here, i))
    return found


PLACES = _places(dumped(Survey.model_validate(EVERY_FEATURE)))


# Values the survey itself holds: swapped in elsewhere they often stay valid, so the exact branch
# below is taken as well as the damaged one.
def _at(where: tuple[Any, ...]) -> Any:
    node: Any = dumped(Survey.model_validate(EVERY_FEATURE))
    for key in where:
        node = node[key]
    return node


OWN_VALUES = st.sampled_from(PLACES).map(_at)


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(PLACES), value=JSON | OWN_VALUES)
def test_rebuild_is_exact_on_validated_data_and_unfit_or_quiet_elsewhere(
    where: tuple[Any, ...], value: Any
) -> None:
    """Random damage: if validation takes the data and dumps it back unchanged, the rebuild is that
    survey; any other data rebuilds or raises Unfit, never another error."""
    data = _break(where, value)
    try:
        validated: Survey | None = Survey.model_validate(copy.deepcopy(data))
    except ValidationError:
        validated = None
    if validated is not None and same(dumped(validated), data):
        assert same(rebuild(Survey, data), validated)
    else:
        with contextlib.suppress(Unfit):
            rebuild(Survey, data)


def test_a_warm_kernel_builds_no_survey_validator(tmp_path: Path) -> None:
    """Loading a cached survey in a fresh interpreter rebuilds it without building pydantic schemas."""
    probe = (
        "import sys; from careerkit.definitions import load_survey; import careerkit.model as m\n"
        "s = load_survey('career_interests')\n"
        "built = [n for n in dir(m) if isinstance(getattr(m, n), type)"
        " and issubclass(getattr(m, n), m.Frozen) and getattr(m, n).__pydantic_complete__]\n"
        "print(s.id, len(s.questions), built)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
        ).stdout.split()
        for _ in range(2)
    ]
    cold, warm = runs
    assert cold[:2] == warm[:2] and cold[0] == "career_interests" and int(cold[1]) >= 12
    assert "'Survey'" in " ".join(cold[2:])  # the first load validated the YAML
    assert warm[2:] == ["[]"]  # the second was rebuilt from the cache: no validator built
