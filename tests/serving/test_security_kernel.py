"""A participant's page cannot run code in its kernel: Voilà drops every request but widget traffic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from kernel_channels import KernelChannels, kernel_id_in

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

SURVEY_PAGE = "voila/render/interest_survey.ipynb?workshop=EXEC1"
# Requests a page could send that would run, inspect or interrupt code, by channel.
HOSTILE = {
    "shell": [
        "execute_request",
        "inspect_request",
        "complete_request",
        "history_request",
        "is_complete_request",
    ],
    "control": ["execute_request", "interrupt_request", "debug_request"],
}


def _code(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').write('ran')"


def _content(msg_type: str, marker: Path) -> dict[str, Any]:
    code = _code(marker)
    return {
        "execute_request": {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {"x": code},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "inspect_request": {"code": "open", "cursor_pos": 4, "detail_level": 1},
        "complete_request": {"code": "import o", "cursor_pos": 8},
        "history_request": {"output": True, "raw": True, "hist_access_type": "tail", "n": 100},
        "is_complete_request": {"code": code},
        "interrupt_request": {},
        "debug_request": {
            "type": "request",
            "seq": 1,
            "command": "evaluate",
            "arguments": {"expression": code},
        },
    }[msg_type]


def _open_page(browser_page: Any, server: VoilaServer) -> str:
    served = browser_page.goto(server.url(SURVEY_PAGE))
    browser_page.locator(".careerkit-survey").wait_for(state="visible", timeout=60_000)
    return kernel_id_in(served.text())


@pytest.mark.parametrize("v1", [False, True], ids=["json-frames", "v1-binary-frames"])
def test_kernel_websocket_refuses_code_requests(
    browser_page: Any, voila_server: VoilaServer, tmp_path: Path, v1: bool
) -> None:
    """execute/inspect/complete/history/debug/interrupt to the page's kernel: dropped, no reply, no file."""
    kernel = _open_page(browser_page, voila_server)
    marker = tmp_path / "code-ran"
    with KernelChannels(voila_server.base_url, kernel, v1=v1) as channels:
        sent = {
            (channel, msg_type): channels.send(channel, msg_type, _content(msg_type, marker))
            for channel, types in HOSTILE.items()
            for msg_type in types
        }
        channels.barrier("control")
        seen = channels.barrier("shell")
        answered = {
            key: [m["header"]["msg_type"] for m in channels.replies_to(msg_id)]
            for key, msg_id in sent.items()
        }
    assert {key: types for key, types in answered.items() if types} == {}
    assert not marker.exists()
    assert any(m["header"]["msg_type"] == "kernel_info_reply" for m in seen)  # kernel alive
    assert 'execute_request", which is not allowed' in voila_server.log()
    # The participant's page is untouched and still answers.
    browser_page.locator(".careerkit-q-visibility button[data-value='4']").click()


def test_browser_websocket_cannot_execute(
    browser_page: Any, voila_server: VoilaServer, tmp_path: Path
) -> None:
    """JavaScript in the participant's page opens the kernel's channels and sends code: it never runs."""
    kernel = _open_page(browser_page, voila_server)
    marker = tmp_path / "code-ran-from-browser"
    script = """async ([kernel, code]) => {
      const url = location.origin.replace(/^http/, 'ws') + '/api/kernels/' + kernel +
                  '/channels?session_id=forged';
      const ws = new WebSocket(url);
      await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
      const header = (id, type) => ({msg_id: id, msg_type: type, session: 'forged',
                                     username: '', date: new Date().toISOString(), version: '5.3'});
      const send = (id, type, content) => ws.send(JSON.stringify({header: header(id, type),
        parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []}));
      const seen = [];
      const done = new Promise(ok => { ws.onmessage = e => {
        const m = JSON.parse(e.data);
        seen.push([m.parent_header.msg_id, m.header.msg_type]);
        if (m.parent_header.msg_id === 'barrier' && m.header.msg_type === 'kernel_info_reply') ok();
      }; });
      send('exec', 'execute_request', {code, silent: false, store_history: true,
           user_expressions: {}, allow_stdin: false, stop_on_error: true});
      send('barrier', 'kernel_info_request', {});
      await done;
      ws.close();
      return seen;
    }"""
    seen = browser_page.evaluate(script, [kernel, _code(marker)])
    assert [msg_type for parent, msg_type in seen if parent == "exec"] == []
    assert ["barrier", "kernel_info_reply"] in seen
    assert not marker.exists()
    assert json.dumps(seen).count("execute_reply") == 0
