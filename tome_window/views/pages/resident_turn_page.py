"""Staff's side of the resident's check: where the resident is, and the choice of paper.

The check itself runs on the resident's screen (views/resident_view.py). While it does,
staff's window shows this page: which form the resident reads, how many they have seen,
how many rows they want corrected; whether the resident signs on the tablet or, when staff
choose paper, with a pen on the printed forms; and, with a single screen, the way to hand
the window back to the resident.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from tome_window.views.names import name_action, name_option, set_text
from tome_window.views.pages.base import heading

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession


class ResidentTurnPage(QWidget):
    """Not a step of its own: the staff-screen stand-in of the resident's check step."""

    hand_over = Signal()  # single screen: give the window to the resident again

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ResidentTurnPage")
        layout = QVBoxLayout(self)
        self.heading = heading("")
        layout.addWidget(self.heading)
        self.where = QLabel()
        self.where.setObjectName("residentWhereDetail")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.paper = name_option(QCheckBox(), "sign:paper")
        self.paper.setMinimumHeight(44)
        layout.addWidget(self.paper)
        self.hand_button = name_action(QPushButton(), "resident_view")
        self.hand_button.setMinimumHeight(52)
        self.hand_button.clicked.connect(self.hand_over)
        layout.addWidget(self.hand_button)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("ご本人が画面で内容を確認しています"))
        set_text(self.paper, self.tr("署名は印刷した用紙にペンで書いていただく(タブレットで署名しない)"))
        set_text(self.hand_button, self.tr("ご本人の画面を表示"))

    def show_where(self, text: str) -> None:
        self.where.setText(text)

    def set_embedded(self, embedded: bool) -> None:
        self.hand_button.setVisible(embedded)

    @property
    def sign_on_paper(self) -> bool:
        return self.paper.isChecked()

    def clear(self) -> None:
        self.paper.setChecked(False)
        self.where.clear()
