"""One complete set of answers to survey/career_interests.yaml, page by page, as people give it.

The browser and forged-widget tests, the two-server test and bench/workshop_load.py all answer
the interest survey with these values (tests/ is on sys.path: `from answers import ANSWERS`).
"""

from __future__ import annotations

from typing import Any

PAGE_1 = {  # likert 1-5; next_role last: at 4 or more it shows the next_role_name field
    "more_responsibility": 5,
    "visibility": 4,
    "lead_people": 4,
    "stretch_ready": 3,
    "next_role": 5,
}
ROLE = "Team lead"  # next_role_name
PAGE_2 = {
    "deepen_strengths": 2,
    "training": 3,
    "certification": 2,
    "pay_in_role": 3,
    "comfort_zone": 1,
    "skills_for_step": 3,
}
# Page 3.
ACTIVITIES = ("mentoring", "stretch_project", "leading_initiative")  # in the survey's order
CHOICES = {"manager_support": "introductions", "time_horizon": "one_year"}
GOAL = "Lead a small product team within two years."


def complete_answers(goal: str = GOAL) -> dict[str, Any]:
    """Every question's answer, in the survey's order, with `goal` as the written career goal."""
    return {
        **PAGE_1,
        "next_role_name": ROLE,
        **PAGE_2,
        "activities": ACTIVITIES,
        **CHOICES,
        "career_goal": goal,
    }


ANSWERS: dict[str, Any] = complete_answers()
