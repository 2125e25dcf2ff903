"""Every input and action on every step has a stable name and an accessible name.

Scripted visits and screen readers reach widgets by these names (views/names.py): inputs are
`fact:`/`field:`/`input:`, push buttons `action:NAME[/REF]`, checkable buttons are named by
the option they stand for (`event:ID`, `sex:CODE`, `lang:CODE`, `choice:KEY/VALUE` …). The
walk covers each step of a 転入 visit with the resident typed in, and the panels reachable
there: the review's side editor, the resident's ask-staff panel, the export gate, the print
panel with its preview.
"""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from tests.gui.conftest import type_text
from tests.gui.test_provenance import to_questions
from tests.gui.test_visit_flow import answer_everything_required

ACTION = re.compile(r"^action:[a-z_]+(/[\w.]+)?$")
OPTION = re.compile(r"^(event|sex|lang|[a-z_]+):")
INPUT = re.compile(r"^(fact|field|input):")
INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)
# Names that may legitimately appear twice among the visible widgets of one step: none yet.
REPEATS: frozenset[str] = frozenset()


def _internal(widget: QWidget) -> bool:
    """Qt's own parts of a composite widget (a spin box's line edit, a table's corner button)."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        return True
    return widget.metaObject().className() == "QTableCornerButton"


def problems(root: QWidget) -> list[str]:
    """What is wrong with the names of the visible buttons and inputs under `root`."""
    found: list[str] = []
    names: Counter[str] = Counter()
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or _internal(button):
            continue
        name, label = button.objectName(), f"{type(button).__name__} {button.text()!r}"
        names[name] += 1
        if button.isCheckable():
            if not OPTION.match(name):
                found.append(f"checkable {label} is named {name!r}, not OPTION:VALUE")
        elif not ACTION.match(name):
            found.append(f"{label} is named {name!r}, not action:NAME")
        elif button.text() and button.accessibleName() != button.text():
            found.append(f"{name}: accessible name {button.accessibleName()!r} is not its text")
        if not button.accessibleName():
            found.append(f"{label} ({name!r}) has no accessible name")
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or _internal(widget):
            continue
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        name = widget.objectName()
        names[name] += 1
        if not INPUT.match(name):
            found.append(f"{type(widget).__name__} is named {name!r}, not fact:/field:/input:")
        if not widget.accessibleName():
            found.append(f"{type(widget).__name__} {name!r} has no accessible name")
    found += [f"{name!r} is used {count} times" for name, count in names.items()
              if count > 1 and name not in REPEATS]
    return found


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def assert_named(win, where: str) -> int:  # noqa: ANN001
    QApplication.processEvents()
    wrong = problems(win)
    assert not wrong, f"{where}:\n" + "\n".join(wrong)
    return sum(1 for b in win.findChildren(QAbstractButton) if b.isVisible())


def test_every_step_names_its_inputs_and_actions(qtbot, window) -> None:  # noqa: ANN001
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    assert_named(win, "start page")
    assert win.findChild(QPushButton, "action:start") is win.start.button
    to_questions(qtbot, win, "登米　太郎")
    answer_everything_required(qtbot, win)
    from tome_window.services import furigana

    qtbot.waitUntil(lambda: furigana.cached("登米　太郎")[0], timeout=10000)

    for step, page in enumerate(win.pages):
        win.go(step, force=True)
        # a resident's step shows on the resident's view; staff's stack holds their stand-in
        shown = win.turn if page.resident_facing else page
        qtbot.waitUntil(lambda shown=shown: win.stack.currentWidget() is shown)
        if page.resident_facing:
            assert win.resident_view.current() is page and page.isVisible()
        assert assert_named(win, f"step {step} ({type(page).__name__})") > 0
    resident = win.resident
    for attr, fact in (("name", "resident.name"), ("kana", "resident.name_kana"),
                       ("birth", "resident.birth_date"), ("my_number", "resident.my_number")):
        line = resident.findChild(QLineEdit, f"fact:{fact}")
        assert line is getattr(resident, attr) and line.accessibleName() == f"fact:{fact}"
        assert line.accessibleDescription()  # the label beside it, for screen readers
    assert win.choose.findChild(QLineEdit, "input:procedure_search") is win.choose.search

    # the household step with a person added, their editor open with every section shown
    household = win.household
    win.go(win.pages.index(household), force=True)
    click(qtbot, win.findChild(QPushButton, "action:add_person"))
    editor = household.editor
    type_text(qtbot, editor.findChild(QLineEdit, "input:person.name"), "登米　花子")
    type_text(qtbot, editor.findChild(QLineEdit, "input:person.birth_date"), "1987-06-01")
    click(qtbot, editor.findChild(QAbstractButton, "person_sex:2"))
    type_text(qtbot, editor.relationship.lineEdit(), "妻")
    click(qtbot, win.findChild(QPushButton, "action:apply_person"))
    assert [p.name for p in win.session.current.persons] == ["登米　花子"], household.feedback.text()
    assert household.findChild(QWidget, "input:household") is household.list
    household.list.setCurrentRow(1)
    click(qtbot, win.findChild(QPushButton, "action:edit_person"))
    click(qtbot, win.findChild(QPushButton, "action:foreign_details"))
    click(qtbot, win.findChild(QPushButton, "action:read_person_card"))
    qtbot.waitUntil(editor.foreign.isVisible)
    assert assert_named(win, "household with the editor, foreign section and card open") > 0
    click(qtbot, win.findChild(QPushButton, "action:remove_person"))
    qtbot.waitUntil(household.confirm_bar.isVisible)
    assert_named(win, "household asking to remove")
    click(qtbot, win.findChild(QPushButton, "action:cancel_remove"))
    click(qtbot, win.findChild(QPushButton, "action:cancel_person"))

    # the review's side editor and its 「この候補で正しい」 for a suggested value
    win.go(win.pages.index(win.review), force=True)
    table = win.review.table
    rows = [r for r in range(table.rowCount()) if "候補" in table.item(r, 3).text()]
    assert rows, "no suggested value to confirm"
    table.cellClicked.emit(rows[0], 1)
    ref = win.review.states[rows[0]].ref
    key = win.review.states[rows[0]].key

    def side_shown() -> bool:
        ok = win.review.findChild(QPushButton, f"action:confirm_suggestion/{ref}")
        editor = win.review.findChild(QWidget, f"fact:{key}")
        return ok is not None and ok.isVisible() and editor is not None and editor.isVisible()

    qtbot.waitUntil(side_shown)
    assert_named(win, "review with a row picked")

    # the resident's screen with the ask-staff panel open
    win.go(win.pages.index(win.confirm), force=True)
    click(qtbot, win.confirm.ask_button)
    qtbot.waitUntil(win.confirm.ask_panel.isVisible)
    assert_named(win, "confirmation with ask-staff open")
    assert win.confirm.findChild(QPlainTextEdit, "input:resident_question") is not None
    click(qtbot, win.confirm.ask_button)

    # the export gate, then the print panel and its preview once the PDFs exist
    export = win.export
    win.go(win.pages.index(export), force=True)
    qtbot.waitUntil(export.gate.isVisible)
    assert_named(win, "export with the gate")
    for ref in list(export.gate.refs):
        reasons = export.gate.findChild(QComboBox, f"input:reason/{ref}")
        reasons.setCurrentIndex(reasons.findData("later"))
        click(qtbot, export.gate.findChild(QPushButton, f"action:override/{ref}"))
    assert export.gate.isHidden()
    click(qtbot, win.findChild(QPushButton, "action:make_pdf"))
    qtbot.waitUntil(lambda: bool(export.paths) and export.print_panel.isVisible(), timeout=30000)
    assert_named(win, "export with the print panel")
    for action in ("print", "choose_printer", "prev_page", "next_page", "finish"):
        assert win.findChild(QPushButton, f"action:{action}") is not None, action


def test_accessible_names_follow_the_language(qtbot, window) -> None:  # noqa: ANN001
    from tests.i18n.test_switching import choose, open_confirmation

    win = window
    open_confirmation(qtbot, win)
    ok = win.findChild(QPushButton, "action:confirm")
    assert ok is win.confirm.ok_button and ok.accessibleName() == ok.text()
    choose(qtbot, win, "en")
    qtbot.waitUntil(lambda: ok.text() == "Everything is correct", timeout=5000)
    assert ok.accessibleName() == "Everything is correct"
    assert win.confirm.fix_button.accessibleName() == win.confirm.fix_button.text() != "訂正したい"
    assert_named(win, "confirmation in English")


def test_an_unnamed_button_or_input_is_caught(qtbot, window) -> None:  # noqa: ANN001
    """The walk bites: a button or an input added without a stable name is reported."""
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    layout = win.start.layout()
    stray = QPushButton("新しいボタン")
    layout.addWidget(stray)
    line = QLineEdit()
    layout.addWidget(line)
    twin = QPushButton("もう一つ")
    twin.setObjectName("action:start")
    twin.setAccessibleName("もう一つ")
    layout.addWidget(twin)
    qtbot.waitUntil(twin.isVisible)
    wrong = "\n".join(problems(win))
    assert "'新しいボタン' is named ''" in wrong
    assert "QLineEdit is named ''" in wrong
    assert "'action:start' is used 2 times" in wrong
