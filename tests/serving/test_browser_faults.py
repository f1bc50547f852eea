"""Faults in a live workshop: the server killed mid-submit, the database away and back."""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pages import expect as _expect
from sqlalchemy.engine import make_url

from careerkit.store import open_store

if TYPE_CHECKING:
    from voila_server import VoilaServer

pytest_plugins = ["voila_server"]
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FAULT_SURVEY = ROOT / "tests" / "data" / "fault_survey"  # one page, two questions
SURVEY_PAGE = "voila/render/interest_survey.ipynb"
PARTICIPANTS = 20
NOTICE = ".careerkit-connection-lost"


def _open_and_answer(page: Any, server: VoilaServer, workshop: str) -> None:
    page.goto(server.url(f"{SURVEY_PAGE}?workshop={workshop}"))
    page.locator(".careerkit-survey").wait_for(state="visible", timeout=120_000)
    for qid, value in (("more_responsibility", 4), ("deepen_strengths", 2)):
        button = page.locator(f".careerkit-q-{qid} button[data-value='{value}']")
        button.click()
        _expect(button).to_have_class(re.compile(r"\bmod-active\b"), timeout=60_000)


def _expect_reload_notice(page: Any) -> None:
    notice = page.locator(NOTICE)
    _expect(notice).to_be_visible(timeout=10_000)  # "within a few seconds"
    _expect(notice).to_have_attribute("role", "alert")
    _expect(notice).to_contain_text("reload the page")
    _expect(notice).to_contain_text("Saved")
    assert page.evaluate("document.getElementById('rendered_cells').inert") is True


def _result_code(page: Any) -> str | None:
    """The submission id a page shows once it says "Saved", else None."""
    if "Saved" not in page.locator(".careerkit-status").inner_text():
        return None
    shown = page.locator(".careerkit-result").inner_text()
    found = re.search(r"\b([0-9a-f]{4}(?:-[0-9a-f]{4}){3})\b", shown)
    assert found, f"a saved page shows its result code: {shown!r}"
    return found.group(1).replace("-", "")


def test_killing_the_server_mid_submit_loses_nothing_that_showed_saved(
    chromium: Any, tmp_path: Path
) -> None:
    """kill -9 amid 20 submissions: every "Saved" is stored, the file is sound, pages ask for reload."""
    from voila_server import start_server

    data = tmp_path / "data"
    env = {"CAREERKIT_SURVEY_DIR": str(FAULT_SURVEY)}
    contexts = [chromium.new_context() for _ in range(PARTICIPANTS)]
    for context in contexts:
        context.set_default_timeout(120_000)  # twenty kernels start on two cores
    try:
        with start_server(data, pool_size=2, extra_env=env) as server:
            pages = [c.new_page() for c in contexts]
            for page in pages:
                _open_and_answer(page, server, "KILL")
            server.kernels()  # remembered, so they can be killed with the server
            half = PARTICIPANTS // 2
            for page in pages[:half]:
                page.locator(".careerkit-submit").click()
            _expect(pages[0].locator(".careerkit-status")).to_contain_text("Saved", timeout=60_000)
            os.kill(server.process.pid, signal.SIGKILL)  # the server, mid-submission
            for kernel in server.seen_kernels.values():
                with contextlib.suppress(Exception):
                    kernel.kill()  # and its kernels, as when the machine goes down
            for page in pages[half:]:
                # Too late: nobody answers any more (and the notice may already cover the form).
                page.locator(".careerkit-submit").click(force=True, timeout=10_000)
            for page in pages:
                _expect_reload_notice(page)
            shown_saved = {code for code in map(_result_code, pages) if code}
        assert shown_saved, "at least the first page showed Saved before the kill"

        db = data / "careerkit.sqlite3"
        with contextlib.closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with start_server(data, extra_env=env) as again:  # restart on the same data
            store = open_store(again.sqlite_url)
            try:
                stored = [r.id for r in store.responses(workshop="KILL")]
            finally:
                store.close()
        print(f"{len(shown_saved)} pages showed Saved; {len(stored)} submissions stored")
        assert shown_saved <= set(stored), "every submission that showed Saved is in the store"
        assert len(stored) == len(set(stored)) <= PARTICIPANTS
    finally:
        for context in contexts:
            context.close()


class TcpProxy:
    """A TCP relay to PostgreSQL that the test can cut (connections reset, new ones refused)."""

    def __init__(self, target: tuple[str, int]) -> None:
        from voila_server import free_port

        self.target, self.port = target, free_port()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for sock in [listener, *(s for pair in pairs for s in pair)]:
            if sock is None:
                continue
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the threads blocked on it (close does not)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            threading.Thread(target=self._relay, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _relay(a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while True:
                ready, _, _ = select.select(list(peers), [], [], 1.0)
                for s in ready:
                    chunk = s.recv(65536)
                    if not chunk:
                        return
                    peers[s].sendall(chunk)
        except (OSError, ValueError):
            return
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.close()


@pytest.fixture
def pg_proxy(pg_database: str) -> Iterator[tuple[TcpProxy, str]]:
    """A private PostgreSQL database reached through a proxy: (proxy, URL through the proxy)."""
    url = make_url(pg_database)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    try:
        yield proxy, url.set(port=proxy.port).render_as_string(hide_password=False)
    finally:
        proxy.cut()


def _submit_while_away(page: Any, server: VoilaServer, workshop: str, reason: str) -> None:
    """Submit with the store away: "Not saved" with the reason, the answers kept on screen."""
    page.locator(".careerkit-submit").click()
    status = page.locator(".careerkit-status")
    _expect(status).to_contain_text("Not saved", timeout=60_000)
    _expect(status).to_contain_text(reason)
    _expect(status).to_contain_text("we try again in")
    chosen = page.locator(".careerkit-q-more_responsibility button[data-value='4']")
    _expect(chosen).to_have_class(re.compile(r"\bmod-active\b"))
    _expect(page.locator(".careerkit-submit")).to_be_enabled()


@pytest.mark.postgres
def test_postgres_away_says_not_saved_then_saves_by_itself(
    browser_page: Any, tmp_path: Path, pg_proxy: tuple[TcpProxy, str]
) -> None:
    """PostgreSQL unreachable: the page says why and keeps the answers; once back it saves, once."""
    from voila_server import start_server

    proxy, url = pg_proxy
    env = {"CAREERKIT_SURVEY_DIR": str(FAULT_SURVEY), "CAREERKIT_DATABASE_URL": url}
    with start_server(tmp_path / "data", extra_env=env) as server:
        _open_and_answer(browser_page, server, "PGDOWN")
        proxy.cut()
        _submit_while_away(browser_page, server, "PGDOWN", "cannot be reached")
        proxy.start()
        status = browser_page.locator(".careerkit-status")
        _expect(status).to_contain_text("Saved", timeout=60_000)  # nobody pressed anything
        _expect(browser_page.locator(".careerkit-result")).to_be_visible()
        assert browser_page.locator(NOTICE).is_hidden()
    store = open_store(url)
    try:
        assert len(list(store.responses(workshop="PGDOWN"))) == 1
    finally:
        store.close()


def _immutable_unavailable(folder: Path) -> str | None:
    probe = folder / "chattr-probe"
    probe.write_text("x")
    try:
        done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, text=True)
        if done.returncode != 0:
            return f"cannot make a file immutable here: {done.stderr.strip() or done.returncode}"
        return None
    except FileNotFoundError:
        return "chattr is not installed (e2fsprogs)"
    finally:
        subprocess.run(["chattr", "-i", str(probe)], capture_output=True)
        probe.unlink()


def _immutable(files: list[Path], on: bool) -> None:
    subprocess.run(["chattr", "+i" if on else "-i", *map(str, files)], check=True)


def test_unwritable_sqlite_file_says_not_saved_then_saves_by_itself(
    browser_page: Any, tmp_path: Path
) -> None:
    """The SQLite file and its log made immutable: "Not saved", answers kept; writable again, saved."""
    reason = _immutable_unavailable(tmp_path)
    if reason:
        pytest.skip(reason)  # plain chmod does not stop root, nor a process that opened the file
    from voila_server import start_server

    data = tmp_path / "data"
    env = {"CAREERKIT_SURVEY_DIR": str(FAULT_SURVEY)}
    with start_server(data, extra_env=env) as server:
        _open_and_answer(browser_page, server, "ROFILE")
        db = data / "careerkit.sqlite3"
        files = [db, db.with_name(db.name + "-wal")]
        _immutable(files, True)
        try:
            _submit_while_away(browser_page, server, "ROFILE", "Could not save")
        finally:
            _immutable(files, False)
        status = browser_page.locator(".careerkit-status")
        _expect(status).to_contain_text("Saved", timeout=60_000)
        store = open_store(server.sqlite_url)
        try:
            assert len(list(store.responses(workshop="ROFILE"))) == 1
        finally:
            store.close()
