"""One participant answering the interest survey in a real browser (async Playwright), step by step.

The answers are those of tests/answers.py (two activities), so every stored row can be checked.
`steps()` lists each action a person takes; the room tests run them with reloads and sleeps in
between (`answer`), and check that the form that comes back holds everything answered so far.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from answers import CHOICES, PAGE_1, PAGE_2, ROLE

ACTIVITIES = ("mentoring", "stretch_project")
Step = tuple[str, Callable[[Any], Awaitable[None]]]
HINT = ".careerkit-draft-state"
#: How long a check waits: a room of kernels starting on two cores takes its time.
TIMEOUT_MS = 120_000


def patient_expect() -> Any:
    from playwright.async_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    return expect


def expected_answers(goal: str) -> dict[str, Any]:
    return {
        **PAGE_1,
        "next_role_name": ROLE,
        **PAGE_2,
        "activities": ACTIVITIES,
        **CHOICES,
        "career_goal": goal,
    }


def _likert(qid: str, value: int) -> Step:
    async def act(page: Any) -> None:
        expect = patient_expect()

        button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
        await button.click()
        await expect(button).to_have_class(re.compile(r"\bmod-active\b"))

    return (f"{qid}={value}", act)


def _next(number: int) -> Step:
    async def act(page: Any) -> None:
        expect = patient_expect()

        await page.get_by_role("button", name="Next").click()
        await expect(page.locator(".careerkit-survey")).to_contain_text(f"Page {number} of 3")

    return (f"page {number}", act)


def _check(qid: str, label: str) -> Step:
    async def act(page: Any) -> None:
        await page.locator(f".careerkit-q-{qid} label", has_text=label).locator("input").check()

    return (f"{qid}:{label}", act)


def _fill(selector: str, text: str) -> Step:
    async def act(page: Any) -> None:
        await page.locator(selector).fill(text)
        await page.locator(selector).blur()

    return (selector, act)


def steps(goal: str, labels: dict[str, str]) -> list[Step]:
    """Every action of one complete answer, in order, Submit not included."""
    out = [_likert(q, v) for q, v in PAGE_1.items()]
    out.append(_fill(".careerkit-q-next_role_name input[type=text]", ROLE))
    out.append(_next(2))
    out += [_likert(q, v) for q, v in PAGE_2.items()]
    out.append(_next(3))
    out += [_check("activities", labels[o]) for o in ACTIVITIES]
    out += [_check(q, labels[o]) for q, o in CHOICES.items()]
    out.append(_fill(".careerkit-q-career_goal textarea", goal))
    return out


async def draft_saved(page: Any, before: str) -> str:
    """Wait until the quiet hint says a draft newer than `before` was saved; its text."""
    expect = patient_expect()

    hint = page.locator(HINT)
    await expect(hint).to_contain_text("Draft saved at")
    if before:
        await expect(hint).not_to_have_text(before)
    return str(await hint.inner_text())


async def form_ready(page: Any) -> None:
    expect = patient_expect()

    await expect(page.locator(".careerkit-survey")).to_be_visible()
    await expect(page.locator(".careerkit-tab-key")).to_be_attached()


async def restored(page: Any) -> None:
    """After a reload: the form is back and says the answers so far are back."""
    expect = patient_expect()

    await form_ready(page)
    await expect(page.locator(HINT)).to_contain_text("answers so far are back")


async def submit(page: Any) -> str:
    """Submit and wait for "Saved"; the result code shown."""
    expect = patient_expect()

    await page.locator(".careerkit-submit").click()
    await expect(page.locator(".careerkit-status")).to_contain_text("Saved")
    shown = await page.locator(".careerkit-result").inner_text()
    found = re.search(r"\b([0-9a-f]{4}(?:-[0-9a-f]{4}){3})\b", shown)
    assert found, shown
    return found.group(1).replace("-", "")
