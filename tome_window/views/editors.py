"""One editor widget per field type, large enough for a finger, committing on each change.

Every editor reports through `commit(value)`; the page records the answer (validation and
canonical form happen in the domain) and shows the Japanese message under the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.definitions import FieldType, QuestionDef
from tome_window.domain.prefill import choices_of
from tome_window.domain.wareki import format_iso
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import automation_name, name_editor, name_option
from tome_window.views.stepper import Stepper

PLACEHOLDERS = {
    FieldType.DATE: QT_TRANSLATE_NOOP("FieldEditor", "例: 令和8年11月20日 / R8.11.20 / 2026-11-20"),
    FieldType.POSTAL_CODE: QT_TRANSLATE_NOOP("FieldEditor", "例: 987-0511"),
    FieldType.PHONE: QT_TRANSLATE_NOOP("FieldEditor", "例: 0220-22-2111"),
    FieldType.KANA: QT_TRANSLATE_NOOP("FieldEditor", "カタカナで入力"),
    FieldType.ADDRESS: QT_TRANSLATE_NOOP("FieldEditor", "番地・建物名・部屋番号まで"),
}


class FieldEditor(QWidget):
    """A labelled editor with its help and its current problem underneath."""

    def __init__(self, key: str, definition: QuestionDef, value: Any,
                 commit: Callable[[str, Any], str | None], parent: QWidget | None = None,
                 *, required: bool = False) -> None:
        super().__init__(parent)
        self.key = key
        self.definition = definition
        self.required = required
        self._commit = commit
        self.setObjectName(f"editor:{key}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        title = QLabel(definition.label + ("  " + self.tr("*必須") if required else ""))
        title.setObjectName("fieldLabel")
        outer.addWidget(title)
        self.input = self._make_input(value)
        named = self.input.field if isinstance(self.input, Stepper) else self.input  # the value holds the fact
        name_editor(named, automation_name(key), definition.label)
        outer.addWidget(self.input)
        if definition.help:
            help_label = QLabel(definition.help)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            outer.addWidget(help_label)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)

    def _make_input(self, value: Any) -> QWidget:
        kind = self.definition.type
        if kind is FieldType.CHECKBOX:
            box = QCheckBox(self.tr("はい"))
            box.setChecked(bool(value))
            box.toggled.connect(lambda checked: self._send(checked))
            return box
        if kind is FieldType.NUMBER:
            v = self.definition.validation
            stepper = Stepper(self.key, int(v.min if v.min is not None else 0),
                              int(v.max if v.max is not None else 999))
            stepper.setValue(int(value) if isinstance(value, int | str) and str(value).isdigit() else 0)
            stepper.valueChanged.connect(lambda n: self._send(n))  # a person's change only
            return stepper
        if kind is FieldType.CHOICE:
            return self._choices(value)
        line = QLineEdit()
        line.setMinimumHeight(44)
        if self.key == "resident.my_number":
            line.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # never shown whole at rest
            line.setPlaceholderText(self.tr("12桁(入力中だけ表示されます)"))
        elif kind in PLACEHOLDERS:
            line.setPlaceholderText(self.tr(PLACEHOLDERS[kind]))
        line.setText(_shown(kind, value))
        line.editingFinished.connect(lambda: self._edited(line))
        return line

    def _edited(self, line: QLineEdit) -> None:
        """Commit only what a person typed: Qt also emits editingFinished when focus moves
        or the editor is torn down (a page rebuild), and recording the shown value then would
        freeze a prefilled value as if the clerk had typed it."""
        if not line.isModified():
            return
        line.setModified(False)
        self._send(line.text())

    def _choices(self, value: Any) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(holder)
        for choice in choices_of(self.definition):
            button = QRadioButton(choice.label)
            button.setMinimumHeight(40)
            button.setChecked(str(value) == choice.value)
            button.setProperty("choiceValue", choice.value)
            name_option(button, f"choice:{self.key}/{choice.value}")
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        group.buttonToggled.connect(self._choice_toggled)
        holder.setProperty("group", group)
        self._group = group
        return holder

    def _choice_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self._send(button.property("choiceValue"))

    def _send(self, value: Any) -> None:
        self.show_problem(self._commit(self.key, value))

    def show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))
        self.setProperty("invalid", bool(text))
        self.style().unpolish(self)
        self.style().polish(self)

    def set_value(self, value: Any) -> None:
        """Show a value computed elsewhere (a suggestion) without committing it again."""
        if isinstance(self.input, QLineEdit) and not self.input.isModified():
            self.input.setText(_shown(self.definition.type, value))  # setText clears isModified


def _shown(kind: FieldType, value: Any) -> str:
    if value is None:
        return ""
    if kind is FieldType.DATE and isinstance(value, str):
        return format_iso(value)
    return str(value)

