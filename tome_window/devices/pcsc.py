"""PC/SC through pyscard's thin ``smartcard.scard`` layer: context, readers, cards, watching.

The thin layer is used rather than pyscard's CardMonitor/ReaderMonitor because those run
their own polling threads, and every PC/SC call here must run on the one device worker.
The watcher is a step the worker runs between jobs (SCardGetStatusChange with a short
timeout, including the PnP pseudo-reader so plugging and unplugging readers is noticed).
Every PC/SC failure becomes a :class:`CardError` with a code the screen can explain.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from smartcard import scard

from tome_window.devices.errors import CardError
from tome_window.devices.worker import runs_in_device_thread

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"
_NO_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_REMOVED = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_W_UNPOWERED_CARD,
}
_READER_GONE = {
    scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_E_UNKNOWN_READER,
    scard.SCARD_E_NO_READERS_AVAILABLE,
}


def _hex(code: int) -> str:
    return f"0x{code & 0xFFFFFFFF:08X}"


def error_for(hresult: int, doing: str) -> CardError:
    """Translate a PC/SC result code into the CardError the screen understands."""
    detail = f"{doing}: {scard.SCardGetErrorMessage(hresult)} ({_hex(hresult)})"
    if hresult in _NO_SERVICE:
        return CardError("pcsc_unavailable", detail)
    if hresult in _REMOVED:
        return CardError("card_removed" if "transmit" in doing else "no_card", detail)
    if hresult in _READER_GONE:
        return CardError("no_reader", detail)
    if hresult == scard.SCARD_E_INVALID_HANDLE:
        return CardError("card_removed" if "transmit" in doing else "pcsc_unavailable", detail)
    return CardError("card_io", detail)


@dataclass(frozen=True)
class ReaderState:
    name: str
    card_present: bool
    atr: bytes = b""


class PcscTransport:
    """One connection to the card on one reader; disconnecting resets the card.

    Resetting on disconnect drops the card's verified-PIN status, so no other program (or
    a later visit) inherits the resident's authorisation.
    """

    def __init__(
        self, context: PcscContext, reader: str, handle: Any, protocol: int, atr: bytes
    ) -> None:
        self.context, self.reader = context, reader
        self._handle, self._atr = handle, atr
        self._pci = (
            scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
        )

    @property
    def atr(self) -> bytes:
        return self._atr

    @runs_in_device_thread
    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._handle is None:
            raise CardError("card_removed", "connection already closed")
        hresult, response = scard.SCardTransmit(self._handle, self._pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            error = error_for(hresult, "transmit")
            if error.code == "card_io" and not self._card_still_there():
                error = CardError("card_removed", error.message_en)
            raise error
        if len(response) < 2:  # vpcd answers an empty response when the card went away
            code = "card_io" if self._card_still_there() else "card_removed"
            raise CardError(code, "response shorter than a status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def _card_still_there(self) -> bool:
        """After a failed transmit: was the card pulled (vpcd/CCID report a comm error)?"""
        for _ in range(10):  # pcscd notices a pulled card on its next poll (~0.4 s)
            try:
                states = self.context.states([self.reader])
            except CardError:
                return False
            if not states or not states[0].card_present:
                return False
            time.sleep(0.1)
        return True

    @runs_in_device_thread
    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            hresult = scard.SCardDisconnect(handle, scard.SCARD_RESET_CARD)
            if hresult != scard.SCARD_S_SUCCESS:
                log.debug("disconnect: %s", scard.SCardGetErrorMessage(hresult))

    @property
    def open(self) -> bool:
        return self._handle is not None


class PcscContext:
    """A PC/SC context, re-established when pcscd restarts."""

    def __init__(self) -> None:
        self._ctx: Any = None

    @runs_in_device_thread
    def ensure(self) -> Any:
        if self._ctx is None:
            hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                raise error_for(hresult, "establish context")
            self._ctx = ctx
        return self._ctx

    @runs_in_device_thread
    def release(self) -> None:
        ctx, self._ctx = self._ctx, None
        if ctx is not None:
            scard.SCardReleaseContext(ctx)

    def _check(self, hresult: int, doing: str) -> None:
        if hresult == scard.SCARD_S_SUCCESS:
            return
        if hresult in _NO_SERVICE or hresult == scard.SCARD_E_INVALID_HANDLE:
            self._ctx = None  # pcscd went away; the next call tries a fresh context
        raise error_for(hresult, doing)

    @runs_in_device_thread
    def readers(self) -> list[str]:
        hresult, names = scard.SCardListReaders(self.ensure(), [])
        if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE,):
            return []
        self._check(hresult, "list readers")
        return list(names)

    @runs_in_device_thread
    def states(self, readers: list[str]) -> list[ReaderState]:
        if not readers:
            return []
        query = [(name, scard.SCARD_STATE_UNAWARE) for name in readers]
        hresult, answers = scard.SCardGetStatusChange(self.ensure(), 0, query)
        self._check(hresult, "reader status")
        return [
            ReaderState(name, bool(event & scard.SCARD_STATE_PRESENT), bytes(atr))
            for name, event, atr in answers
        ]

    @runs_in_device_thread
    def connect(self, reader: str) -> PcscTransport:
        hresult, handle, protocol = scard.SCardConnect(
            self.ensure(),
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        self._check(hresult, f"connect to {reader}")
        hresult, _, _, _, atr = scard.SCardStatus(handle)
        if hresult != scard.SCARD_S_SUCCESS:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            raise error_for(hresult, "card status")
        return PcscTransport(self, reader, handle, protocol, bytes(atr))

    @runs_in_device_thread
    def wait_change(self, known: dict[str, int], timeout_ms: int) -> dict[str, int] | None:
        """Block until a reader or card changes (or timeout); return the new event states.

        ``known`` maps reader names (and the PnP pseudo-reader) to the last event states.
        Returns None on timeout.
        """
        query = [(name, state) for name, state in known.items()]
        if PNP_READER not in known:
            query.append((PNP_READER, scard.SCARD_STATE_UNAWARE))
        hresult, answers = scard.SCardGetStatusChange(self.ensure(), timeout_ms, query)
        if hresult == scard.SCARD_E_TIMEOUT:
            return None
        self._check(hresult, "watch readers")
        return {name: event & ~scard.SCARD_STATE_CHANGED for name, event, _ in answers}


def card_present(event_state: int) -> bool:
    return bool(event_state & scard.SCARD_STATE_PRESENT)

