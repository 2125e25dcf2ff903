"""The BER/TLV parser: both length forms, filler, and fuzzing (only BerError may escape)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tome_window.devices.ber import (
    BerError,
    encode_length,
    encode_tlv,
    header_size,
    parse_basic_info,
    parse_my_number_ef,
    read_length,
    total_size,
)
from tome_window.devices.virtual_card import CardProfile, basic_info_ef


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"\x05", 5),
        (b"\x7f", 127),
        (b"\x81\x05", 5),
        (b"\x81\x80", 128),
        (b"\x82\x00\x05", 5),
        (b"\x82\x01\x00", 256),
        (b"\x83\x00\x01\x00", 256),
    ],
)
def test_lengths_short_long_and_non_minimal(raw: bytes, expected: int) -> None:
    assert read_length(raw, 0) == (expected, len(raw))


@pytest.mark.parametrize("raw", [b"", b"\x80", b"\x81", b"\x82\x01", b"\x85\x00\x00\x00\x00\x01"])
def test_bad_lengths(raw: bytes) -> None:
    with pytest.raises(BerError):
        read_length(raw, 0)


@pytest.mark.parametrize("form", ["short", "long81", "long82"])
def test_basic_info_in_every_length_form(form: str) -> None:
    profile = CardProfile(length_form=form)  # type: ignore[arg-type]
    data = basic_info_ef(profile)
    head = header_size(data)
    assert head is not None
    if form == "short":  # minimal: short below 128, else the fewest long-form octets
        size = total_size(data)
        assert size is not None and data[2:head] == encode_length(size - head)
    else:
        assert data[2] == {"long81": 0x81, "long82": 0x82}[form]
    info = parse_basic_info(data)
    assert (info.name, info.address, info.birth, info.sex) == (
        "登米\u3000太郎",
        "宮城県登米市迫町佐沼字中江二丁目6番地1",
        "19800401",
        "1",
    )
    assert "登米" not in repr(info)


def test_inner_long_forms_and_zero_filler() -> None:
    profile = CardProfile(inner_long_form=True, length_form="long81", filler="00", filler_size=50)
    assert parse_basic_info(basic_info_ef(profile)).birth == "19800401"


@pytest.mark.parametrize("cut", [1, 2, 3, 10, 40, 80])
def test_truncated_basic_info(cut: int) -> None:
    data = basic_info_ef(CardProfile(filler_size=0))
    with pytest.raises(BerError):
        parse_basic_info(data[:cut])


def test_bad_content_is_refused() -> None:
    for profile in (
        CardProfile(birth="19801340"),
        CardProfile(sex="3"),
        CardProfile(birth="1980041"),
    ):
        with pytest.raises(BerError):
            parse_basic_info(basic_info_ef(profile))
    bad_utf8 = b"\xff\x20\x0b" + encode_tlv(0xDF22, b"\xe7\x99") + encode_tlv(0xDF23, b"x")
    with pytest.raises(BerError):
        parse_basic_info(bad_utf8)


def test_my_number_ef() -> None:
    assert parse_my_number_ef(b"\xff\x10\x0c123456789018\xff\xff") == "123456789018"
    for bad in (
        b"\xff\x10\x0c12345678901",
        b"\xff\x10\x0b12345678901",
        b"\xff\x10\x0c" + "1234567890１".encode()[:12],
    ):
        with pytest.raises(BerError):
            parse_my_number_ef(bad)


def test_total_size_needs_complete_header() -> None:
    assert total_size(b"\xff\x20") is None
    assert total_size(b"\xff\x20\x82\x01") is None
    assert total_size(b"\xff\x20\x82\x01\x00") == 5 + 256
    assert total_size(b"\xff\x20\x10") == 3 + 16


FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_arbitrary_bytes_only_raise_ber_error(data: bytes) -> None:
    for parse in (parse_basic_info, parse_my_number_ef, total_size):
        try:
            parse(data)
        except BerError:
            pass


@FUZZ
@given(st.binary(min_size=1, max_size=300), st.integers(0, 299), st.integers(0, 255))
def test_fuzz_mutated_valid_records(seed: bytes, index: int, value: int) -> None:
    data = bytearray(basic_info_ef(CardProfile(length_form="long82")))
    data[index % len(data)] = value
    data = data[: max(1, len(seed) % len(data) + 1)] if seed[0] & 1 else data
    try:
        info = parse_basic_info(bytes(data))
    except BerError:
        return
    assert info.sex in {"0", "1", "2", "9"} and len(info.birth) == 8


text = st.text(
    alphabet=st.characters(min_codepoint=0x20, blacklist_categories=["Cs"]),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() != "")


@FUZZ
@given(
    text,
    text,
    st.dates(),
    st.sampled_from("0129"),
    st.sampled_from(["short", "long81", "long82"]),
    st.booleans(),
)
def test_fuzz_round_trip(name, address, born, sex, form, inner) -> None:  # noqa: ANN001
    profile = CardProfile(
        name=name,
        address=address,
        birth=born.strftime("%Y%m%d").zfill(8),
        sex=sex,
        length_form=form,
        inner_long_form=inner,
    )
    data = basic_info_ef(profile)
    try:
        info = parse_basic_info(data)
    except BerError:
        assert born.year < 1000  # %Y gives fewer than 4 digits there; the parser may refuse
        return
    assert (info.name, info.address, info.sex) == (name, address, sex)
    head, size = header_size(data), total_size(data)
    assert head is not None and size is not None and head < size <= len(data)
    body = data[head:size]
    for way in (None, "long81", "long82"):  # every length form reads back as written
        n = len(body) if way != "long81" else min(len(body), 0xFF)
        encoded = encode_length(n, way)
        assert read_length(encoded, 0) == (n, len(encoded))
