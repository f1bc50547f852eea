"""The page's link as a kernel sees it: `?workshop=CODE` and friends, also in preheated kernels."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import parse_qs

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_preheat_query: str | None = None


def _wait_for_voila_request() -> str:
    """In a preheated Voilà kernel, wait until a participant opens the page; return its query.

    Voilà sends the request's details over a websocket once the kernel is handed to a page.
    This is what `voila.utils.get_query_string` does, without importing `voila.utils`, which
    pulls the whole Jupyter server into the kernel (about 46 MiB per participant).
    """
    from websockets.sync.client import connect  # only preheated kernels need it

    env = os.environ
    base = env.get("VOILA_WS_BASE_URL") or env.get("VOILA_SERVER_URL", "/")
    url = (
        f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}"
    )
    with connect(url, open_timeout=10) as ws:
        info = ws.recv()
    for key, value in json.loads(info).items():
        os.environ[key] = str(value)
    return os.environ.get("QUERY_STRING", "")


def query_params() -> dict[str, str]:
    """Parameters of the page's link; under Voilà's preheat this waits (once) for the request."""
    global _preheat_query
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        if _preheat_query is None:
            _preheat_query = _wait_for_voila_request()
        query = _preheat_query
    else:
        query = os.environ.get("QUERY_STRING", "")
    return {k: v[-1] for k, v in parse_qs(query).items() if v}


def link_code(name: str, default: str | None = None) -> str | None:
    """A code from the link (`?name=CODE`), or `default`; anything odd-looking is ignored."""
    value = query_params().get(name, default)
    if value is None:
        return None
    value = value.strip()
    return value if _CODE.match(value) else default
