"""The choose page finds life events by reading and says when nothing matches; the preset
the event implies is shown answered, not asked again; a step's objection goes with its cause."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.gui.conftest import type_text


def _start(qtbot, win) -> None:  # noqa: ANN001
    qtbot.waitUntil(win.start.button.isEnabled)
    qtbot.mouseClick(win.start.button, Qt.MouseButton.LeftButton)


def test_events_found_by_kana_and_nothing_said(qtbot, window) -> None:  # noqa: ANN001
    win = window
    _start(qtbot, win)
    page = win.choose
    type_text(qtbot, page.search, "てんにゅう", finish=False)
    shown = [b.objectName() for b in page.event_group.buttons() if not b.isHidden()]
    assert shown == ["event:tennyu"]
    assert "転入" in page.search_message.text() and page.search_message.isVisible()
    type_text(qtbot, page.search, "ぞうのはなし", finish=False)
    assert page.search_message.property("error") is True
    assert "当てはまる" in page.search_message.text()
    type_text(qtbot, page.search, "", finish=False)
    assert page.search_message.isHidden()
    assert all(not b.isHidden() for b in page.event_group.buttons())


def test_preset_is_shown_answered_and_stale_error_goes(qtbot, window) -> None:  # noqa: ANN001
    win = window
    _start(qtbot, win)
    qtbot.mouseClick(win.next_button, Qt.MouseButton.LeftButton)  # nothing chosen yet
    assert win.message.property("error") is True and win.message.text()
    qtbot.mouseClick(win.findChild(QPushButton, "event:tennyu"), Qt.MouseButton.LeftButton)
    assert win.message.text() == ""  # the cause went, so did the message
    forms = {f.procedure.id: f for f in win.session.forms()}
    kind = next(fs for fs in forms["juumin_idou"].fields if fs.key == "moving_kind")
    assert kind.value == "tennyu" and not kind.missing
