"""The integer editor: large − / + buttons, no spin-box arrows, typing works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QVBoxLayout, QWidget

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


def test_theme_keeps_the_target_size(qtbot) -> None:  # noqa: ANN001
    """The theme's QPushButton min-height and padding replace sizes set in code at polish
    (a 58 px button once); the stepper's own rule keeps − / + at the target."""
    from tome_window.views.app import UI_DIR

    holder = QWidget()
    holder.setStyleSheet((UI_DIR / "theme.qss").read_text(encoding="utf-8"))
    layout = QVBoxLayout(holder)
    stepper = Stepper("household.count", 0, 9)
    layout.addWidget(stepper)
    qtbot.addWidget(holder)
    holder.resize(400, 60)  # a squeezed form
    holder.show()
    qtbot.waitExposed(holder)
    for button in (stepper.minus, stepper.plus):
        assert button.width() >= TARGET and button.height() >= TARGET
