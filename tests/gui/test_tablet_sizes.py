"""Every staff page fits a real tablet: 1024×768 landscape and 800×1280 portrait.

Nothing of the current page is off screen, the window can really take the size, and the
review's value column stays readable with the editor open. The PDF preview fits a whole page,
pages and zooms; staff read the made files by their Japanese titles. Set TOME_SCREENSHOTS=DIR
to keep a PNG of every page at every size.

The resident's view (`view:resident`: welcome, PIN pad, the check, the signature, thanks) fits
the same sizes when it fills the counter window: its language buttons take as many columns as
the width allows and only the page on screen sizes it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from tests.gui.test_visit_flow import answer_everything_required, click
from tome_window.domain.household import Person
from tome_window.domain.resident import Resident

DATA = Path(__file__).resolve().parents[1] / "data"
SIZES = [(1024, 768), (800, 1280)]
READABLE = 160  # px: a value such as a 24-character address wraps into a few lines, not a column of characters


def _resident() -> Resident:
    data = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    data["name_kana"] = "トメ　タロウ"
    return Resident.from_json(data, source="file")


def _scroll_parent(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def _off_screen(win: QWidget, page: QWidget) -> list[str]:
    """Visible buttons and inputs of the page (and the navigation) outside the window; a widget
    inside a scroll area only has to be reachable, so its area must lie inside instead."""
    bounds = QRect(QPoint(0, 0), win.size())
    out = []
    widgets = [w for w in page.findChildren(QWidget) if isinstance(w, QAbstractButton | QLineEdit | QComboBox)]
    widgets += [win.next_button, win.back_button]
    for widget in widgets:
        if not widget.isVisible():
            continue
        area = _scroll_parent(widget)
        target = area if area is not None else widget
        rect = QRect(target.mapTo(win, QPoint(0, 0)), target.size())
        if not bounds.contains(rect):
            out.append(f"{widget.objectName() or type(widget).__name__} {rect} (text {getattr(widget, 'text', str)()!r})")
    return out


def _check(win, page_name: str, size: tuple[int, int], shots: Path | None) -> None:  # noqa: ANN001
    QApplication.processEvents()
    win.centralWidget().layout().activate()
    hint = win.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], (page_name, hint)
    win.resize(*size)
    QApplication.processEvents()
    assert win.size() == QSize(*size), (page_name, win.size())
    if shots is not None:
        win.grab().save(str(shots / f"{size[0]}x{size[1]}_{page_name}.png"))
    page = win.stack.currentWidget()
    assert not _off_screen(win, page), (page_name, _off_screen(win, page))
    sideways = [area.objectName() or type(area.widget()).__name__ for area in page.findChildren(QScrollArea)
                if area.isVisible() and area.horizontalScrollBar().maximum() > 0]
    assert not sideways, (page_name, "scrolls sideways", sideways)


@pytest.mark.parametrize("size", SIZES)
def test_staff_pages_fit_tablets(qtbot, window, size) -> None:  # noqa: ANN001
    win = window
    session = win.session
    shots = Path(os.environ["TOME_SCREENSHOTS"]) if os.environ.get("TOME_SCREENSHOTS") else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    win.resize(*size)
    _check(win, "0_start", size, shots)
    click(qtbot, win.start.button)
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    _check(win, "1_choose", size, shots)

    session.set_resident(_resident())
    session.set_household([Person.from_json(
        {"name": "登米　一郎", "name_kana": "トメ　イチロウ", "birth_date": "2018-05-01", "sex": "1",
         "relationship": "子"}, 0)])
    win.go(win.pages.index(win.household), force=True)
    _check(win, "3_household", size, shots)
    click(qtbot, win.findChild(QPushButton, "action:add_person"))
    _check(win, "3_household_editor", size, shots)
    click(qtbot, win.findChild(QPushButton, "action:cancel_person"))
    assert win.household.list.isVisible()

    win.go(win.pages.index(win.questions), force=True)
    _check(win, "4_questions", size, shots)
    answer_everything_required(qtbot, win)

    win.go(win.pages.index(win.review), force=True)
    _check(win, "5_review", size, shots)
    review = win.review
    row = next(r for r in range(review.table.rowCount())
               if review.persons[r] is None and review.states[r].key == "phone")
    review.table.cellClicked.emit(row, 2)
    _check(win, "5_review_editor", size, shots)
    assert review.table.columnWidth(2) >= READABLE, review.table.columnWidth(2)
    assert review.table.viewport().width() >= sum(review.table.columnWidth(c) for c in range(4)) - 2
    assert review.editor_panel.isVisible()
    assert review.table.visualItemRect(review.table.item(row, 2)).intersects(review.table.viewport().rect())

    session.confirm()
    win.go(win.pages.index(win.export), force=True)
    _check(win, "7_export", size, shots)
    export = win.export
    for ref in list(export.gate.refs):
        session.override(ref, "later")
    export.enter()
    click(qtbot, export.make_button)
    qtbot.waitUntil(lambda: len(export.paths) >= 3, timeout=30000)
    QApplication.processEvents()
    _check(win, "7_export_made", size, shots)
    entries = export.file_entries()
    assert entries and entries[0].startswith("住民異動届")
    assert all("/tmp" not in e and ".pdf" not in e for e in entries), entries
    assert "/tmp" not in export.status.text() and "保存先" in export.status.text()
    preview = export.print_panel.preview
    assert [preview.files.item(i).text() for i in range(preview.files.count())][0] == "住民異動届"
    assert Path(export.paths[0]).name == "01_juumin_idou.pdf"  # the name on disk stays


def _check_resident(win, name: str, size: tuple[int, int], shots: Path | None) -> None:  # noqa: ANN001
    view = win.resident_view
    QApplication.processEvents()
    hint = win.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], (name, hint)
    win.resize(*size)
    QApplication.processEvents()
    assert win.size() == QSize(*size), (name, win.size())
    assert view.isVisible() and view.current_name() == name, (name, view.current_name())
    if shots is not None:
        win.grab().save(str(shots / f"{size[0]}x{size[1]}_resident_{name}.png"))
    assert not _off_screen(win, view.current()), (name, _off_screen(win, view.current()))
    # the language buttons' rows never run into what is below them
    from tome_window.views.i18n import LanguagePicker

    for picker in view.current().findChildren(LanguagePicker):
        if not picker.isVisible():
            continue
        bottom = max(b.geometry().bottom() for b in picker.buttons.values())
        assert bottom < picker.height(), (name, "language buttons cut", bottom, picker.height())
        below = picker.mapTo(win, QPoint(0, picker.height()))
        page = view.current()
        others = [w for w in page.findChildren(QAbstractButton)
                  if w.isVisible() and w.parentWidget() is not picker
                  and not picker.isAncestorOf(w) and w.mapTo(win, QPoint(0, 0)).y() >= picker.mapTo(win, QPoint(0, 0)).y()]
        assert all(w.mapTo(win, QPoint(0, 0)).y() >= below.y() for w in others), (name, "overlap")


@pytest.mark.parametrize("size", SIZES)
def test_resident_pages_fit_tablets(qtbot, window, size) -> None:  # noqa: ANN001
    win = window
    session = win.session
    shots = Path(os.environ["TOME_SCREENSHOTS"]) if os.environ.get("TOME_SCREENSHOTS") else None
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    view = win.resident_view
    click(qtbot, win.start.button)
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    win.display.resident_turn(True)
    _check_resident(win, "welcome", size, shots)
    win.go(win.pages.index(win.resident), force=True)
    if win.resident.pin_button is not None:  # a card stack on this terminal: the pad
        if not view.isVisible():
            click(qtbot, win.resident.pin_button)
        _check_resident(win, "pin", size, shots)
    session.set_resident(_resident())
    answer_everything_required(qtbot, win)
    win.go(win.pages.index(win.confirm), force=True)
    _check_resident(win, "confirm", size, shots)
    confirm = win.confirm
    click(qtbot, confirm.larger_button)  # larger text still fits
    _check_resident(win, "confirm", size, shots)
    click(qtbot, confirm.larger_button)
    win.sign.enter()
    view.show_page(win.sign)
    _check_resident(win, "sign", size, shots)
    view.show_page(view.done)
    _check_resident(win, "done", size, shots)


def test_file_titles() -> None:
    from tome_window.views.pdf_preview import document_title, short_location

    titles = {"juumin_idou": "住民異動届"}
    assert document_title(Path("/tmp/x/01_juumin_idou.pdf"), titles) == "住民異動届"
    assert document_title(Path("01_juumin_idou.json"), titles) == "住民異動届(JSON)"
    assert document_title(Path("01_juumin_idou.movers.csv"), titles) == "住民異動届(CSV・movers)"
    assert document_title(Path("00_guide.pdf"), titles) == "手続き案内票"
    assert document_title(Path("00_reading_aid_en.pdf"), titles).startswith("読みやすい説明(")
    assert document_title(Path("notes.pdf"), titles) == "notes.pdf"
    assert short_location(Path("/tmp/tw/exports/2026-12-07/abcdef123456")) == "2026-12-07/abcdef123456"


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "02_juumin_idou.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for n in range(3):
        canvas.setFont("Helvetica", 60)
        canvas.drawString(100, 500, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("size", [(560, 640), (900, 500)])
def test_preview_fits_pages_and_zooms(qtbot, three_pages: Path, size) -> None:  # noqa: ANN001
    from PySide6.QtPdfWidgets import QPdfView

    from tome_window.views.pdf_preview import PdfPreview

    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(*size)
    preview.show()
    preview.set_files([three_pages], {"juumin_idou": "住民異動届"})
    assert preview.files.item(0).text() == "住民異動届"
    QApplication.processEvents()
    view = preview.view

    # the whole page at first: nothing to scroll, and the page's drawn size inside the viewport
    assert view.zoomMode() == QPdfView.ZoomMode.FitInView
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0 and view.horizontalScrollBar().maximum() == 0)
    fit = preview.zoom_factor()
    page = preview.document.pagePointSize(0) * fit * view.logicalDpiX() / 72.0
    assert page.width() <= view.viewport().width() + 0.5 and page.height() <= view.viewport().height() + 0.5
    assert not preview.fit_button.isEnabled()

    # pages: 次へ / 前へ and the label
    assert preview.page_label.text() == "1 / 3 ページ"
    click(qtbot, preview.next_button)
    assert preview.current_page() == 1 and preview.page_label.text() == "2 / 3 ページ"
    click(qtbot, preview.prev_button)
    assert preview.current_page() == 0 and preview.page_label.text() == "1 / 3 ページ"

    # zoom: larger, smaller, then the whole page again
    click(qtbot, preview.zoom_in_button)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom and view.zoomFactor() > fit * 1.2
    QApplication.processEvents()
    assert view.verticalScrollBar().maximum() > 0 or view.horizontalScrollBar().maximum() > 0
    zoomed = view.zoomFactor()
    click(qtbot, preview.zoom_out_button)
    assert view.zoomFactor() < zoomed
    assert preview.fit_button.isEnabled()
    click(qtbot, preview.fit_button)
    assert view.zoomMode() == QPdfView.ZoomMode.FitInView
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0)
    for button in (preview.prev_button, preview.next_button, preview.zoom_in_button,
                   preview.zoom_out_button, preview.fit_button):
        assert button.height() >= 44
        rect = QRect(button.mapTo(preview, QPoint(0, 0)), button.size())
        assert QRect(QPoint(0, 0), preview.size()).contains(rect), button.objectName()
