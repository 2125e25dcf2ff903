"""Values on paper follow corrections: rebuilding a page never records what it merely showed.

Tapping 転入 rebuilds the questions page; Qt emits editingFinished while the old editors are
torn down. If that counted as typing, every prefilled value would freeze and a later
correction (the name, the new address) would never reach the forms that show it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

from tests.gui.conftest import type_text
from tests.gui.test_visit_flow import answer_everything_required

OLD_NAME, NEW_NAME = "登米　太朗", "登米　太郎"
OLD_ADDRESS = "宮城県仙台市青葉区国分町三丁目7番1号"
FIRST_NEW, CORRECTED_NEW = "宮城県登米市迫町佐沼字中江二丁目6番地1", "宮城県登米市迫町佐沼字中江二丁目6番地2"


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def origins(session) -> dict[str, tuple[object, str, bool]]:  # noqa: ANN001
    return {k: (f.value, f.origin, f.confirmed) for k, f in session.visit.facts.items()}


def values_on_forms(session) -> dict[str, object]:  # noqa: ANN001
    return {fs.ref: fs.value for form in session.forms() for fs in form.fields}


def type_resident(qtbot, win, name: str) -> None:  # noqa: ANN001
    type_text(qtbot, win.resident.name, name)
    type_text(qtbot, win.resident.address, OLD_ADDRESS)
    type_text(qtbot, win.resident.birth, "1985-04-12")
    click(qtbot, win.findChild(QRadioButton, "sex:1"))
    type_text(qtbot, win.resident.my_number, "123456789018")
    click(qtbot, win.resident.apply_button)


def to_questions(qtbot, win, name: str) -> None:  # noqa: ANN001
    """A 転入 visit with the resident typed by staff, on the questions page."""
    qtbot.waitUntil(win.start.button.isEnabled)
    click(qtbot, win.start.button)
    click(qtbot, win.findChild(QPushButton, "event:tennyu"))
    click(qtbot, win.next_button)
    type_resident(qtbot, win, name)
    click(qtbot, win.next_button)  # the household: nobody else
    click(qtbot, win.next_button)


def test_corrections_reach_every_form_after_a_rebuild(qtbot, window) -> None:  # noqa: ANN001
    win, session = window, window.session
    to_questions(qtbot, win, OLD_NAME)
    assert win.stack.currentWidget() is win.questions
    editors = win.questions.editors
    type_text(qtbot, editors["new_postal_code"].input, "987-0511")
    type_text(qtbot, editors["new_address"].input, FIRST_NEW)
    answer_everything_required(qtbot, win)

    # the event's own questions rebuild: tap 転入 again, then show each page five times
    click(qtbot, win.back_button)
    click(qtbot, win.back_button)
    before = origins(session)
    event = win.findChild(QPushButton, "event:tennyu")
    click(qtbot, event)  # off, then on again: the event's questions are rebuilt twice
    click(qtbot, event)
    assert session.visit.event_id == "tennyu"
    assert origins(session) == before
    for _ in range(5):
        for step in range(0, 4):
            win.go(step, force=True)
            QApplication.processEvents()  # queued rebuilds and teardown signals run
    assert origins(session) == before, "showing pages changed where values came from"

    shown_name = [ref for ref, v in values_on_forms(session).items() if v == OLD_NAME]
    shown_address = [ref for ref, v in values_on_forms(session).items() if v == FIRST_NEW]
    assert len(shown_name) >= 3 and len(shown_address) >= 2  # 届出人, 世帯主, 国保 …

    # correct the name on 本人確認 and the new address on the questions page
    win.go(1, force=True)
    type_resident(qtbot, win, NEW_NAME)
    assert session.visit.value("resident.name") == NEW_NAME
    click(qtbot, win.next_button)
    type_text(qtbot, win.questions.editors["new_address"].input, CORRECTED_NEW)

    after = values_on_forms(session)
    assert [ref for ref in shown_name if after.get(ref) != NEW_NAME] == []
    assert [ref for ref in shown_address if after.get(ref) != CORRECTED_NEW] == []
    assert OLD_NAME not in after.values() and FIRST_NEW not in after.values()


def test_showing_a_value_is_not_typing_it(qtbot, window) -> None:  # noqa: ANN001
    """Focus passing through a prefilled editor records nothing."""
    win, session = window, window.session
    to_questions(qtbot, win, NEW_NAME)
    before = origins(session)
    for editor in win.questions.editors.values():
        editor.input.setFocus()
        qtbot.keyClick(editor.input, Qt.Key.Key_Tab)
    assert origins(session) == before


def test_every_question_is_reachable_by_its_fact_name(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    win = window
    to_questions(qtbot, win, NEW_NAME)
    editors = win.questions.editors
    assert editors
    for key, editor in editors.items():
        expected = f"field:{key}" if "." in key and not key.startswith(("resident.", "visit.")) \
            else f"fact:{key}"
        found = win.findChild(QWidget, expected)
        assert found is editor.input and found.accessibleName() == expected
    assert win.findChild(QWidget, "fact:new_address") is not None
