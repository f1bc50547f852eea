"""A QR code of a link, as PNG bytes: for a slide, a screen or a file the caller writes."""

from __future__ import annotations

import io


def qr_png(url: str, box_size: int = 8) -> bytes:
    """The QR code of `url` as PNG bytes; `box_size` 12 is large enough to scan across a room."""
    import qrcode  # loaded only when a facilitator asks for a code

    buffer = io.BytesIO()
    qrcode.make(url, box_size=box_size, border=4).save(buffer)
    return buffer.getvalue()
