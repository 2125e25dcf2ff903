"""The one device worker: every PC/SC call of the program runs on this single thread.

PC/SC handles (contexts, card connections) are not safe to share across threads, and a
reader that two threads talk to at once gives answers nobody can explain at a counter. So,
as Electrum does with its hardware wallets, all device work is queued to one thread, and
the functions that touch pyscard assert that they run there (:func:`runs_in_device_thread`).

While no job waits, the thread runs an "idle" step (the reader/card watcher, which blocks
in SCardGetStatusChange for a short timeout), so watching and reading never overlap. Plain
threading: the Qt side turns results into queued signals; the CLI just waits on futures.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
IdleStep = Callable[[], None]

_DEVICE_ATTR = "tome_device_thread"


class WrongThreadError(AssertionError):
    """A device function was called outside the device worker thread."""


def in_device_thread() -> bool:
    return bool(getattr(threading.current_thread(), _DEVICE_ATTR, False))


def runs_in_device_thread(func: Callable[P, T]) -> Callable[P, T]:
    """Decorate functions that call pyscard: calling them from another thread is a bug."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        if not in_device_thread():
            raise WrongThreadError(
                f"{func.__qualname__} must run on the device worker, "
                f"not on {threading.current_thread().name}"
            )
        return func(*args, **kwargs)

    return wrapper


class DeviceWorker:
    """A single-thread executor with an optional idle step between jobs."""

    def __init__(self, name: str = "tome-device") -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = (
            queue.SimpleQueue()
        )
        self._idle: IdleStep | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        setattr(self._thread, _DEVICE_ATTR, True)
        self._started = False
        self._stopped = False
        self._lock = threading.Lock()

    def start(self) -> DeviceWorker:
        with self._lock:
            if not self._started:
                self._started = True
                self._thread.start()
        return self

    def submit(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        if self._stopped:
            raise RuntimeError("device worker is shut down")
        self.start()
        future: Future[T] = Future()
        self._jobs.put((functools.partial(func, *args, **kwargs), future))
        return future

    def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run on the worker and wait (command line, tests); re-raises the job's exception."""
        if in_device_thread():
            return func(*args, **kwargs)
        return self.submit(func, *args, **kwargs).result()

    def set_idle(self, step: IdleStep | None) -> None:
        """Install (or remove) the step run whenever no job waits; it must return quickly."""
        self._idle = step
        if step is not None:
            self.start()
            self._jobs.put(None)  # wake the thread so the step starts now

    def shutdown(self, wait: bool = True) -> None:
        self._idle = None
        self._stopped = True
        if self._started:
            self._jobs.put(None)
            self._jobs.put(None)
            if wait and threading.current_thread() is not self._thread:
                self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            idle = self._idle
            try:
                item = self._jobs.get(block=idle is None, timeout=None)
            except queue.Empty:
                item = None
                if idle is not None:
                    try:
                        idle()
                    except Exception:  # the watcher must never kill the worker
                        log.exception("device idle step failed")
            if item is None:
                if self._stopped and self._jobs.empty():
                    return
                continue
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)


_shared: DeviceWorker | None = None
_shared_lock = threading.Lock()


def shared_worker() -> DeviceWorker:
    """The process-wide device worker (created on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared._stopped:
            _shared = DeviceWorker()
        return _shared
