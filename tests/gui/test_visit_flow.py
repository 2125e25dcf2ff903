"""A full 転入 visit through the real window, from the first button to the cleared screen."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
)

from tests.gui.conftest import type_text
from tome_window.views import tasks
from tome_window.views.stepper import Stepper

NAME = "登米　太郎"
ADDRESS = "宮城県仙台市青葉区国分町三丁目7番1号"


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def visible_texts(win) -> str:  # noqa: ANN001
    texts = [w.text() for w in win.findChildren(QLabel)] + [w.displayText() for w in win.findChildren(QLineEdit)]
    for table in win.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount())
                  for c in range(table.columnCount()) if table.item(r, c)]
    return "\n".join(texts)


def add_person(qtbot, win, name: str, kana: str, birth: str, sex: str, relationship: str) -> None:  # noqa: ANN001
    """Add one person on the household step through the editor, as staff would."""
    editor = win.household.editor
    click(qtbot, win.findChild(QPushButton, "action:add_person"))
    assert win.household.editor_area.isVisible()
    for key, text in (("name", name), ("name_kana", kana), ("birth_date", birth)):
        type_text(qtbot, editor.findChild(QLineEdit, f"input:person.{key}"), text)
    click(qtbot, editor.findChild(QRadioButton, f"person_sex:{sex}"))
    type_text(qtbot, editor.relationship.lineEdit(), relationship)
    click(qtbot, win.findChild(QPushButton, "action:apply_person"))


def answer_everything_required(qtbot, win) -> None:  # noqa: ANN001
    """Answer the questions page through its widgets, as a clerk would, until nothing is missing."""
    page = win.questions
    for _ in range(4):
        for key, editor in list(page.editors.items()):
            if key not in page.editors or editor.isHidden():
                continue
            value = win.session.visit.value(key)
            widget = editor.input
            if value not in (None, "") or not editor.required:
                continue
            if isinstance(widget, QLineEdit):
                sample = {"date": "R8.11.20", "postal_code": "987-0511", "phone": "0220-22-2111",
                          "kana": "トメ　タロウ"}.get(editor.definition.type.value, "テスト記入")
                if editor.definition.type.value == "address":
                    sample = "宮城県登米市迫町佐沼字中江二丁目6番地1"
                type_text(qtbot, widget, sample)
            elif isinstance(widget, QSpinBox | Stepper):
                widget.setValue(max(widget.minimum(), 1))
            else:
                buttons = widget.findChildren(QRadioButton)
                if buttons:
                    click(qtbot, buttons[0])
        QApplication.processEvents()  # rebuilds after an answer are queued


def test_full_tennyu_visit(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    win = window
    session = win.session
    start = win.start.button
    qtbot.waitUntil(start.isEnabled)
    click(qtbot, start)
    assert win.stack.currentWidget() is win.choose

    # 1. what the resident came for: 転入 with two children and no employer insurance
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    count = win.choose.findChildren(QSpinBox)[0]
    count.setValue(2)
    bundle = win.choose.bundle.text()
    assert "住民異動届" in bundle and "児童手当" in bundle and "国民健康保険" in bundle
    type_text(qtbot, win.choose.search, "じゅうみんひょう", finish=False)
    shown = [win.choose.procedures.item(i).text() for i in range(win.choose.procedures.count())
             if not win.choose.procedures.item(i).isHidden()]
    assert shown == ["住民票の写し等交付申請書"]
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.resident

    # 2. identity, typed by staff (no card): cannot go on before it is confirmed
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.resident and "本人情報" in win.message.text()
    type_text(qtbot, win.resident.name, NAME)
    type_text(qtbot, win.resident.address, ADDRESS)
    type_text(qtbot, win.resident.birth, "1985-02-30")
    click(qtbot, win.findChild(QRadioButton, "sex:1"))
    assert win.resident.my_number.isVisible()  # 国保 and 児童手当 need the number
    assert win.resident.my_number.echoMode() == QLineEdit.EchoMode.PasswordEchoOnEdit
    type_text(qtbot, win.resident.my_number, "123456789012")
    click(qtbot, win.resident.apply_button)
    assert "日付はありません" in win.resident.feedback.text()
    click(qtbot, win.resident.apply_button)
    type_text(qtbot, win.resident.birth, "1985-04-12")
    click(qtbot, win.resident.apply_button)
    assert "検査用数字" in win.resident.feedback.text()
    type_text(qtbot, win.resident.my_number, "123456789018")
    type_text(qtbot, win.resident.birth, "昭和60年4月12日")
    click(qtbot, win.resident.apply_button)
    assert session.visit.value("resident.birth_date") == "1985-04-12"
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.household
    assert win.household.row_texts()[0].startswith(NAME)
    # the two children move in too: 児童手当 and 子ども医療費 list them as their rows
    add_person(qtbot, win, "登米　一郎", "トメ　イチロウ", "2018-05-01", "1", "子")
    add_person(qtbot, win, "登米　花", "トメ　ハナ", "R3.3.3", "2", "子")
    assert [p.name for p in session.current.persons] == ["登米　一郎", "登米　花"], \
        win.household.feedback.text()
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.questions

    # 3. questions: the postal code suggests the address; a bad phone is named in Japanese
    editors = win.questions.editors
    assert "resident.name" not in editors and list(editors).count("phone") == 1
    type_text(qtbot, editors["new_postal_code"].input, "987-0511")
    assert editors["new_address"].input.text() == "宮城県登米市迫町佐沼"
    type_text(qtbot, editors["new_address"].input, "宮城県登米市迫町佐沼字中江二丁目6番地1")
    type_text(qtbot, editors["phone"].input, "12")
    assert "10〜11桁" in editors["phone"].problem.text()
    type_text(qtbot, editors["phone"].input, "0220-22-2111")
    assert editors["phone"].problem.isHidden()
    answer_everything_required(qtbot, win)
    from tome_window.services import furigana

    qtbot.waitUntil(lambda: furigana.cached(NAME)[0], timeout=10000)  # read off the GUI thread
    click(qtbot, win.next_button)
    assert win.stack.currentWidget() is win.review, win.message.text()

    # 4. review: the furigana suggestion stands out until staff confirm it
    table = win.review.table

    def suggestion_rows() -> list[int]:
        return [r for r in range(table.rowCount()) if "候補" in table.item(r, 3).text()]

    first = suggestion_rows()
    # the reading and what is copied from it (口座名義) are suggestions until confirmed
    assert first and all(("フリガナ" in table.item(r, 1).text() or "カタカナ" in table.item(r, 1).text())
                         for r in first)
    assert all(table.item(r, 2).text() == "トメ　タロウ" for r in first)
    for _ in range(len(first)):
        rows = suggestion_rows()
        if not rows:
            break
        table.cellClicked.emit(rows[0], 1)
        ref = win.review.states[rows[0]].ref
        click(qtbot, win.findChild(QPushButton, f"action:confirm_suggestion/{ref}"))
    assert not suggestion_rows()
    assert win.review.leave_problem() is None
    click(qtbot, win.next_button)

    # 5. the resident's own view: large text, no staff navigation, only this resident
    assert win.resident_view.current() is win.confirm and win.confirm.isVisible()
    assert not win.staff_view.isVisible() and not win.next_button.isVisible()  # the window is the resident's
    assert NAME in visible_texts(win.confirm)
    assert "123456789018" not in visible_texts(win) and "●●●●●●●●9018" in visible_texts(win.confirm)
    from tests.gui.test_confirm_paging import page_through

    page_through(qtbot, win.confirm)  # every form shown to its end before the button works
    click(qtbot, win.findChild(QPushButton, "action:confirm"))
    assert session.visit.status == "confirmed"
    # 5b. the resident signs on the same screen; the signature goes into every 署名 box
    from tests.gui.test_signature import draw

    assert win.resident_view.current() is win.sign and win.sign.isVisible()
    draw(win.sign.pad, [(40, 120), (120, 60), (200, 140), (280, 70), (360, 130)])
    click(qtbot, win.sign.findChild(QPushButton, "action:sign"))
    assert session.signature_present
    assert win.stack.currentWidget() is win.export and win.staff_view.isVisible()
    assert win.resident_view.current() is win.resident_view.done  # thanks, while staff print

    # 6. the gate: the clerk's placeholder account number is not 7 digits, so nothing is made
    # until staff correct it or let it pass with a reason (audited, and marked on the page)
    gate = win.export.gate
    assert gate.isVisible() and gate.refs == ["jidou_teate.account_number"]
    click(qtbot, win.export.make_button)
    assert win.export.paths == [] and "作成しませんでした" in win.export.status.text()
    allow = gate.findChild(QPushButton, "action:override/jidou_teate.account_number")
    assert not allow.isEnabled()  # a reason first
    reasons = gate.findChild(QComboBox, "input:reason/jidou_teate.account_number")
    reasons.setCurrentIndex(reasons.findData("later"))
    click(qtbot, allow)
    assert gate.isHidden() and "jidou_teate.account_number" in session.visit.overrides

    # 6b. PDFs, made in the background
    click(qtbot, win.export.make_button)
    qtbot.waitUntil(lambda: len(win.export.paths) >= 3, timeout=30000)
    visit_id = session.visit.id
    for path in win.export.paths:
        text = "".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "")
        assert "登米太郎" in text.replace("\u3000", "")
    assert Path(win.export.paths[0]).name == "01_juumin_idou.pdf"

    # 6c. the procedure guide and the back-office data; all PDFs are offered for printing
    click(qtbot, win.export.guide_button)
    click(qtbot, win.export.data_button)
    # each form's JSON and CSV, and a CSV per row block (the movers of the 住民異動届)
    wanted = {"00_guide.pdf", "01_juumin_idou.json", "01_juumin_idou.csv", "01_juumin_idou.movers.csv"}
    qtbot.waitUntil(lambda: wanted <= {p.name for p in win.export.extra}, timeout=30000)
    names = {p.name for p in win.export.extra}
    assert all(f"{p.stem}.json" in names and f"{p.stem}.csv" in names for p in win.export.paths)
    assert all(p.exists() for p in win.export.extra)
    assert win.export.print_panel.isVisible()
    win.export.print_panel.printed.emit(win.export.paths, "TomeWindowPDF")

    # 7. finish: the visit is saved as closed and nothing of the resident is left on screen
    exported = list(win.export.paths)
    click(qtbot, win.export.finish_button)
    click(qtbot, win.findChild(QPushButton, "action:finish_confirm"))  # after the summary
    tasks.wait_all()
    assert session.visit is None and win.stack.currentWidget() is win.start
    assert not any(p.exists() for p in exported)  # re-exportable from the encrypted record
    left = visible_texts(win)
    assert "太郎" not in left and "国分町" not in left and "0220-22-2111" not in left
    row, payload = session.service.store.load_visit(visit_id)
    assert row.status == "closed"
    assert payload["facts"]["phone"]["value"] == "0220-22-2111"
    audit = session.service.store.audit_log(visit_id=visit_id)
    actions = [a.action for a in audit]
    override = next(a for a in audit if a.action == "override")
    assert override.detail == {"field": "jidou_teate.account_number", "reason": "later",
                               "kinds": ["invalid"]}
    assert {"visit_open", "visit_choose", "resident_manual", "resident_confirm", "export", "export_guide",
            "print", "visit_close"} <= set(actions)


def test_save_failure_keeps_what_was_typed(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    from tome_window.services.storage import StorageError

    win = window
    qtbot.waitUntil(win.start.button.isEnabled)
    click(qtbot, win.start.button)

    def gone(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise StorageError("データベースに接続できません。", "database unreachable")

    monkeypatch.setattr(win.session.service.store, "save_visit", gone)
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    qtbot.waitUntil(lambda: "保存できませんでした" in win.message.text(), timeout=5000)
    assert "データベースに接続できません" in win.message.text()
    assert win.session.visit is not None and win.session.visit.event_id == "tennyu"
    assert win.session.unsaved


def test_broken_definition_is_shown_not_fatal(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    from tests.conftest import REPO
    from tome_window.views.app import build_window, make_app, start_behind_window

    forms = tmp_path / "forms"
    shutil.copytree(REPO / "forms", forms)
    (forms / "procedures" / "juminhyo_koufu.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("TOME_WINDOW_FORMS", str(forms))
    make_app()
    win, session = build_window()
    qtbot.addWidget(win)
    win.show()
    start_behind_window(win, session)
    qtbot.waitUntil(lambda: win.start.button.isEnabled(), timeout=20000)
    assert "juminhyo_koufu.yaml" in win.start.problems.text()
    assert "juminhyo_koufu" not in session.catalog.procedures
    assert "juumin_idou" in session.catalog.procedures
    tasks.wait_all()
    session.service.store.close()
