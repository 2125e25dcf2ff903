"""The finished applications on screen, page by page, exactly as they will be printed.

The preview shows the very PDF files that go to the spooler (QtPdf renders them with the
same engine family as the printer drivers), so what staff and the resident check is what
comes out on paper: no second drawing of the forms for the screen. One page at a time at the
width of the panel, because a tablet in portrait shows an A4 page legibly only that way.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tome_window.views.names import name_action

log = logging.getLogger(__name__)

TOUCH_HEIGHT = 48  # at least 44 px: a fingertip at the counter, elderly residents included


class PdfPreview(QWidget):
    """A list of PDFs (one per application) and the selected one's pages, one at a time."""

    page_changed = Signal(int, int)  # page (1-based), page count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[Path] = []
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)

        self.files = QListWidget(self)
        self.files.setObjectName("previewFiles")
        self.files.setMinimumWidth(180)
        self.files.currentRowChanged.connect(self._select)

        self.prev_button = name_action(QPushButton(self.tr("◀ 前のページ"), self), "prev_page")
        self.next_button = name_action(QPushButton(self.tr("次のページ ▶"), self), "next_page")
        for button in (self.prev_button, self.next_button):
            button.setMinimumHeight(TOUCH_HEIGHT)
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageNumber")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(140)
        self.notice = QLabel(self)
        self.notice.setObjectName("previewNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.view, 1)
        column.addLayout(nav)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.files)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        self._update_controls()

    # -- files --------------------------------------------------------------------------
    def set_files(self, paths: Sequence[Path]) -> None:
        """Show these applications; the first is opened at its first page."""
        self.paths = [Path(p) for p in paths]
        self.files.blockSignals(True)
        self.files.clear()
        for path in self.paths:
            item = QListWidgetItem(path.name)
            item.setSizeHint(item.sizeHint().expandedTo(self.prev_button.sizeHint()))
            self.files.addItem(item)
        self.files.blockSignals(False)
        if self.paths:
            self.files.setCurrentRow(0)
            self._select(0)
        else:
            self.clear()

    def clear(self) -> None:
        """Close every document: the screen keeps nothing of the resident after the visit."""
        self.files.blockSignals(True)
        self.files.clear()
        self.files.blockSignals(False)
        self.paths = []
        self.document.close()
        self.notice.hide()
        self._update_controls()

    def current_path(self) -> Path | None:
        row = self.files.currentRow()
        return self.paths[row] if 0 <= row < len(self.paths) else None

    @Slot(int)
    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.paths):
            return
        path = self.paths[row]
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            log.warning("cannot preview %s: %s", path.name, error)
            self.notice.setText(self.tr("このPDFを表示できません: {name}").format(name=path.name))
            self.notice.show()
        else:
            self.notice.hide()
            self.go_to(0)
        self._update_controls()

    # -- pages --------------------------------------------------------------------------
    def page_count(self) -> int:
        return max(self.document.pageCount(), 0)

    def current_page(self) -> int:
        """0-based page shown now."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = min(max(page, 0), self.page_count() - 1)
        self.view.pageNavigator().jump(page, QPointF(), 0)
        self._update_controls()

    @Slot()
    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    @Slot()
    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    @Slot(int)
    def _show_page_number(self, _page: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        count = self.page_count()
        page = self.current_page() + 1 if count else 0
        self.page_label.setText(self.tr("{page} / {count} ページ").format(page=page, count=count)
                                if count else "")
        self.prev_button.setEnabled(count > 0 and page > 1)
        self.next_button.setEnabled(count > 0 and page < count)
        self.page_changed.emit(page, count)
