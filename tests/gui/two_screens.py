"""Run by test_resident_display in a process of its own whose offscreen platform has two
screens (a QApplication's screens are fixed when it starts): a counter with a monitor facing
the resident. Prints one JSON line of what it saw."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPushButton


def wait(condition, ms: int = 20000) -> bool:  # noqa: ANN001
    """Wait in an event loop woken every 20 ms (as qtbot.waitUntil does): a bare
    processEvents() loop crashes PySide6 6.12 after some thousand turns ("deallocating None")."""
    deadline = QDeadlineTimer(ms)
    while not condition():
        if deadline.hasExpired():
            return False
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def main() -> int:
    from tome_window.views.app import build_window, make_app, start_behind_window

    make_app()
    win, session = build_window()
    win.resize(1280, 800)
    win.show()
    start_behind_window(win, session)
    wait(lambda: session.service is not None and win.start.button.isEnabled())
    view = win.resident_view
    seen: dict[str, object] = {
        "screens": [s.name() for s in QApplication.screens()],
        "staff_screen": win.screen().name(),
        "view_screen": view.screen().name(),
        "view_is_window": view.isWindow(),
        "view_full_screen": view.isFullScreen(),
        "view_geometry": list(view.geometry().getRect()),
        "welcome_first": view.current_name(),
    }
    win.start.button.click()
    session.begin(event_id="tennyu", procedure_ids=[])
    win.go(win.pages.index(win.resident), force=True)
    wait(lambda: view.current_name() == "pin")
    seen["pin_on_resident_screen"] = view.current_name()
    seen["digits_in_staff_window"] = len([b for b in win.findChildren(QPushButton)
                                          if b.objectName().startswith("action:digit/")])
    seen["digits_on_resident_view"] = len([b for b in view.findChildren(QPushButton)
                                           if b.objectName().startswith("action:digit/")
                                           and b.isVisible()])
    seen["last_try_tick_on_staff"] = (win.resident.card_panel is not None
                                      and win.resident.card_panel.staff_confirm.window() is win)
    win.go(win.pages.index(win.confirm), force=True)
    wait(lambda: win.confirm.stack.count() > 0)
    seen["staff_keeps_window"] = win.staff_view.isVisible()
    seen["staff_shows"] = win.stack.currentWidget().objectName()
    seen["resident_shows"] = view.current_name()
    seen["mirror"] = win.resident_where.text()
    win.confirm.show_form(1)
    wait(lambda: "2 /" in win.resident_where.text())
    seen["mirror_follows"] = win.resident_where.text()
    # the monitor is unplugged: the view comes back into the counter window, as it was
    win.display.resident_screen = lambda: None
    win.display.place()
    QApplication.processEvents()
    seen["after_unplug_embedded"] = win.display.embedded and not view.isWindow()
    seen["after_unplug_shows"] = view.current_name()
    seen["after_unplug_form"] = win.confirm.stack.currentIndex()
    seen["after_unplug_visible"] = view.isVisible() and not win.staff_view.isVisible()
    print(json.dumps(seen, ensure_ascii=False))
    session.flush()
    session.service.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
