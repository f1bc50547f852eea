"""One complete set of answers to survey/career_interests.yaml, page by page, as people give it.

The browser and forged-widget tests, the two-server test and bench/workshop_load.py all answer
the interest survey with these values (tests/ is on sys.path: `from answers import ANSWERS`).
"""

from __future__ import annotations

import random
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


def answer_in_browser(page: Any, survey: Any, seed: int = 12) -> None:
    """Answer every question of `survey` shown on a sync Playwright `page` (demo answers of
    `seed`), page by page, leaving Submit to the caller."""
    from playwright.sync_api import expect

    from careerkit.survey.demo import fake_answers

    answers = fake_answers(survey, random.Random(seed))
    for number, survey_page in enumerate(survey.pages, start=1):
        for q in survey_page.questions:
            value = answers.get(q.id)
            box = page.locator(f".careerkit-q-{q.id}")
            if value is None or not box.is_visible():
                continue
            if q.kind == "likert":
                box.locator(f"button[data-value='{value}']").click()
            elif q.kind in ("choice", "multi"):
                for option in value if isinstance(value, tuple) else (value,):
                    label = next(o.label for o in q.options if o.id == option)
                    box.locator("label", has_text=label).locator("input").check()
            else:
                field = box.locator("input, textarea").first
                field.fill(value)
                field.press("Tab")
        if number < len(survey.pages):
            page.get_by_role("button", name="Next").click()
            expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number + 1} of")
