"""Everything on the resident's screens is readable at arm's length: the effective size of
every visible text, after the style sheet has had its say, at both window sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from tests.i18n.test_switching import open_confirmation

SIZES = ((1280, 800), (1920, 1080))


def points(widget: QWidget) -> float:
    """The size a widget's text is drawn at, in points, after polishing (style sheet rules
    included), from its pixel size at the screen's DPI."""
    widget.ensurePolished()
    info = QFontInfo(widget.font())
    return info.pixelSize() * 72.0 / widget.logicalDpiY()


def texts(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text().strip()]


def too_small(root: QWidget, least: float) -> list[str]:
    return [f"{w.objectName() or type(w).__name__} {w.text()[:20]!r}: {points(w):.1f} pt"
            for w in texts(root) if points(w) < least]


@pytest.mark.parametrize("size", SIZES)
def test_confirmation_page_is_large(qtbot, window, size) -> None:  # noqa: ANN001
    win = window
    win.resize(*size)
    open_confirmation(qtbot, win)
    page = win.confirm
    qtbot.waitUntil(lambda: bool(texts(page)))
    assert not too_small(page, 20), too_small(page, 20)
    value = page.rows[0][2]
    assert points(value) >= 24
    for button in (page.ok_button, page.next_form, page.back_form):
        assert button.height() >= 66  # 11 mm on a 10-inch 1280x800 tablet (151 dpi)


def test_larger_text_grows_everything(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    before = {id(w): points(w) for w in texts(page)}
    label = page.rows[0][0]
    page.larger_button.click()
    assert page.larger_button.isChecked() and page.property("textsize") == "large"
    QApplication.processEvents()
    after = {id(w): points(w) for w in texts(page)}
    grown = [after[k] / before[k] for k in before if k in after]
    assert grown and min(grown) >= 1.2, grown
    assert points(label) >= 27
    page.larger_button.click()
    assert points(label) == pytest.approx(before[id(label)], abs=0.5)


@pytest.mark.parametrize("size", SIZES)
def test_pin_pad_is_large(qtbot, window, size) -> None:  # noqa: ANN001
    win = window
    win.resize(*size)
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    win.session.begin(event_id="tennyu", procedure_ids=[])
    win.go(win.pages.index(win.resident), force=True)
    panel = win.resident.card_panel
    if panel is None:
        pytest.skip("no card support on this terminal")
    if not panel.isVisible():  # the pad is on the resident's view: hand the window over
        qtbot.mouseClick(win.resident.pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible)
    assert win.resident_view.isAncestorOf(panel)
    assert not too_small(panel, 20), too_small(panel, 20)
    for button in panel.digit_buttons.values():
        assert points(button) >= 28
        assert button.height() >= 66 and button.width() >= 66
    assert points(panel.tries_label) >= 20 and points(panel.pin_display) >= 28
