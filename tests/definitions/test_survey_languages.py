"""Definition files in several languages: one model per language, ids that never change, the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from careerkit.definitions import check_file, load_org_goals, load_survey, warm_cache
from careerkit.definitions.cache import cache_dir
from careerkit.languages import pick_language
from careerkit.model import ChoiceQuestion, MultiQuestion, Survey

ROOT = Path(__file__).resolve().parents[2]

TWO_LANGUAGES = """\
id: bilingual
languages: [de, en]
title: {de: Zweisprachig, en: Bilingual}
pages:
  - title: {de: Eins, en: One}
    questions:
      - id: pick
        kind: choice
        text: {de: Was passt?, en: What fits?}
        options:
          - {de: Gar nicht, en: Not at all}
          - {de: Sehr gut, en: Very well}
"""


def ids(survey: Survey) -> list[object]:
    """Everything in a survey that answers are stored by: question ids, option ids, kinds."""
    out: list[object] = []
    for q in survey.questions:
        out += [q.id, q.kind]
        if isinstance(q, ChoiceQuestion | MultiQuestion):
            out += [o.id for o in q.options]
    return out


def test_shipped_survey_is_complete_in_english_and_german() -> None:
    """career_interests declares en and de, validates in both, and only its words differ."""
    survey, problems = check_file(ROOT / "survey" / "career_interests.yaml")
    assert problems == [] and survey is not None and survey.languages == ("en", "de")
    english, german = load_survey("career_interests", "en"), load_survey("career_interests", "de")
    assert english.title == "Where do you want your career to grow?"
    assert german.title == "Wohin soll sich Ihre berufliche Laufbahn entwickeln?"
    assert ids(german) == ids(english) and len(ids(english)) > 40
    assert german.model_dump(include={"scoring": {"thresholds"}}) == english.model_dump(
        include={"scoring": {"thresholds"}}
    )
    labels = {q.id: q for q in german.questions}["manager_support"]
    assert isinstance(labels, ChoiceQuestion)
    assert labels.options[0].label == "Regelmäßige Gespräche über die berufliche Entwicklung"
    assert german.scoring is not None and german.scoring.orientations["both"].title == "Beides"


def test_without_a_language_or_with_an_unknown_one_the_first_is_shown() -> None:
    """No language, or one the file does not offer, gives its first language; pick_language says so."""
    assert load_survey("career_interests").title == load_survey("career_interests", "en").title
    assert load_survey("career_interests", "fr").title == load_survey("career_interests").title
    assert load_survey("career_interests", "<script>").title.startswith("Where do you")
    assert pick_language("fr", ("en", "de")) == ("en", True)
    assert pick_language("de", ("en", "de")) == ("de", False)
    assert pick_language(None, ("de", "en")) == ("de", False)
    assert pick_language("de", ()) == (None, False)


def test_bare_option_text_per_language_keeps_the_id_of_the_first_language(tmp_path: Path) -> None:
    """An option given only as texts per language takes its id from the file's first language."""
    path = tmp_path / "bilingual.yaml"
    path.write_text(TWO_LANGUAGES, encoding="utf-8")
    german, english = load_survey(path, "de"), load_survey(path, "en")
    for survey in (german, english):
        question = survey.questions[0]
        assert isinstance(question, ChoiceQuestion)
        assert [o.id for o in question.options] == ["gar_nicht", "sehr_gut"]
    assert english.questions[0].text == "What fits?" and german.title == "Zweisprachig"
    assert german.languages == english.languages == ("de", "en")


def test_org_goals_in_both_languages_with_the_same_items() -> None:
    """The example organization goals load in English and German with the same ids and tags."""
    english = load_org_goals("example_org_goals", "en")
    german = load_org_goals("example_org_goals", "de")
    assert german.languages == ("en", "de")
    assert [(i.id, i.kind, i.tags) for i in german.items] == [
        (i.id, i.kind, i.tags) for i in english.items
    ]
    assert german.items[0].text.startswith("Bereichsübergreifende Projektteams")
    assert english.items[0].text.startswith("Launch cross-functional project teams")


PROBE = """
import json, sys
from careerkit.definitions import load_survey
survey = load_survey("career_interests", "de")
print(json.dumps({"title": survey.title, "yaml": sorted(m for m in sys.modules if m.startswith("ruamel"))}))
"""


def test_warm_cache_holds_each_language_so_a_kernel_reads_no_yaml(tmp_path: Path) -> None:
    """After warm_cache, a fresh interpreter gets the German survey without a YAML reader."""
    assert "career_interests" in warm_cache(ROOT / "survey")
    names = sorted(p.name for p in cache_dir().glob("career_interests-*.json"))
    assert sorted(n.rsplit(".", 1)[0].split("-")[2:] for n in names) == [[], ["de"], ["en"]]
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=dict(os.environ),
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"title": "Wohin soll sich Ihre berufliche Laufbahn entwickeln?", "yaml": []}
