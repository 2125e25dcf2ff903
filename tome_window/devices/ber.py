"""BER-TLV for the My Number Card's EFs: a general parser, because cards disagree on lengths.

Cards issued around 2023 write the outer FF20 length in long form (``81 xx``, even the
non-minimal ``82 00 xx``) where older ones use the short form; parsers that assumed one
form broke on the other. So tags and lengths are read by the general X.690 rules, and every
problem (truncation, bad UTF-8, an impossible date) is a :class:`BerError` and nothing
else: the caller must be able to say "malformed data" and offer manual entry, never crash.
The parser is fuzzed in tests/card/test_ber.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

TAG_BASIC_INFO = 0xFF20
TAG_MY_NUMBER = 0xFF10
TAG_OFFSETS, TAG_NAME, TAG_ADDRESS, TAG_BIRTH, TAG_SEX = 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25
SEX_CODES = frozenset({"0", "1", "2", "9"})
MAX_LENGTH_OCTETS = 4  # 4 GB is far beyond any EF; more is a malformed or hostile length


class BerError(Exception):
    """Malformed, truncated or unexpected TLV data (the only exception this module raises)."""


def read_tag(data: bytes, pos: int) -> tuple[int, int]:
    """Return (tag, next position); multi-byte tags (low 5 bits all set) continue while b8=1."""
    if pos >= len(data):
        raise BerError(f"tag expected at offset {pos}, data ends")
    first = data[pos]
    tag, pos = first, pos + 1
    if first & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                raise BerError("multi-byte tag is truncated")
            byte = data[pos]
            tag, pos = (tag << 8) | byte, pos + 1
            if not byte & 0x80:
                return tag, pos
        raise BerError("tag longer than 4 bytes")
    return tag, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """Return (length, next position) for short and long (also non-minimal) definite forms."""
    if pos >= len(data):
        raise BerError(f"length expected at offset {pos}, data ends")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7F
    if count == 0:
        raise BerError("indefinite length is not allowed here")
    if count > MAX_LENGTH_OCTETS:
        raise BerError(f"length of {count} octets is not plausible")
    if pos + 1 + count > len(data):
        raise BerError("long-form length is truncated")
    return int.from_bytes(data[pos + 1 : pos + 1 + count], "big"), pos + 1 + count


def read_tlv(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """Return (tag, value, next position); the value must be complete."""
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    if pos + length > len(data):
        raise BerError(f"value of tag {tag:X} needs {length} bytes, {len(data) - pos} present")
    return tag, bytes(data[pos : pos + length]), pos + length


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Walk consecutive TLVs; stop at FF/00 filler (EFs are padded after the data)."""
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF) and all(b == data[pos] for b in data[pos:]):
            return
        tag, value, pos = read_tlv(data, pos)
        yield tag, value


def header_size(data: bytes) -> int | None:
    """Bytes of tag+length at the start of ``data``, or None when more bytes are needed."""
    try:
        _, pos = read_tag(data, 0)
        _, pos = read_length(data, pos)
    except BerError:
        if len(data) >= 2 + 1 + MAX_LENGTH_OCTETS:
            raise
        return None
    return pos


def total_size(data: bytes) -> int | None:
    """Size of the first TLV (header + value), or None when its header is not complete yet."""
    hsize = header_size(data)
    if hsize is None:
        return None
    _, pos = read_tag(data, 0)
    length, _ = read_length(data, pos)
    return hsize + length


@dataclass(frozen=True)
class BasicInfo:
    """The four facts exactly as the card holds them (birth as YYYYMMDD, sex as its code)."""

    name: str
    address: str
    birth: str
    sex: str

    @property
    def birth_date(self) -> dt.date:
        return dt.date(int(self.birth[:4]), int(self.birth[4:6]), int(self.birth[6:]))

    def __repr__(self) -> str:  # keep personal data out of tracebacks and logs
        return "BasicInfo(<redacted>)"


def _text(value: bytes, what: str) -> str:
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BerError(f"{what} is not valid UTF-8") from exc
    if not text.strip() or any(ord(ch) < 0x20 for ch in text):
        raise BerError(f"{what} is empty or has control characters")
    return text


def parse_basic_info(data: bytes) -> BasicInfo:
    """Parse EF 0002 (FF20 {DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex})."""
    tag, value, _ = read_tlv(data, 0)
    if tag != TAG_BASIC_INFO:
        raise BerError(f"basic-info EF starts with tag {tag:X}, expected FF20")
    fields: dict[int, bytes] = {}
    for inner, content in iter_tlv(value):
        if inner in fields:
            raise BerError(f"tag {inner:X} appears twice")
        fields[inner] = content
    missing = [f"{t:X}" for t in (TAG_NAME, TAG_ADDRESS, TAG_BIRTH, TAG_SEX) if t not in fields]
    if missing:
        raise BerError(f"basic-info EF lacks tags {', '.join(missing)}")
    birth = _text(fields[TAG_BIRTH], "birth date")
    if len(birth) != 8 or not birth.isascii() or not birth.isdigit():
        raise BerError("birth date is not 8 ASCII digits")
    try:
        dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError as exc:
        raise BerError("birth date is not a calendar date") from exc
    sex = _text(fields[TAG_SEX], "sex")
    if sex not in SEX_CODES:
        raise BerError("sex code is not one of 0, 1, 2, 9")
    return BasicInfo(
        name=_text(fields[TAG_NAME], "name"),
        address=_text(fields[TAG_ADDRESS], "address"),
        birth=birth,
        sex=sex,
    )


def parse_my_number_ef(data: bytes) -> str:
    """Parse EF 0001 (FF10 0C + 12 ASCII digits, then filler); the digits only, unchecked."""
    tag, value, _ = read_tlv(data, 0)
    if tag != TAG_MY_NUMBER:
        raise BerError(f"individual-number EF starts with tag {tag:X}, expected FF10")
    if len(value) != 12 or not all(0x30 <= b <= 0x39 for b in value):
        raise BerError("individual number is not 12 ASCII digits")
    return value.decode("ascii")


def encode_length(length: int, form: str | None = None) -> bytes:
    """Encode a length: minimal by default; "long81"/"long82" force that (non-minimal) form."""
    if form == "long81" and length < 0x100:
        return bytes([0x81, length])
    if form == "long82" and length < 0x10000:
        return bytes([0x82]) + length.to_bytes(2, "big")
    if length < 0x80:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    return bytes([0x80 | size]) + length.to_bytes(size, "big")


def encode_tlv(tag: int, value: bytes, form: str | None = None) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value), form) + value
