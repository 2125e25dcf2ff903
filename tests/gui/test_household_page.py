"""The household step through its real widgets: persons added, reordered, removed and edited
in the editor, a refusal that keeps what was typed, a family member's card, who each form is
about, and the rows of a form on the review and on the resident's own check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QRadioButton

from tests.gui.conftest import type_text
from tests.gui.test_provenance import type_resident
from tome_window.domain.conditions import age
from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.household import Person
from tome_window.domain.resident import Resident

RESIDENT = "登米　太郎"  # born 1985-04-12 (type_resident)
PID = "test_household_rows"


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def action(win, name: str) -> QPushButton:  # noqa: ANN001
    button = win.findChild(QPushButton, f"action:{name}")
    assert button is not None, name
    return button


def line(win, key: str) -> QLineEdit:  # noqa: ANN001
    found = win.household.editor.findChild(QLineEdit, f"input:person.{key}")
    assert found is not None, key
    return found


def to_household(qtbot, win) -> None:  # noqa: ANN001
    """A 転入 visit with the resident typed by staff, on the household step."""
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    click(qtbot, win.start.button)
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    click(qtbot, win.next_button)
    type_resident(qtbot, win, RESIDENT)
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.household


def fill_person(qtbot, win, name: str, birth: str, sex: str, relationship: str,  # noqa: ANN001
                kana: str = "") -> None:
    type_text(qtbot, line(win, "name"), name)
    if kana:
        type_text(qtbot, line(win, "name_kana"), kana)
    type_text(qtbot, line(win, "birth_date"), birth)
    click(qtbot, win.household.editor.findChild(QRadioButton, f"person_sex:{sex}"))
    relation = win.household.editor.relationship
    type_text(qtbot, relation.lineEdit(), relationship)


def add(qtbot, win, *args: str, **kwargs: str) -> None:  # noqa: ANN001
    click(qtbot, action(win, "add_person"))
    assert win.household.editor_area.isVisible()
    fill_person(qtbot, win, *args, **kwargs)
    click(qtbot, action(win, "apply_person"))


def names(win) -> list[str]:  # noqa: ANN001
    return [p.name for p in win.session.current.persons]


def select(win, index: int) -> None:  # noqa: ANN001
    win.household.list.setCurrentRow(index + 1)  # the resident heads the list


def test_household_through_the_editor(qtbot, window) -> None:  # noqa: ANN001
    win, session = window, window.session
    to_household(qtbot, win)
    page = win.household
    years = age(dt.date(1985, 4, 12), session.current.date)
    assert page.row_texts() == [f"{RESIDENT} 届出人 {years}歳"]
    assert not action(win, "edit_person").isEnabled()  # the resident is entered on 本人確認

    add(qtbot, win, "登米　花子", "昭和62年6月1日", "2", "妻", kana="トメ　ハナコ")
    add(qtbot, win, "登米　一郎", "2018-05-01", "1", "子")
    add(qtbot, win, "登米　二郎", "R3.3.3", "1", "子")
    assert names(win) == ["登米　花子", "登米　一郎", "登米　二郎"], page.feedback.text()
    spouse = session.current.persons[0]
    assert (spouse.relationship, spouse.sex, spouse.birth_date, spouse.name_kana, spouse.moving,
            spouse.source) == ("妻", "2", dt.date(1987, 6, 1), "トメ　ハナコ", True, "manual")
    assert len(page.row_texts()) == 4 and "異動" in page.row_texts()[1]
    assert page.editor_area.isHidden()

    # reorder: 二郎 up above 一郎, then back down is refused at the end
    select(win, 2)
    click(qtbot, action(win, "move_up"))
    assert names(win) == ["登米　花子", "登米　二郎", "登米　一郎"]
    assert page.selected() == 1
    select(win, 2)
    assert not action(win, "move_down").isEnabled()

    # remove with a confirmation: 「やめる」 keeps the person, 「削除する」 removes
    select(win, 1)
    click(qtbot, action(win, "remove_person"))
    qtbot.waitUntil(page.confirm_bar.isVisible)
    assert "登米　二郎" in page.confirm_text.text()
    click(qtbot, action(win, "cancel_remove"))
    assert page.confirm_bar.isHidden() and len(names(win)) == 3
    click(qtbot, action(win, "remove_person"))
    click(qtbot, action(win, "confirm_remove"))
    assert names(win) == ["登米　花子", "登米　一郎"]

    # edit one: the same person (pid) with a new kana
    pid = session.current.persons[1].pid
    select(win, 1)
    click(qtbot, action(win, "edit_person"))
    assert line(win, "name").text() == "登米　一郎"
    assert line(win, "birth_date").text() == "平成30年5月1日"
    type_text(qtbot, line(win, "name_kana"), "とめ　いちろう")
    click(qtbot, action(win, "apply_person"))
    edited = session.current.persons[1]
    assert (edited.pid, edited.name_kana) == (pid, "トメ　イチロウ")

    # a child older than the resident: refused, named, and nothing typed is lost
    click(qtbot, action(win, "add_person"))
    fill_person(qtbot, win, "登米　三郎", "1970-01-01", "1", "子")
    click(qtbot, action(win, "apply_person"))
    message = page.feedback.text()
    assert "登米　三郎" in message and "子が届出人より年上" in message, message
    assert page.feedback.property("error") is True
    assert names(win) == ["登米　花子", "登米　一郎"]
    assert page.editor_area.isVisible()
    assert line(win, "name").text() == "登米　三郎"
    assert line(win, "birth_date").text() == "1970-01-01"
    assert page.editor.relationship.currentText() == "子"
    assert not win.go(win.pages.index(win.questions))  # an open, typed editor holds the step
    assert "反映されていません" in win.message.text() and win.stack.currentWidget() is page
    # a date the editor cannot read is named too, still keeping the rest
    type_text(qtbot, line(win, "birth_date"), "2019-02-30")
    click(qtbot, action(win, "apply_person"))
    assert "生年月日" in page.feedback.text() and line(win, "name").text() == "登米　三郎"
    click(qtbot, action(win, "cancel_person"))
    assert page.editor_area.isHidden()

    # saved: the visit read back through the service has the same persons
    session.flush()
    qtbot.waitUntil(lambda: not session.unsaved, timeout=10000)
    loaded = session.svc.load(session.current.id)
    assert [(p.name, p.relationship, p.pid) for p in loaded.persons] == \
        [(p.name, p.relationship, p.pid) for p in session.current.persons]

    # who each form is about: what the panel says is what the forms list
    shown = page.form_persons()
    forms = session.forms()
    assert set(shown) == {f.procedure.id for f in forms}
    everyone = {-1: RESIDENT} | {i: p.name for i, p in enumerate(session.current.persons)}
    for form in forms:
        for who in form.persons:
            assert everyone[who] in shown[form.procedure.id], form.procedure.id
        if not form.persons:
            assert "世帯の方の欄はありません" in shown[form.procedure.id]
        if form.continuation_pages():
            assert f"別紙 {form.continuation_pages()}枚" in shown[form.procedure.id]


def test_a_family_members_card(qtbot, window) -> None:  # noqa: ANN001
    win, session = window, window.session
    to_household(qtbot, win)
    page = win.household
    click(qtbot, action(win, "add_person"))
    click(qtbot, action(win, "read_person_card"))
    if page.card_panel is None:  # no card stack on this terminal: the resident page's note
        assert page.card_note is not None and page.card_note.isVisible()
        assert "職員が入力" in page.card_note.text()
        return
    panel = page.card_panel
    view = win.resident_view
    # the family member's pad is on the resident's view, never on staff's screen
    assert view.isAncestorOf(panel) and not win.staff_view.isAncestorOf(panel)
    mirror = page.pad_mirror
    qtbot.waitUntil(mirror.isVisible)
    assert "カード" in mirror.mirror.text()  # staff see the pad's state in Japanese
    assert panel.watching and not win.resident.card_panel.watching  # one watcher at a time
    click(qtbot, mirror.pin_button)  # one screen: the window is the resident's to type
    qtbot.waitUntil(panel.isVisible)
    assert view.current_name() == "pin" and view.pads.currentWidget() is panel
    panel.resident_read.emit(Resident.from_json(
        {"name": "登米　花子", "name_kana": "トメ　ハナコ", "address": "宮城県登米市迫町佐沼字中江二丁目6番地1",
         "birth_date": "1987-06-01", "sex": "2"}, source="card"))
    assert line(win, "name").text() == "登米　花子"
    assert win.staff_view.isVisible() and not view.isVisible()  # read: staff's window again
    assert page.editor.findChild(QRadioButton, "person_sex:2").isChecked()
    assert "続柄" in page.feedback.text()
    type_text(qtbot, page.editor.relationship.lineEdit(), "妻")
    click(qtbot, action(win, "apply_person"))
    person = session.current.persons[0]
    assert (person.name, person.source, person.relationship) == ("登米　花子", "card", "妻")
    assert not panel.watching  # the editor closed, the reader let go
    win.go(win.pages.index(win.resident), force=True)
    assert win.resident.card_panel.watching  # the resident page takes the reader back


@pytest.fixture
def rows_form(window) -> Iterator[ProcedureDef]:  # noqa: ANN001
    """A small form with a 異動者 table of two printed rows, in the running catalog."""
    proc = ProcedureDef.model_validate({
        "id": PID, "version": 1, "title": "テスト異動届", "counter": "市民課",
        "fields": [{"id": "applicant", "type": "text", "label": "届出人", "fact": "resident.name",
                    "place": {"x": 15, "y": 50, "w": 100, "h": 10}}],
        "rows": [{"id": "movers", "label": "異動者", "persons": "moving", "page": 1,
                  "y": 100, "pitch": 10, "count": 2, "fields": [
                      {"id": "name", "type": "text", "label": "氏名", "person": "name",
                       "x": 15, "w": 55, "h": 10},
                      {"id": "relation", "type": "text", "label": "続柄", "person": "relationship",
                       "x": 160, "w": 35, "h": 10}]}]})
    yield proc
    service = window.session.service
    if service is not None:  # the catalog may be shared between windows: leave it as found
        service.catalog.procedures.pop(PID, None)


def test_rows_on_the_review_and_the_resident_check(qtbot, window, rows_form) -> None:  # noqa: ANN001
    win, session = window, window.session
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    session.svc.catalog.procedures[PID] = rows_form
    session.begin(event_id=None, procedure_ids=[PID])
    session.set_resident(Resident.from_json(
        {"name": RESIDENT, "address": "宮城県登米市迫町佐沼字中江二丁目6番地1", "birth_date": "1985-04-12",
         "sex": "1"}, source="file"))
    family = [Person(name="登米　花子", birth_date=dt.date(1987, 6, 1), sex="2", relationship="妻"),
              Person(name="登米　一郎", birth_date=dt.date(2018, 5, 1), sex="1", relationship="子")]
    session.set_household(family)

    win.go(win.pages.index(win.household), force=True)
    assert win.household.form_persons()[PID] == f"{RESIDENT}、登米　花子、登米　一郎  別紙 1枚"

    review = win.review
    win.go(win.pages.index(review), force=True)
    table = review.table
    first = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert first[0] == "テスト異動届"  # the form's own field, then each person's rows
    assert first[1:] == ([f"テスト異動届\n▸ {RESIDENT}(届出人)"] * 2 + ["テスト異動届\n▸ 登米　花子(妻)"] * 2
                         + ["テスト異動届\n▸ 登米　一郎(子)"] * 2)
    values = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert values[3:5] == ["登米　花子", "妻"]
    table.cellClicked.emit(3, 1)
    ref = review.states[3].ref
    edit = review.findChild(QPushButton, f"action:edit_person/{ref}")
    qtbot.waitUntil(lambda: edit.isVisible())
    click(qtbot, edit)
    assert win.stack.currentWidget() is win.household
    assert win.household.editor_area.isVisible() and line(win, "name").text() == "登米　花子"
    click(qtbot, action(win, "cancel_person"))

    win.go(win.pages.index(win.confirm), force=True)
    heads = [label.text() for label in win.confirm.findChildren(QLabel, "residentPerson")]
    assert heads == [f"{RESIDENT}(届出人)", "登米　花子(妻)", "登米　一郎(子)"]
    shown = [value.text() for _label, _ja, value in win.confirm.rows]
    assert "登米　花子" in shown and "登米　一郎" in shown and "妻" in shown


def test_roles_in_the_editor(qtbot, window) -> None:  # noqa: ANN001
    """亡くなった方 with 死亡日: no longer moving, the badge says 死亡; the foreign section opens."""
    win, session = window, window.session
    to_household(qtbot, win)
    page = win.household
    click(qtbot, action(win, "add_person"))
    fill_person(qtbot, win, "登米　一", "昭和10年1月1日", "1", "父")
    assert not line(win, "death_date").isEnabled()
    click(qtbot, page.editor.findChild(QCheckBox, "person:deceased"))
    assert line(win, "death_date").isEnabled()
    assert not page.editor.findChild(QCheckBox, "person:moving").isChecked()
    type_text(qtbot, line(win, "death_date"), "R8.1.5")
    assert page.editor.foreign.isHidden()
    click(qtbot, action(win, "foreign_details"))
    qtbot.waitUntil(page.editor.foreign.isVisible)
    type_text(qtbot, line(win, "residence_card_number"), "ab12345678cd")
    type_text(qtbot, line(win, "nationality"), "ベトナム")
    click(qtbot, action(win, "apply_person"))
    person = session.current.persons[0]
    assert (person.deceased, person.moving, person.death_date) == (True, False, dt.date(2026, 1, 5))
    assert (person.residence_card_number, person.nationality) == ("AB12345678CD", "ベトナム")
    assert "死亡" in page.row_texts()[1] and "異動" not in page.row_texts()[1]


def test_without_the_card_stack_the_page_says_so(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    """pyscard or its library missing: the same note as 本人確認, and typing still works."""
    import sys

    win = window
    to_household(qtbot, win)
    monkeypatch.setitem(sys.modules, "tome_window.views.identity_card", None)  # import fails
    page = win.household
    click(qtbot, action(win, "add_person"))
    click(qtbot, action(win, "read_person_card"))
    assert page.card_panel is None and page.card_note is not None
    qtbot.waitUntil(page.card_note.isVisible)
    assert page.card_note.text() == "カードリーダーの機能を読み込めませんでした。職員が入力してください。"
    fill_person(qtbot, win, "登米　花子", "1987-06-01", "2", "妻")
    click(qtbot, action(win, "apply_person"))
    assert names(win) == ["登米　花子"]
