"""PdfPreview and PrintPanel offscreen: pages, the print button's thread, messages, signals."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from tests.printing.conftest import BUNDLE, assert_same_pages, wait_for_output
from tome_window.services.printing import PrintService
from tome_window.views import print_panel as panel_module
from tome_window.views import tasks
from tome_window.views.pdf_preview import PdfPreview
from tome_window.views.print_panel import PrintPanel, render_pdfs_to_printer


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "three.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for n in range(3):
        canvas.setFont("Helvetica", 60)
        canvas.drawString(100, 500, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def test_preview_pages_and_files(qtbot, application, three_pages: Path) -> None:  # noqa: ANN001
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    preview.show()
    preview.set_files([three_pages, *application[1]])
    assert preview.files.count() == len(BUNDLE) + 1 and preview.current_path() == three_pages
    assert preview.page_label.text() == "1 / 3 ページ"
    assert not preview.prev_button.isEnabled() and preview.next_button.isEnabled()
    preview.next_button.click()
    assert preview.page_label.text() == "2 / 3 ページ" and preview.current_page() == 1
    preview.next_button.click()
    assert preview.page_label.text() == "3 / 3 ページ" and not preview.next_button.isEnabled()
    preview.prev_button.click()
    assert preview.page_label.text() == "2 / 3 ページ"
    preview.files.setCurrentRow(1)
    assert preview.page_label.text() == "1 / 1 ページ" and preview.current_path() == application[1][0]
    for button in (preview.prev_button, preview.next_button):
        assert button.height() >= 44 and button.minimumHeight() >= 44
    preview.clear()
    assert preview.files.count() == 0 and preview.page_count() == 0 and preview.page_label.text() == ""


def test_preview_says_when_a_file_cannot_be_shown(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_files([bad])
    assert "表示できません" in preview.notice.text() and preview.page_count() == 0


class SpyService(PrintService):
    """The real service, noting which thread printed."""

    def __init__(self, printer: str) -> None:
        super().__init__(printer)
        self.threads: list[threading.Thread] = []

    def print_pdfs(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        return super().print_pdfs(*args, **kwargs)


def test_print_button_prints_off_the_gui_thread(qtbot, queue: str, cups_ready: Path,
                                                application, monkeypatch) -> None:  # noqa: ANN001
    calls: list[Any] = []

    def spy_run_task(fn, on_done=None, on_error=None, **kw):  # noqa: ANN001, ANN003, ANN202
        calls.append(fn)
        return tasks.run_task(fn, on_done, on_error, **kw)

    monkeypatch.setattr(panel_module, "run_task", spy_run_task)
    service = SpyService(queue)
    panel = PrintPanel(service)
    qtbot.addWidget(panel)
    panel.set_files(application[1], label=application[0][:8])
    qtbot.waitUntil(lambda: queue in panel.printer_label.text(), timeout=10000)
    assert "待機中" in panel.printer_label.text() or "印刷中" in panel.printer_label.text()
    assert panel.print_button.minimumHeight() >= 44
    with qtbot.waitSignal(panel.printed, timeout=20000) as signal:
        panel.print_button.click()
        assert panel.busy and not panel.print_button.isEnabled()
    paths, printer = signal.args
    assert paths == application[1] and printer == queue
    assert service.threads and service.threads[0] is not threading.main_thread()
    assert len(calls) >= 2  # the printer probe and the print itself
    assert f"{len(BUNDLE)} 通" in panel.status.text() and panel.print_button.isEnabled()
    assert [j.path for j in panel.jobs] == [p.resolve() for p in application[1]]
    for job in panel.jobs:
        wait_for_output(cups_ready, job.job_id or "").unlink()
    tasks.wait_all()


def test_failure_shows_the_japanese_message(qtbot, queue: str, application) -> None:  # noqa: ANN001
    panel = PrintPanel(PrintService("TomeWindowNoSuchPrinter"))
    qtbot.addWidget(panel)
    panel.set_files(application[1])
    with qtbot.waitSignal(panel.print_failed, timeout=20000) as signal:
        panel.print_button.click()
    assert "見つかりません" in signal.args[0] and "見つかりません" in panel.status.text()
    assert "Traceback" not in panel.status.text() and panel.print_button.isEnabled()
    qtbot.waitUntil(lambda: "見つかりません" in panel.printer_label.text(), timeout=10000)
    tasks.wait_all()


def test_render_to_qprinter_pdf_matches_source(qtbot, application, tmp_path: Path) -> None:  # noqa: ANN001
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "dialog.pdf"
    printer.setOutputFileName(str(out))
    pages = render_pdfs_to_printer(application[1][:2], printer, dpi=150)
    assert pages == 2 and out.exists()
    from pypdf import PdfWriter

    joined = tmp_path / "joined.pdf"
    writer = PdfWriter()
    for path in application[1][:2]:
        writer.append(str(path))
    writer.write(str(joined))
    assert_same_pages(joined, out, tmp_path / "cmp", raster=True)
    writer = PdfWriter()
    for path in reversed(application[1][:2]):
        writer.append(str(path))
    writer.write(str(tmp_path / "swapped.pdf"))
    with pytest.raises(AssertionError):  # still tells two forms apart
        assert_same_pages(tmp_path / "swapped.pdf", out, tmp_path / "cmp2", raster=True)


def test_dialog_path_to_a_file_printer(qtbot, application, tmp_path: Path) -> None:  # noqa: ANN001
    panel = PrintPanel(PrintService("TomeWindowNoSuchPrinter"))
    qtbot.addWidget(panel)
    panel.set_files(application[1][:1])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "file.pdf"))
    with qtbot.waitSignal(panel.printed, timeout=20000) as signal:
        panel.print_to(printer)
    assert signal.args[1] == str(tmp_path / "file.pdf") and (tmp_path / "file.pdf").exists()
    tasks.wait_all()


def test_copies_are_chosen_with_large_buttons(qtbot, application) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox

    panel = PrintPanel(PrintService("TomeWindowNoSuchPrinter"))
    qtbot.addWidget(panel)
    panel.show()
    copies = panel.copies
    assert copies.field.objectName() == "input:copies"
    assert copies.field.buttonSymbols() is QAbstractSpinBox.ButtonSymbols.NoButtons
    assert copies.value() == 1 and not copies.minus.isEnabled()
    copies.setEnabled(True)
    qtbot.mouseClick(copies.plus, Qt.MouseButton.LeftButton)
    assert copies.value() == 2
    assert copies.plus.height() >= 64 and copies.plus.width() >= 64
