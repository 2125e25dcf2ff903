"""What every step of the visit offers the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession


class Page(QWidget):
    title = ""
    resident_facing = False

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(type(self).__name__)

    def enter(self) -> None:
        """Rebuild from the session's visit (called each time the step is shown)."""

    def clear(self) -> None:
        """Forget everything shown of the resident (end of visit)."""

    def leave_problem(self) -> str | None:
        """Why the visit cannot go on yet, in Japanese; None when it can."""
        return None

    def retranslate(self) -> None:
        """Re-read every fixed text through tr(): the language changed while on screen."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def heading(text: str, name: str = "pageTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def scrolled(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif isinstance(child, QVBoxLayout):
            clear_layout(child)
