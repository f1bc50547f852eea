"""What a facilitator hands out: the participant links of a workshop (its QR code: careerkit.ui.qr)."""

from __future__ import annotations

from urllib.parse import quote

from careerkit.errors import ConfigError
from careerkit.languages import is_language_code

#: The participant apps, by the name shown to facilitators, and the workbook that serves each.
APPS = {
    "Interest survey": "interest_survey.ipynb",
    "Development plan": "development_plan.ipynb",
    "Crossing brainstorm": "creative_crossings.ipynb",
}


def participant_links(
    base_url: str, code: str, org: str | None = None, lang: str | None = None
) -> dict[str, str]:
    """Each app's link for this workshop, e.g. `http://host:8866/voila/render/...?workshop=CODE`.

    With `org`, the brainstorm's link also names that organization-goals file (`&org=NAME`);
    with `lang`, every link opens its page in that language (`&lang=de`; a page that does not
    offer it falls back to its first language, with a note).
    """
    if lang is not None and not is_language_code(lang):
        raise ConfigError(f"'{lang:.20}' is not a language code; give one such as en or de.")
    base = base_url.rstrip("/")
    links = {name: f"{base}/voila/render/{nb}?workshop={quote(code)}" for name, nb in APPS.items()}
    if org:
        links["Crossing brainstorm"] += f"&org={quote(org)}"
    if lang:
        links = {name: f"{link}&lang={lang}" for name, link in links.items()}
    return links
