"""The card reader as the rest of the program sees it: status, read, and watching.

This is the one door to the card for the command line and the GUI alike. Every method
hands its work to the device worker, so callers on any thread (the GUI thread included)
never touch pyscard. The watcher reports what happened in plain events; the GUI turns
them into queued Qt signals, the command line does not watch at all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Literal

from smartcard import scard

from tome_window.devices.errors import CardError
from tome_window.devices.mynumber import wipe
from tome_window.devices.pcsc import PNP_READER, PcscContext, PcscTransport, card_present
from tome_window.devices.protocol import CardSession, PinStatus, read_resident
from tome_window.devices.worker import DeviceWorker, runs_in_device_thread, shared_worker
from tome_window.domain.resident import Resident

log = logging.getLogger(__name__)

EventKind = Literal["readers", "card_placed", "card_removed", "error"]
WATCH_TIMEOUT_MS = 200


@dataclass(frozen=True)
class DeviceEvent:
    """What the watcher saw; ``tries_left`` is known for a placed My Number Card."""

    kind: EventKind
    readers: tuple[str, ...] = ()
    reader: str | None = None
    tries_left: int | None = None
    verified: bool = False
    error: CardError | None = None


@dataclass
class ReaderReport:
    name: str
    card_present: bool
    my_number_card: bool | None = None
    tries_left: int | None = None
    error: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "reader": self.name,
            "card_present": self.card_present,
            "my_number_card": self.my_number_card,
            "tries_left": self.tries_left,
            "error": self.error,
        }


Listener = Callable[[DeviceEvent], None]


class CardReader:
    def __init__(self, worker: DeviceWorker | None = None, reader: str | None = None) -> None:
        self.worker = worker or shared_worker()
        self.preferred = reader
        self._ctx = PcscContext()
        self._transport: PcscTransport | None = None
        self._session: CardSession | None = None
        self._listener: Listener | None = None
        self._known: dict[str, int] = {}
        self._readers: tuple[str, ...] | None = None
        self._last_error: str | None = None

    # -- one-shot use (command line, tests) ----------------------------------------------
    def read(
        self, pin: bytearray, *, with_my_number: bool = False, confirm_last_try: bool = False
    ) -> Resident:
        return self.worker.call(self._read, pin, with_my_number, confirm_last_try)

    def status(self) -> list[ReaderReport]:
        return self.worker.call(self._status)

    # -- watched use (GUI) ---------------------------------------------------------------
    def watch(self, listener: Listener) -> None:
        self._listener = listener
        self._readers, self._known, self._last_error = None, {}, None
        self.worker.set_idle(self._watch_step)

    def read_placed(
        self, pin: bytearray, *, with_my_number: bool = False, confirm_last_try: bool = False
    ) -> Future[Resident]:
        """Read the card on the reader; the PIN counter is checked again right before VERIFY."""
        return self.worker.submit(self._read, pin, with_my_number, confirm_last_try, True)

    def stop(self, wait: bool = True) -> None:
        """Stop watching and let go of the card (its PIN status is reset)."""
        self._listener = None
        self.worker.set_idle(None)
        try:
            future = self.worker.submit(self._close)
        except RuntimeError:
            return
        if wait:
            future.result(timeout=5)

    # -- on the device thread -------------------------------------------------------------
    @runs_in_device_thread
    def _choose_reader(self) -> str:
        names = self._ctx.readers()
        if not names:
            raise CardError("no_reader")
        if self.preferred:
            matches = [n for n in names if n == self.preferred] or [
                n for n in names if self.preferred.lower() in n.lower()
            ]
            if not matches:
                raise CardError("no_reader", f"no reader named {self.preferred!r}")
            names = matches[:1]
        for state in self._ctx.states(names):
            if state.card_present:
                return state.name
        raise CardError("no_card")

    @runs_in_device_thread
    def _open(self) -> CardSession:
        if self._session is None or self._transport is None or not self._transport.open:
            self._transport = self._ctx.connect(self._choose_reader())
            self._session = CardSession(self._transport)
        return self._session

    @runs_in_device_thread
    def _close(self) -> None:
        transport, self._transport, self._session = self._transport, None, None
        if transport is not None:
            transport.close()

    @runs_in_device_thread
    def _read(
        self, pin: bytearray, with_my_number: bool, confirm_last_try: bool, recheck: bool = False
    ) -> Resident:
        try:
            session = self._open()
            status = session.pin_status() if recheck else None
            resident = read_resident(
                session,
                pin,
                with_my_number=with_my_number,
                confirm_last_try=confirm_last_try,
                status=status,
            )
            log.info(
                "card read: %d APDUs, individual number %s",
                session.apdu_count,
                "read" if with_my_number else "not read",
            )
            return resident
        except CardError as exc:
            log.warning("card read failed: %s", exc.message_en)
            raise
        finally:
            wipe(pin)
            self._close()

    @runs_in_device_thread
    def _status(self) -> list[ReaderReport]:
        reports = []
        for state in self._ctx.states(self._ctx.readers()):
            report = ReaderReport(state.name, state.card_present)
            if state.card_present:
                try:
                    transport = self._ctx.connect(state.name)
                    try:
                        pin = CardSession(transport).pin_status()
                        report.my_number_card, report.tries_left = True, pin.tries_left
                    finally:
                        transport.close()
                except CardError as exc:
                    report.error = exc.code
                    report.my_number_card = False if exc.code == "not_my_number_card" else None
            reports.append(report)
        return reports

    def _emit(self, event: DeviceEvent) -> None:
        listener = self._listener
        if listener is None:
            return
        try:
            listener(event)
        except RuntimeError as exc:  # the screen that listened is gone (closed mid-watch)
            log.debug("card listener dropped: %s", exc)
            self._listener = None

    @runs_in_device_thread
    def _probe(self, reader: str) -> None:
        """A card was placed: ask for the PIN counter at once, so the pad can show it."""
        self._close()
        try:
            self._transport = self._ctx.connect(reader)
            self._session = CardSession(self._transport)
            status: PinStatus = self._session.pin_status()
        except CardError as exc:
            self._close()
            self._emit(DeviceEvent("error", self._readers or (), reader, error=exc))
            return
        self._emit(
            DeviceEvent(
                "card_placed",
                self._readers or (),
                reader,
                tries_left=status.tries_left,
                verified=status.verified,
            )
        )

    @runs_in_device_thread
    def _watch_step(self) -> None:
        try:
            if self._readers is None:
                names = tuple(self._ctx.readers())
                self._readers = names
                self._known = {n: self._known.get(n, scard.SCARD_STATE_UNAWARE) for n in names}
                self._known.setdefault(PNP_READER, scard.SCARD_STATE_UNAWARE)
                self._emit(DeviceEvent("readers", names))
                if not names:
                    self._emit(DeviceEvent("error", error=CardError("no_reader")))
            new = self._ctx.wait_change(self._known, WATCH_TIMEOUT_MS)
            self._last_error = None
        except CardError as exc:
            if exc.code != self._last_error:
                self._last_error = exc.code
                self._close()
                self._emit(DeviceEvent("error", error=exc))
            self._readers, self._known = None, {}
            time.sleep(0.5)  # pcscd is down: look again shortly, without spinning
            return
        if new is None:
            return
        old, self._known = self._known, new
        if new.get(PNP_READER) != old.get(PNP_READER) and old.get(PNP_READER, 0) != 0:
            self._readers = None  # a reader came or went: list again on the next step
        for name, state in new.items():
            if name == PNP_READER:
                continue
            before = old.get(name, scard.SCARD_STATE_UNAWARE)
            had = before != scard.SCARD_STATE_UNAWARE and card_present(before)
            if card_present(state) and not had:
                self._probe(name)
            elif had and not card_present(state):
                if self._transport is not None and self._transport.reader == name:
                    self._close()
                self._emit(DeviceEvent("card_removed", self._readers or (), name))
            if state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
                self._readers = None
