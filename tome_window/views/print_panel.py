"""Preview the finished applications and print them, at the counter, in one panel.

The large 印刷 button sends the vector PDFs to the branch's configured printer through the
spooler (PrintService, always via run_task: a printer that hangs must never freeze the
counter). 「プリンターを選んで印刷」 opens Qt's print dialog for the rare other printer; a
spooler queue chosen there still gets the vector PDF, and only a destination the spooler does
not know (print to file, Windows drivers) gets pages rendered by QtPdf, which can draw a PDF
page only as an image, at the printer's resolution.

A failed print leaves the visit as it was, says why in Japanese, and can be repeated.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.services.printing import PrinterInfo, PrintError, PrintJob, PrintService
from tome_window.views.names import name_action, name_input
from tome_window.views.pdf_preview import TOUCH_HEIGHT, PdfPreview
from tome_window.views.stepper import Stepper
from tome_window.views.tasks import message_of, run_task

log = logging.getLogger(__name__)

MAX_RASTER_DPI = 300  # sharp for 8-pt kanji on A4, ~35 MB per page image


def render_pdfs_to_printer(paths: Sequence[Path], printer: QPrinter,
                           dpi: int = MAX_RASTER_DPI) -> int:
    """Draw every page of these PDFs into one print job on `printer`; returns pages printed.

    Safe on a worker thread (QPainter on a QPrinter is), so the dialog path does not block
    the counter either. Each page keeps its own size and is drawn edge to edge: the forms are
    already laid out with their margins.
    """
    dpi = max(72, min(dpi, printer.resolution() or dpi))
    printer.setFullPage(True)
    painter = QPainter()
    pages = 0
    try:
        for path in paths:
            document = QPdfDocument()
            if document.load(str(path)) != QPdfDocument.Error.None_:
                raise PrintError("no_file", printer.printerName(), f"cannot open {Path(path).name}")
            for index in range(document.pageCount()):
                size_pt = document.pagePointSize(index)
                printer.setPageSize(QPageSize(size_pt, QPageSize.Unit.Point))
                printer.setPageOrientation(QPageLayout.Orientation.Portrait)
                printer.setFullPage(True)
                if pages == 0:
                    if not painter.begin(printer):
                        raise PrintError("failed", printer.printerName(), "QPainter.begin failed")
                elif not printer.newPage():
                    raise PrintError("failed", printer.printerName(), "QPrinter.newPage failed")
                pixels = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
                image = document.render(index, pixels, format=QImage.Format.Format_RGB32,
                                        fillColor=QColor(Qt.GlobalColor.white))
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
                pages += 1
            document.close()
    finally:
        if painter.isActive():
            painter.end()
    return pages


class PrintPanel(QWidget):
    """Preview plus printing; the page around it records the audit entry from `printed`."""

    printed = Signal(list, str)  # the printed PDF paths, the printer's name
    print_failed = Signal(str)  # the Japanese message shown
    failed_for_audit = Signal(str, str)  # the printer's name, the PrintError code (no message)

    def __init__(self, service: PrintService | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if service is None:
            from tome_window.services.config import load_settings

            service = PrintService.from_settings(load_settings())
        self.service = service
        self.paths: list[Path] = []
        self.label = ""
        self.busy = False
        self.qprinter: QPrinter | None = None
        self.jobs: list[PrintJob] = []  # the last print's spooler jobs (status: service.pending)

        self.preview = PdfPreview(self)
        self.printer_label = QLabel(self)
        self.printer_label.setObjectName("printerState")
        self.printer_label.setWordWrap(True)
        self.refresh_button = name_action(QPushButton(self.tr("状態を更新"), self), "refresh_printer")
        self.refresh_button.setMinimumHeight(TOUCH_HEIGHT)
        self.refresh_button.clicked.connect(self.refresh_printer)
        # − / + for the number of copies: no spin-box arrows to aim at on a tablet
        self.copies_label = QLabel(self.tr("部数"), self)
        self.copies = Stepper("copies", 1, 9, self)
        self.copies.setValue(1)
        name_input(self.copies.field, "copies", self.copies_label.text())
        self.print_button = name_action(QPushButton(self.tr("印刷"), self), "print")
        self.print_button.setMinimumHeight(64)
        self.print_button.clicked.connect(self.print_all)
        self.choose_button = name_action(QPushButton(self.tr("プリンターを選んで印刷"), self),
                                         "choose_printer")
        self.choose_button.setMinimumHeight(TOUCH_HEIGHT)
        self.choose_button.clicked.connect(self.choose_and_print)
        self.status = QLabel(self)
        self.status.setObjectName("printFeedback")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.printer_label, 1)
        top.addWidget(self.refresh_button)
        count = QHBoxLayout()  # a row of its own: beside the buttons it is too wide in portrait
        count.addWidget(self.copies_label)
        count.addWidget(self.copies, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button, 2)
        buttons.addWidget(self.choose_button, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.preview, 1)
        outer.addWidget(self.status)
        outer.addLayout(count)
        outer.addLayout(buttons)
        self._update_buttons()

    # -- files --------------------------------------------------------------------------
    def set_files(self, paths: Sequence[Path], label: str = "",
                  titles: Mapping[str, str] | None = None) -> None:
        """Show these applications by their titles (`titles`: procedure id → title); `label`
        (a visit id prefix) names the print jobs."""
        self.paths = [Path(p) for p in paths]
        self.label = label
        self.preview.set_files(self.paths, titles)
        self.status.clear()
        self._update_buttons()
        self.refresh_printer()

    def clear(self) -> None:
        self.paths = []
        self.label = ""
        self.preview.clear()
        self.status.clear()
        self._update_buttons()

    # -- printer state ------------------------------------------------------------------
    @Slot()
    def refresh_printer(self) -> None:
        service = self.service

        def probe() -> tuple[str, PrinterInfo | None]:
            name = service.printer_name()
            return name, next((p for p in service.printers() if p.name == name), None)

        run_task(probe, self._show_printer, self._show_printer_error)

    def _show_printer(self, result: tuple[str, PrinterInfo | None]) -> None:
        name, info = result
        if info is None:
            self.printer_label.setText(self.tr("プリンター「{name}」が見つかりません").format(name=name))
        elif self.service.uses_command:
            self.printer_label.setText(self.tr("プリンター: {name}").format(name=name))
        else:
            self.printer_label.setText(self.tr("プリンター: {name}({state})").format(
                name=name, state=info.state_ja()))

    def _show_printer_error(self, exc: BaseException) -> None:
        self.printer_label.setText(message_of(exc))

    # -- printing -----------------------------------------------------------------------
    @Slot()
    def print_all(self) -> None:
        """Every application to the configured printer, as vector PDF through the spooler."""
        if self.busy or not self.paths:
            return
        paths, label, copies, service = list(self.paths), self.label, self.copies.value(), self.service
        self._start(self.tr("印刷しています…"))
        run_task(lambda: service.print_pdfs(paths, None, copies, label),
                 lambda jobs: self._done(paths, jobs[0].printer if jobs else "", jobs), self._failed)

    @Slot()
    def choose_and_print(self) -> None:
        if self.busy or not self.paths:
            return
        if self.qprinter is None:
            self.qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self.qprinter, self)
        dialog.setWindowTitle(self.tr("プリンターを選んで印刷"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(self.qprinter)

    def print_to(self, printer: QPrinter) -> None:
        """Print to a printer chosen in the dialog: a spooler queue gets the vector PDF."""
        paths, label, service = list(self.paths), self.label, self.service
        name = printer.printerName()
        spooler_queue = (printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
                         and bool(name) and not printer.outputFileName()
                         and not service.uses_command and sys.platform != "win32")
        self._start(self.tr("印刷しています…"))
        if spooler_queue:
            copies = max(1, printer.copyCount())
            run_task(lambda: service.print_pdfs(paths, name, copies, label),
                     lambda jobs: self._done(paths, name, jobs), self._failed)
        else:
            target = name or printer.outputFileName()
            run_task(lambda: render_pdfs_to_printer(paths, printer),
                     lambda _pages: self._done(paths, target), self._failed)

    def _start(self, text: str) -> None:
        self.busy = True
        self.status.setText(text)
        self._update_buttons()

    def _done(self, paths: list[Path], printer: str, jobs: list[PrintJob] | None = None) -> None:
        self.busy = False
        self.jobs = list(jobs or [])
        shown = Path(printer).name if "/" in printer or "\\" in printer else printer  # a file: its name
        self.status.setText(self.tr("{count} 通の申請書を「{printer}」に送りました。").format(
            count=len(paths), printer=shown))
        self._update_buttons()
        self.printed.emit(list(paths), printer)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        text = message_of(exc)
        log.warning("print failed: %s", getattr(exc, "message_en", exc))
        self.status.setText(self.tr("印刷できませんでした: {message}").format(message=text))
        self._update_buttons()
        self.refresh_printer()
        self.print_failed.emit(text)
        self.failed_for_audit.emit(getattr(exc, "printer", "") or "", getattr(exc, "code", "failed"))

    def _update_buttons(self) -> None:
        ready = bool(self.paths) and not self.busy
        self.print_button.setEnabled(ready)
        self.choose_button.setEnabled(ready)
        self.copies.setEnabled(ready)

    def state(self) -> dict[str, Any]:
        """What the panel shows, for the page around it and for tests."""
        return {"files": [p.name for p in self.paths], "busy": self.busy,
                "printer": self.printer_label.text(), "status": self.status.text()}
