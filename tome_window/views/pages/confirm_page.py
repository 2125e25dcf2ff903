"""The resident's own check: large text, only this resident's forms, one clear answer.

The resident reads it in their own language, chosen here with the language buttons. Each
label shows the Japanese label small beside it, because the printed application stays
Japanese and the resident must be able to find the same line on paper. What the resident
gave (names, addresses) is never translated; chosen options and yes/no are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.languages import SOURCE
from tome_window.views.ask_staff import AskStaffPanel
from tome_window.views.i18n import JAPANESE_FONTS, LanguagePicker, font_families, form_text
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled
from tome_window.views.pages.review_page import grouped, person_name, shown

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

PAGE_STYLE = """
QLabel#residentLabelJa, QLabel#residentFormTitleJa { font-size: 15px; color: #5a6470; }
QPushButton[languageButton="true"] { min-height: 48px; font-size: 18px; padding: 4px 8px; }
"""


class ConfirmPage(Page):
    title = "ご本人の確認"
    resident_facing = True
    confirmed = Signal()
    correction_requested = Signal()

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setStyleSheet(PAGE_STYLE)
        outer = QVBoxLayout(self)
        self.picker = LanguagePicker(session.language)
        self.picker.chosen.connect(session.set_language)
        session.language_changed.connect(self.picker.show_current)
        outer.addWidget(self.picker)
        self.heading = heading("", "residentTitle")
        outer.addWidget(self.heading)
        self.hint = QLabel()
        self.hint.setObjectName("residentHint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.inner = QWidget()
        self.box = QVBoxLayout(self.inner)
        outer.addWidget(scrolled(self.inner), 1)
        self.ask_panel = AskStaffPanel()
        self.ask_panel.hide()
        session.language_changed.connect(self.ask_panel.set_language)
        outer.addWidget(self.ask_panel)
        buttons = QHBoxLayout()
        self.ask_button = name_action(QPushButton(), "ask_staff")
        set_look(self.ask_button, "resident_secondary")
        self.ask_button.setCheckable(True)
        self.ask_button.toggled.connect(self._toggle_ask)
        buttons.addWidget(self.ask_button, 1)
        self.fix_button = name_action(QPushButton(), "fix")
        set_look(self.fix_button, "resident_secondary")
        self.fix_button.clicked.connect(self.correction_requested)
        self.ok_button = name_action(QPushButton(), "confirm")
        set_look(self.ok_button, "resident_primary")
        self.ok_button.clicked.connect(self._confirm)
        buttons.addWidget(self.fix_button, 1)
        buttons.addWidget(self.ok_button, 2)
        outer.addLayout(buttons)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []  # (label, Japanese label, value)
        self.retranslate()

    def retranslate(self) -> None:
        code = self.session.language
        font = QFont(self.font())
        font.setFamilies(font_families(code))
        self.setFont(font)
        self.heading.setText(self.tr("内容をご確認ください"))
        self.hint.setText(self.tr("違うところがあれば「訂正したい」を押して、職員にお知らせください。"))
        set_text(self.fix_button, self.tr("訂正したい"))
        set_text(self.ask_button, self.tr("職員にたずねる"))
        set_text(self.ok_button, self.tr("この内容で間違いありません"))
        self.picker.show_current(code)
        if self.session.visit is not None and self.rows is not None and self.isVisible():
            self.enter()

    def enter(self) -> None:
        clear_layout(self.box)
        self.rows = []
        code = self.session.language
        text = form_text() if code != SOURCE else None
        for form in self.session.forms():
            pid = form.procedure.id
            card = QFrame()
            card.setObjectName("residentCard")
            grid = QGridLayout(card)
            title = _ask(text, "procedure_title", code, pid)
            grid.addWidget(heading(title or form.procedure.title, "residentFormTitle"), 0, 0, 1, 2)
            if title:
                grid.addWidget(_japanese(form.procedure.title, "residentFormTitleJa"), 0, 2)
            row = 1
            for fs in form.fields:
                if not fs.key.startswith("visit."):
                    row = self._add_row(grid, row, fs, code, text)
            for who, fields in grouped([form])[0][1]:
                grid.addWidget(_japanese(person_name(self.session.visit, who), "residentPerson"),
                               row, 0, 1, 3)
                row += 1
                blocks = [r.block for r in form.rows if r.person == who]
                unique = list({b.id: b for b in blocks}.values())
                grid.addWidget(self._block_labels(pid, unique, code, text), row, 0, 1, 3)
                row += 1
                for fs in fields:
                    row = self._add_row(grid, row, fs, code, text)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(2, 4)
            self.box.addWidget(card)
        self.box.addStretch(1)

    @staticmethod
    def _block_labels(pid: str, blocks: list[Any], code: str, text: Any) -> QLabel:
        """Which of the form's tables the person is in (異動する方, 外国籍の方…), translated
        with the Japanese beside, as on paper."""
        parts = []
        for block in blocks:
            translated = _ask(text, "row_label", code, pid, block.id)
            parts.append(f"{translated}({block.label})" if translated else block.label)
        label = QLabel(" / ".join(parts))
        label.setObjectName("residentBlock")
        label.setWordWrap(True)
        return label

    def _add_row(self, grid: QGridLayout, row: int, fs: Any, code: str, text: Any) -> int:
        """One field: its label (translated when a curated text exists), the Japanese label
        small beside it, and the value as the resident reads it; the next grid row. A row
        block's column has its own text (rows.<block>.fields), not a form field's."""
        pid = fs.procedure_id
        if fs.row:
            translated = _ask(text, "row_field_label", code, pid, _block_id(fs), fs.field.id)
        else:
            translated = (_ask(text, "field_label", code, pid, fs.field.id)
                          or _ask(text, "question_label", code, getattr(fs.field, "fact", None)))
        label = QLabel(translated or fs.field.label)
        label.setObjectName("residentLabel")
        label.setWordWrap(True)
        japanese = _japanese(fs.field.label if translated else "", "residentLabelJa")
        value = _japanese(self._value(fs, code, text) or self.tr("(なし)"), "residentValue")
        grid.addWidget(label, row, 0)
        grid.addWidget(japanese, row, 1)
        grid.addWidget(value, row, 2)
        self.rows.append((label, japanese, value))
        return row + 1

    def _value(self, fs: Any, code: str, text: Any) -> str:
        """The value as the resident reads it: options and yes/no translated, never names."""
        kind = fs.field.type.value
        if fs.value in (None, "") or code == SOURCE:
            return shown(fs)
        if kind == "checkbox":
            return self.tr("はい") if fs.value else self.tr("いいえ")
        if kind == "choice" or getattr(fs.field, "fact", None) == "resident.sex":
            choice = (_ask(text, "row_choice", code, fs.procedure_id, _block_id(fs), fs.field.id,
                           str(fs.value)) if fs.row else
                      _ask(text, "choice", code, fs.procedure_id, fs.field.id, str(fs.value)))
            if choice:
                return f"{choice}({shown(fs)})"
        if kind == "date":
            try:
                return f"{shown(fs)}({dt.date.fromisoformat(str(fs.value)).isoformat()})"
            except ValueError:
                pass
        return shown(fs)

    def _confirm(self) -> None:
        self.session.confirm()
        self.confirmed.emit()

    def _toggle_ask(self, on: bool) -> None:
        """Free-text questions in the resident's language, translated offline for staff."""
        if on:
            self.ask_panel.set_language(self.session.language)
        self.ask_panel.setVisible(on)

    def clear(self) -> None:
        clear_layout(self.box)
        self.rows = []
        self.ask_panel.clear()
        self.ask_button.setChecked(False)


def _block_id(fs: Any) -> str:
    """The row block of a row field (fs.row is "BLOCK.N")."""
    return str(fs.row).partition(".")[0]


def _ask(text: Any, method: str, *args: Any) -> str | None:
    """One look-up in the form text; any gap or fault means "show the Japanese"."""
    if text is None or any(a is None for a in args):
        return None
    try:
        found = getattr(text, method)(*args)
    except Exception:  # noqa: BLE001 - a bad translation file must not stop the visit
        return None
    return found if isinstance(found, str) and found.strip() else None


def _japanese(text: str, name: str) -> QLabel:
    """Japanese text (form labels, the resident's own values) in a Japanese typeface."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    font = QFont(label.font())
    font.setFamilies(list(JAPANESE_FONTS))
    label.setFont(font)
    return label
