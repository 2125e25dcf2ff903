"""What stops the applications from going to paper, per form and field, on the export page.

The list is the gate's (services/gate.py): a missing required field, an invalid or only
suggested value, a 外字 or a value that does not fit its box. Staff either put it right
(「修正する」 goes back to the review) or let one field pass with a reason; the service keeps
the reason and audits it without the value, and the page then carries 「要確認」 beside that
box so whoever handles the paper checks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.visit import OVERRIDE_REASONS
from tome_window.views.names import name_action, name_input, set_text

if TYPE_CHECKING:
    from tome_window.services.gate import GateProblem


class GatePanel(QFrame):
    override_requested = Signal(str, str)  # field ref, reason code
    correct_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gatePanel")
        self.setProperty("role", "warning")
        self._layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("gateTitle")
        self._layout.addWidget(self.title)
        self._rows = QVBoxLayout()
        self._layout.addLayout(self._rows)
        self.correct_button = name_action(QPushButton(), "correct")
        self.correct_button.setMinimumHeight(48)
        self.correct_button.clicked.connect(self.correct_requested)
        self._layout.addWidget(self.correct_button)
        self.refs: list[str] = []
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        set_text(self.correct_button, self.tr("確認画面に戻って修正する"))

    def set_problems(self, problems: list[GateProblem]) -> None:
        """Show one row per field (a field with two problems is one row, one override)."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # off screen now: deleteLater waits for the event loop
                widget.setParent(None)
                widget.deleteLater()
        by_field: dict[str, list[GateProblem]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem)
        self.refs = list(by_field)
        self.title.setText(self.tr("次の {count} 項目を確認してください。直すか、理由を選んで"
                                   "このまま出力を許可できます(用紙に「要確認」と印字されます)。")
                           .format(count=len(by_field)))
        for ref, found in by_field.items():
            self._rows.addWidget(self._row(ref, found))
        self.setVisible(bool(by_field))

    def _row(self, ref: str, found: list[GateProblem]) -> QWidget:
        row = QWidget()
        row.setObjectName(f"gate:{ref}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel("\n".join(p.message for p in found))
        text.setWordWrap(True)
        layout.addWidget(text, 1)
        reasons = name_input(QComboBox(), f"reason/{ref}", self.tr("許可の理由"))
        reasons.addItem(self.tr("許可の理由を選ぶ"), "")
        for code, label in OVERRIDE_REASONS.items():
            reasons.addItem(label, code)
        layout.addWidget(reasons)
        allow = name_action(QPushButton(self.tr("このまま出力を許可")), f"override/{ref}")
        allow.setEnabled(False)
        reasons.currentIndexChanged.connect(lambda _i: allow.setEnabled(bool(reasons.currentData())))
        allow.clicked.connect(lambda: self.override_requested.emit(ref, reasons.currentData()))
        layout.addWidget(allow)
        return row

    def clear(self) -> None:
        self.set_problems([])
