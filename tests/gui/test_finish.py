"""「受付を終了」 asks with a summary first; confirming clears every view, the clipboard and
the selection; a disabled button looks disabled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPushButton

from tome_window.domain.resident import Resident
from tome_window.views import tasks
from tome_window.views.names import set_look

ANSWERS = {"juminhyo_koufu.kind": "household_all", "juminhyo_koufu.purpose": "work",
           "phone": "0220-22-2111", "applicant_relation": "self"}


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_finish_asks_then_clears_everything(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    import json
    from pathlib import Path

    win = window
    session = win.session
    qtbot.waitUntil(win.start.button.isEnabled)
    click(qtbot, win.start.button)
    session.begin(event_id=None, procedure_ids=["juminhyo_koufu"])
    data = json.loads((Path(__file__).resolve().parents[1] / "data" / "resident_tennyu.json")
                      .read_text(encoding="utf-8"))
    data["name_kana"] = "トメ　タロウ"
    session.set_resident(Resident.from_json(data, source="file"))
    for key, value in ANSWERS.items():
        assert session.answer(key, value) is None
    made: list[object] = []
    session.export({"json", "csv"}, tmp_path, made.append, made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30000)
    win.resident.name.setText(data["name"])
    win.resident.name.selectAll()
    address = "宮城県登米市迫町佐沼字中江二丁目6番地1"
    QGuiApplication.clipboard().setText(address)
    win.go(win.pages.index(win.export), force=True)
    win.review.enter()

    click(qtbot, win.findChild(QPushButton, "action:finish"))
    panel = win.export.finish_panel
    assert panel.isVisible() and not win.export.work.isVisible()
    lines = panel.lines()
    assert len(lines) == 1 and "未印刷" in lines[0] and "JSON・CSV" in lines[0]
    assert panel.warning.isVisible() and "1 通" in panel.warning.text()

    click(qtbot, win.findChild(QPushButton, "action:finish_cancel"))
    assert session.visit is not None and win.export.work.isVisible() and panel.isHidden()
    assert QGuiApplication.clipboard().text() == address

    session.printed([tmp_path / "x.pdf"], "TomeWindowPDF")
    click(qtbot, win.findChild(QPushButton, "action:finish"))
    assert "印刷済み" in panel.lines()[0] and panel.warning.isHidden()
    click(qtbot, win.findChild(QPushButton, "action:finish_confirm"))
    tasks.wait_all()
    assert session.visit is None and win.stack.currentWidget() is win.start
    assert QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard) == ""
    clipboard = QGuiApplication.clipboard()
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Mode.Selection) == ""
    left = [line.objectName() for line in win.findChildren(QLineEdit)
            if line.text() and not isinstance(line.parent(), QAbstractSpinBox)]
    assert left == []
    assert not any(line.hasSelectedText() for line in win.findChildren(QLineEdit))
    assert win.review.table.rowCount() == 0
    assert session.made() == {}


def test_disabled_primary_button_looks_disabled(qtbot, window) -> None:  # noqa: ANN001
    def color(button: QPushButton) -> tuple[int, int, int]:
        button.resize(200, 60)
        image = button.grab().toImage()
        pixel = image.pixelColor(image.width() // 2, 6)
        return pixel.red(), pixel.green(), pixel.blue()

    enabled, disabled = QPushButton("作成"), QPushButton("作成")
    for button in (enabled, disabled):
        set_look(button, "primary")
        qtbot.addWidget(button)
        button.setStyleSheet(window.styleSheet())
        button.show()
    disabled.setEnabled(False)
    assert color(enabled) != color(disabled)
    assert color(disabled) == (0xd5, 0xd9, 0xde)
