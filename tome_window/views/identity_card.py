"""The identity step's card panel: reader and card state, tries left, the resident's PIN pad.

The resident types the 4-digit 券面事項入力補助用 PIN here, so the pad is large, touch-sized
and masked, and it shows the tries left *before* the first digit. Two rules protect the
resident's card: the last try is spent only after staff tick their confirmation on this
panel, and a blocked card gets a plain sentence about where the PIN is reset.

All card work goes through :class:`~tome_window.devices.card_reader.CardReader`, i.e. the
one device worker; its events and results come back as queued signals, so widgets are
only touched on the GUI thread. The PIN lives in a bytearray that is handed to the worker
(which wipes it after VERIFY) and replaced by an empty one; it is never put in a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tome_window.devices.card_reader import CardReader, DeviceEvent
from tome_window.devices.errors import CardError
from tome_window.devices.mynumber import PIN_DIGITS, mask_my_number, wipe
from tome_window.domain.resident import Resident
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, name_option, set_look, set_text

log = logging.getLogger(__name__)

STAFF_CONFIRM_TEXT = "【職員確認】暗証番号の残りは1回です。本人と確認のうえ読み取ります"
STAFF_CONTEXT = "CardPanelStaff"  # staff's own line on the resident's pad: stays Japanese
QT_TRANSLATE_NOOP("CardPanelStaff", "【職員確認】暗証番号の残りは1回です。本人と確認のうえ読み取ります")

# The resident reads the card's errors, so the pad shows them in the resident's language.
# Sources are the device layer's Japanese messages word for word (a test keeps them equal).
CARD_MESSAGES = {
    "wrong_pin": QT_TRANSLATE_NOOP("CardPanel", "暗証番号が違います。残り{tries}回です。"),
    "invalid_pin": QT_TRANSLATE_NOOP("CardPanel", "暗証番号は数字4桁で入力してください。"),
    "last_try_refused": QT_TRANSLATE_NOOP(
        "CardPanel",
        "暗証番号の残り回数が1回です。間違えるとロックされます。職員の確認後に読み取ります。"),
    "pin_blocked": QT_TRANSLATE_NOOP(
        "CardPanel",
        "暗証番号がロックされています。暗証番号の再設定は、本庁舎または各総合支所の市民課窓口で"
        "受け付けます。本人確認書類をお持ちください。"),
    "no_reader": QT_TRANSLATE_NOOP(
        "CardPanel", "カードリーダーが接続されていません。接続を確認してください。"),
    "no_card": QT_TRANSLATE_NOOP(
        "CardPanel", "カードが置かれていません。カードをリーダーに置いてください。"),
    "card_removed": QT_TRANSLATE_NOOP(
        "CardPanel",
        "読み取り中にカードが離れました。カードを置き直して、もう一度お試しください。"),
    "card_io": QT_TRANSLATE_NOOP(
        "CardPanel",
        "カードと通信できませんでした。もう一度お試しいただくか、職員が手入力で進めます。"),
    "not_my_number_card": QT_TRANSLATE_NOOP(
        "CardPanel",
        "マイナンバーカードではないようです。カードを確認してください。"
        "もう一度お試しいただくか、職員が手入力で進めます。"),
}


class _Bridge(QObject):
    """Lives on the GUI thread; the device worker emits, Qt queues to the GUI thread."""

    device_event = Signal(object)
    finished = Signal(object, object)


class CardPanel(QWidget):
    """One panel watches the reader at a time (the device worker has one idle step): a
    panel that starts takes the reader over from the one watching, which stops and forgets
    its PIN; the resident page takes it back when shown again."""

    resident_read = Signal(object)
    message = Signal(str)
    state_changed = Signal()  # staff's mirror of the pad follows (staff_summary)
    card_ready = Signal()  # a card was placed: the resident's turn to type the PIN
    _watcher: ClassVar[CardPanel | None] = None

    def __init__(
        self,
        needs_my_number: Callable[[], bool],
        parent: QWidget | None = None,
        reader: CardReader | None = None,
    ) -> None:
        super().__init__(parent)
        self.needs_my_number = needs_my_number
        self.reader = reader or CardReader()
        self._pin = bytearray()
        self._tries: int | None = None
        self._card_ready = False
        self._busy = False
        self._watching = False
        self._bridge = _Bridge(self)
        self._bridge.device_event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._texts: dict[str, tuple[str, dict[str, Any]]] = {}  # label name → (source, args)
        self._build()
        self._refresh()
        self.start()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        set_look(self, "pin_pad")  # theme.qss sizes every text of the pad (>= 20 pt, digits 32 pt)
        # Two columns, what the card says beside the digits: one column of both was 891 px
        # high and did not fit a 1024×768 tablet; side by side they fit 800 px wide too.
        sides = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.sides = sides
        layout = QVBoxLayout()
        sides.addLayout(layout, 1)
        self.reader_label = self._label("readerState", "", 14)
        self._set(self.reader_label, QT_TRANSLATE_NOOP("CardPanel", "カードリーダーを確認しています…"))
        self.card_label = self._label("cardState", "", 14)
        self.tries_label = self._label("triesLeft", "", 18)
        self.pin_display = self._label("input:pin", "", 36)  # typed on the pad, never held here
        self.pin_display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blocked_label = self._label("blockedHelp", "", 16)
        self._set(self.blocked_label, CARD_MESSAGES["pin_blocked"])
        self.status_label = self._label("cardMessage", "", 14)
        self.staff_confirm = QCheckBox(QCoreApplication.translate(STAFF_CONTEXT, STAFF_CONFIRM_TEXT))
        name_option(self.staff_confirm, "confirm:last_try")
        set_look(self.staff_confirm, "pin_staff")
        self.staff_confirm.toggled.connect(lambda _checked: self._refresh())
        for widget in (self.reader_label, self.card_label, self.tries_label, self.pin_display):
            layout.addWidget(widget)
        pad = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("1234567890"):
            button = name_action(self._button(digit, lambda _=False, d=digit: self.press_digit(d)),
                                 f"digit/{digit}")
            set_look(button, "pin_digit")
            self.digit_buttons[digit] = button
            row, col = (index // 3, index % 3) if digit != "0" else (3, 1)
            pad.addWidget(button, row, col)
        self.clear_button = name_action(self._button("", self.clear_pin), "clear_pin")
        self.read_button = name_action(self._button("", self.start_read), "read_card")
        set_look(self.clear_button, "pin_action")
        set_look(self.read_button, "pin_action")
        pad.addWidget(self.clear_button, 3, 0)
        pad.addWidget(self.read_button, 3, 2)
        layout.addWidget(self.staff_confirm)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        keys = QVBoxLayout()
        keys.addLayout(pad)
        keys.addStretch(1)
        sides.addLayout(keys, 1)
        self.info = layout  # where the last-try tick sits when it is beside the pad
        self._retranslate_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Side by side on a landscape screen, the digits under the messages on a portrait
        one (where 読み取り would not fit a third of the width beside them)."""
        window = self.window()
        wide = window.width() >= window.height()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.sides.direction() != direction:
            self.sides.setDirection(direction)
        super().resizeEvent(event)

    def _retranslate_buttons(self) -> None:
        set_text(self.clear_button, self.tr("消去"))
        set_text(self.read_button, self.tr("読み取り"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The resident chose another language: every text on the pad follows at once."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_buttons()
            set_text(self.staff_confirm, QCoreApplication.translate(STAFF_CONTEXT, STAFF_CONFIRM_TEXT))
            for name, (source, args) in list(self._texts.items()):
                label = self.findChild(QLabel, name)
                if label is not None:
                    self._set(label, source, **args)
            self._refresh()
        super().changeEvent(event)

    def _set(self, label: QLabel, source: str, **args: Any) -> None:
        """Show a translatable text and remember its source, to translate it again later."""
        self._texts[label.objectName()] = (source, args)
        text = self.tr(source) if source else ""
        label.setText(text.format(**args) if args else text)

    def _label(self, name: str, text: str, points: int) -> QLabel:
        """A label of the pad; its size is the theme's (`look`), `points` only says which."""
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        set_look(label, "pin_display" if points >= 36 else "pin_tries" if points >= 18 else "pin_text")
        return label

    def _button(self, text: str, slot: Callable[..., Any]) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumSize(88, 72)  # >= 11 mm on a 10-inch tablet; the theme sizes the text
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    # -- public ----------------------------------------------------------------------------
    def start(self) -> None:
        other = CardPanel._watcher
        if other is not None and other is not self:
            try:
                other.stop()
            except RuntimeError:  # its window is gone (Qt deleted the widget)
                pass
        CardPanel._watcher = self
        if not self._watching:
            self._watching = True
            self.reader.watch(self._bridge.device_event.emit)

    @property
    def watching(self) -> bool:
        return self._watching

    def stop(self) -> None:
        """End of visit: stop watching the reader and let go of the card."""
        if CardPanel._watcher is self:
            CardPanel._watcher = None
        if self._watching:
            self._watching = False
            self._card_ready = False
            self._set(self.card_label, QT_TRANSLATE_NOOP("CardPanel", "カード: 置かれていません"))
            self.reader.stop(wait=False)
        self.clear()

    def clear(self) -> None:
        """Forget everything about this resident: PIN, tries, messages, confirmation."""
        self.clear_pin()
        self._tries = None
        self.staff_confirm.setChecked(False)
        self._set(self.status_label, "")
        self._refresh()

    @property
    def tries_left(self) -> int | None:
        return self._tries

    def press_digit(self, digit: str) -> None:
        if len(self._pin) < PIN_DIGITS and not self._busy and digit.isascii() and digit.isdigit():
            self._pin.append(ord(digit))
            self._refresh()

    def clear_pin(self) -> None:
        wipe(self._pin)
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        text = event.text()
        if text.isascii() and text.isdigit() and len(text) == 1:
            self.press_digit(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.clear_pin()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.start_read()
        else:
            super().keyPressEvent(event)

    def can_read(self) -> bool:
        if self._busy or not self._card_ready or len(self._pin) != PIN_DIGITS:
            return False
        if self._tries == 0:
            return False
        return self._tries != 1 or self.staff_confirm.isChecked()

    def start_read(self) -> None:
        if not self.can_read():
            if self._tries == 1 and not self.staff_confirm.isChecked():
                self._say(QT_TRANSLATE_NOOP("CardPanel", "残り1回のため、職員の確認が必要です。"))
            return
        pin, self._pin = self._pin, bytearray()  # the worker wipes the handed-over buffer
        self._busy = True
        self._say(QT_TRANSLATE_NOOP("CardPanel", "読み取り中です。カードを動かさないでください。"))
        self._refresh()
        future = self.reader.read_placed(
            pin,
            with_my_number=bool(self.needs_my_number()),
            confirm_last_try=self.staff_confirm.isChecked(),
        )
        future.add_done_callback(self._relay_result)

    # -- from the device worker (queued) -------------------------------------------------
    def _relay_result(self, future: Future[Resident]) -> None:
        exc = future.exception()
        self._bridge.finished.emit(None if exc else future.result(), exc)

    @Slot(object, object)
    def _on_finished(self, resident: Resident | None, exc: BaseException | None) -> None:
        self._busy = False
        self.staff_confirm.setChecked(False)
        if resident is not None:
            self._card_ready = False  # read once; place the card again to read again
            if resident.my_number:
                self._say(QT_TRANSLATE_NOOP("CardPanel", "カードから読み取りました。(個人番号 {number})"),
                          number=mask_my_number(resident.my_number))
            else:
                self._say(QT_TRANSLATE_NOOP("CardPanel", "カードから読み取りました。"))
            self._refresh()
            self.resident_read.emit(resident)
            return
        if isinstance(exc, CardError):
            if exc.tries_left is not None:
                self._tries = exc.tries_left
            if exc.code in ("card_removed", "no_card", "not_my_number_card", "no_reader"):
                self._card_ready = False
            self._say_error(exc)
        else:
            log.error("card read failed unexpectedly: %r", type(exc).__name__)
            self._say(QT_TRANSLATE_NOOP(
                "CardPanel",
                "カードを読み取れませんでした。もう一度お試しいただくか、職員が手入力で進めます。"))
        self._refresh()

    @Slot(object)
    def _on_event(self, event: DeviceEvent) -> None:
        if not self._watching:
            return
        if event.kind == "readers":
            if event.readers:
                self._set(self.reader_label,
                          QT_TRANSLATE_NOOP("CardPanel", "カードリーダー: 接続されています({count}台)"),
                          count=len(event.readers))
            else:
                self._set(self.reader_label, CARD_MESSAGES["no_reader"])
        elif event.kind == "card_placed":
            self._card_ready = True
            self._tries = event.tries_left
            self.card_ready.emit()
            self._set(self.card_label, QT_TRANSLATE_NOOP("CardPanel", "カード: 置かれています"))
            self._say(
                QT_TRANSLATE_NOOP("CardPanel", "暗証番号(数字4桁)を入力して「読み取り」を押してください。")
                if event.tries_left != 0
                else ""
            )
        elif event.kind == "card_removed":
            self._card_ready = False
            self._tries = None
            self.clear_pin()
            self.staff_confirm.setChecked(False)
            self._set(self.card_label, QT_TRANSLATE_NOOP("CardPanel", "カード: 置かれていません"))
            if not self._busy:
                self._say(QT_TRANSLATE_NOOP("CardPanel", "カードをリーダーに置いてください。"))
        elif event.kind == "error" and event.error is not None:
            self._card_ready = False
            if event.error.code in ("no_reader", "pcsc_unavailable"):
                self._show_error(self.reader_label, event.error)
            self._say_error(event.error)
        self._refresh()

    # -- state -----------------------------------------------------------------------------
    def _say(self, source: str, **args: Any) -> None:
        self._set(self.status_label, source, **args)
        self.state_changed.emit()
        if source:
            self.message.emit(self.status_label.text())

    def _error_text(self, exc: CardError) -> tuple[str, dict[str, Any]]:
        source = CARD_MESSAGES.get(exc.code)
        if source is None:  # not one the resident needs in their language: staff read it
            return "", {}
        tries = "?" if exc.tries_left is None else str(exc.tries_left)
        return source, ({"tries": tries} if "{tries}" in source else {})

    def _show_error(self, label: QLabel, exc: CardError) -> None:
        source, args = self._error_text(exc)
        if source:
            self._set(label, source, **args)
        else:
            self._texts.pop(label.objectName(), None)
            label.setText(exc.message_ja)

    def _say_error(self, exc: CardError) -> None:
        self._show_error(self.status_label, exc)
        self.state_changed.emit()
        self.message.emit(self.status_label.text())

    def _refresh(self) -> None:
        filled = len(self._pin)
        self.pin_display.setText("●" * filled + "○" * (PIN_DIGITS - filled))
        if self._tries is None:
            self.tries_label.setText(
                self.tr("暗証番号の残り回数: —") if not self._card_ready
                else self.tr("暗証番号は照合済みです")
            )
        else:
            self.tries_label.setText(self.tr("暗証番号の残り回数: {tries}回").format(tries=self._tries))
        blocked = self._tries == 0
        self.blocked_label.setVisible(blocked)
        self.staff_confirm.setVisible(self._tries == 1 and self._card_ready)
        typing = self._card_ready and not self._busy and not blocked
        for button in self.digit_buttons.values():
            button.setEnabled(typing and filled < PIN_DIGITS)
        self.clear_button.setEnabled(typing and filled > 0)
        self.read_button.setEnabled(self.can_read())
        if not self._card_ready and not self.card_label.text():
            self._set(self.card_label, QT_TRANSLATE_NOOP("CardPanel", "カード: 置かれていません"))
        self.state_changed.emit()

    def spoken_text(self) -> str:
        """What read-aloud says on the PIN page, in the resident's language: the card, the
        tries left and the message; never the digits (the display holds only dots)."""
        labels = (self.card_label, self.tries_label, self.blocked_label, self.status_label)
        return "\n".join(label.text() for label in labels if label.isVisible() and label.text())

    def staff_summary(self) -> str:
        """The pad's state for staff's screen, in Japanese whatever the resident reads:
        reader, card, tries left, how many digits were typed (never which), the message."""
        lines = []
        for label in (self.reader_label, self.card_label, self.status_label):
            source, args = self._texts.get(label.objectName(), ("", {}))
            text = source.format(**args) if source and args else source or label.text()
            if text:
                lines.append(text)
        if self._tries is not None:
            lines.insert(2, f"暗証番号の残り回数: {self._tries}回")
        if self._card_ready:
            lines.insert(3 if self._tries is not None else 2,
                         f"入力: {len(self._pin)}/{PIN_DIGITS}桁")
        return "\n".join(lines)
