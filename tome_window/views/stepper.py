"""A whole number chosen with large − and + buttons beside the value: no spin-box arrows,
every target >= 11 mm on a 10-inch 1280x800 tablet (64 px)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QPushButton, QSpinBox, QWidget

from tome_window.views.names import name_action, set_look

TARGET = 64  # px: 11 mm at the 151 dpi of a 10-inch 1280x800 tablet


class Stepper(QWidget):
    """− value +; `valueChanged` like QSpinBox's (set the value before connecting it)."""

    valueChanged = Signal(int)  # noqa: N815 - Qt's name

    def __init__(self, ref: str = "", minimum: int = 0, maximum: int = 999,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        suffix = f"/{ref}" if ref else ""
        self.minus = name_action(QPushButton("−"), f"decrement{suffix}")
        self.plus = name_action(QPushButton("+"), f"increment{suffix}")
        self.field = QSpinBox()
        self.field.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setRange(minimum, maximum)
        self.field.setMinimumHeight(TARGET)
        self.field.setMinimumWidth(2 * TARGET)
        for button in (self.minus, self.plus):
            # The theme's QPushButton min-height (plus padding) is applied at polish and
            # replaces a minimum set here, so the target size is the theme's stepper rule;
            # the fixed height keeps it when no theme is loaded.
            set_look(button, "stepper")
            button.setMinimumWidth(TARGET)
            button.setFixedHeight(TARGET)
            button.setAutoRepeat(True)
        layout.addWidget(self.minus)
        layout.addWidget(self.field)
        layout.addWidget(self.plus)
        layout.addStretch(1)
        self.minus.clicked.connect(lambda: self.field.stepBy(-1))
        self.plus.clicked.connect(lambda: self.field.stepBy(1))
        self.field.valueChanged.connect(self._changed)
        self._changed(self.field.value(), emit=False)

    def _changed(self, value: int, *, emit: bool = True) -> None:
        self.minus.setEnabled(value > self.field.minimum())
        self.plus.setEnabled(value < self.field.maximum())
        if emit:
            self.valueChanged.emit(value)

    def setRange(self, minimum: int, maximum: int) -> None:  # noqa: N802 - Qt's name
        self.field.setRange(minimum, maximum)
        self._changed(self.field.value(), emit=False)

    def minimum(self) -> int:
        return self.field.minimum()

    def maximum(self) -> int:
        return self.field.maximum()

    def value(self) -> int:
        return self.field.value()

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt's name
        self.field.setValue(value)
