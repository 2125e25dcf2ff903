"""The 券面事項入力補助AP conversation, over any transport (pyscard, or a fake in tests).

Each APDU through a reader costs tens of milliseconds, so the session sends as few as it
can: it remembers the selected EF instead of re-selecting, checks the PIN counter with the
free ``00 20 00 80`` form once, and reads an EF with one 255-byte READ BINARY that usually
holds the whole TLV (the outer length then says whether more is needed). Cards answer a
too-long Le in three ways (``62 82`` with the data, ``6C xx``, ``61 xx`` + GET RESPONSE);
all are handled. Nothing here decides *whether* to spend a PIN try on its own: VERIFY is
sent once per call, never retried, and refused on the last try without confirmation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from tome_window.devices.ber import BasicInfo, BerError, parse_basic_info, parse_my_number_ef
from tome_window.devices.ber import total_size as tlv_total_size
from tome_window.devices.errors import CardError
from tome_window.devices.mynumber import is_valid_my_number, pin_is_well_formed, wipe
from tome_window.domain.resident import Resident

log = logging.getLogger(__name__)

AID_KENMEN_HOJO = bytes.fromhex("D3921000310001010408")
EF_MY_NUMBER, EF_BASIC_INFO, EF_PIN = 0x0001, 0x0002, 0x0011
SW_OK, SW_EOF, SW_WRONG_OFFSET = 0x9000, 0x6282, 0x6B00
SW_BLOCKED = (0x6984, 0x6983)
FIRST_READ = 255


class Transport(Protocol):
    """One connection to one card. ``transmit`` raises CardError (card_removed/card_io)."""

    @property
    def atr(self) -> bytes: ...

    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...


@dataclass(frozen=True)
class PinStatus:
    tries_left: int | None  # None when the card says the PIN is already verified
    verified: bool = False

    @property
    def blocked(self) -> bool:
        return not self.verified and self.tries_left == 0


def atr_supports_extended(atr: bytes) -> bool:
    """Whether the ATR's card capabilities (compact-TLV 0x73) announce extended Lc/Le."""
    try:
        hist = _historical_bytes(atr)
    except IndexError:
        return False
    if not hist or hist[0] != 0x80:
        return False
    pos = 1
    while pos < len(hist):
        tag, length = hist[pos] >> 4, hist[pos] & 0x0F
        value = hist[pos + 1 : pos + 1 + length]
        if tag == 0x7 and length >= 3 and len(value) >= 3:
            return bool(value[2] & 0x40)
        pos += 1 + length
    return False


def _historical_bytes(atr: bytes) -> bytes:
    t0 = atr[1]
    count, indicator, pos = t0 & 0x0F, t0 >> 4, 2
    while True:
        pos += bin(indicator & 0x0F).count("1")
        if not indicator & 0x08:
            break
        indicator = atr[pos - 1] >> 4
    return atr[pos : pos + count]


def _sw_text(sw: int) -> str:
    return f"{sw >> 8:02X} {sw & 0xFF:02X}"


class CardSession:
    """One card conversation; remembers what is selected so no APDU is sent twice."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self.apdu_count = 0
        self.extended = atr_supports_extended(transport.atr)
        self._ap_selected = False
        self._current_ef: int | None = None

    def _send(self, apdu: bytes | bytearray, secret: bool = False) -> tuple[bytes, int]:
        self.apdu_count += 1
        data, sw = self.transport.transmit(bytes(apdu))
        shown = apdu[:5].hex(" ").upper() + (" <PIN>" if secret else "")
        log.debug("APDU %s -> %s (%d bytes)", shown, _sw_text(sw), len(data))
        return data, sw

    def select_ap(self) -> None:
        if self._ap_selected:
            return
        _, sw = self._send(b"\x00\xa4\x04\x0c" + bytes([len(AID_KENMEN_HOJO)]) + AID_KENMEN_HOJO)
        if sw != SW_OK:
            raise CardError("not_my_number_card", f"SELECT AP answered {_sw_text(sw)}")
        self._ap_selected, self._current_ef = True, None

    def select_ef(self, fid: int) -> None:
        self.select_ap()
        if self._current_ef == fid:
            return
        _, sw = self._send(b"\x00\xa4\x02\x0c\x02" + fid.to_bytes(2, "big"))
        if sw != SW_OK:
            self._current_ef = None
            raise CardError("not_my_number_card", f"SELECT EF {fid:04X} answered {_sw_text(sw)}")
        self._current_ef = fid

    def pin_status(self) -> PinStatus:
        """Tries left, asked without spending one (VERIFY with no data)."""
        self.select_ef(EF_PIN)
        _, sw = self._send(b"\x00\x20\x00\x80")
        if sw == SW_OK:
            return PinStatus(None, verified=True)
        if sw & 0xFFF0 == 0x63C0:
            return PinStatus(sw & 0x0F)
        if sw in SW_BLOCKED:
            return PinStatus(0)
        raise CardError("card_io", f"PIN status answered {_sw_text(sw)}")

    def verify(self, pin: bytearray, status: PinStatus, confirm_last_try: bool) -> None:
        """Send VERIFY once; the PIN buffer is wiped whatever happens."""
        apdu = bytearray(b"\x00\x20\x00\x80\x04")
        try:
            if status.verified:
                return
            if status.blocked:
                raise CardError("pin_blocked", tries_left=0)
            if not pin_is_well_formed(pin):
                raise CardError("invalid_pin", tries_left=status.tries_left)
            if status.tries_left == 1 and not confirm_last_try:
                raise CardError("last_try_refused", tries_left=1)
            apdu += pin
            _, sw = self._send(apdu, secret=True)
        finally:
            wipe(apdu)
            wipe(pin)
        if sw == SW_OK:
            return
        if sw & 0xFFF0 == 0x63C0:
            left = sw & 0x0F
            raise CardError("pin_blocked" if left == 0 else "wrong_pin", tries_left=left)
        if sw in SW_BLOCKED:
            raise CardError("pin_blocked", tries_left=0)
        raise CardError("card_io", f"VERIFY answered {_sw_text(sw)}", status.tries_left)

    def _read_binary(self, offset: int, le: int, extended: bool = False) -> tuple[bytes, bool]:
        """One READ BINARY with the card's Le quirks; returns (data, end of file reached)."""
        if offset > 0x7FFF:
            raise CardError("malformed_data", "EF longer than a 15-bit offset")
        head = b"\x00\xb0" + offset.to_bytes(2, "big")
        data = b""
        apdu = head + (b"\x00" + le.to_bytes(2, "big") if extended else bytes([le & 0xFF]))
        for _ in range(8):
            chunk, sw = self._send(apdu)
            data += chunk
            if sw == SW_OK:
                return data, False
            if sw == SW_EOF or (sw == SW_WRONG_OFFSET and not data):
                return data, True
            if sw >> 8 == 0x6C:  # wrong Le: the card says how many it has
                apdu = head + bytes([sw & 0xFF])
            elif sw >> 8 == 0x61:  # more data waits behind GET RESPONSE
                apdu = b"\x00\xc0\x00\x00" + bytes([sw & 0xFF])
            elif sw == 0x6982:
                raise CardError("card_io", "READ BINARY: security status not satisfied")
            elif sw == 0x6A82:
                raise CardError("not_my_number_card", "READ BINARY: file not found")
            else:
                raise CardError("card_io", f"READ BINARY answered {_sw_text(sw)}")
        raise CardError("card_io", "READ BINARY: card keeps asking for another Le")

    def read_tlv_ef(self, fid: int, first_read: int = FIRST_READ) -> bytes:
        """The TLV at the start of an EF: one read when it fits, else as few as possible."""
        self.select_ef(fid)
        buf, eof = self._read_binary(0, first_read)
        try:
            total = tlv_total_size(buf)
        except BerError as exc:
            raise CardError("malformed_data", str(exc)) from exc
        if total is None:
            raise CardError("malformed_data", "EF too short for a TLV header")
        while len(buf) < total:
            if eof:
                raise CardError("malformed_data", f"EF ends after {len(buf)} of {total} bytes")
            need = total - len(buf)
            if self.extended and need > 255:
                try:
                    chunk, eof = self._read_binary(len(buf), min(need, 0xFFFF), extended=True)
                except CardError as exc:
                    if exc.code == "card_removed":
                        raise
                    log.info("extended READ BINARY refused (%s); using short APDUs", exc.message_en)
                    self.extended = False
                    continue
            else:
                chunk, eof = self._read_binary(len(buf), min(need, 255))
            if not chunk:
                raise CardError("malformed_data", "READ BINARY returned no data before the end")
            buf += chunk
        return buf[:total]

    def read_basic_info(self) -> BasicInfo:
        data = self.read_tlv_ef(EF_BASIC_INFO)
        try:
            return parse_basic_info(data)
        except BerError as exc:
            raise CardError("malformed_data", str(exc)) from exc

    def read_my_number(self) -> str:
        data = self.read_tlv_ef(EF_MY_NUMBER, first_read=17)
        try:
            number = parse_my_number_ef(data)
        except BerError as exc:
            raise CardError("malformed_data", str(exc)) from exc
        if not is_valid_my_number(number):
            raise CardError("my_number_invalid")
        return number


def read_resident(
    session: CardSession,
    pin: bytearray,
    *,
    with_my_number: bool = False,
    confirm_last_try: bool = False,
    status: PinStatus | None = None,
) -> Resident:
    """The whole read: PIN status (unless given), one VERIFY, basic info, number on demand.

    All or nothing: a Resident is built only after every EF was read and checked.
    """
    try:
        if status is None:
            session.select_ap()
            status = session.pin_status()
        session.verify(pin, status, confirm_last_try)
    finally:
        wipe(pin)
    info = session.read_basic_info()
    number = session.read_my_number() if with_my_number else None
    return Resident(
        name=info.name,
        address=info.address,
        birth_date=info.birth_date,
        sex=info.sex,
        my_number=number,
        source="card",
    )
