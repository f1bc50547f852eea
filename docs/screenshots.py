"""Make the README's pictures: start `careerkit serve`, fill the survey in Chromium, screenshot.

Run from the repository root: `python docs/screenshots.py` (needs careerkit[test] and chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from voila_server import launch_chromium, start_server  # noqa: E402  (path set just above)

ANSWERS = {
    "more_responsibility": 4,
    "visibility": 4,
    "lead_people": 5,
    "stretch_ready": 4,
    "next_role": 3,
}
PAGE_2 = {
    "deepen_strengths": 4,
    "training": 5,
    "certification": 4,
    "pay_in_role": 3,
    "comfort_zone": 3,
    "skills_for_step": 5,
}


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        start_server(Path(tmp) / "data") as server,
        launch_chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 900, "height": 900}, device_scale_factor=1)
        page.goto(server.url("voila/render/interest_survey.ipynb?workshop=TEAM1"))
        page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
        for answers in (ANSWERS, PAGE_2):
            for qid, value in answers.items():
                page.locator(f".careerkit-q-{qid} button[data-value='{value}']").click()
            page.get_by_role("button", name="Next").click()
        for label in ("Courses and workshops", "A stretch project"):
            page.locator(".careerkit-q-activities label", has_text=label).locator("input").check()
        page.locator(".careerkit-q-manager_support label", has_text="Time set aside").locator(
            "input"
        ).check()
        page.locator(".careerkit-submit").click()
        page.locator(".careerkit-result").wait_for(state="visible", timeout=30_000)
        out = ROOT / "docs" / "img" / "survey.png"
        page.screenshot(path=str(out), full_page=True)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
