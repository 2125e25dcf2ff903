"""Who the resident is: read from the My Number Card, or typed by staff when there is none."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.errors import ResidentDataError
from tome_window.domain.resident import Resident
from tome_window.domain.wareki import DateParseError, parse_date, to_wareki
from tome_window.views.pages.base import Page, heading

log = logging.getLogger(__name__)
SEXES = (("1", "男"), ("2", "女"), ("9", "適用不能"))


class ResidentPage(Page):
    title = "本人確認"

    def __init__(self, session, parent=None) -> None:  # noqa: ANN001
        super().__init__(session, parent)
        outer = QHBoxLayout(self)
        self.card_box = QVBoxLayout()
        outer.addLayout(self.card_box, 1)
        self.card_panel: Any = None
        manual = QVBoxLayout()
        manual.addWidget(heading("カードがない場合は職員が入力", "sectionTitle"))
        form = QFormLayout()
        self.name = self._line("residentName", "例: 登米　太郎(姓と名の間は空白)")
        self.kana = self._line("residentKana", "空欄なら候補を自動で表示します")
        self.address = self._line("residentAddress", "都道府県から番地・部屋番号まで")
        self.postal = self._line("residentPostal", "例: 987-0511(任意)")
        self.birth = self._line("residentBirth", "例: 昭和60年4月12日 / 1985-04-12")
        form.addRow("氏名", self.name)
        form.addRow("フリガナ", self.kana)
        form.addRow("住所", self.address)
        form.addRow("郵便番号", self.postal)
        form.addRow("生年月日", self.birth)
        self.my_number = self._line("residentMyNumber", "12桁(必要な手続があるときだけ)")
        self.my_number.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.my_number_label = QLabel("個人番号")
        form.addRow(self.my_number_label, self.my_number)
        sex_row = QWidget()
        sex_layout = QHBoxLayout(sex_row)
        sex_layout.setContentsMargins(0, 0, 0, 0)
        self.sex_group = QButtonGroup(self)
        for code, label in SEXES:
            button = QRadioButton(label)
            button.setObjectName(f"sex:{code}")
            button.setProperty("code", code)
            button.setMinimumHeight(40)
            self.sex_group.addButton(button)
            sex_layout.addWidget(button)
        form.addRow("性別", sex_row)
        manual.addLayout(form)
        self.apply_button = QPushButton("この内容で本人情報を確定")
        self.apply_button.setObjectName("applyResident")
        self.apply_button.setMinimumHeight(52)
        self.apply_button.clicked.connect(self.apply_manual)
        manual.addWidget(self.apply_button)
        self.feedback = QLabel()
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        manual.addWidget(self.feedback)
        manual.addStretch(1)
        outer.addLayout(manual, 1)
        self._install_card_panel()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setMinimumHeight(44)
        return line

    def _install_card_panel(self) -> None:
        try:
            from tome_window.views.identity_card import CardPanel
        except ImportError as exc:  # pyscard or its native library missing on this terminal
            log.warning("card panel unavailable: %s", exc)
            note = QLabel("カードリーダーの機能を読み込めませんでした。職員が入力してください。")
            note.setWordWrap(True)
            self.card_box.addWidget(note)
            return
        self.card_panel = CardPanel(needs_my_number=self.session.needs_my_number)
        self.card_panel.resident_read.connect(self._from_card)
        self.card_box.addWidget(heading("マイナンバーカードで読み取る", "sectionTitle"))
        self.card_box.addWidget(self.card_panel, 1)

    # -- sources ------------------------------------------------------------------------
    def apply_manual(self) -> None:
        sex = self.sex_group.checkedButton()
        birth_text = self.birth.text().strip()
        try:
            birth = parse_date(birth_text).isoformat() if birth_text else ""
        except DateParseError as exc:
            self._say(f"生年月日: {exc.message_ja}", error=True)
            return
        data = {"name": self.name.text(), "name_kana": self.kana.text(),
                "my_number": self.my_number.text() if self.my_number.isVisible() else "",
                "address": self.address.text(), "postal_code": self.postal.text(),
                "birth_date": birth, "sex": sex.property("code") if sex else ""}
        try:
            resident = Resident.from_json(data, source="manual")
        except ResidentDataError as exc:
            self._say(exc.message_ja, error=True)
            return
        self.session.set_resident(resident)
        self._say(f"本人情報を確定しました({resident.name} 様、{to_wareki(resident.birth_date)}生)")

    def enter(self) -> None:
        """The number field appears only when a chosen procedure legally needs the number."""
        needed = self.session.needs_my_number()
        self.my_number.setVisible(needed)
        self.my_number_label.setVisible(needed)
        if not needed:
            self.my_number.clear()

    def _from_card(self, resident: Resident) -> None:
        self.session.set_resident(resident)
        self.name.setText(resident.name)
        self.address.setText(resident.address)
        self.birth.setText(to_wareki(resident.birth_date))
        for button in self.sex_group.buttons():
            button.setChecked(button.property("code") == resident.sex)
        self._say("カードから本人情報を読み取りました。内容を確認してください。")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("error", error)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def leave_problem(self) -> str | None:
        if not self.session.visit or not self.session.visit.has_resident:
            return "本人情報がまだありません。カードを読み取るか、入力して「確定」を押してください"
        return None

    def clear(self) -> None:
        for line in (self.name, self.kana, self.address, self.postal, self.birth, self.my_number):
            line.clear()
        self.sex_group.setExclusive(False)
        for button in self.sex_group.buttons():
            button.setChecked(False)
        self.sex_group.setExclusive(True)
        self.feedback.clear()
        if self.card_panel is not None:
            self.card_panel.clear()
