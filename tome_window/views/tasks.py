"""The one way to run blocking work (storage, PDF, look-ups) off the GUI thread.

`run_task(fn, on_done, on_error)` runs fn on a worker and calls back on the GUI thread.
Callbacks must only touch widgets; the work itself must never touch them. Storage writes
go through a one-thread pool so that saves land in the order they were made.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from tome_window.domain.errors import TomeError

log = logging.getLogger(__name__)

_pools: dict[str, QThreadPool] = {}
_alive: set[_Relay] = set()


def pool(name: str) -> QThreadPool:
    if name not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(1 if name == "storage" else 2)
        _pools[name] = p
    return _pools[name]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except TomeError as exc:  # foreseen (no printer, disk full): one line is enough
            log.warning("background task: %s", exc.message_en)
            self._tell(self.relay.failed, exc)
        except Exception as exc:  # noqa: BLE001 - every failure reaches the screen as a message
            log.error("background task failed: %s\n%s", exc, traceback.format_exc())
            self._tell(self.relay.failed, exc)
        else:
            self._tell(self.relay.done, result)

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        """The window may be gone when a task ends (closed at the end of a shift): nobody is
        left to tell, which is not an error worth a traceback."""
        try:
            signal.emit(value)
        except RuntimeError as exc:  # "Signal source has been deleted"
            log.info("background task ended after its window closed: %s", exc)


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *, lane: str = "work") -> None:
    relay = _Relay()
    _alive.add(relay)

    @Slot(object)
    def finished(result: Any) -> None:
        _alive.discard(relay)
        if on_done:
            on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        _alive.discard(relay)
        if on_error:
            on_error(exc)

    relay.done.connect(finished)
    relay.failed.connect(failed)
    pool(lane).start(_Job(fn, relay))


def wait_all(msecs: int = 10000) -> bool:
    """Block until background work is done (closing the window, tests)."""
    return all(p.waitForDone(msecs) for p in _pools.values())


def message_of(exc: BaseException) -> str:
    """What staff read: the error's Japanese message, never a traceback."""
    text = getattr(exc, "message_ja", None)
    if text:
        return str(text)
    if isinstance(exc, OSError) and exc.errno == 28:
        return QCoreApplication.translate("tasks", "ディスクの空き容量が足りません。入力内容は画面に残っています。")
    return QCoreApplication.translate(
        "tasks", "処理中に問題が起きました。入力内容は画面に残っています。もう一度お試しください。")
