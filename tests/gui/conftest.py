"""GUI tests drive the real window offscreen. Japanese text is typed with input-method
events: QTest.keyClicks aborts the process on characters above U+00FF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def type_text(qtbot, line: QLineEdit, text: str, *, finish: bool = True) -> None:  # noqa: ANN001
    """Type like an IME commit, then press Return so editingFinished fires."""
    line.setFocus()
    line.selectAll()
    line.del_() if line.text() else None
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(line, event)
    if finish:
        qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.fixture
def window(qtbot):  # noqa: ANN001, ANN201
    from tome_window.views import tasks
    from tome_window.views.app import build_window, make_app, start_behind_window

    make_app()
    win, session = build_window()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    start_behind_window(win, session)
    qtbot.waitUntil(lambda: session.service is not None, timeout=20000)
    yield win
    session.set_language("ja")  # the translator is the application's: leave it Japanese
    session.flush()
    tasks.wait_all(10000)
    if session.service is not None:
        session.service.store.close()
