"""Start the counter GUI: the window paints first, then storage and forms load behind it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
UI_FONTS = ("BIZ UDPGothic", "BIZ UDGothic", "Noto Sans CJK JP", "IPAexGothic")


def open_service():  # noqa: ANN201 - runs on a worker thread
    from tome_window.services import furigana
    from tome_window.services.visits import VisitService

    service = VisitService.open()
    furigana.warm_up()  # so that the first furigana suggestion does not stall a page
    return service


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Tome Window")
    app.setOrganizationName("Tome City")
    font = QFont()
    font.setFamilies(list(UI_FONTS))
    font.setPointSize(12)
    app.setFont(font)
    theme = UI_DIR / "theme.qss"
    if theme.exists():
        app.setStyleSheet(theme.read_text(encoding="utf-8"))
    return app  # type: ignore[return-value]


def build_window(open_service_fn=open_service):  # noqa: ANN001, ANN201
    from tome_window.services.config import load_settings
    from tome_window.views.main_window import MainWindow
    from tome_window.views.session import VisitSession

    settings = load_settings()
    session = VisitSession(open_service_fn)
    window = MainWindow(session, settings.data_dir / "exports")
    return window, session


class _FirstPaint(QObject):
    """Quits after the first paint when benchmarking start-up (TOME_WINDOW_QUIT_AFTER_PAINT)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def run_gui(args: argparse.Namespace | None = None) -> int:
    app = make_app()
    window, session = build_window()
    if os.environ.get("TOME_WINDOW_QUIT_AFTER_PAINT"):
        probe = _FirstPaint(window)
        window.installEventFilter(probe)
    window.show()
    QTimer.singleShot(0, session.start)
    return app.exec()
