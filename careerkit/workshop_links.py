"""What a facilitator hands out: the participant links of a workshop (its QR code: careerkit.ui.qr)."""

from __future__ import annotations

from urllib.parse import quote

#: The participant apps, by the name shown to facilitators, and the workbook that serves each.
APPS = {
    "Interest survey": "interest_survey.ipynb",
    "Development plan": "development_plan.ipynb",
    "Crossing brainstorm": "creative_crossings.ipynb",
}


def participant_links(base_url: str, code: str, org: str | None = None) -> dict[str, str]:
    """Each app's link for this workshop, e.g. `http://host:8866/voila/render/...?workshop=CODE`.

    With `org`, the brainstorm's link also names that organization-goals file (`&org=NAME`).
    """
    base = base_url.rstrip("/")
    links = {name: f"{base}/voila/render/{nb}?workshop={quote(code)}" for name, nb in APPS.items()}
    if org:
        links["Crossing brainstorm"] += f"&org={quote(org)}"
    return links
