"""Text on the resident's screens keeps >= 7:1 contrast (WCAG AAA, JIS X 8341-3).

The colours are read from the pixels the resident sees: a label paints no background of its
own (its palette says #efefef whatever its parent shows), and a button's palette does not
follow pseudo-state rules such as :checked, so the window is grabbed and, for each visible
text widget, the background is the commonest colour of its area and the text colour the
frequent colour that stands out most from it."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from tests.i18n.test_switching import DATA, Resident

AAA = 7.0
DISABLED = 4.5  # WCAG exempts disabled controls; ours stay readable anyway


def _linear(channel: float) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return (0.2126 * _linear(color.red()) + 0.7152 * _linear(color.green())
            + 0.0722 * _linear(color.blue()))


def ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_ratio_known_pairs() -> None:
    assert ratio(QColor("#000"), QColor("#fff")) == pytest.approx(21.0)
    assert ratio(QColor("#fff"), QColor("#000")) == pytest.approx(21.0)
    assert ratio(QColor("#777"), QColor("#fff")) == pytest.approx(4.48, abs=0.01)
    assert ratio(QColor("#1d1d1f"), QColor("#1d1d1f")) == pytest.approx(1.0)


def _pixels(image: QImage, rect: QRect) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.bytesPerLine() // 4 * height)
    data = data.reshape(height, image.bytesPerLine() // 4)[:, :width]
    return data[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1] & 0xFFFFFF


def colours(image: QImage, rect: QRect) -> tuple[QColor, QColor]:
    """(text, background) of the text drawn in `rect` of `image`."""
    values, counts = np.unique(_pixels(image, rect), return_counts=True)
    background = QColor(int(values[counts.argmax()]))
    least = max(6, int(counts.sum() * 0.002))  # solid cores of glyphs, not anti-aliasing
    frequent = [QColor(int(v)) for v, n in zip(values, counts, strict=True) if n >= least]
    text = max(frequent, key=lambda c: ratio(c, background))
    return text, background


def texts(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text().strip()]


def check(root: QWidget, seen: set[int]) -> list[str]:
    """Contrast problems of every text widget of `root` wholly on screen, not yet `seen`."""
    QApplication.processEvents()
    top = root.window()
    shot = top.grab().toImage()
    scale = shot.devicePixelRatio()
    problems = []
    for widget in texts(root):
        if id(widget) in seen or widget.visibleRegion().boundingRect() != widget.rect():
            continue
        seen.add(id(widget))
        origin = widget.mapTo(top, widget.rect().topLeft())
        rect = QRect(int(origin.x() * scale), int(origin.y() * scale),
                     int(widget.width() * scale), int(widget.height() * scale))
        text, background = colours(shot, rect.intersected(shot.rect()))
        least = AAA if widget.isEnabled() else DISABLED
        found = ratio(text, background)
        if found < least:
            problems.append(f"{type(widget).__name__} {widget.property('look')} {widget.text()[:20]!r}: "
                            f"{text.name()} on {background.name()} = {found:.2f}:1 < {least}")
    return problems


def open_confirmation(qtbot, win) -> None:  # noqa: ANN001
    session = win.session
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    session.begin(event_id="tennyu", procedure_ids=[])
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    session.set_resident(Resident.from_json(resident, source="file"))
    for key, value in json.loads((DATA / "answers_tennyu.json").read_text(encoding="utf-8")).items():
        session.answer(key, value)
    win.go(win.pages.index(win.confirm), force=True)
    qtbot.waitUntil(win.confirm.isVisible, timeout=5000)


def check_forms(page) -> list[str]:  # noqa: ANN001
    """Every form of the page, scrolled a viewport at a time so each row is on screen once."""
    problems: list[str] = []
    seen: set[int] = set()
    for index in range(page.stack.count()):
        page.stack.setCurrentIndex(index)
        area = page.stack.currentWidget()
        assert isinstance(area, QScrollArea)
        bar = area.verticalScrollBar()
        position = 0
        while True:
            bar.setValue(position)
            problems += check(page, seen)
            if bar.value() >= bar.maximum():
                break
            position += max(1, area.viewport().height() // 2)
    return problems


def test_confirmation_page_text_contrast(qtbot, window) -> None:  # noqa: ANN001
    open_confirmation(qtbot, window)
    page = window.confirm
    assert not page.ok_button.isEnabled()  # checked disabled: >= 4.5:1
    first_mark = next(w for w in texts(page) if w.property("look") == "resident_mark")
    first_mark.click()  # a marked row and a checked mark button
    QApplication.processEvents()
    problems = check_forms(page)
    assert not problems, "\n".join(problems)


def test_disabled_buttons_look_disabled(qtbot, window) -> None:  # noqa: ANN001
    open_confirmation(qtbot, window)
    page = window.confirm
    page.stack.setCurrentIndex(0)
    QApplication.processEvents()
    shot = page.window().grab().toImage()

    def look(button: QAbstractButton) -> tuple[QColor, QColor]:
        origin = button.mapTo(page.window(), button.rect().topLeft())
        return colours(shot, QRect(origin, button.size()))

    disabled_text, disabled_back = look(page.ok_button)
    enabled_text, enabled_back = look(page.next_form)  # the same look, enabled
    assert not page.ok_button.isEnabled() and page.next_form.isEnabled()
    assert disabled_back.name() != enabled_back.name()
    assert ratio(disabled_text, disabled_back) >= DISABLED
    assert ratio(disabled_text, disabled_back) < ratio(enabled_text, enabled_back)


def test_pin_pad_text_contrast(qtbot, window) -> None:  # noqa: ANN001
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    win.session.begin(event_id="tennyu", procedure_ids=[])
    win.go(win.pages.index(win.resident), force=True)
    panel = win.resident.card_panel
    if panel is None:
        pytest.skip("no card support on this terminal")
    if not panel.isVisible():  # the pad is on the resident's view: hand the window over
        qtbot.mouseClick(win.resident.pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    problems = check(panel, set())
    assert not problems, "\n".join(problems)
