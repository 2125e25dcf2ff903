"""Start the counter GUI: the window paints first, then storage and forms load behind it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
UI_FONTS = ("BIZ UDPGothic", "BIZ UDGothic", "Noto Sans CJK JP", "IPAexGothic")


def open_service():  # noqa: ANN201 - runs on a worker thread
    from tome_window.services.visits import VisitService

    service = VisitService.open()
    service.purge_expired()
    return service


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Tome Window")
    app.setOrganizationName("Tome City")
    font = QFont()
    font.setFamilies(list(UI_FONTS))
    font.setPointSize(12)
    app.setFont(font)
    theme = UI_DIR / "theme.qss"
    if theme.exists():
        app.setStyleSheet(theme.read_text(encoding="utf-8"))
    return app


def build_window(open_service_fn=open_service):  # noqa: ANN001, ANN201
    from tome_window.views.main_window import MainWindow
    from tome_window.views.session import VisitSession

    session = VisitSession(open_service_fn)
    window = MainWindow(session)
    return window, session


class _AfterFirstPaint(QObject):
    """Runs the deferred start-up once the window has painted, so staff see it at once.

    For the start-up benchmark (TOME_WINDOW_QUIT_AFTER_PAINT) it prints the wall-clock time
    of the first paint and ends the process there; TOME_WINDOW_QUIT_AFTER_READY instead waits
    for storage and forms (memory after start).
    """

    def __init__(self, window: QObject, then) -> None:  # noqa: ANN001
        super().__init__(window)
        self.then = then

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.then is not None:
            then, self.then = self.then, None
            if os.environ.get("TOME_WINDOW_QUIT_AFTER_PAINT"):
                import time

                print(f"FIRST_PAINT {time.time():.6f}", flush=True)
                os._exit(0)
            QTimer.singleShot(0, then)
        return False


def run_gui(args: Any = None) -> int:
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        print("画面(ディスプレイ)が見つからないため、窓口画面を開けません。デスクトップから起動するか、"
              "画面なしで使う場合は tome-window --help のコマンドを使ってください。\n"
              "No display found (DISPLAY/WAYLAND_DISPLAY unset); use the command line instead.",
              file=sys.stderr)
        return 2
    app = make_app()
    window, session = build_window()
    window.installEventFilter(_AfterFirstPaint(window, lambda: start_behind_window(window, session)))
    if os.environ.get("TOME_WINDOW_QUIT_AFTER_READY"):
        session.ready.connect(lambda: QTimer.singleShot(0, QApplication.quit))
        session.failed_to_start.connect(lambda _m: QApplication.exit(1))
    window.show()
    return app.exec()


def start_behind_window(window, session) -> None:  # noqa: ANN001
    """After the first paint: open storage in the background, build the steps here."""
    session.start()
    window.install_pages()
