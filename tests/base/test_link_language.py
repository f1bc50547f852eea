"""Workshop links that open every page in one language: `&lang=de`, and only a language code."""

from __future__ import annotations

import pytest

from careerkit.errors import ConfigError
from careerkit.workshop_links import participant_links


def test_every_link_carries_the_language() -> None:
    """With lang, each participant link ends in `&lang=de`; without it, no link names one."""
    links = participant_links("http://host:8866/", "W1", org="northwind", lang="de")
    assert links == {
        "Interest survey": "http://host:8866/voila/render/interest_survey.ipynb?workshop=W1&lang=de",
        "Development plan": "http://host:8866/voila/render/development_plan.ipynb?workshop=W1&lang=de",
        "Crossing brainstorm": (
            "http://host:8866/voila/render/creative_crossings.ipynb?workshop=W1&org=northwind&lang=de"
        ),
    }
    assert not any("lang=" in link for link in participant_links("http://h", "W1").values())


@pytest.mark.parametrize("lang", ["German", "de&x=1", "", "EN"])
def test_only_a_language_code_goes_into_a_link(lang: str) -> None:
    """Anything but a language code is refused with a message saying what to give instead."""
    with pytest.raises(ConfigError, match="is not a language code; give one such as en or de"):
        participant_links("http://h", "W1", lang=lang)
