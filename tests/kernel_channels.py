"""A bare Jupyter kernel-websocket client, to talk to a page's kernel the way a hostile browser could.

It speaks both wire formats Jupyter Server accepts: JSON text frames, and the binary
`v1.kernel.websocket.jupyter.org` protocol that JupyterLab's front end uses.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

V1 = "v1.kernel.websocket.jupyter.org"
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def kernel_id_in(html: str) -> str:
    """The kernel id Voilà wrote into a rendered page."""
    found = KERNEL_ID.search(html)
    assert found, "no kernel id in the page"
    return found.group(1)


class KernelChannels:
    """One websocket to `/api/kernels/<id>/channels`; send messages, read what comes back."""

    def __init__(self, base_url: str, kernel_id: str, *, v1: bool = False, token: str = "") -> None:
        from websockets.sync.client import connect

        self.session = uuid.uuid4().hex
        self.v1 = v1
        query = f"session_id={self.session}" + (f"&token={token}" if token else "")
        url = f"{base_url.replace('http://', 'ws://')}/api/kernels/{kernel_id}/channels?{query}"
        self._connect = connect(
            url,
            origin=base_url,  # type: ignore[arg-type]
            subprotocols=[V1] if v1 else None,  # type: ignore[list-item]
            open_timeout=30,
            max_size=None,
        )
        self.ws = self._connect.__enter__()
        self.seen: list[dict[str, Any]] = []

    def close(self) -> None:
        self._connect.__exit__(None, None, None)

    def __enter__(self) -> KernelChannels:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, channel: str, msg_type: str, content: dict[str, Any]) -> str:
        """Send one message; returns its msg_id."""
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session,
            "username": "outsider",
            "date": datetime.now(UTC).isoformat(),
            "version": "5.3",
        }
        if self.v1:
            from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

            parts = [json.dumps(p).encode() for p in (header, {}, {}, content)]
            self.ws.send(serialize_msg_to_ws_v1(parts, channel))
        else:
            msg = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
            self.ws.send(json.dumps({**msg, "channel": channel, "buffers": []}))
        return msg_id

    def _receive(self, timeout: float) -> dict[str, Any]:
        frame = self.ws.recv(timeout=timeout)
        if self.v1:
            from jupyter_server.services.kernels.connection.base import (
                deserialize_msg_from_ws_v1,
            )

            assert isinstance(frame, bytes)
            channel, parts = deserialize_msg_from_ws_v1(frame)
            header, parent, metadata, content = (json.loads(p) for p in parts[:4])
            msg = {"header": header, "parent_header": parent, "metadata": metadata}
            msg.update(content=content, channel=channel)
        elif isinstance(frame, bytes):
            from jupyter_server.services.kernels.connection.base import (
                deserialize_binary_message,
            )

            msg = deserialize_binary_message(frame)
        else:
            msg = json.loads(frame)
        self.seen.append(msg)
        return msg

    def barrier(self, channel: str = "shell", timeout: float = 60) -> list[dict[str, Any]]:
        """Messages that arrive until the kernel has handled everything sent before this call.

        A kernel_info_request (allowed from pages) goes after them on `channel`; the kernel
        handles one channel's requests in order, and its iopub "idle" for this request comes
        after every iopub message those earlier requests caused. The reply travels on the
        request's own channel, which is not ordered with iopub, so both are awaited.
        """
        barrier_id = self.send(channel, "kernel_info_request", {})
        start = len(self.seen)
        replied = idle = False
        while not (replied and idle):
            msg = self._receive(timeout)
            if (msg.get("parent_header") or {}).get("msg_id") != barrier_id:
                continue
            msg_type = msg["header"]["msg_type"]
            replied = replied or msg_type == "kernel_info_reply"
            idle = idle or (msg_type == "status" and msg["content"]["execution_state"] == "idle")
        return self.seen[start:]

    def replies_to(self, msg_id: str) -> list[dict[str, Any]]:
        """Every message seen so far that the kernel sent in answer to `msg_id`."""
        return [m for m in self.seen if (m.get("parent_header") or {}).get("msg_id") == msg_id]

    # -- widgets ---------------------------------------------------------------------------
    def widget_states(self) -> dict[str, dict[str, Any]]:
        """Every widget model in the kernel, by comm id, as the kernel states it now."""
        info_id = self.send("shell", "comm_info_request", {"target_name": "jupyter.widget"})
        self.barrier()
        reply = next(
            m for m in self.replies_to(info_id) if m["header"]["msg_type"] == "comm_info_reply"
        )
        comm_ids = list(reply["content"]["comms"])
        for comm_id in comm_ids:
            self.comm_msg(comm_id, {"method": "request_state"})
        states: dict[str, dict[str, Any]] = {}
        for msg in self.barrier():
            if msg["header"]["msg_type"] == "comm_msg":
                data = msg["content"]["data"]
                if data.get("method") == "update":
                    states.setdefault(msg["content"]["comm_id"], {}).update(data["state"])
        return {cid: states[cid] for cid in comm_ids if cid in states}

    def comm_msg(self, comm_id: str, data: dict[str, Any]) -> str:
        return self.send("shell", "comm_msg", {"comm_id": comm_id, "data": data})

    def update(self, comm_id: str, **state: Any) -> str:
        """What a page sends when a control changes: a partial state for one widget model."""
        return self.comm_msg(comm_id, {"method": "update", "state": state, "buffer_paths": []})

    def click(self, comm_id: str) -> str:
        """What a page sends when a Button is clicked."""
        return self.comm_msg(comm_id, {"method": "custom", "content": {"event": "click"}})
