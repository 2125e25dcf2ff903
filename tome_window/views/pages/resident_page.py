"""Who the resident is: read from the My Number Card, or typed by staff when there is none."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
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
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import automation_name, name_action, name_editor, name_option, set_text
from tome_window.views.pages.base import Page, heading

if TYPE_CHECKING:
    from tome_window.views.resident_view import ResidentView
    from tome_window.views.session import VisitSession

log = logging.getLogger(__name__)
SEXES = (("1", QT_TRANSLATE_NOOP("ResidentPage", "男")),
         ("2", QT_TRANSLATE_NOOP("ResidentPage", "女")),
         ("9", QT_TRANSLATE_NOOP("ResidentPage", "適用不能")))
# (attribute, label, placeholder) of the typed-by-staff fields, in screen order
MANUAL_FIELDS = (
    ("name", QT_TRANSLATE_NOOP("ResidentPage", "氏名"),
     QT_TRANSLATE_NOOP("ResidentPage", "例: 登米　太郎(姓と名の間は空白)")),
    ("kana", QT_TRANSLATE_NOOP("ResidentPage", "フリガナ"),
     QT_TRANSLATE_NOOP("ResidentPage", "空欄なら候補を自動で表示します")),
    ("address", QT_TRANSLATE_NOOP("ResidentPage", "住所"),
     QT_TRANSLATE_NOOP("ResidentPage", "都道府県から番地・部屋番号まで")),
    ("postal", QT_TRANSLATE_NOOP("ResidentPage", "郵便番号"),
     QT_TRANSLATE_NOOP("ResidentPage", "例: 987-0511(任意)")),
    ("birth", QT_TRANSLATE_NOOP("ResidentPage", "生年月日"),
     QT_TRANSLATE_NOOP("ResidentPage", "例: 昭和60年4月12日 / 1985-04-12")),
    ("my_number", QT_TRANSLATE_NOOP("ResidentPage", "個人番号"),
     QT_TRANSLATE_NOOP("ResidentPage", "12桁(必要な手続があるときだけ)")),
)
# the resident fact each typed field gives, which names it for scripts (`fact:resident.name`)
FACTS = {"name": "resident.name", "kana": "resident.name_kana", "address": "resident.address",
         "postal": "resident.postal_code", "birth": "resident.birth_date",
         "my_number": "resident.my_number"}


class ResidentPage(Page):
    title = "本人確認"
    name: QLineEdit
    kana: QLineEdit
    address: QLineEdit
    postal: QLineEdit
    birth: QLineEdit
    my_number: QLineEdit

    resident_turn = Signal(bool)  # the PIN pad on the resident's screen is (not) theirs now

    def __init__(self, session: VisitSession, parent: QWidget | None = None, *,
                 pin_host: ResidentView | None = None) -> None:
        super().__init__(session, parent)
        self.pin_host = pin_host
        outer = QHBoxLayout(self)
        self.card_box = QVBoxLayout()
        outer.addLayout(self.card_box, 1)
        self.card_panel: Any = None
        manual = QVBoxLayout()
        self.manual_title = heading("", "sectionTitle")
        manual.addWidget(self.manual_title)
        form = QFormLayout()
        self.form_labels: dict[str, QLabel] = {}
        for attr, _label, _placeholder in MANUAL_FIELDS:
            line = self._line(automation_name(FACTS[attr]))
            setattr(self, attr, line)
            self.form_labels[attr] = QLabel()
            form.addRow(self.form_labels[attr], line)
        self.my_number.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.my_number_label = self.form_labels["my_number"]
        sex_row = QWidget()
        sex_layout = QHBoxLayout(sex_row)
        sex_layout.setContentsMargins(0, 0, 0, 0)
        self.sex_group = QButtonGroup(self)
        for code, _label in SEXES:
            button = name_option(QRadioButton(), f"sex:{code}")
            button.setProperty("code", code)
            button.setMinimumHeight(40)
            self.sex_group.addButton(button)
            sex_layout.addWidget(button)
        self.sex_label = QLabel()
        form.addRow(self.sex_label, sex_row)
        manual.addLayout(form)
        self.apply_button = name_action(QPushButton(), "apply_resident")
        self.apply_button.setMinimumHeight(52)
        self.apply_button.clicked.connect(self.apply_manual)
        manual.addWidget(self.apply_button)
        self.feedback = QLabel()
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        manual.addWidget(self.feedback)
        manual.addStretch(1)
        outer.addLayout(manual, 1)
        self.card_title: QLabel | None = None
        self.card_note: QLabel | None = None
        self.pad_mirror: Any = None  # PadMirror, when the pad is on the resident's view
        self.pin_button: QPushButton | None = None
        self._install_card_panel()
        self.retranslate()

    def retranslate(self) -> None:
        self.manual_title.setText(self.tr("カードがない場合は職員が入力"))
        for attr, label, placeholder in MANUAL_FIELDS:
            self.form_labels[attr].setText(self.tr(label))
            getattr(self, attr).setAccessibleDescription(self.form_labels[attr].text())
            getattr(self, attr).setPlaceholderText(self.tr(placeholder))
        self.sex_label.setText(self.tr("性別"))
        for button, (_code, label) in zip(self.sex_group.buttons(), SEXES, strict=True):
            set_text(button, self.tr(label))
        set_text(self.apply_button, self.tr("この内容で本人情報を確定"))
        if self.card_title is not None:
            self.card_title.setText(self.tr("マイナンバーカードで読み取る"))
        if self.card_note is not None:
            self.card_note.setText(self.tr("カードリーダーの機能を読み込めませんでした。職員が入力してください。"))

    def _line(self, name: str) -> QLineEdit:
        line = name_editor(QLineEdit(), name)
        line.setMinimumHeight(44)
        return line

    def _install_card_panel(self) -> None:
        try:
            from tome_window.views.identity_card import CardPanel
        except ImportError as exc:  # pyscard or its native library missing on this terminal
            log.warning("card panel unavailable: %s", exc)
            self.card_note = QLabel()
            self.card_note.setWordWrap(True)
            self.card_box.addWidget(self.card_note)
            return
        from tome_window.views.i18n import LanguagePicker, follow_session

        self.card_panel = CardPanel(needs_my_number=self.session.needs_my_number)
        self.card_panel.resident_read.connect(self._from_card)
        self.card_title = heading("", "sectionTitle")
        self.card_box.addWidget(self.card_title)
        if self.pin_host is None:  # no resident view (a page on its own): the pad stays here
            # the resident types the PIN here, so they may choose their language here already
            self.picker = LanguagePicker(self.session.language, compact=True)
            follow_session(self.picker, self.session)
            self.card_box.addWidget(self.picker)
            self.card_box.addWidget(self.card_panel, 1)
            return
        # The pad is the resident's: it lives on their screen; staff see its state here
        from tome_window.views.pad_mirror import PadMirror

        self.picker = self.pin_host.pin_picker
        self.pad_mirror = PadMirror(self.card_panel, self.pin_host)
        self.pad_mirror.resident_turn.connect(self.resident_turn)
        self.pin_button = self.pad_mirror.pin_button
        self.card_box.addWidget(self.pad_mirror)
        self.card_box.addStretch(1)

    # -- the resident's screen ------------------------------------------------------------
    def placed(self, embedded: bool) -> None:
        if self.pad_mirror is not None:
            self.pad_mirror.placed(embedded)

    # -- sources ------------------------------------------------------------------------
    def apply_manual(self) -> None:
        sex = self.sex_group.checkedButton()
        birth_text = self.birth.text().strip()
        try:
            birth = parse_date(birth_text).isoformat() if birth_text else ""
        except DateParseError as exc:
            self._say(self.tr("生年月日: {problem}").format(problem=exc.message_ja), error=True)
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
        self._say(self.tr("本人情報を確定しました({name} 様、{birth}生)")
                  .format(name=resident.name, birth=to_wareki(resident.birth_date)))

    def enter(self) -> None:
        """The number field appears only when a chosen procedure legally needs the number."""
        if self.card_panel is not None:
            self.card_panel.start()  # back from reading a family member's card
            if self.pin_host is not None:
                self.pin_host.show_pad(self.card_panel)
        needed = self.session.needs_my_number()
        self.my_number.setVisible(needed)
        self.my_number_label.setVisible(needed)
        if not needed:
            self.my_number.clear()

    def _from_card(self, resident: Resident) -> None:
        if self.pad_mirror is not None:
            self.pad_mirror.turn(False)  # read: the window is staff's again to check the facts
        self.session.set_resident(resident)
        self.name.setText(resident.name)
        self.address.setText(resident.address)
        self.birth.setText(to_wareki(resident.birth_date))
        for button in self.sex_group.buttons():
            button.setChecked(button.property("code") == resident.sex)
        self._say(self.tr("カードから本人情報を読み取りました。内容を確認してください。"))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("error", error)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def leave_problem(self) -> str | None:
        if not self.session.visit or not self.session.visit.has_resident:
            return self.tr("本人情報がまだありません。カードを読み取るか、入力して「確定」を押してください")
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
