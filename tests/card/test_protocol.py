"""The card conversation over a fake transport (the virtual card without pcscd): APDU economy,
Le quirks (6C, 61, 62 82), extended fallback, and the PIN rules."""

from __future__ import annotations

import logging

import pytest

from tests.card.conftest import CARDS
from tome_window.devices.errors import CardError
from tome_window.devices.protocol import CardSession, atr_supports_extended, read_resident
from tome_window.devices.virtual_card import CardProfile, VirtualMyNumberCard


class FakeTransport:
    def __init__(self, card: VirtualMyNumberCard) -> None:
        self.card = card
        self.sent: list[bytes] = []

    @property
    def atr(self) -> bytes:
        return self.card.atr

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        answer = self.card.respond(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")


def session_for(
    name: str, **overrides: object
) -> tuple[CardSession, FakeTransport, VirtualMyNumberCard]:
    profile = CardProfile.load(CARDS / f"{name}.json")
    for key, value in overrides.items():
        setattr(profile, key, value)
    card = VirtualMyNumberCard(profile)
    transport = FakeTransport(card)
    return CardSession(transport), transport, card


def test_basic_read_takes_seven_apdus() -> None:
    session, transport, _ = session_for("sample")
    resident = read_resident(session, bytearray(b"1234"))
    assert resident.name == "登米\u3000太郎" and resident.source == "card"
    assert resident.birth_date.isoformat() == "1980-04-01" and resident.my_number is None
    assert [a[:2].hex() for a in transport.sent] == ["00a4", "00a4", "0020", "0020", "00a4", "00b0"]
    assert len(transport.sent) == 6


@pytest.mark.parametrize(
    "name, reads",
    [
        ("quirk_6c", 2),
        ("quirk_61", 2),
        ("long_form_81", 1),
        ("long_form_82", 1),
        ("long_name_address", 2),
    ],
)
def test_le_quirks_and_long_records(name: str, reads: int) -> None:
    session, transport, card = session_for(name)
    resident = read_resident(session, bytearray(b"1234"), with_my_number=True)
    assert resident.name == card.profile.name and resident.address == card.profile.address
    assert resident.my_number == card.profile.my_number
    basic_reads = [a for a in transport.sent[5:] if a[1] in (0xB0, 0xC0)]
    assert len(basic_reads) >= reads


def test_6c_answer_is_resent_with_the_cards_length() -> None:
    session, transport, _ = session_for("quirk_6c")
    read_resident(session, bytearray(b"1234"))
    reads = [a for a in transport.sent if a[1] == 0xB0]
    assert reads[0][-1] == 0xFF and reads[1][-1] < 0xFF


def test_extended_read_when_atr_and_card_allow() -> None:
    session, transport, card = session_for("extended_on")
    assert session.extended
    read_resident(session, bytearray(b"1234"))
    reads = [a for a in transport.sent if a[1] == 0xB0]
    assert len(reads) == 2 and len(reads[1]) == 7


def test_extended_refused_falls_back_to_short() -> None:
    session, transport, card = session_for("extended_refused")
    resident = read_resident(session, bytearray(b"1234"))
    assert resident.address == card.profile.address
    assert not session.extended


def test_atr_extended_bit() -> None:
    assert not atr_supports_extended(CardProfile().atr_bytes)
    assert atr_supports_extended(CardProfile.load(CARDS / "extended_on.json").atr_bytes)
    assert not atr_supports_extended(b"\x3b")


def test_last_try_refused_sends_no_verify_and_wipes_pin() -> None:
    session, transport, card = session_for("one_try_left")
    pin = bytearray(b"0000")
    with pytest.raises(CardError) as info:
        read_resident(session, pin)
    assert info.value.code == "last_try_refused" and info.value.exit_code == 3
    assert all(len(a) == 4 or a[1] != 0x20 for a in transport.sent)
    assert card.tries_left == 1 and pin == bytearray()


def test_wrong_pin_is_never_retried() -> None:
    session, transport, card = session_for("sample")
    with pytest.raises(CardError) as info:
        read_resident(session, bytearray(b"0000"))
    assert info.value.tries_left == 2 and card.tries_left == 2
    assert sum(1 for a in transport.sent if a[1] == 0x20 and len(a) > 4) == 1


def test_verify_not_sent_when_card_already_verified() -> None:
    session, transport, card = session_for("sample")
    read_resident(session, bytearray(b"1234"))
    again = read_resident(session, bytearray(b"9999"))  # same power cycle: card says 90 00
    assert again.name == card.profile.name and card.tries_left == 3


def test_security_status_without_verify() -> None:
    session, _, _ = session_for("sample")
    with pytest.raises(CardError):
        session.read_basic_info()


def test_pin_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    session, _, _ = session_for("sample", pin="4791")
    read_resident(session, bytearray(b"4791"))
    with pytest.raises(CardError):
        read_resident(session_for("sample", pin="4791")[0], bytearray(b"4790"))
    assert "APDU" in caplog.text
    for leak in ("4791", "4790", "34 37 39 31", "34373931"):
        assert leak not in caplog.text
