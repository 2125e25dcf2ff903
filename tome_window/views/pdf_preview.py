"""The finished applications on screen, page by page, exactly as they will be printed.

The preview shows the very PDF files that go to the spooler (QtPdf renders them with the
same engine family as the printer drivers), so what staff and the resident check is what
comes out on paper: no second drawing of the forms for the screen. One page at a time, the
whole page fitted into the panel at first (a tablet at 1024×768 or 800×1280 included); large
− / + buttons zoom in on a box and 「全体」 fits the page again. Staff read each file by the
form's Japanese title (`document_title`), never by its file name on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QBoxLayout,
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
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.1, 8.0)
NARROW = 700  # px: below this the file list goes above the page (a portrait tablet)
NAV_ONE_ROW = 720  # px: below this the zoom buttons go under the page buttons


def document_title(path: Path, titles: Mapping[str, str] | None = None) -> str:
    """What staff call a file of the visit: the form's Japanese title, not its name on disk.

    `titles` maps a procedure id to its title; files are named ``NN_PROCEDURE.pdf`` (data:
    ``NN_PROCEDURE.json``, ``NN_PROCEDURE.BLOCK.csv``), ``00_guide.pdf`` and
    ``00_reading_aid_LANG.pdf``. A name that fits none of these is shown as it is.
    """
    path = Path(path)
    stem, _, block = path.stem.partition(".")
    head, _, rest = stem.partition("_")
    kind = path.suffix.lower().lstrip(".")
    if not head.isdigit() or not rest:
        return path.name
    if rest == "guide":
        title = QCoreApplication.translate("PdfPreview", "手続き案内票")
    elif rest.startswith("reading_aid"):
        code = rest.removeprefix("reading_aid").lstrip("_")
        title = QCoreApplication.translate("PdfPreview", "読みやすい説明") + (f"({_language(code)})" if code else "")
    elif titles and rest in titles:
        title = titles[rest]
    else:
        return path.name
    if kind == "pdf":
        return title
    detail = kind.upper() + (f"・{block}" if block else "")
    return f"{title}({detail})"


def _language(code: str) -> str:
    from tome_window.domain.languages import language

    try:
        return language(code).native_name
    except (KeyError, ValueError):
        return code


def short_location(folder: Path) -> str:
    """Where a visit's files are, as staff need it: the last two folders (date/visit), not a
    full path of the terminal."""
    folder = Path(folder)
    parts = folder.parts[-2:]
    return "/".join(parts) if parts else str(folder)


class PdfPreview(QWidget):
    """A list of PDFs (one per application) and the selected one's pages, one at a time."""

    page_changed = Signal(int, int)  # page (1-based), page count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[Path] = []
        self.titles: dict[str, str] = {}
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)  # the whole page first
        # QPdfView's fit leaves the margins out of its sum: with them, a "whole" page scrolls
        self.view.setDocumentMargins(QMargins(0, 0, 0, 0))
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)

        self.files = QListWidget(self)
        self.files.setObjectName("previewFiles")
        self.files.setMinimumWidth(140)
        self.files.setWordWrap(True)
        self.files.currentRowChanged.connect(self._select)

        self.prev_button = name_action(QPushButton(self.tr("◀ 前へ"), self), "prev_page")
        self.next_button = name_action(QPushButton(self.tr("次へ ▶"), self), "next_page")
        self.zoom_out_button = name_action(QPushButton(self.tr("− 縮小"), self), "zoom_out")
        self.zoom_in_button = name_action(QPushButton(self.tr("+ 拡大"), self), "zoom_in")
        self.fit_button = name_action(QPushButton(self.tr("全体"), self), "zoom_fit")
        self.fit_button.setToolTip(self.tr("ページ全体を表示"))
        for button in (self.prev_button, self.next_button, self.zoom_out_button,
                       self.zoom_in_button, self.fit_button):
            button.setMinimumHeight(TOUCH_HEIGHT)
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_page)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageNumber")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("88 / 88 ページ") + 8)
        self.notice = QLabel(self)
        self.notice.setObjectName("previewNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        pages = QHBoxLayout()
        pages.addWidget(self.prev_button)
        pages.addWidget(self.page_label, 1)
        pages.addWidget(self.next_button)
        zoom = QHBoxLayout()
        zoom.addWidget(self.zoom_out_button)
        zoom.addWidget(self.fit_button)
        zoom.addWidget(self.zoom_in_button)
        # pages and zoom on one row when there is room, the zoom under the pages when narrow
        self.nav = nav = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        nav.addLayout(pages, 3)
        nav.addLayout(zoom, 2)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.view, 1)
        column.addLayout(nav)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.files)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)
        self._update_controls()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Narrow (a portrait tablet): the file list goes above the page, a few rows high."""
        narrow = self.width() < NARROW
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.files.setMaximumHeight(120 if narrow else 16777215)
            self.splitter.setSizes([120, 1000] if narrow else [220, 1000])
        self.nav.setDirection(QBoxLayout.Direction.LeftToRight if self.width() >= NAV_ONE_ROW
                              else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    # -- files --------------------------------------------------------------------------
    def set_files(self, paths: Sequence[Path], titles: Mapping[str, str] | None = None) -> None:
        """Show these applications, each by its title (`titles`: procedure id → title); the
        first is opened at its first page."""
        self.paths = [Path(p) for p in paths]
        self.titles = dict(titles or {})
        self.files.blockSignals(True)
        self.files.clear()
        for path in self.paths:
            item = QListWidgetItem(document_title(path, self.titles))
            item.setToolTip(path.name)
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
            self.notice.setText(self.tr("このPDFを表示できません: {name}").format(
                name=document_title(path, self.titles)))
            self.notice.show()
        else:
            self.notice.hide()
            self.fit_page()
            self.go_to(0)
        self._update_controls()

    # -- zoom ---------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        """The zoom shown now; in fit-whole-page mode the factor that fits the page."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        return self._fit_factor()

    def _fit_factor(self) -> float:
        """The factor QPdfView uses to fit the current page into the viewport."""
        size = self.document.pagePointSize(max(self.current_page(), 0))
        if size.isEmpty():
            return 1.0
        dpi = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        viewport = self.view.viewport().size()
        width = (viewport.width() - margins.left() - margins.right()) / (size.width() * dpi)
        height = (viewport.height() - margins.top() - margins.bottom()) / (size.height() * dpi)
        return max(min(width, height), ZOOM_RANGE[0])

    def set_zoom(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, low), high))
        self._update_controls()

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    @Slot()
    def fit_page(self) -> None:
        """The whole page in the panel (the default for every file)."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
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
        fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitInView
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setEnabled(count > 0)
        self.fit_button.setEnabled(count > 0 and not fitted)
        self.page_changed.emit(page, count)
