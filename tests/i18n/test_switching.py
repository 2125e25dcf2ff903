"""The resident switches language on their screen, at once, and the visit's end resets it."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.conftest import DATA
from tome_window.domain.resident import Resident

DEVANAGARI = re.compile("[\u0900-\u097f]")
MYANMAR = re.compile("[\u1000-\u109f]")


def open_confirmation(qtbot, win) -> None:  # noqa: ANN001
    """A 転入 visit filled from the test data, shown on the resident's confirmation page."""
    session = win.session
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    session.begin(event_id="tennyu", procedure_ids=[])
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    session.set_resident(Resident.from_json(resident, source="file"))
    answers = json.loads((DATA / "answers_tennyu.json").read_text(encoding="utf-8"))
    for key, value in answers.items():
        session.answer(key, value)
    win.go(win.pages.index(win.confirm), force=True)
    assert win.resident_view.current() is win.confirm and win.confirm.isVisible()


def choose(qtbot, win, code: str) -> None:  # noqa: ANN001
    if not win.confirm.picker.isVisible():  # the language buttons open from one button
        qtbot.mouseClick(win.confirm.language_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.confirm.picker.buttons[code], Qt.MouseButton.LeftButton)
    assert not win.confirm.picker.isVisible()  # and close again once chosen
    qtbot.waitUntil(lambda: win.session.language == code, timeout=5000)
    QApplication.processEvents()  # Qt posts LanguageChange: deliver it now


def test_switch_to_english_and_back_without_restart(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    page = win.confirm
    assert page.heading.text() == "内容をご確認ください"
    japanese_labels = [label.text() for label, _ja, _v in page.rows]
    assert "氏名" in japanese_labels
    assert all(not ja.text() for _l, ja, _v in page.rows)  # Japanese: no second label

    choose(qtbot, win, "en")
    qtbot.waitUntil(lambda: page.heading.text() == "Please check the details", timeout=5000)
    assert page.ok_button.text() == "Everything is correct"
    qtbot.waitUntil(lambda: all(not ja.isHidden() for _l, ja, _v in page.rows if ja.text()), timeout=5000)
    translated = [(label, ja) for label, ja, _v in page.rows if ja.text()]
    assert translated, "no label was shown in English"
    for label, ja in translated:
        assert not ja.isHidden() and ja.text() != label.text()  # one form per page: on its page
        assert ja.fontInfo().pixelSize() < label.fontInfo().pixelSize()  # small, beside
    assert any(label.text() == "Name" and ja.text() == "氏名" for label, ja in translated)
    blocks = [b.text() for b in page.findChildren(QLabel, "residentBlock")]
    assert "Persons moving(異動する方)" in blocks, blocks  # the row block, with the Japanese
    values = [v.text() for _l, _ja, v in page.rows]
    assert "登米　太郎" in values  # the resident's own words are never translated
    assert not win.steps.isVisible()  # staff navigation stays hidden
    assert win.review.table.horizontalHeaderItem(0).text() == "申請書"  # staff screens stay Japanese

    choose(qtbot, win, "ne")
    qtbot.waitUntil(lambda: bool(DEVANAGARI.search(page.heading.text())), timeout=5000)
    assert any(DEVANAGARI.search(label.text()) for label, _ja, _v in page.rows)
    choose(qtbot, win, "my")
    qtbot.waitUntil(lambda: bool(MYANMAR.search(page.heading.text())), timeout=5000)

    choose(qtbot, win, "ja")
    qtbot.waitUntil(lambda: page.heading.text() == "内容をご確認ください", timeout=5000)
    assert [label.text() for label, _ja, _v in page.rows] == japanese_labels


def test_the_end_of_the_visit_resets_the_language(qtbot, window) -> None:  # noqa: ANN001
    win = window
    open_confirmation(qtbot, win)
    choose(qtbot, win, "vi")
    assert win.resident.picker.buttons["vi"].isChecked()  # the PIN pad's picker follows
    win.finish_visit()
    assert win.session.language == "ja"
    qtbot.waitUntil(lambda: win.confirm.heading.text() == "内容をご確認ください", timeout=5000)
    assert win.confirm.picker.buttons["ja"].isChecked()


def test_pin_pad_speaks_the_residents_language(qtbot, window) -> None:  # noqa: ANN001
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    panel = win.resident.card_panel
    if panel is None:
        return  # no card support on this terminal: the picker lives on the card panel
    assert panel.read_button.text() == "読み取り"
    languages = win.resident_view.pin_languages
    win.go(win.pages.index(win.resident), force=True)
    if not win.resident_view.isVisible():
        qtbot.mouseClick(win.resident.pin_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(languages.button, Qt.MouseButton.LeftButton)  # opens the languages
    qtbot.mouseClick(win.resident.picker.buttons["ko"], Qt.MouseButton.LeftButton)
    assert languages.button.text().startswith("한국어") and not languages.picker.isVisible()
    qtbot.waitUntil(lambda: panel.read_button.text() == "읽기", timeout=5000)
    assert win.resident.apply_button.text() == "この内容で本人情報を確定"  # staff's side stays
    win.session.set_language("ja")
    qtbot.waitUntil(lambda: panel.read_button.text() == "読み取り", timeout=5000)


def test_reading_aid_button_makes_the_aid_in_the_chosen_language(qtbot, window) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    win = window
    open_confirmation(qtbot, win)
    choose(qtbot, win, "en")
    win.go(win.pages.index(win.export), force=True)
    assert win.export.aid_button.text() == "読みやすい説明を印刷用に作成"  # staff's screen
    qtbot.mouseClick(win.export.aid_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.export.aid_path is not None, timeout=30000)
    path = win.export.aid_path
    assert path.name == "00_reading_aid_en.pdf" and path.exists()
    assert "Reading aid" in PdfReader(path).pages[0].extract_text()
    qtbot.waitUntil(lambda: "export_reading_aid" in [
        a.action for a in win.session.service.store.audit_log(visit_id=win.session.visit.id)],
        timeout=5000)
