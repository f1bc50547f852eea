"""The draft model and CAREERKIT_DRAFT_HOURS: a secret key kept out of reprs, a clear setting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from careerkit.config import draft_hours
from careerkit.errors import ConfigError
from careerkit.model import Draft

KEY = "0123456789abcdef0123456789abcdef"


def _draft(key: str = KEY) -> Draft:
    return Draft(
        key=key,
        survey_id="career_interests",
        workshop="SPRING",
        submission_id="sub-00000001",
        answers={"q_lead": 4, "q_skills": ("coaching",)},
        updated_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )


def test_a_draft_keeps_its_key_out_of_its_repr() -> None:
    """A logged draft does not show the tab's secret; its fields and defaults are as given."""
    draft = _draft()
    assert KEY not in repr(draft) and KEY not in str(draft)
    assert (draft.page, draft.participant, draft.key) == (0, None, KEY)


@pytest.mark.parametrize("key", ["", "short", "a" * 15, "a" * 129])
def test_a_draft_key_has_at_least_64_bits(key: str) -> None:
    """Keys shorter than 16 characters (64 bits in hex) or absurdly long are refused."""
    with pytest.raises(ValidationError):
        _draft(key)


def test_draft_hours_default_and_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """24 hours unless CAREERKIT_DRAFT_HOURS says otherwise; fractions of an hour are fine."""
    monkeypatch.delenv("CAREERKIT_DRAFT_HOURS", raising=False)
    assert draft_hours() == 24
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", " 0.5 ")
    assert draft_hours() == 0.5
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", "")
    assert draft_hours() == 24


@pytest.mark.parametrize("bad", ["abc", "0", "-3", "nan", "inf", "9000", "24h"])
def test_a_bad_draft_hours_setting_says_what_to_write(
    bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value that is not a number of hours above 0 (and at most a year) is a ConfigError."""
    monkeypatch.setenv("CAREERKIT_DRAFT_HOURS", bad)
    with pytest.raises(ConfigError) as info:
        draft_hours()
    message = str(info.value)
    assert "CAREERKIT_DRAFT_HOURS" in message and repr(bad) in message and "e.g. 24" in message
