"""Organization-goals files: the shipped example loads, broken files give a placed, helpful problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerkit.cli import main
from careerkit.definitions import (
    check_org_goals,
    is_org_goals_file,
    list_org_goals,
    list_surveys,
    load_org_goals,
)
from careerkit.errors import DefinitionError, SurveyNotFound
from careerkit.model.org import OrgGoals

ROOT = Path(__file__).resolve().parents[2]
ORG_DIR = ROOT / "survey" / "org"
BAD_DIR = Path(__file__).resolve().parents[1] / "data" / "bad_org_goals"
BAD = sorted(BAD_DIR.glob("*.yaml"))
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (\S+: )?\S.*$")


def expectation(path: Path) -> str:
    """The text after `# expect: ` on a bad file's first line."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: :"), f"{path.name}: first line must be '# expect: :L:C: ...'"
    return first.removeprefix("# expect: ")


def test_example_file_validates_and_covers_every_kind() -> None:
    """survey/org/example_org_goals.yaml loads with goals, strategies and needs, each tagged."""
    goals, problems = check_org_goals(ORG_DIR / "example_org_goals.yaml")
    assert problems == []
    assert isinstance(goals, OrgGoals) and goals.organization == "Northwind Logistics"
    assert {i.kind for i in goals.items} == {"goal", "strategy", "need"}
    assert all(i.tags for i in goals.items)
    assert "new_team_leads" in {i.id for i in goals.items}


def test_load_by_name_and_unknown_names_list_what_exists() -> None:
    """A name finds the file in survey/org/; a wrong name lists the available ones."""
    assert load_org_goals("example_org_goals") == load_org_goals(ORG_DIR / "example_org_goals.yaml")
    assert "example_org_goals" in list_org_goals()
    with pytest.raises(SurveyNotFound, match=r"available: .*example_org_goals"):
        load_org_goals("exmple_org_goals")


def test_org_files_are_not_taken_for_surveys() -> None:
    """The survey list does not contain the organization-goals files kept in the org/ subfolder."""
    assert "example_org_goals" not in list_surveys()
    assert "career_interests" in list_surveys()


def test_readme_example_is_valid(tmp_path: Path) -> None:
    """The complete example in survey/org/README.md passes validation, so the docs do not lie."""
    readme = (ORG_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A complete small example", 1)[1]
    path = tmp_path / "example.yaml"
    path.write_text(section.split("```yaml\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    goals, problems = check_org_goals(path)
    assert problems == [] and goals is not None and len(goals.items) == 3


def test_bad_collection_is_complete() -> None:
    """There are at least 8 broken files, each named NN_short_name.yaml."""
    assert len(BAD) >= 8
    for path in BAD:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.yaml", path.name), path.name


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_is_refused_with_the_expected_problem(path: Path) -> None:
    """A broken file gives no goals, and its one problem line ends with the `# expect:` text."""
    goals, problems = check_org_goals(path)
    assert goals is None
    assert [str(p) for p in problems] == [f"{path}{expectation(path)}"]
    with pytest.raises(DefinitionError, match=re.escape(expectation(path))):
        load_org_goals(path)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_every_problem_is_one_placed_line(path: Path) -> None:
    """Each problem prints as one `path:line:col: field: message` line inside the file."""
    _, problems = check_org_goals(path)
    last_line = path.read_bytes().count(b"\n") + 1
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and PROBLEM_LINE.match(text), text
        assert 1 <= problem.line <= last_line and problem.col >= 1
        assert "pydantic" not in text.lower()


def test_org_files_are_recognized_by_folder_or_top_key(tmp_path: Path) -> None:
    """Files under org/ or with a top-level `organization:` are org-goals files; surveys are not."""
    loose = tmp_path / "ours.yaml"
    loose.write_text("# ours\norganization: X\nitems: []\n", encoding="utf-8")
    assert is_org_goals_file(ORG_DIR / "example_org_goals.yaml")
    assert is_org_goals_file(loose)
    assert not is_org_goals_file(ROOT / "survey" / "career_interests.yaml")
    assert not is_org_goals_file(tmp_path / "missing.yaml")


def test_validate_command_checks_org_files_and_surveys_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`careerkit validate` reports an org file ok with a summary, and a broken one by line:col."""
    good = ORG_DIR / "example_org_goals.yaml"
    bad = BAD_DIR / "03_misspelled_kind.yaml"
    survey = ROOT / "survey" / "career_interests.yaml"
    assert main(["validate", str(good), str(survey)]) == 0
    out = capsys.readouterr().out
    assert f"{good}: ok (Northwind Logistics: 9 items (3 goals, 3 needs, 3 strategies))" in out
    assert f"{survey}: ok (career_interests:" in out
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == f"{bad}{expectation(bad)}"
    assert "1 of 1 file has problems" in captured.err
