"""The resident's own check: large text, only this resident's forms, one clear answer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.views.pages.base import Page, clear_layout, heading, scrolled
from tome_window.views.pages.review_page import shown


class ConfirmPage(Page):
    title = "ご本人の確認"
    resident_facing = True
    confirmed = Signal()
    correction_requested = Signal()

    def __init__(self, session, parent=None) -> None:  # noqa: ANN001
        super().__init__(session, parent)
        outer = QVBoxLayout(self)
        outer.addWidget(heading("内容をご確認ください", "residentTitle"))
        hint = QLabel("違うところがあれば「訂正したい」を押して、職員にお知らせください。")
        hint.setObjectName("residentHint")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.inner = QWidget()
        self.box = QVBoxLayout(self.inner)
        outer.addWidget(scrolled(self.inner), 1)
        buttons = QHBoxLayout()
        fix = QPushButton("訂正したい")
        fix.setObjectName("residentSecondary")
        fix.clicked.connect(self.correction_requested)
        ok = QPushButton("この内容で間違いありません")
        ok.setObjectName("residentPrimary")
        ok.clicked.connect(self._confirm)
        buttons.addWidget(fix, 1)
        buttons.addWidget(ok, 2)
        outer.addLayout(buttons)

    def enter(self) -> None:
        clear_layout(self.box)
        for form in self.session.forms():
            card = QFrame()
            card.setObjectName("residentCard")
            grid = QGridLayout(card)
            grid.addWidget(heading(form.procedure.title, "residentFormTitle"), 0, 0, 1, 2)
            row = 1
            for fs in form.fields:
                if fs.key.startswith("visit."):
                    continue
                label = QLabel(fs.field.label)
                label.setObjectName("residentLabel")
                label.setWordWrap(True)
                value = QLabel(shown(fs) or "(なし)")
                value.setObjectName("residentValue")
                value.setWordWrap(True)
                grid.addWidget(label, row, 0)
                grid.addWidget(value, row, 1)
                row += 1
            grid.setColumnStretch(1, 1)
            self.box.addWidget(card)
        self.box.addStretch(1)

    def _confirm(self) -> None:
        self.session.set_status("confirmed", "resident_confirm")
        self.confirmed.emit()

    def clear(self) -> None:
        clear_layout(self.box)

