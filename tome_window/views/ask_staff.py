"""The "ask staff" panel: the resident types in their language, staff read Japanese, and back.

It sits on the resident's confirmation screen for what the forms do not cover ("Can my
spouse pick this up?"). Translation is offline (services.translation) and never runs on the
GUI thread: models start loading on a worker as soon as the panel is shown, and every
translation goes through `run_task` on its own lane so that a slow model never holds up
storage or look-ups. The public models cover Japanese only through English and not at all
for some languages (vi, ne, my), so the panel says plainly which languages have free-text
translation, and without a model it tells the resident, in their language, that staff will
guide them by pointing; curated form texts work for every language regardless.

Resident-facing strings are `self.tr()` (context AskStaffPanel, translated with the
resident's catalog); staff's area stays Japanese, its strings in the AskStaffPanelStaff
context, as the card panel does. Results that arrive after the language changed, or after
a newer request, are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.errors import DefinitionError
from tome_window.domain.languages import BY_CODE, SOURCE
from tome_window.services.phrasebook import Phrase, Phrasebook, phrasebook
from tome_window.services.translation import TranslationService, to_argos
from tome_window.views.names import name_action, name_input, set_look, set_text
from tome_window.views.tasks import message_of, run_task

log = logging.getLogger(__name__)

STAFF_CONTEXT = "AskStaffPanelStaff"  # staff's own area on the resident's screen: stays Japanese
LANE = "translate"


def _staff(text: str) -> str:
    return QCoreApplication.translate(STAFF_CONTEXT, text)


def _same_language(code: str) -> bool:
    """The resident writes Japanese (日本語, やさしい日本語): staff read it as typed."""
    try:
        return to_argos(code) == to_argos(SOURCE)
    except Exception:  # noqa: BLE001 - an unknown code simply needs translation
        return False


class PhraseButton(QPushButton):
    """A large phrase: the main text above, the other language beside it in smaller type."""

    def __init__(self, phrase: Phrase, side: str) -> None:
        super().__init__()
        self.phrase, self.side = phrase, side
        name_action(self, f"{'phrase' if side == 'resident' else 'staff_phrase'}/{phrase.id}")
        set_look(self, "phrase")
        self.main = QLabel()
        self.other = QLabel()
        for label, look in ((self.main, "phrase_text"), (self.other, "phrase_ja")):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            set_look(label, look if side == "resident" else f"staff_{look}")
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.main)
        self.box.addWidget(self.other)

    def show_language(self, code: str) -> None:
        local = self.phrase.in_language(code)
        main, other = (local, self.phrase.ja) if self.side == "resident" else (self.phrase.ja, local)
        self.main.setText(main)
        self.other.setText(other)
        self.other.setVisible(code != SOURCE)
        self.setAccessibleName(main)
        self.setAccessibleDescription(other)
        self.setMinimumHeight(self.box.sizeHint().height())


class AskStaffPanel(QWidget):
    """Resident question → Japanese for staff; staff's Japanese answer → the resident's language."""

    shown_to_staff = Signal(str)  # the Japanese staff now read
    shown_to_resident = Signal(str)  # the answer the resident now reads
    phrase_shown = Signal(str)  # the id of the phrase shown large for both
    availability_changed = Signal(bool)  # whether free text can be translated for this language

    def __init__(self, service: TranslationService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._code = SOURCE
        self._generation = 0  # bumped on every language change and every request
        self._available: bool | None = None
        self._free: list[str] = []
        self._warmed: set[str] = set()
        self._checking = False
        self._phrase: Phrase | None = None
        self.phrase_buttons: list[PhraseButton] = []
        self._book: Phrasebook | None
        try:
            self._book = phrasebook()
        except DefinitionError as problem:  # never takes the counter down: free text still works
            log.warning("phrasebook unusable: %s", problem.message_en)
            self._book, self._book_problem = None, problem.message_ja
        else:
            self._book_problem = ""
        self._build()
        self.retranslate()

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.resident_title = QLabel()
        self.resident_title.setObjectName("askStaffTitle")
        self.resident_input = name_input(QPlainTextEdit(), "resident_question")
        self.show_button = name_action(QPushButton(), "show_translation")
        self.show_button.clicked.connect(self._show_to_staff)
        self.reply_title = QLabel()
        self.reply_view = name_input(QPlainTextEdit(), "resident_answer")  # staff's, translated
        self.reply_view.setReadOnly(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.unavailable = QLabel()
        self.unavailable.setWordWrap(True)
        self.unavailable.setObjectName("askStaffUnavailable")
        self.languages_label = QLabel()
        self.languages_label.setWordWrap(True)

        # The phrase tapped last, large, in the resident's language and in Japanese.
        self.shown = QFrame()
        self.shown.setObjectName("phraseShown")
        self.shown_text = QLabel()
        self.shown_ja = QLabel()
        for label, look in ((self.shown_text, "phrase_shown"), (self.shown_ja, "phrase_shown_ja")):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_look(label, look)
        shown = QVBoxLayout(self.shown)
        shown.addWidget(self.shown_text)
        shown.addWidget(self.shown_ja)
        self.shown.hide()

        self.free_box = QWidget()  # free text: only when a model translates this language
        free = QVBoxLayout(self.free_box)
        free.setContentsMargins(0, 0, 0, 0)
        free.addWidget(self.resident_title)
        free.addWidget(self.resident_input)
        free.addWidget(self.show_button)
        free.addWidget(self.status)
        free.addWidget(self.reply_title)
        free.addWidget(self.reply_view)
        self.free_box.hide()
        resident = QVBoxLayout()
        resident.addWidget(self._phrase_area("resident"), 1)
        resident.addWidget(self.free_box)
        resident.addWidget(self.unavailable)
        resident.addWidget(self.languages_label)

        # Staff's side is boxed and titled in Japanese so nobody mistakes it for the resident's.
        self.staff_area = QFrame()
        self.staff_area.setObjectName("askStaffStaffArea")
        self.staff_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.staff_area.setLineWidth(2)
        self.staff_title = QLabel()
        self.staff_view = name_input(QPlainTextEdit(), "staff_question")  # the resident's, in Japanese
        self.staff_view.setReadOnly(True)
        self.staff_input = name_input(QPlainTextEdit(), "staff_answer")
        self.reply_button = name_action(QPushButton(), "reply")
        self.reply_button.clicked.connect(self._reply_to_resident)
        self.staff_status = QLabel()
        self.staff_status.setWordWrap(True)
        self.staff_phrase_title = QLabel()
        self.staff_free = QWidget()
        staff_free = QVBoxLayout(self.staff_free)
        staff_free.setContentsMargins(0, 0, 0, 0)
        staff_free.addWidget(self.staff_title)
        staff_free.addWidget(self.staff_view)
        staff_free.addWidget(self.staff_input)
        staff_free.addWidget(self.reply_button)
        self.staff_free.hide()
        staff = QVBoxLayout(self.staff_area)
        staff.addWidget(self.staff_phrase_title)
        staff.addWidget(self._phrase_area("staff"), 1)
        staff.addWidget(self.staff_free)
        staff.addWidget(self.staff_status)

        outer = QVBoxLayout(self)
        outer.addWidget(self.shown)
        row = QHBoxLayout()
        row.addLayout(resident, 3)
        row.addWidget(self.staff_area, 2)
        outer.addLayout(row, 1)
        self._set_enabled(False)

    def _phrase_area(self, side: str) -> QScrollArea:
        """The phrasebook for one side, by group: resident's in two columns of large buttons."""
        inner = QWidget()
        grid = QGridLayout(inner)
        columns = 2
        row = 0
        for group in self._book.groups if self._book else ():
            phrases = [p for p in group.phrases if p.for_side(side)]
            if not phrases:
                continue
            heading = QLabel()
            heading.setProperty("group", group.id)
            set_look(heading, "phrase_group" if side == "resident" else "staff_phrase_group")
            grid.addWidget(heading, row, 0, 1, columns)
            row += 1
            for n, phrase in enumerate(phrases):
                button = PhraseButton(phrase, side)
                button.clicked.connect(lambda _=False, p=phrase: self.show_phrase(p.id))
                self.phrase_buttons.append(button)
                grid.addWidget(button, row + n // columns, n % columns)
            row += (len(phrases) + columns - 1) // columns
        grid.setRowStretch(row, 1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        area.setMinimumHeight(260)
        return area

    def _group_headings(self) -> list[QLabel]:
        return [w for w in self.findChildren(QLabel) if w.property("group")]

    def _show_phrases(self) -> None:
        code = self._code
        for button in self.phrase_buttons:
            button.show_language(code)
        for heading in self._group_headings():
            group = next(g for g in self._book.groups if g.id == heading.property("group")) \
                if self._book else None
            if group is not None:
                local = group.in_language(code if heading.property("look") == "phrase_group"
                                          else SOURCE)
                heading.setText(local if local == group.ja else f"{local} / {group.ja}")
        if self._phrase is not None:
            self.show_phrase(self._phrase.id)

    def show_phrase(self, phrase_id: str) -> None:
        """Show one phrase large for both: the resident's language, and the Japanese."""
        if self._book is None:
            return
        self._phrase = phrase = self._book.phrase(phrase_id)
        local = phrase.in_language(self._code)
        self.shown_text.setText(local)
        self.shown_ja.setText(phrase.ja)
        self.shown_ja.setVisible(local != phrase.ja)
        self.shown.show()
        self.phrase_shown.emit(phrase.id)

    def retranslate(self) -> None:
        self.resident_title.setText(self.tr("職員への質問を、あなたの言語で入力してください"))
        set_text(self.show_button, self.tr("職員に見せる"))
        self.reply_title.setText(self.tr("職員からの回答"))
        self.resident_input.setPlaceholderText(self.tr("ここに入力します"))
        self.staff_title.setText(_staff("職員用 (日本語に翻訳した質問と、回答の入力)"))
        self.staff_input.setPlaceholderText(_staff("回答を日本語で入力"))
        set_text(self.reply_button, _staff("住民の言語に翻訳して見せる"))
        self.staff_phrase_title.setText(
            _staff("指さしで伝える (押すと住民の言語と日本語で大きく表示します)")
            if self._book else self._book_problem)
        self.resident_input.setAccessibleDescription(self.resident_title.text())
        self.reply_view.setAccessibleDescription(self.reply_title.text())
        self.staff_view.setAccessibleDescription(self.staff_title.text())
        self.staff_input.setAccessibleDescription(self.staff_input.placeholderText())
        self._show_phrases()
        self._show_availability()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- language and models -----------------------------------------------------------------

    @property
    def service(self) -> TranslationService:
        if self._service is None:  # reads only the settings file; models load on a worker
            self._service = TranslationService.from_settings()
        return self._service

    @property
    def language(self) -> str:
        return self._code

    def clear(self) -> None:
        """End of visit: nothing either side typed stays on screen."""
        self._generation += 1  # answers still on their way are dropped
        for box in (self.resident_input, self.reply_view, self.staff_view, self.staff_input):
            box.clear()
        self.status.clear()
        self.staff_status.clear()
        self._phrase = None
        self.shown.hide()

    def set_language(self, code: str) -> None:
        """The resident's language (a project code such as `vi` or `pt-BR`)."""
        self._code = code
        self._generation += 1
        self._available = None
        self.status.clear()
        self.staff_status.clear()
        self.reply_view.clear()
        self.staff_view.clear()
        self._set_enabled(False)
        self._show_phrases()
        self._show_availability()
        self.refresh()

    def refresh(self) -> None:
        """Ask a worker what can be translated (after a model was installed, for example)."""
        code, generation, service = self._code, self._generation, self.service
        self._checking = True

        def check() -> tuple[bool, list[str], list[str]]:
            service.refresh()
            ok = _same_language(code) or (service.can_translate(code, SOURCE)
                                          and service.can_translate(SOURCE, code))
            return ok, service.free_text_languages(), [p.message_ja for p in service.problems()]

        def done(result: tuple[bool, list[str], list[str]]) -> None:
            if generation != self._generation:
                return
            self._checking = False
            self._available, self._free, problems = result
            self._set_enabled(self._available)
            self._show_availability()
            if problems:  # broken model folders: staff should know, the rest still works
                self.staff_status.setText("\n".join([self.staff_status.text(), *problems]).strip())
            self.availability_changed.emit(self._available)
            if self._available and self.isVisible():
                self._warm_up()

        def failed(exc: BaseException) -> None:
            self._checking = False
            self._staff_error(generation)(exc)

        run_task(check, done, failed, lane=LANE)

    def _warm_up(self) -> None:
        code = self._code
        if code in self._warmed or _same_language(code):
            return
        self._warmed.add(code)
        service = self.service

        def failed(exc: BaseException) -> None:
            self._warmed.discard(code)
            self.staff_status.setText(message_of(exc))

        run_task(lambda: service.warm_up([code]), None, failed, lane=LANE)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._available is None:
            if not self._checking:
                self.refresh()  # warms up when the answer comes
        elif self._available:
            self._warm_up()

    def _show_availability(self) -> None:
        names = [BY_CODE[c].native_name for c in self._free if c in BY_CODE]
        if names:
            self.languages_label.setText(
                self.tr("自由入力を翻訳できる言語: {languages}").format(languages="、".join(names)))
        else:
            self.languages_label.setText(self.tr("自由入力を翻訳できる言語は、まだありません。"))
        if self._available is False:
            self.unavailable.setText(self.tr(
                "この言語の自由入力の翻訳はありません。職員が指さしでご案内します。"))
            lang = BY_CODE.get(self._code)
            self.staff_status.setText(_staff(
                "{language} の自由入力の翻訳モデルがありません。指さし・画面の案内文でご案内ください。"
            ).format(language=lang.native_name if lang else self._code))
        else:
            self.unavailable.clear()

    def _set_enabled(self, enabled: bool) -> None:
        # without a model the free-text controls are hidden, not greyed: the phrasebook stays
        self.free_box.setVisible(enabled)
        self.staff_free.setVisible(enabled)
        for widget in (self.show_button, self.reply_button, self.resident_input, self.staff_input):
            widget.setEnabled(enabled)

    # -- translating --------------------------------------------------------------------------

    def _show_to_staff(self) -> None:
        text = self.resident_input.toPlainText().strip()
        if text:
            self.status.setText(self.tr("翻訳しています…"))
            self._translate(text, self._code, SOURCE, self._staff_done)

    def _reply_to_resident(self) -> None:
        text = self.staff_input.toPlainText().strip()
        if text:
            self.staff_status.setText(_staff("翻訳しています…"))
            self._translate(text, SOURCE, self._code, self._resident_done)

    def _translate(self, text: str, src: str, dst: str, on_done: Callable[[str], None]) -> None:
        self._generation += 1
        generation, service = self._generation, self.service
        if _same_language(src) and _same_language(dst):
            on_done(text)
            return

        def done(result: Any) -> None:
            if generation == self._generation:
                on_done(str(result))

        run_task(lambda: service.translate(text, src, dst), done,
                 self._staff_error(generation), lane=LANE)

    def _staff_done(self, text: str) -> None:
        self.status.setText(self.tr("職員に見せました。回答をお待ちください。"))
        self.staff_status.clear()
        self.staff_view.setPlainText(text)
        self.shown_to_staff.emit(text)

    def _resident_done(self, text: str) -> None:
        self.staff_status.setText(_staff("住民の画面に表示しました。"))
        self.status.clear()
        self.reply_view.setPlainText(text)
        self.shown_to_resident.emit(text)

    def _staff_error(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            log.warning("ask-staff translation failed: %s", getattr(exc, "message_en", exc))
            self.staff_status.setText(message_of(exc))
            self.status.setText(self.tr("翻訳できませんでした。職員が指さしでご案内します。"))
        return failed
