"""The household page's form panel: one person's facts, typed by staff or read from their card.

The editor only holds what is typed; `values()` gives the documented household entry (the
same JSON the command line reads), so `Person.from_json` checks it and names the person in
Japanese exactly as it does for a file. A refused entry stays in the editor as typed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.household import SECTION_30_45, Person
from tome_window.domain.wareki import DateParseError, parse_date, to_wareki
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, name_input, name_option, set_look, set_text
from tome_window.views.pages.base import heading

if TYPE_CHECKING:
    from tome_window.domain.resident import Resident

log = logging.getLogger(__name__)
# 続柄 to the resident at the counter, as families say it; staff may type any other.
RELATIONSHIPS = ("妻", "夫", "子", "父", "母", "祖父", "祖母", "孫", "兄", "弟", "姉", "妹", "その他")
SEXES = (("1", QT_TRANSLATE_NOOP("PersonEditor", "男")),
         ("2", QT_TRANSLATE_NOOP("PersonEditor", "女")),
         ("9", QT_TRANSLATE_NOOP("PersonEditor", "適用不能")))
DATE_HINT = QT_TRANSLATE_NOOP("PersonEditor", "例: 平成30年5月1日 / H30.5.1 / 2018-05-01")
# (attribute, JSON key, label, placeholder) of the line inputs, in screen order
LINES = (
    ("name", "name", QT_TRANSLATE_NOOP("PersonEditor", "氏名"),
     QT_TRANSLATE_NOOP("PersonEditor", "例: 登米　花子(姓と名の間は空白)")),
    ("kana", "name_kana", QT_TRANSLATE_NOOP("PersonEditor", "フリガナ"),
     QT_TRANSLATE_NOOP("PersonEditor", "空欄なら候補を自動で表示します")),
    ("birth", "birth_date", QT_TRANSLATE_NOOP("PersonEditor", "生年月日"), DATE_HINT),
)
FOREIGN = (
    ("nationality", "nationality", QT_TRANSLATE_NOOP("PersonEditor", "国籍・地域"),
     QT_TRANSLATE_NOOP("PersonEditor", "例: ベトナム")),
    ("status", "residence_status", QT_TRANSLATE_NOOP("PersonEditor", "在留資格"),
     QT_TRANSLATE_NOOP("PersonEditor", "例: 技能実習")),
    ("period_end", "residence_period_end", QT_TRANSLATE_NOOP("PersonEditor", "在留期間の満了日"),
     DATE_HINT),
    ("card_number", "residence_card_number", QT_TRANSLATE_NOOP("PersonEditor", "在留カード番号"),
     QT_TRANSLATE_NOOP("PersonEditor", "英字2・数字8・英字2(例: AB12345678CD)")),
    ("tsusho", "tsusho", QT_TRANSLATE_NOOP("PersonEditor", "通称"),
     QT_TRANSLATE_NOOP("PersonEditor", "住民票に記載する通称があるとき")),
)
DATES = {"birth": "birth_date", "death": "death_date", "period_end": "residence_period_end"}


class EntryError(ValueError):
    """What the editor itself cannot read (a date), in Japanese."""


class PersonEditor(QFrame):
    """Name, kana, birth date, sex, 続柄, roles and the foreign-resident facts of one person."""

    edited = Signal()  # a person typed or clicked something

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personEditor")
        self.source = "manual"
        self.my_number: str | None = None
        self.dirty = False
        self.lines: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.title = heading("", "sectionTitle")
        outer.addWidget(self.title)
        self.read_button = name_action(QPushButton(), "read_person_card")
        self.read_button.setCheckable(True)
        outer.addWidget(self.read_button)
        self.card_box = QVBoxLayout()
        outer.addLayout(self.card_box)
        self.card_source = QLabel()
        self.card_source.setObjectName("hint")
        self.card_source.setWordWrap(True)
        self.card_source.hide()
        outer.addWidget(self.card_source)

        form = QFormLayout()
        for attr, key, _label, _hint in LINES:
            form.addRow(self._label(attr), self._line(attr, key))
        sex_row = QWidget()
        sex_layout = QHBoxLayout(sex_row)
        sex_layout.setContentsMargins(0, 0, 0, 0)
        self.sex_group = QButtonGroup(self)
        for code, _text in SEXES:
            button = name_option(QRadioButton(), f"person_sex:{code}")
            button.setProperty("code", code)
            button.setMinimumHeight(40)
            button.clicked.connect(self._touched)
            self.sex_group.addButton(button)
            sex_layout.addWidget(button)
        sex_layout.addStretch(1)
        form.addRow(self._label("sex"), sex_row)
        self.relationship = name_input(QComboBox(), "person.relationship")
        self.relationship.setEditable(True)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.addItems(RELATIONSHIPS)
        self.relationship.setCurrentIndex(-1)
        self.relationship.setMinimumHeight(44)
        self.relationship.activated.connect(self._touched)
        line = self.relationship.lineEdit()
        if line is not None:
            line.textEdited.connect(self._touched)
        form.addRow(self._label("relationship"), self.relationship)
        roles = QWidget()
        roles_layout = QVBoxLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        self.moving = name_option(QCheckBox(), "person:moving")
        self.newborn = name_option(QCheckBox(), "person:newborn")
        self.deceased = name_option(QCheckBox(), "person:deceased")
        for box in (self.moving, self.newborn, self.deceased):
            box.clicked.connect(self._touched)
            box.setMinimumHeight(36)
            roles_layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)
        roles_layout.addStretch(1)
        self.deceased.toggled.connect(self._deceased_toggled)
        form.addRow(self._label("roles"), roles)
        form.addRow(self._label("death"), self._line("death", "death_date"))
        # Asked once per person, only where it differs: by default a family is insured together.
        self.insurance = name_input(QComboBox(), "person.employer_insurance")
        for value in (None, True, False):
            self.insurance.addItem("", value)
        self.insurance.setMinimumHeight(44)
        self.insurance.activated.connect(self._touched)
        form.addRow(self._label("insurance"), self.insurance)
        self.form = form
        outer.addLayout(form)

        self.foreign_button = name_action(QPushButton(), "foreign_details")
        self.foreign_button.setCheckable(True)
        set_look(self.foreign_button, "disclosure")
        self.foreign_button.toggled.connect(self._show_foreign)
        outer.addWidget(self.foreign_button)
        self.foreign = QFrame()
        self.foreign.setObjectName("foreignBox")
        foreign_form = QFormLayout(self.foreign)
        for attr, key, _label, _hint in FOREIGN:
            foreign_form.addRow(self._label(attr), self._line(attr, key))
        self.section = name_input(QComboBox(), "person.section_30_45")
        self.section.addItem("", "")
        for code, text in SECTION_30_45.items():
            self.section.addItem(f"{code}: {text}", code)
        self.section.setMinimumHeight(44)
        self.section.activated.connect(self._touched)
        foreign_form.addRow(self._label("section"), self.section)
        self.foreign.hide()
        outer.addWidget(self.foreign)

        buttons = QHBoxLayout()
        self.cancel_button = name_action(QPushButton(), "cancel_person")
        self.apply_button = name_action(QPushButton(), "apply_person")
        set_look(self.apply_button, "primary")
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button, 2)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self._deceased_toggled(False)
        self.retranslate()

    def _label(self, attr: str) -> QLabel:
        label = QLabel()
        self.labels[attr] = label
        return label

    def _line(self, attr: str, key: str) -> QLineEdit:
        line = name_input(QLineEdit(), f"person.{key}")
        line.setMinimumHeight(44)
        line.textEdited.connect(self._touched)
        self.lines[attr] = line
        return line

    def retranslate(self) -> None:
        texts = {attr: label for attr, _key, label, _hint in LINES + FOREIGN}
        texts.update(sex=QT_TRANSLATE_NOOP("PersonEditor", "性別"),
                     relationship=QT_TRANSLATE_NOOP("PersonEditor", "続柄(届出人から見て)"),
                     roles=QT_TRANSLATE_NOOP("PersonEditor", "この方は"),
                     death=QT_TRANSLATE_NOOP("PersonEditor", "死亡日"),
                     section=QT_TRANSLATE_NOOP("PersonEditor", "30条45区分"),
                     insurance=QT_TRANSLATE_NOOP("PersonEditor", "勤務先の健康保険"))
        for attr, source in texts.items():
            self.labels[attr].setText(self.tr(source))
        for attr, _key, _label, hint in LINES + FOREIGN:
            self.lines[attr].setPlaceholderText(self.tr(hint))
            self.lines[attr].setAccessibleDescription(self.labels[attr].text())
        self.lines["death"].setPlaceholderText(self.tr(DATE_HINT))
        self.lines["death"].setAccessibleDescription(self.labels["death"].text())
        self.relationship.setAccessibleDescription(self.labels["relationship"].text())
        if (typed := self.relationship.lineEdit()) is not None:
            typed.setPlaceholderText(self.tr("選ぶか入力"))
        self.section.setAccessibleDescription(self.labels["section"].text())
        self.insurance.setAccessibleDescription(self.labels["insurance"].text())
        for i, text in enumerate((self.tr("届出人と同じ"), self.tr("加入している(国保に入らない)"),
                                  self.tr("加入していない"))):
            self.insurance.setItemText(i, text)
        for button, (_code, text) in zip(self.sex_group.buttons(), SEXES, strict=True):
            set_text(button, self.tr(text))
        set_text(self.moving, self.tr("一緒に異動する"))
        set_text(self.newborn, self.tr("出生(新生児)"))
        set_text(self.deceased, self.tr("亡くなった方"))
        set_text(self.read_button, self.tr("このカードで読み取る"))
        self._show_foreign(self.foreign_button.isChecked())
        set_text(self.cancel_button, self.tr("取り消し"))
        set_text(self.apply_button, self.tr("この内容で反映"))

    # -- showing a person ---------------------------------------------------------------
    def load(self, person: Person | None, title: str) -> None:
        """Show a person to edit (None: an empty editor for a new person)."""
        self.title.setText(title)
        self.source = person.source if person else "manual"
        self.my_number = person.my_number if person else None
        for line in self.lines.values():
            line.clear()
        self.relationship.setCurrentIndex(-1)
        self.relationship.setEditText("")
        self.section.setCurrentIndex(0)
        self.insurance.setCurrentIndex(0)
        self._check_sex(person.sex if person else None)
        self.moving.setChecked(person.moving if person else True)
        self.newborn.setChecked(bool(person and person.newborn))
        self.deceased.setChecked(bool(person and person.deceased))
        if person is not None:
            self.lines["name"].setText(person.name)
            self.lines["kana"].setText(person.name_kana)
            self.lines["birth"].setText(to_wareki(person.birth_date))
            if person.death_date:
                self.lines["death"].setText(to_wareki(person.death_date))
            self.relationship.setEditText(person.relationship)
            self.lines["nationality"].setText(person.nationality)
            self.lines["status"].setText(person.residence_status)
            if person.residence_period_end:
                self.lines["period_end"].setText(to_wareki(person.residence_period_end))
            self.lines["card_number"].setText(person.residence_card_number)
            self.lines["tsusho"].setText(person.tsusho)
            self.section.setCurrentIndex(max(0, self.section.findData(person.section_30_45)))
            self.insurance.setCurrentIndex({None: 0, True: 1, False: 2}[person.employer_insured])
        foreign = bool(person and (person.nationality or person.residence_status
                                   or person.residence_card_number or person.tsusho))
        self.foreign_button.setChecked(foreign)
        self._show_source()
        self.dirty = False

    def from_card(self, resident: Resident) -> None:
        """The facts read from this person's own card; 続柄 and roles stay the staff's."""
        self.lines["name"].setText(resident.name)
        self.lines["kana"].setText(resident.name_kana)
        self.lines["birth"].setText(to_wareki(resident.birth_date))
        self._check_sex(resident.sex)
        self.my_number = resident.my_number or None
        self.source = "card"
        self._show_source()
        self._touched()

    def _check_sex(self, code: str | None) -> None:
        self.sex_group.setExclusive(False)
        for button in self.sex_group.buttons():
            button.setChecked(button.property("code") == code)
        self.sex_group.setExclusive(True)

    def _show_source(self) -> None:
        if self.source == "card":
            text = self.tr("氏名・フリガナ・生年月日・性別はこの方のカードから読み取りました。")
            if self.my_number:
                from tome_window.domain import my_number

                text += self.tr("(個人番号 {number})").format(number=my_number.mask(self.my_number))
            self.card_source.setText(text)
        self.card_source.setVisible(self.source == "card")

    # -- reading what was typed ---------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The household entry as the documented JSON has it; EntryError for a bad date."""
        data: dict[str, Any] = {}
        for attr, key, _label, _hint in LINES + FOREIGN:
            data[key] = self.lines[attr].text().strip()
        data["death_date"] = self.lines["death"].text().strip() if self.deceased.isChecked() else ""
        for attr, key in DATES.items():
            if data[key]:
                try:
                    data[key] = parse_date(data[key]).isoformat()
                except DateParseError as exc:
                    raise EntryError(f"{self.labels[attr].text()}: {exc.message_ja}") from exc
        checked = self.sex_group.checkedButton()
        data["sex"] = checked.property("code") if checked else ""
        data["relationship"] = self.relationship.currentText().strip()
        data["section_30_45"] = self.section.currentData() or ""
        data["moving"] = self.moving.isChecked() and not self.deceased.isChecked()
        data["newborn"] = self.newborn.isChecked()
        data["deceased"] = self.deceased.isChecked()
        if self.insurance.currentData() is not None:
            data["employer_insurance"] = self.insurance.currentData()
        if self.my_number:
            data["my_number"] = self.my_number
        return {k: v for k, v in data.items() if v != ""}

    # -- reactions ----------------------------------------------------------------------
    def _touched(self, *_: Any) -> None:
        self.dirty = True
        self.edited.emit()

    def _deceased_toggled(self, on: bool) -> None:
        self.lines["death"].setEnabled(on)
        self.form.setRowVisible(self.lines["death"], on)
        if on:
            self.moving.setChecked(False)
        self.moving.setEnabled(not on)

    def _show_foreign(self, on: bool) -> None:
        self.foreign.setVisible(on)
        set_text(self.foreign_button, ("▼ " if on else "▶ ") + self.tr("外国籍の方"))
