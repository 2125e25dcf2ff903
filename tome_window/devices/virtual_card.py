"""A virtual My Number Card: answers APDUs as the 券面事項入力補助AP does, from a JSON profile.

It exists for two users. Tests drive the real PC/SC stack with it (pcscd + vpcd + pyscard),
and staff train on it without a real resident's card (``tome-window card simulate``), which
is why it lives in the package and not in tests/. Profiles describe the awkward cards we
must survive: long-form BER lengths, cards that answer ``6C``/``61``, a blocked PIN, a card
that is not a My Number Card at all, and a card "pulled" after N APDUs.

The model is transport-free (``respond(apdu) -> bytes``); vpcd.py plugs it into vpcd.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tome_window.devices.ber import encode_length, encode_tlv

log = logging.getLogger(__name__)

AID_KENMEN_HOJO = bytes.fromhex("D3921000310001010408")
EF_MY_NUMBER = 0x0001
EF_BASIC_INFO = 0x0002
EF_PIN = 0x0011
MAX_TRIES = 3
DEFAULT_ATR = "3B 8A 80 01 80 31 F8 73 F7 41 80 82 90 00 15"  # no extended-length bit

LengthForm = Literal["short", "long81", "long82"]


@dataclass
class CardProfile:
    """What one virtual card holds and how it misbehaves; loaded from devices/cards/*.json."""

    label: str = "sample"
    name: str = "登米\u3000太郎"
    address: str = "宮城県登米市迫町佐沼字中江二丁目6番地1"
    birth: str = "19800401"
    sex: str = "1"
    my_number: str = "123456789018"
    pin: str = "1234"
    tries_left: int = MAX_TRIES
    length_form: LengthForm = "short"
    inner_long_form: bool = False
    atr: str = DEFAULT_ATR
    extended_apdu: bool = False
    my_number_card: bool = True
    pull_after_apdus: int | None = None
    eof_style: Literal["6282", "6C"] = "6282"
    get_response: bool = False
    filler: str = "FF"
    filler_size: int = 32
    truncate_basic_info: int | None = None
    apdu_delay_ms: float = 0.0  # a real card + reader answer in tens of ms; 0 = as fast as vpcd
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> CardProfile:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = set(cls.__dataclass_fields__) - {"extra"}
        unknown = {k: v for k, v in data.items() if k not in known}
        profile = cls(**{k: v for k, v in data.items() if k in known})
        profile.extra = unknown
        return profile

    @property
    def atr_bytes(self) -> bytes:
        return bytes.fromhex(self.atr.replace(" ", ""))


def basic_info_ef(profile: CardProfile) -> bytes:
    """EF 0002 as the card stores it: FF20 {DF21 offsets, DF22..DF25}, then filler."""
    inner_form = "long81" if profile.inner_long_form else None
    fields = [
        encode_tlv(0xDF22, profile.name.encode("utf-8"), inner_form),
        encode_tlv(0xDF23, profile.address.encode("utf-8"), inner_form),
        encode_tlv(0xDF24, profile.birth.encode("ascii"), inner_form),
        encode_tlv(0xDF25, profile.sex.encode("ascii"), inner_form),
    ]
    header_len = len(encode_tlv(0xDF21, bytes(8), inner_form))
    offsets, pos = bytearray(), header_len
    for item in fields:
        offsets += pos.to_bytes(2, "big")
        pos += len(item)
    content = encode_tlv(0xDF21, bytes(offsets), inner_form) + b"".join(fields)
    form: LengthForm = profile.length_form
    if form == "short" and len(content) >= 0x80:
        form = "long81" if len(content) < 0x100 else "long82"
    tlv = b"\xff\x20" + encode_length(len(content), form) + content
    if profile.truncate_basic_info is not None:
        return tlv[: profile.truncate_basic_info]
    return tlv + bytes.fromhex(profile.filler) * profile.filler_size


def my_number_ef(profile: CardProfile) -> bytes:
    return b"\xff\x10\x0c" + profile.my_number.encode("ascii") + b"\xff\xff"


def _sw(sw: int, data: bytes = b"") -> bytes:
    return data + sw.to_bytes(2, "big")


class VirtualMyNumberCard:
    """The card's state machine. Thread-safe: tests swap profiles while vpcd talks to it."""

    def __init__(self, profile: CardProfile) -> None:
        self._lock = threading.Lock()
        self.apdu_count = 0
        self.removed_by_pull = threading.Event()
        self.load(profile)

    def load(self, profile: CardProfile) -> None:
        """Put a different card on the reader (same connection), with fresh state."""
        with self._lock:
            self.profile = profile
            self.tries_left = profile.tries_left
            self.files = {
                EF_BASIC_INFO: basic_info_ef(profile),
                EF_MY_NUMBER: my_number_ef(profile),
            }
            self.apdu_count = 0
            self.removed_by_pull.clear()
            self._power_reset()

    def _power_reset(self) -> None:
        self.selected_ap = False
        self.current_ef: int | None = None
        self.verified = False
        self._pending = b""

    @property
    def atr(self) -> bytes:
        return self.profile.atr_bytes

    def power(self, on: bool) -> None:
        """Power off/on/reset all forget the security status, as a real card does."""
        with self._lock:
            self._power_reset()

    def should_pull(self) -> bool:
        """True when the next APDU must not be answered: the card was "pulled"."""
        limit = self.profile.pull_after_apdus
        return limit is not None and self.apdu_count >= limit

    def respond(self, apdu: bytes) -> bytes:
        with self._lock:
            self.apdu_count += 1
            try:
                return self._dispatch(apdu)
            except IndexError:
                return _sw(0x6700)

    def _dispatch(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return _sw(0x6700)
        cla, ins, p1, p2 = apdu[:4]
        if cla != 0x00:
            return _sw(0x6E00)
        body = apdu[4:]
        if ins == 0xA4:
            return self._select(p1, body)
        if ins == 0x20 and p1 == 0x00 and p2 == 0x80:
            return self._verify(body)
        if ins == 0xB0:
            return self._read_binary(p1, p2, body)
        if ins == 0xC0:
            return self._get_response(body)
        return _sw(0x6D00)

    def _select(self, p1: int, body: bytes) -> bytes:
        if not body or len(body) < 1 + body[0]:
            return _sw(0x6700)
        data = body[1 : 1 + body[0]]
        if p1 == 0x04:
            if data == AID_KENMEN_HOJO and self.profile.my_number_card:
                self.selected_ap, self.current_ef, self.verified = True, None, False
                return _sw(0x9000)
            return _sw(0x6A82)
        if p1 == 0x02 and self.selected_ap and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if fid in (EF_PIN, EF_BASIC_INFO, EF_MY_NUMBER):
                self.current_ef = fid
                return _sw(0x9000)
        return _sw(0x6A82)

    def _verify(self, body: bytes) -> bytes:
        if self.current_ef != EF_PIN:
            return _sw(0x6986)
        if self.tries_left <= 0:
            return _sw(0x6984)
        if not body:
            return _sw(0x9000) if self.verified else _sw(0x63C0 | self.tries_left)
        if len(body) < 1 or body[0] != len(body) - 1 or body[0] != 4:
            return _sw(0x6700)
        if body[1:] == self.profile.pin.encode("ascii"):
            self.verified, self.tries_left = True, MAX_TRIES
            return _sw(0x9000)
        self.verified = False
        self.tries_left -= 1
        return _sw(0x63C0 | self.tries_left)

    def _read_binary(self, p1: int, p2: int, body: bytes) -> bytes:
        if p1 & 0x80:
            return _sw(0x6981)  # short EF identifiers: not supported by this AP
        if len(body) == 1:
            le = body[0] or 256
        elif len(body) == 3 and body[0] == 0 and self.profile.extended_apdu:
            le = int.from_bytes(body[1:3], "big") or 65536
        else:
            return _sw(0x6700)
        if self.current_ef is None:
            return _sw(0x6986)
        if self.current_ef == EF_PIN:
            return _sw(0x6981)
        if not self.verified:
            return _sw(0x6982)
        content = self.files[self.current_ef]
        offset = ((p1 << 8) | p2) & 0x7FFF
        if offset >= len(content):
            return _sw(0x6B00)
        remaining = len(content) - offset
        if le > remaining:
            if self.profile.eof_style == "6C" and remaining < 256:
                return _sw(0x6C00 | remaining)
            return self._answer(content[offset:], 0x6282)
        return self._answer(content[offset : offset + le], 0x9000)

    def _answer(self, data: bytes, sw: int) -> bytes:
        if self.profile.get_response and data and len(data) <= 256:
            self._pending = data
            return _sw(0x6100 | (len(data) & 0xFF))
        return _sw(sw, data)

    def _get_response(self, body: bytes) -> bytes:
        if not self._pending:
            return _sw(0x6985)
        le = (body[0] or 256) if body else 256
        if le > len(self._pending):
            return _sw(0x6C00 | (len(self._pending) & 0xFF))
        data, self._pending = self._pending[:le], self._pending[le:]
        if self._pending:
            return _sw(0x6100 | (len(self._pending) & 0xFF), data)
        return _sw(0x9000, data)


def profile_summary(profile: CardProfile) -> str:
    """One log line about the card, without the resident's facts or the PIN."""
    return (
        f"virtual card '{profile.label}': my_number_card={profile.my_number_card} "
        f"tries_left={profile.tries_left} length_form={profile.length_form} "
        f"extended={profile.extended_apdu} get_response={profile.get_response} "
        f"eof={profile.eof_style} pull_after={profile.pull_after_apdus}"
    )
