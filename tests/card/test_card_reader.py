"""CardReader (the device worker's door) in-process against pcscd + vpcd + the virtual card."""

from __future__ import annotations

import logging
import queue

import pytest

from tome_window.devices.card_reader import CardReader, DeviceEvent
from tome_window.devices.errors import CardError
from tome_window.devices.pcsc import PcscContext
from tome_window.devices.worker import DeviceWorker, WrongThreadError

pytestmark = pytest.mark.card


@pytest.fixture
def reader():
    worker = DeviceWorker()
    card_reader = CardReader(worker=worker, reader="Virtual PCD 00 00")
    yield card_reader
    card_reader.stop()
    worker.shutdown()


@pytest.mark.parametrize(
    "name",
    [
        "sample",
        "kanji_variants",
        "fullwidth_digits",
        "long_form_81",
        "long_form_82",
        "long_name_address",
        "quirk_6c",
        "quirk_61",
        "extended_on",
        "extended_refused",
    ],
)
def test_profiles_read_exactly_as_on_the_card(vcard, reader, name: str) -> None:
    vcard.load(name)
    resident = reader.read(bytearray(b"1234"), with_my_number=True)
    profile = vcard.card.profile
    assert (resident.name, resident.address, resident.sex) == (
        profile.name,
        profile.address,
        profile.sex,
    )
    assert resident.birth_date.strftime("%Y%m%d") == profile.birth
    assert resident.my_number == profile.my_number


def test_pyscard_only_on_the_device_thread() -> None:
    with pytest.raises(WrongThreadError):
        PcscContext().readers()


def test_pin_never_in_logs(vcard, reader, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    vcard.load("sample", pin="4791")
    reader.read(bytearray(b"4791"))
    with pytest.raises(CardError):
        reader.read(bytearray(b"4790"))
    assert "APDU" in caplog.text and "wrong PIN" in caplog.text
    for leak in ("4791", "4790", "34 37 39 31", "34373931"):
        assert leak not in caplog.text


def test_watch_reports_card_state_and_tries(vcard, reader) -> None:
    events: queue.Queue[DeviceEvent] = queue.Queue()
    vcard.load("one_try_left")
    reader.watch(events.put)

    def next_kind(kind: str) -> DeviceEvent:
        while True:
            event = events.get(timeout=8)
            if event.kind == kind:
                return event

    assert "Virtual PCD 00 00" in next_kind("readers").readers
    placed = next_kind("card_placed")
    assert placed.tries_left == 1 and vcard.card.tries_left == 1
    vcard.remove()
    assert next_kind("card_removed").reader == "Virtual PCD 00 00"
    vcard.load("not_my_number")
    error = next_kind("error").error
    assert error is not None and error.code == "not_my_number_card"
