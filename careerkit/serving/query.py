"""The page's link as a kernel sees it: `?workshop=CODE` and friends, also in preheated kernels."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
from io import BufferedIOBase
from urllib.parse import parse_qs

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_preheat_query: str | None = None
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455's fixed handshake suffix


def _wait_for_voila_request() -> str:
    """In a preheated Voilà kernel, wait until a participant opens the page; return its query.

    Voilà sends the request's details as one websocket message once the kernel is handed to a
    page. This is what `voila.utils.get_query_string` does, without importing `voila.utils`
    (which pulls the whole Jupyter server into the kernel, about 46 MiB per participant) or a
    websocket library (about 2 MiB): a client that only receives one message is short.
    """
    env = os.environ
    base = env.get("VOILA_WS_BASE_URL") or env.get("VOILA_SERVER_URL", "/")
    host, port = env.get("VOILA_APP_IP", "127.0.0.1"), int(env.get("VOILA_APP_PORT", "8866"))
    path = f"{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}"
    with socket.create_connection((host, port), timeout=10) as raw:
        sock = raw
        if env.get("VOILA_WS_PROTOCOL", "ws") == "wss":
            import ssl

            sock = ssl.create_default_context().wrap_socket(raw, server_hostname=host)
        stream = sock.makefile("rwb")
        _handshake(stream, f"{host}:{port}", path)
        sock.settimeout(None)  # the page may be opened much later
        info = _receive_text(stream)
        with contextlib.suppress(OSError):
            _send(stream, 0x8, b"\x03\xe8")  # close: normal closure
    for key, value in json.loads(info).items():
        os.environ[key] = str(value)
    return os.environ.get("QUERY_STRING", "")


def _handshake(stream: BufferedIOBase, host: str, path: str) -> None:
    """The websocket opening handshake (RFC 6455 section 4), checked against the server's answer."""
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    stream.write(
        (
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    stream.flush()
    status = stream.readline()
    headers = {}
    while (line := stream.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()  # noqa: S324  (the protocol's hash)
    if b" 101 " not in status or headers.get("sec-websocket-accept") != accept:
        raise ConnectionError(f"Voilà did not open the request-info websocket ({status!r})")


def _receive_text(stream: BufferedIOBase) -> str:
    """The next text message, answering pings; a close before it is an error."""
    parts: list[bytes] = []
    while True:
        head = _read(stream, 2)
        fin, opcode, size = head[0] & 0x80, head[0] & 0x0F, head[1] & 0x7F
        if size >= 126:
            size = int.from_bytes(_read(stream, 2 if size == 126 else 8), "big")
        mask = _read(stream, 4) if head[1] & 0x80 else b""
        data = _read(stream, size)
        if mask:
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        if opcode == 0x9:
            _send(stream, 0xA, data)  # pong
        elif opcode == 0x8:
            raise ConnectionError("Voilà closed the request-info websocket before sending")
        elif opcode in (0x0, 0x1):
            parts.append(data)
            if fin:
                return b"".join(parts).decode()


def _read(stream: BufferedIOBase, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise ConnectionError("Voilà closed the request-info websocket before sending")
    return data


def _send(stream: BufferedIOBase, opcode: int, payload: bytes) -> None:
    """One short frame, masked as a client must."""
    mask = secrets.token_bytes(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    stream.write(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + body)
    stream.flush()


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
