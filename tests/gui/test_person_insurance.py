"""Insurance is asked once per person, only where it differs from the resident's answer, and
decides who the 国保 form lists."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tests.gui.test_household_page import action, add, click, select, to_household


def _insured(win) -> list[int]:  # noqa: ANN001
    forms = {f.procedure.id: f for f in win.session.forms()}
    kokuho = forms.get("kokuho_shikaku")
    return [] if kokuho is None else [r.person for r in kokuho.rows]


def test_a_spouse_with_employer_insurance_leaves_the_kokuho_rows(qtbot, window) -> None:  # noqa: ANN001
    win = window
    to_household(qtbot, win)
    win.session.answer("employer_insurance", False)
    add(qtbot, win, "登米　花子", "1987-06-01", "2", "妻", kana="トメ　ハナコ")
    assert win.session.current.persons[0].employer_insured is None  # same as the resident
    assert 0 in _insured(win)
    select(win, 0)
    click(qtbot, action(win, "edit_person"))
    box = win.household.editor.findChild(QComboBox, "input:person.employer_insurance")
    assert box is not None and box.currentIndex() == 0
    box.setCurrentIndex(1)
    box.activated.emit(1)
    click(qtbot, action(win, "apply_person"))
    assert win.session.current.persons[0].employer_insured is True
    assert 0 not in _insured(win) and -1 in _insured(win)
    select(win, 0)
    click(qtbot, action(win, "edit_person"))
    assert box.currentIndex() == 1  # shown again as it was saved
