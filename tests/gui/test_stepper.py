"""The integer editor: large − / + buttons, no spin-box arrows, typing works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from tome_window.views.stepper import TARGET, Stepper


def test_buttons_step_within_bounds(qtbot) -> None:  # noqa: ANN001
    stepper = Stepper("household.count", 1, 3)
    qtbot.addWidget(stepper)
    stepper.show()
    seen: list[int] = []
    stepper.setValue(1)
    stepper.valueChanged.connect(seen.append)
    assert not stepper.minus.isEnabled()
    qtbot.mouseClick(stepper.plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stepper.plus, Qt.MouseButton.LeftButton)
    assert stepper.value() == 3 and not stepper.plus.isEnabled()
    stepper.plus.click()
    assert stepper.value() == 3
    qtbot.mouseClick(stepper.minus, Qt.MouseButton.LeftButton)
    assert stepper.value() == 2 and seen == [2, 3, 2]
    assert stepper.field.buttonSymbols() is QAbstractSpinBox.ButtonSymbols.NoButtons
    assert stepper.minus.objectName() == "action:decrement/household.count"
    assert stepper.plus.objectName() == "action:increment/household.count"
    for button in (stepper.minus, stepper.plus):
        assert button.width() >= TARGET and button.height() >= TARGET


def test_typing_sets_the_value(qtbot) -> None:  # noqa: ANN001
    stepper = Stepper("", 0, 99)
    qtbot.addWidget(stepper)
    stepper.show()
    line = stepper.field.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "42")
    assert stepper.value() == 42
