"""Survey files: the shipped ones load, broken ones are refused with a placed, helpful problem."""

from __future__ import annotations

import copy
import json
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerkit.definitions import check_file, list_surveys, load_survey, survey_path
from careerkit.definitions.yamlnodes import read_yaml
from careerkit.errors import DefinitionError, Problem, SurveyNotFound
from careerkit.model import Survey

ROOT = Path(__file__).resolve().parents[2]
SURVEY_DIR = ROOT / "survey"
BAD_DIR = Path(__file__).resolve().parents[1] / "data" / "bad_surveys"
SURVEYS = sorted(SURVEY_DIR.glob("*.yaml"))
BAD = sorted(BAD_DIR.glob("*.yaml"))
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (\S+: )?\S.*$")
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line


def expectation(path: Path) -> str:
    """The text after `# expect: ` on a bad survey's first line."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: :"), f"{path.name}: first line must be '# expect: :L:C: ...'"
    return first.removeprefix("# expect: ")


def problem_text(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder for generated files that lives across hypothesis examples."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


# --- the shipped surveys ---------------------------------------------------------------------


def test_there_are_surveys_to_check() -> None:
    """The survey folder holds the real instrument, so the next test is not vacuous."""
    assert SURVEY_DIR / "career_interests.yaml" in SURVEYS


@pytest.mark.parametrize("path", SURVEYS, ids=lambda p: p.name)
def test_every_shipped_survey_loads_without_problems(path: Path) -> None:
    """Each survey/*.yaml file validates cleanly into a Survey."""
    survey, problems = check_file(path)
    assert problems == []
    assert isinstance(survey, Survey)


def test_career_interests_has_the_expected_shape() -> None:
    """The real instrument loads with its three pages, its conditional question and scoring."""
    survey = load_survey("career_interests")
    assert survey.id == "career_interests"
    assert len(survey.pages) == 3
    assert survey.question("next_role_name").visible_if is not None
    assert survey.scoring is not None
    assert survey.scoring.thresholds.interest == 60


def test_readme_example_is_a_valid_survey(scratch: Path) -> None:
    """The complete example in survey/README.md passes validation, so the docs do not lie."""
    readme = (SURVEY_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A complete small example", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = scratch / "readme_example.yaml"
    path.write_text(example, encoding="utf-8")
    survey, problems = check_file(path)
    assert problems == []
    assert survey is not None
    assert survey.question("which_role").visible_if is not None


# --- the broken surveys ----------------------------------------------------------------------


def test_bad_survey_collection_is_complete() -> None:
    """There are at least 24 broken files, each named NN_short_name.yaml."""
    assert len(BAD) >= 24
    for path in BAD:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.yaml", path.name), path.name


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_survey_is_refused_with_the_expected_problem(path: Path) -> None:
    """A broken file gives no survey, and its problems contain the `# expect:` text."""
    survey, problems = check_file(path)
    assert survey is None
    assert problems
    assert expectation(path) in problem_text(problems)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_every_problem_is_one_placed_line(path: Path) -> None:
    """Each problem prints as one `path:line:col: field: message` line inside the file."""
    _, problems = check_file(path)
    last_line = path.read_bytes().count(b"\n") + 1
    for problem in problems:
        text = str(problem)
        assert "\n" not in text
        assert text.startswith(f"{path}:{problem.line}:{problem.col}: ")
        assert PROBLEM_LINE.match(text), text
        assert 1 <= problem.line <= last_line
        assert problem.col >= 1
        assert "Traceback" not in text and "pydantic" not in text.lower()


def test_misspelled_kind_reads_exactly_as_documented() -> None:
    """The README's sample problem line is what the loader really prints."""
    path = BAD_DIR / "10_misspelled_kind.yaml"
    _, problems = check_file(path)
    assert [str(p) for p in problems] == [
        f"{path}:8:15: pages[0].questions[0].kind: expected one of likert, choice, multi, text,"
        " ranking, matrix, number (got 'likret'); did you mean 'likert'?"
    ]


def test_zero_byte_file_is_reported_as_empty(tmp_path: Path) -> None:
    """A file with no bytes at all is refused as empty, at line 1."""
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    survey, problems = check_file(path)
    assert survey is None
    assert [(p.line, p.col) for p in problems] == [(1, 1)]
    assert "the file is empty" in problems[0].message


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    """check_file on a path that does not exist reports it instead of raising."""
    survey, problems = check_file(tmp_path / "nope.yaml")
    assert survey is None
    assert "cannot read the file" in problem_text(problems)


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    """Independent mistakes in one file are all listed, each at its own line."""
    path = tmp_path / "two.yaml"
    path.write_text(
        "id: Two\ntitle: Two mistakes\npages:\n  - title: One\n    questions:\n"
        "      - id: a\n        kind: text\n        text: Hi\n        colour: red\n",
        encoding="utf-8",
    )
    _, problems = check_file(path)
    assert [(p.line, p.field) for p in problems] == [
        (1, "id"),
        (9, "pages[0].questions[0].colour"),
    ]


def test_an_alias_that_repeats_a_whole_value_is_accepted(tmp_path: Path) -> None:
    """An anchor reused by an alias (documented as allowed) loads like the written-out value."""
    path = tmp_path / "alias.yaml"
    path.write_text(
        "id: alias\ntitle: Aliases\npages:\n  - title: One\n    questions:\n"
        "      - id: a\n        kind: likert\n        text: A\n"
        "        scale: &agree {points: 5, low: Disagree, high: Agree}\n"
        "      - id: b\n        kind: likert\n        text: B\n        scale: *agree\n",
        encoding="utf-8",
    )
    survey, problems = check_file(path)
    assert problems == []
    assert survey is not None
    assert survey.question("b").scale == survey.question("a").scale  # type: ignore[union-attr]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A 'billion laughs' file is refused in well under a second with a message about aliases."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    survey, problems = check_file(path)
    assert time.perf_counter() - start < 1.0
    assert survey is None
    assert "aliases" in problem_text(problems)


def test_deep_nesting_is_refused_with_a_place(tmp_path: Path) -> None:
    """Brackets nested 60 deep give a placed 'nest more than 50 deep' problem."""
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    survey, problems = check_file(path)
    assert survey is None
    assert [(p.line, p.col) for p in problems] == [(1, 54)]
    assert "nest more than 50 deep" in problems[0].message


def test_parser_running_out_of_stack_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """When the YAML parser itself hits the recursion limit, a placed problem comes back."""
    path = tmp_path / "deeper.yaml"
    path.write_text("a: " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(traceback.extract_stack()) + 300)  # too few frames for 300 levels
    try:
        survey, problems = check_file(path)
    finally:
        sys.setrecursionlimit(limit)
    assert survey is None
    assert [(p.line, p.col) for p in problems] == [(1, 54)]
    assert "nest more than 50 deep" in problems[0].message


@pytest.mark.parametrize(
    "value",
    ["0x_", ".Inf", "-.INF", ".NaN"],
)
def test_odd_numbers_are_problems_not_crashes(value: str) -> None:
    """Number-like values Python cannot read, or infinite ones, give a placed problem."""
    data, _, problems = read_yaml(f"id: x\nversion: {value}\n", "f.yaml")
    assert data is None
    assert [(p.line, p.col, p.field) for p in problems] == [(2, 10, "version")]


def test_yaml_1_1_sexagesimal_number_is_a_problem_not_a_crash() -> None:
    """A `%YAML 1.1` file with a base-60 number like 1:20 is refused, not a ValueError."""
    _, _, problems = read_yaml("%YAML 1.1\n---\nversion: 1:20\n", "f.yaml")
    assert [(p.line, p.field) for p in problems] == [(3, "version")]
    assert "cannot be read" in problems[0].message


def test_tag_on_a_key_is_refused() -> None:
    """A tag is refused even where it labels a field name rather than a value."""
    _, _, problems = read_yaml("id: x\n!!python/name:os.system : 1\n", "f.yaml")
    assert len(problems) == 1
    assert "tag '!!python/name:os.system' is not allowed" in problems[0].message


# --- load_survey and survey names ------------------------------------------------------------


def test_load_survey_raises_definition_error_listing_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading a broken survey by name raises DefinitionError carrying its placed problems."""
    shutil.copy(BAD_DIR / "24_multi_min_over_max.yaml", tmp_path / "broken.yaml")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(tmp_path))
    with pytest.raises(DefinitionError) as caught:
        load_survey("broken")
    assert len(caught.value.problems) == 1
    assert ":11:14: pages[0].questions[0].min: is larger than max (2)" in str(caught.value)


def test_unknown_survey_name_lists_the_available_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking for a name that is not there raises SurveyNotFound naming the surveys that are."""
    for name in ("beta", "alpha"):
        shutil.copy(SURVEY_DIR / "career_interests.yaml", tmp_path / f"{name}.yaml")
    (tmp_path / "notes.txt").write_text("not a survey", encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(tmp_path))
    with pytest.raises(SurveyNotFound, match=r"No survey 'gamma' in .*available: alpha, beta$"):
        load_survey("gamma")
    assert list_surveys() == ["alpha", "beta"]


def test_unknown_name_in_an_empty_folder_says_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no survey files at all, the error says none are available."""
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(tmp_path))
    with pytest.raises(SurveyNotFound, match="available: none"):
        survey_path("career_interests")


def test_survey_found_by_name_and_by_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A survey loads by its name in the survey folder and by a file path; a bad path raises."""
    shutil.copy(SURVEY_DIR / "career_interests.yaml", tmp_path / "mine.yaml")
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(tmp_path))
    assert load_survey("mine").id == "career_interests"
    assert load_survey(tmp_path / "mine.yaml").id == "career_interests"
    with pytest.raises(SurveyNotFound, match="No survey file at"):
        load_survey(tmp_path / "other.yaml")


# --- no input ever leaks a traceback ---------------------------------------------------------

KEEP = {  # one of each kind, a condition, a reversed weight: the real survey's shapes, kept fast
    "more_responsibility",
    "next_role",
    "next_role_name",
    "comfort_zone",
    "activities",
    "manager_support",
    "career_goal",
}


def _trimmed_real_survey() -> Any:
    data = read_yaml((SURVEY_DIR / "career_interests.yaml").read_text("utf-8"), "base")[0]
    for page in data["pages"]:
        page["questions"] = [q for q in page["questions"] if q["id"] in KEEP]
    for text in data["scoring"]["orientations"].values():
        text["next_steps"] = text["next_steps"][:1]
    return data


BASE_DATA = _trimmed_real_survey()


def _places(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _places(item, (*prefix, i))


PLACES = [p for p in _places(BASE_DATA) if p]
FIELD_NAMES = sorted({str(p[-1]) for p in PLACES if isinstance(p[-1], str)} | {"kind", "[key]"})
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-20, 30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(["likert", "choice", "multi", "text", "both", "next_role", "courses"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3)
    ),
    max_leaves=8,
)
YAMLISH = st.text(alphabet=list(":-[]{},&*!|>'\"#%@`?\n \tab01._~<="), max_size=80)
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_checked(folder: Path, raw: bytes) -> None:
    path = folder / "fuzz.yaml"
    path.write_bytes(raw)
    survey, problems = check_file(path)  # must not raise
    assert (survey is None) == bool(problems)
    text = raw.decode("utf-8", "replace")
    last_line = len(YAML_LINE_BREAK.findall(text)) + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert 1 <= problem.line <= last_line and problem.col >= 1
        assert problem.message and "Traceback" not in problem.message


def test_fuzz_base_is_a_valid_survey(scratch: Path) -> None:
    """The trimmed real survey that the damage test starts from loads cleanly, as JSON too."""
    path = scratch / "base.yaml"
    path.write_text(json.dumps(BASE_DATA, indent=1), encoding="utf-8")
    survey, problems = check_file(path)
    assert problems == []
    assert survey is not None
    assert {q.kind for q in survey.questions} == {"likert", "text", "multi", "choice"}


@FUZZ
@given(text=st.text(max_size=300))
def test_random_text_never_raises(scratch: Path, text: str) -> None:
    """Any text gives a survey or problems, never an exception."""
    _assert_checked(scratch, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_raise(scratch: Path, raw: bytes) -> None:
    """Any bytes, UTF-8 or not, give problems, never an exception."""
    _assert_checked(scratch, raw)


@FUZZ
@given(text=YAMLISH)
def test_yaml_punctuation_soup_never_raises(scratch: Path, text: str) -> None:
    """Text dense in YAML's special characters gives problems, never an exception."""
    _assert_checked(scratch, text.encode("utf-8"))


@FUZZ
@given(changes=st.lists(st.tuples(st.sampled_from(PLACES), VALUES), min_size=1, max_size=3))
def test_damaged_real_survey_never_raises(
    scratch: Path, changes: list[tuple[tuple[Any, ...], Any]]
) -> None:
    """The real survey with random values put in random places is checked without raising."""
    data = copy.deepcopy(BASE_DATA)
    for place, value in changes:
        holder = data
        try:
            for part in place[:-1]:
                holder = holder[part]
            holder[place[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    _assert_checked(scratch, json.dumps(data, indent=1).encode("utf-8"))  # JSON is YAML
