"""The identity step's CardPanel reading the virtual card through pcscd + vpcd (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tome_window.devices.card_reader import CardReader
from tome_window.devices.worker import DeviceWorker
from tome_window.views.identity_card import CardPanel

pytestmark = pytest.mark.card


@pytest.fixture
def make_panel(qtbot):
    made = []

    def make(needs_my_number: bool = False) -> CardPanel:
        worker = DeviceWorker()
        panel = CardPanel(
            lambda: needs_my_number, reader=CardReader(worker=worker, reader="Virtual PCD 00 00")
        )
        qtbot.addWidget(panel)
        panel.show()
        made.append((panel, worker))
        return panel

    yield make
    for panel, worker in made:
        panel.stop()
        worker.shutdown()


def type_pin(qtbot, panel: CardPanel, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(panel.digit_buttons[digit], Qt.MouseButton.LeftButton)


def test_reads_the_card_and_emits_a_resident(vcard, qtbot, make_panel) -> None:
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.tries_left == 3, timeout=8000)
    assert "3回" in panel.tries_label.text()  # shown before the resident types
    assert not panel.read_button.isEnabled()
    type_pin(qtbot, panel, "1234")
    assert panel.pin_display.text() == "●●●●" and "1234" not in panel.pin_display.text()
    with qtbot.waitSignal(panel.resident_read, timeout=8000) as blocker:
        qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    resident = blocker.args[0]
    assert resident.source == "card" and resident.name == "登米\u3000太郎"
    assert resident.birth_date.isoformat() == "1980-04-01" and resident.sex == "1"
    assert resident.my_number is None
    assert panel.pin_display.text() == "○○○○"


def test_my_number_when_needed_is_masked_on_screen(vcard, qtbot, make_panel) -> None:
    panel = make_panel(needs_my_number=True)
    qtbot.waitUntil(lambda: panel.tries_left == 3, timeout=8000)
    type_pin(qtbot, panel, "1234")
    with qtbot.waitSignal(panel.resident_read, timeout=8000) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert blocker.args[0].my_number == "123456789018"
    assert "9018" in panel.status_label.text() and "12345678" not in panel.status_label.text()


def test_wrong_pin_shows_new_count(vcard, qtbot, make_panel) -> None:
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.tries_left == 3, timeout=8000)
    qtbot.keyClicks(panel, "9999")
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tries_left == 2, timeout=8000)
    assert "残り2回" in panel.status_label.text() and vcard.card.tries_left == 2


def test_last_try_needs_staff_confirmation(vcard, qtbot, make_panel) -> None:
    vcard.load("one_try_left")
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.tries_left == 1, timeout=8000)
    assert panel.staff_confirm.isVisible() and "職員" in panel.staff_confirm.text()
    type_pin(qtbot, panel, "1234")
    assert not panel.read_button.isEnabled()
    panel.start_read()  # even a forced attempt does not reach the card
    assert vcard.card.tries_left == 1 and "職員の確認" in panel.status_label.text()
    panel.staff_confirm.setChecked(True)
    assert panel.read_button.isEnabled()
    with qtbot.waitSignal(panel.resident_read, timeout=8000):
        qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    assert vcard.card.tries_left == 3


def test_blocked_card_explains_where_to_reset(vcard, qtbot, make_panel) -> None:
    vcard.load("blocked")
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.tries_left == 0, timeout=8000)
    assert panel.blocked_label.isVisible()
    assert "本庁舎または各総合支所の市民課窓口" in panel.blocked_label.text()
    assert not any(b.isEnabled() for b in panel.digit_buttons.values())


def test_card_removed_and_clear(vcard, qtbot, make_panel) -> None:
    panel = make_panel()
    qtbot.waitUntil(lambda: panel.tries_left == 3, timeout=8000)
    type_pin(qtbot, panel, "12")
    vcard.remove()
    qtbot.waitUntil(lambda: "置かれていません" in panel.card_label.text(), timeout=8000)
    assert panel.pin_display.text() == "○○○○" and panel.tries_left is None
    vcard.insert()
    qtbot.waitUntil(lambda: panel.tries_left == 3, timeout=8000)
    panel.clear()
    assert panel.tries_left is None and panel.status_label.text() == ""
