"""Plug a virtual card into vsmartcard-vpcd: the card side ("vicc") of the vpcd TCP protocol.

vpcd is a PC/SC reader driver inside pcscd that listens on 127.0.0.1:35963 ("Virtual PCD
00 00"; 35964 is "00 01"). A connected client *is* a card on that reader; closing the
socket pulls it. Frames are a 2-byte big-endian length and a payload; a 1-byte payload is
a control byte (0 power off, 1 power on, 2 reset, 4 get ATR), anything else an APDU.

vpcd writes the length and the payload in two send() calls without TCP_NODELAY; with
delayed ACKs on our side each APDU would wait ~40 ms for Nagle. Acknowledging at once
(TCP_QUICKACK) removes that wait for everyone using the simulator, app and bench alike.
"""

from __future__ import annotations

import logging
import socket
import threading
import time

from tome_window.devices.virtual_card import VirtualMyNumberCard, profile_summary

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
# pcscd asks vpcd for the ATR every ~0.4 s while a card is in; silence this long means vpcd
# never took our connection (it still held a dead one): reconnect, as re-seating a card.
SILENCE_RECONNECT_S = 2.5


class VpcdCardServer:
    """Keeps one virtual card "on the reader" in a background thread; insert/remove at will."""

    def __init__(
        self, card: VirtualMyNumberCard, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
    ) -> None:
        self.card = card
        self.host, self.port = host, port
        self._want_inserted = threading.Event()
        self._stopping = threading.Event()
        self._connected = threading.Event()
        self._sock: socket.socket | None = None
        self._sock_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- control (any thread) -------------------------------------------------------------
    def start(self, inserted: bool = True) -> VpcdCardServer:
        if inserted:
            self._want_inserted.set()
        self._thread = threading.Thread(target=self._run, name="vpcd-card", daemon=True)
        self._thread.start()
        return self

    def insert(self) -> None:
        self._want_inserted.set()

    def remove(self) -> None:
        """Pull the card: close the socket; vpcd reports the card gone to pcscd."""
        self._want_inserted.clear()
        self._close()

    def stop(self) -> None:
        self._stopping.set()
        self.remove()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def wait_connected(self, timeout: float = 5.0) -> bool:
        return self._connected.wait(timeout)

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    # -- the card thread ------------------------------------------------------------------
    def _close(self) -> None:
        with self._sock_lock:
            sock, self._sock = self._sock, None
        self._connected.clear()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self._want_inserted.wait(0.1):
                continue
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                time.sleep(0.2)  # pcscd/vpcd not up yet: keep trying, as a card left on a reader
                continue
            sock.settimeout(SILENCE_RECONNECT_S)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._sock_lock:
                self._sock = sock
            self._connected.set()
            log.info(
                "%s inserted on %s:%d", profile_summary(self.card.profile), self.host, self.port
            )
            try:
                self._serve(sock)
            except TimeoutError:
                log.info(
                    "vpcd silent for %.1f s; reconnecting the virtual card", SILENCE_RECONNECT_S
                )
            except OSError:
                pass
            finally:
                self._close()
            if self.card.removed_by_pull.is_set():
                self._want_inserted.clear()
            log.info("virtual card removed from %s:%d", self.host, self.port)

    def _recv_exact(self, sock: socket.socket, size: int) -> bytes | None:
        chunks = bytearray()
        while len(chunks) < size:
            _quickack(sock)
            part = sock.recv(size - len(chunks))
            if not part:
                return None
            chunks += part
        return bytes(chunks)

    def _serve(self, sock: socket.socket) -> None:
        while True:
            head = self._recv_exact(sock, 2)
            if head is None:
                return
            payload = self._recv_exact(sock, int.from_bytes(head, "big"))
            if payload is None:
                return
            if len(payload) == 1:
                answer = self._control(payload[0])
                if answer is None:
                    continue
            else:
                if self.card.should_pull():
                    self.card.removed_by_pull.set()
                    log.info("virtual card pulled after %d APDUs", self.card.apdu_count)
                    return
                answer = self.card.respond(payload)
                delay = self.card.profile.apdu_delay_ms
                if delay > 0:
                    time.sleep(delay / 1000)
            sock.sendall(len(answer).to_bytes(2, "big") + answer)

    def _control(self, code: int) -> bytes | None:
        if code == CTRL_ATR:
            return self.card.atr
        if code in (CTRL_OFF, CTRL_ON, CTRL_RESET):
            self.card.power(code != CTRL_OFF)
            return None
        log.warning("vpcd sent unknown control byte %d", code)
        return None


def _quickack(sock: socket.socket) -> None:
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        except OSError:
            pass
