"""Staff's side of a PIN pad that lives on the resident's view.

The resident types their PIN on their own screen (views/resident_view.py), never on staff's
beside the manual-entry fields, whether it is the resident's own card (本人確認) or a family
member's (世帯の方). Staff's page shows instead, in Japanese, what the pad shows: reader,
card, tries left, how many digits were typed (never which) and the message; a button that
gives the window to the resident when there is one screen; and, when the resident has a
screen of their own, the last-try tick (staff must be able to reach it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, set_text

if TYPE_CHECKING:
    from tome_window.views.identity_card import CardPanel
    from tome_window.views.resident_view import ResidentView

CONTEXT = "PadMirror"
HAND_OVER = QT_TRANSLATE_NOOP("PadMirror", "ご本人の画面で暗証番号を入力")


class PadMirror(QWidget):
    resident_turn = Signal(bool)  # the pad on the resident's screen is (not) theirs now

    def __init__(self, panel: CardPanel, host: ResidentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.host = host
        host.add_pad(panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mirror = QLabel()
        self.mirror.setObjectName("cardMirror")
        self.mirror.setWordWrap(True)
        layout.addWidget(self.mirror)
        self.tick_box = QVBoxLayout()  # the last-try tick, with two screens
        layout.addLayout(self.tick_box)
        self.pin_button = name_action(QPushButton(), "resident_pin")
        self.pin_button.setMinimumHeight(52)
        self.pin_button.clicked.connect(lambda: self.turn(True))
        layout.addWidget(self.pin_button)
        panel.state_changed.connect(self.refresh)
        panel.card_ready.connect(self._card_placed)
        set_text(self.pin_button, QCoreApplication.translate(CONTEXT, HAND_OVER))
        self.refresh()

    def refresh(self) -> None:
        self.mirror.setText(self.panel.staff_summary())

    def placed(self, embedded: bool) -> None:
        """The resident view moved: the last-try tick goes where staff can reach it."""
        panel = self.panel
        if embedded:
            panel.info.insertWidget(panel.info.indexOf(panel.blocked_label), panel.staff_confirm)
        else:
            self.tick_box.addWidget(panel.staff_confirm)
        self.pin_button.setVisible(embedded)

    def turn(self, on: bool) -> None:
        if on:
            self.host.show_pad(self.panel)
        self.resident_turn.emit(on)

    def _card_placed(self) -> None:
        """A card on the reader while this pad is in use: the resident types the PIN."""
        if self.isVisible() or (self.host.isVisible() and self.host.current_name() == "pin"
                                and self.host.pads.currentWidget() is self.panel):
            self.turn(True)
