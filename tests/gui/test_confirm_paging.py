"""The resident's check pages one form at a time; nothing is confirmed unseen, and
「訂正したい」 marks a row for staff without opening staff's editing screens."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QScrollArea

from tests.i18n.test_switching import choose, open_confirmation

ISO_BESIDE = re.compile(r"^\d{4}-\d{2}-\d{2}\((令和|平成|昭和|大正|明治)")


def click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def scroll_to_end(qtbot, page) -> None:  # noqa: ANN001
    """Scroll the form on screen down to its end, as a finger would."""
    area = page.stack.currentWidget()
    assert isinstance(area, QScrollArea)
    qtbot.waitUntil(area.isVisible)
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: page.stack.currentIndex() in page.seen, timeout=3000)


def page_through(qtbot, page) -> None:  # noqa: ANN001
    """Show every form down to its end with 次へ, as the resident does."""
    while True:
        scroll_to_end(qtbot, page)
        if not page.next_form.isEnabled():
            break
        click(qtbot, page.next_form)
    qtbot.waitUntil(page.ok_button.isEnabled, timeout=3000)


def test_confirm_only_after_the_last_form_was_shown(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    count = page.stack.count()
    assert count >= 2, "a 転入 gives several forms"
    assert page.stack.currentIndex() == 0 and not page.back_form.isEnabled()
    assert page.position.text() == f"1 / {count} 枚目"
    click(qtbot, page.ok_button)  # disabled: nothing happens
    assert win.session.visit.status == "open"
    for index in range(count - 1):
        scroll_to_end(qtbot, page)
        assert not page.ok_button.isEnabled()
        click(qtbot, page.next_form)
        assert page.stack.currentIndex() == index + 1
    click(qtbot, page.back_form)  # back and forth: still one form at a time
    assert page.stack.currentIndex() == count - 2
    click(qtbot, page.next_form)
    assert not page.next_form.isEnabled()
    scroll_to_end(qtbot, page)
    qtbot.waitUntil(page.ok_button.isEnabled, timeout=3000)
    values = [v.text() for _l, _ja, v in page.rows]
    assert "(なし)" not in values and "" not in values
    click(qtbot, page.ok_button)
    assert win.session.visit.status == "confirmed"


def test_a_row_marked_for_correction_reaches_staff(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    ref, mark = next(iter(page.marks.items()))
    assert not page.fix_button.isEnabled()  # nothing marked yet
    mark.click()  # QScroller owns the viewport's mouse presses: a tap reaches it as a click
    assert mark.isChecked() and ref in win.session.corrections()
    frame = mark.parentWidget()
    assert frame.property("marked") is True
    assert page.fix_button.isEnabled()
    assert not win.review.isVisible()  # marking never leaves the resident's screen
    win.go(win.pages.index(win.review), force=True)  # staff take the counter back
    review = win.review
    row = [fs.ref for fs in review.states].index(ref)
    assert review.table.item(row, 3).text().startswith("ご本人が訂正を希望")
    assert "ご本人が訂正を希望した項目が 1 件" in review.summary.text()
    win.go(win.pages.index(win.confirm), force=True)
    again = page.findChild(QPushButton, f"correct:{ref}")
    assert again.isChecked()  # the mark stays with the visit
    win.finish_visit()
    assert win.session.corrections() == set()


def test_values_are_shown_for_the_resident(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    ja_values = [v.text() for _l, _ja, v in page.rows]
    assert any("令和" in v or "昭和" in v or "平成" in v for v in ja_values)
    assert not any(ISO_BESIDE.match(v) for v in ja_values)  # Japanese: 和暦 alone
    choose(qtbot, win, "en")
    qtbot.waitUntil(lambda: page.ok_button.text() == "Everything is correct", timeout=5000)
    values = [v.text() for _l, _ja, v in page.rows]
    assert any(ISO_BESIDE.match(v) for v in values), values  # 西暦 beside 和暦
    assert any(v.startswith("Moving in") and "転入" in v for v in values), values


def test_the_form_on_screen_can_be_read_aloud(qtbot, window) -> None:  # noqa: ANN001
    from tome_window.services import speech

    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    assert page.read_aloud.isVisibleTo(page) == speech.can_speak(win.session.language)
    spoken = page._spoken_text()
    assert "登米" in spoken  # the resident's name as shown on the first form
    click(qtbot, page.next_form)
    assert page._spoken_text() != spoken  # the page on screen, not the whole bundle
