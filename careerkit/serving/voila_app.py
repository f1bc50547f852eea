"""Voilà with a kernel cap, a room-full page and careerkit's culler (`python -m` runs it).

The rules are in `kernels.py`; this module only hooks them into Voilà 0.5 and jupyter_server 2:

- `CappedKernelManager` is the base class Voilà builds its (pooling) kernel manager on. It
  refuses to start a kernel past `max_kernels`, counting every kernel running or starting,
  preheated ones included, and hears each page's websocket open and close.
- `CappedVoilaHandler` replaces Voilà's render handler. A request that would need a kernel
  past the cap gets the room-full page (503, Retry-After) before any byte of the notebook.
- `CareerkitVoila` installs both and runs the culler on the server's IOLoop.
"""

from __future__ import annotations

import asyncio
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Int
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from .kernels import PageKernels, cull_timeouts, retry_seconds
from .preheat import HeldBack, announce_when_up, expect_pool, standing_pool
from .room_full import room_full_page


class RoomFull(Exception):
    """Every kernel the server may hold is running or starting."""


@dataclass
class _PageRequest:
    task: asyncio.Task[Any] | None
    kernels: list[str] = field(default_factory=list)


_REQUEST: ContextVar[_PageRequest | None] = ContextVar("careerkit_page_request", default=None)


class CappedKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager with a cap on kernels and a record of each page."""

    max_kernels = Int(0, config=True, help="Most kernels at once, preheated ones included.")
    expect = Int(0, config=True, help="Survey kernels preheated at start (serve --expect).")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]  # unannotated upstream
        unconnected, disconnected = cull_timeouts()
        self.pages = PageKernels(unconnected=unconnected, disconnected=disconnected)
        # Set before Voilà's pooling subclass fills the pools, right after this returns.
        self.preparing = self.expect > 0 and self.has_trait("kernel_pools_config")
        if self.preparing:
            self._set_pools(expect_pool(self._pools_config(), self.expect))

    def _pools_config(self) -> dict[str, Any]:
        found: dict[str, Any] = getattr(self, "kernel_pools_config")  # noqa: B009  (Voilà's pooling subclass adds it)
        return found

    def _set_pools(self, config: dict[str, Any]) -> None:
        setattr(self, "kernel_pools_config", config)  # noqa: B010  (Voilà's pooling subclass adds it)

    def settle_expected(self) -> list[asyncio.Task[Any]]:
        """The start's preheating; from now on the survey refills to the standing pool only."""
        self._set_pools(standing_pool(self._pools_config()))
        return [task for pool in self._pool_lists() for task in pool]

    def occupied(self) -> int:
        """Kernels running, plus those starting (not yet in the map)."""
        starting = [
            kid
            for kid, task in self._pending_kernels.items()
            if kid not in self._kernels and not task.done()
        ]
        return len(self._kernels) + len(starting)

    def free(self) -> int:
        return self.max_kernels - self.occupied() if self.max_kernels > 0 else 1 << 30

    async def start_kernel(self, **kwargs: Any) -> str:  # type: ignore[override]  # async upstream too
        # From this check to the new kernel's entry in _pending_kernels nothing awaits, so two
        # starts can never both take the last place.
        if self.free() <= 0:
            raise RoomFull(f"all {self.max_kernels} kernels are taken")
        kernel_id: str = await super().start_kernel(**kwargs)
        request = _REQUEST.get()
        if request is not None and request.task is asyncio.current_task():
            request.kernels.append(kernel_id)  # started for this page, not for a pool
            self.pages.loading(kernel_id, time.monotonic())
        return kernel_id

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)  # type: ignore[no-untyped-call]  # unannotated upstream
        self.pages.connected(kernel_id, time.monotonic())

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)  # type: ignore[no-untyped-call]  # unannotated upstream
        self.pages.disconnected_at(kernel_id, time.monotonic())

    # -- Voilà's pools of preheated kernels (present when preheating is on) --------------------

    def _pool_lists(self) -> list[list[asyncio.Task[Any]]]:
        pools: dict[str, list[asyncio.Task[Any]]] = getattr(self, "_pools", {})
        return list(pools.values())

    def prune_pools(self) -> None:
        """Drop pool entries whose start failed (the room was full), so none is handed out."""
        for pool in self._pool_lists():
            for task in [t for t in pool if t.done() and (t.cancelled() or t.exception())]:
                pool.remove(task)

    def pooled_ids(self) -> set[str]:
        return {
            t.result()["kernel_id"]
            for pool in self._pool_lists()
            for t in pool
            if t.done() and not t.cancelled() and not t.exception()
        }

    def next_pooled(self, notebook: str) -> asyncio.Task[Any] | None:
        pool = getattr(self, "_pools", {}).get(notebook)
        return pool[0] if pool else None

    def top_up_pools(self) -> None:
        """Refill each pool that lacks kernels while places are free (culling made room)."""
        pools: dict[str, list[asyncio.Task[Any]]] = getattr(self, "_pools", {})
        configs: dict[str, Any] = getattr(self, "kernel_pools_config", {})
        budget = self.free()  # new pool entries start later: count them here as they are made
        for notebook, pool in pools.items():
            wanted = configs.get(notebook, configs.get("default", {})).get("pool_size", 0)
            missing = wanted - len(pool)
            if 0 < missing <= budget:
                fill = getattr(self, "fill_if_needed")  # noqa: B009  (Voilà's pooling subclass adds it)
                fill(delay=0, notebook_name=notebook)
                budget -= missing


class CappedVoilaHandler(TornadoVoilaHandler):  # type: ignore[misc]  # untyped base
    """Voilà's render handler, which answers with the room-full page instead of a kernel."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        manager: CappedKernelManager = self.kernel_manager
        notebook = str(self.notebook_path or path or "")
        if manager.preparing:  # --expect: the room's kernels are still starting
            self._room_full(preparing=True)
            return
        manager.prune_pools()
        if manager.next_pooled(notebook) is None and manager.free() <= 0:
            self._room_full()
            return
        request = _PageRequest(asyncio.current_task())
        token = _REQUEST.set(request)
        pooled = manager.next_pooled(notebook)  # the item Voilà takes when it uses the pool
        chunks = self.get_generator(path=path)
        try:
            try:
                first = await chunks.__anext__()
            except StopAsyncIteration:
                return
            except RoomFull:
                self._room_full()
                return
            finally:
                self._note_pooled(manager, notebook, pooled, request)
            self.write(first)
            self.flush()
            async for html in chunks:
                self.write(html)
                self.flush()
        finally:
            _REQUEST.reset(token)
            now = time.monotonic()
            for kernel_id in request.kernels:
                manager.pages.sent(kernel_id, now)

    @staticmethod
    def _note_pooled(
        manager: CappedKernelManager,
        notebook: str,
        pooled: asyncio.Task[Any] | None,
        request: _PageRequest,
    ) -> None:
        pool = getattr(manager, "_pools", {}).get(notebook, [])
        if pooled is None or pooled in pool or not pooled.done() or pooled.cancelled():
            return
        if pooled.exception() is None:  # Voilà took this preheated kernel for the page
            kernel_id = pooled.result()["kernel_id"]
            request.kernels.append(kernel_id)
            manager.pages.loading(kernel_id, time.monotonic())

    def _room_full(self, *, preparing: bool = False) -> None:
        seconds = min(5, retry_seconds()) if preparing else retry_seconds()
        self.set_status(503)
        self.set_header("Retry-After", str(seconds))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.finish(room_full_page(seconds, preparing=preparing))


class CareerkitVoila(Voila):  # type: ignore[misc]  # untyped base
    """Voilà with careerkit's render handler and culler."""

    def init_handlers(self) -> list[Any]:
        handlers: list[Any] = super().init_handlers()
        # Voilà adds the identity provider's routes (/login, /logout, a hub's /oauth_callback)
        # at the server's root; under a --base-url they belong under it, like every other route.
        own = {h[0] for h in self.identity_provider.get_handlers()}
        prefix = self.server_url.rstrip("/")
        return [
            (h[0], CappedVoilaHandler, *h[2:])
            if h[1] is TornadoVoilaHandler
            else (prefix + h[0], *h[1:])
            if h[0] in own and prefix
            else h
            for h in handlers
        ]

    def listen(self) -> None:
        manager = self.kernel_manager
        if isinstance(manager, CappedKernelManager):
            cap = manager.max_kernels or "no"
            pages = manager.pages
            self.log.info(
                "careerkit: %s kernel cap; pages that never connect are culled after %.0f s, "
                "pages that left after %.0f s",
                cap,
                pages.unconnected,
                pages.disconnected,
            )
            every = max(1.0, min(10.0, min(pages.unconnected, pages.disconnected) / 4))
            self._culler = PeriodicCallback(lambda: _cull_soon(manager, every), every * 1000)
            self._culler.start()
            if manager.preparing:
                self._hold_until_preheated(manager)
        super().listen()

    def _hold_until_preheated(self, manager: CappedKernelManager) -> None:
        """Say "running at" only once the expected room's kernels are up (preheat.py)."""
        held = HeldBack(self.log)
        self.log.addFilter(held)

        def ready() -> None:
            manager.preparing = False
            self.log.removeFilter(held)
            held.release()

        tasks = manager.settle_expected()
        self.log.info("careerkit: preheating %d kernels before the start", len(tasks))
        announce = announce_when_up(tasks, self.log, ready)
        _RUNNING.add(task := asyncio.get_event_loop().create_task(announce))
        task.add_done_callback(_RUNNING.discard)


def _cull_soon(manager: CappedKernelManager, every: float) -> None:
    task = asyncio.ensure_future(cull(manager, every))
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)


_RUNNING: set[asyncio.Future[None]] = set()


async def cull(manager: CappedKernelManager, every: float) -> None:
    """Shut down the kernels no page holds any more, then refill the pools with the room made.

    Runs every `every` seconds; what falls due before the next run goes now.
    """
    manager.prune_pools()
    now = time.monotonic()
    running = set(manager.list_kernel_ids())
    for kernel_id in manager.pages.to_cull(running, manager.pooled_ids(), now, every):
        page = manager.pages.pages.get(kernel_id)
        why = "its page left" if page and page.ever_connected else "its page never connected"
        manager.log.info("careerkit: culling kernel %s (%s)", kernel_id, why)
        manager.pages.forget(kernel_id)
        try:
            await manager.shutdown_kernel(kernel_id)  # type: ignore[no-untyped-call]  # unannotated
        except Exception:  # a kernel that died meanwhile is gone either way
            manager.log.warning("careerkit: kernel %s was already gone", kernel_id, exc_info=True)
    manager.top_up_pools()


def main() -> None:
    CareerkitVoila.launch_instance()


if __name__ == "__main__":
    # Run the package's copy of this module, the one Voilà's config names (CAPPED_MANAGER):
    # run as __main__, its classes would be a second, different set.
    from careerkit.serving import voila_app

    voila_app.main()
