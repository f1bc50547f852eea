"""What a facilitator hands out: the participant links of a workshop and a QR code for a slide."""

from __future__ import annotations

from pathlib import Path
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


def write_qr(url: str, path: Path) -> Path:
    """A PNG QR code of `url`, large enough to scan from the back of a room."""
    import qrcode  # loaded only when a facilitator asks for a code

    image = qrcode.make(url, box_size=12, border=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path))
    return path


def qr_png(url: str) -> bytes:
    """The QR code of `url` as PNG bytes (for a screen rather than a file)."""
    import io

    import qrcode

    buffer = io.BytesIO()
    qrcode.make(url, box_size=8, border=4).save(buffer)
    return buffer.getvalue()
