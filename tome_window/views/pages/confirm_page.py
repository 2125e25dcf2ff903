"""The resident's own check: large text, only this resident's forms, one clear answer.

The resident reads it in their own language, chosen here with the language buttons. Each
label shows the Japanese label small beside it, because the printed application stays
Japanese and the resident must be able to find the same line on paper. What the resident
gave (names, addresses) is never translated; chosen options and yes/no are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.languages import SOURCE
from tome_window.views.ask_staff import AskStaffPanel
from tome_window.views.i18n import (
    JAPANESE_FONTS,
    LanguageToggle,
    follow_session,
    font_families,
    form_text,
)
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, name_option, set_look, set_text
from tome_window.views.pages.base import Page, heading, scrolled
from tome_window.views.pages.review_page import grouped, person_name, shown
from tome_window.views.read_aloud import ReadAloudButton, stop_on_page_change

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

# Fixed values the resident did not write but picked from a short list (続柄): shown in the
# resident's language with the Japanese beside, as chosen options are.
RELATIONSHIPS = {v: v for v in (
    QT_TRANSLATE_NOOP("ConfirmPage", "本人"), QT_TRANSLATE_NOOP("ConfirmPage", "世帯主"),
    QT_TRANSLATE_NOOP("ConfirmPage", "妻"), QT_TRANSLATE_NOOP("ConfirmPage", "夫"),
    QT_TRANSLATE_NOOP("ConfirmPage", "子"), QT_TRANSLATE_NOOP("ConfirmPage", "父"),
    QT_TRANSLATE_NOOP("ConfirmPage", "母"))}
JAPANESE_READERS = (SOURCE, "ja-easy")  # 和暦 alone; everyone else reads 西暦 beside it
NARROW = 960  # px: below it the page title goes above its buttons
STAFF_CONTEXT = "ConfirmPageStaff"  # shown on staff's window: Japanese, not the resident's language
STAFF_NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "ConfirmPageStaff", "ご本人の確認がまだです。ご本人の画面で最後まで確認していただいてください。")


def polish_tree(root: QWidget) -> None:
    """Style sheets read dynamic properties only when polishing: polish `root` and all below
    it again (the larger-text switch, a row marked for correction)."""
    style = root.style()
    for widget in [root, *root.findChildren(QWidget)]:
        style.unpolish(widget)
        style.polish(widget)
        widget.updateGeometry()


class ConfirmPage(Page):
    """One form per page, paged with large 次へ/戻る or by finger (kinetic scrolling inside a
    page); 「この内容で間違いありません」 is enabled only once every page has been shown to its end.
    Each row has its own 「訂正したい」: the row is marked and the session keeps the mark for
    staff, whose review shows it; the resident never lands in staff's editing screens."""

    title = "ご本人の確認"
    resident_facing = True
    confirmed = Signal()
    correction_requested = Signal()
    position_changed = Signal(str)  # for staff's mirror, in Japanese: "2 / 5 枚目 住民異動届"

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        set_look(self, "resident")
        self.setProperty("textsize", "normal")
        outer = QVBoxLayout(self)
        # the language was chosen before the check: its buttons open from one button
        self.languages = LanguageToggle(session.language)
        follow_session(self.languages, session)
        self.picker = self.languages.picker
        self.language_button = self.languages.button
        set_look(self.language_button, "resident_secondary")
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top = QHBoxLayout()
        self.heading = self._look(heading("", "residentTitle"), "resident_title")
        self.top.addWidget(self.heading, 1)
        top.addStretch(1)
        top.addWidget(self.language_button)
        self.larger_button = name_action(QPushButton(), "larger_text")
        set_look(self.larger_button, "resident_secondary")
        self.larger_button.setCheckable(True)
        self.larger_button.toggled.connect(self.set_larger_text)
        top.addWidget(self.larger_button)
        # Reads the form on screen aloud in the resident's language (hidden without a voice).
        self.read_aloud = ReadAloudButton(get_text=self._spoken_text,
                                          language=lambda: session.language)
        set_look(self.read_aloud, "resident_secondary")
        top.addWidget(self.read_aloud)
        session.language_changed.connect(lambda _code: self.read_aloud.refresh())
        self.top.addLayout(top)
        outer.addLayout(self.top)
        outer.addWidget(self.picker)
        self.hint = self._look(QLabel(), "resident_hint")
        self.hint.setObjectName("residentHint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.stack = QStackedWidget()
        self.stack.setObjectName("residentForms")
        outer.addWidget(self.stack, 1)
        stop_on_page_change(self.stack)
        paging = QHBoxLayout()
        self.back_form = name_action(QPushButton(), "previous_form")
        set_look(self.back_form, "resident_secondary")
        self.back_form.clicked.connect(lambda: self.show_form(self.stack.currentIndex() - 1))
        self.position = self._look(QLabel(), "resident_position")
        self.position.setObjectName("residentPosition")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_form = name_action(QPushButton(), "next_form")
        set_look(self.next_form, "resident_primary")
        self.next_form.clicked.connect(lambda: self.show_form(self.stack.currentIndex() + 1))
        paging.addWidget(self.back_form, 1)
        paging.addWidget(self.position, 1)
        paging.addWidget(self.next_form, 1)
        outer.addLayout(paging)
        self.ask_panel = AskStaffPanel()
        self.ask_panel.hide()
        session.language_changed.connect(self.ask_panel.set_language)
        outer.addWidget(self.ask_panel)
        # 「この内容で間違いありません」 has a row of its own: beside the other two it made the
        # resident's screen 943 px wide at least, too wide for a portrait tablet
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
        outer.addLayout(buttons)
        outer.addWidget(self.ok_button)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []  # (label, Japanese label, value)
        self.marks: dict[str, QPushButton] = {}  # ref → the row's 「訂正したい」
        self.seen: set[int] = set()  # form pages shown down to their end
        self._titles: list[str] = []  # the forms' Japanese titles, for staff's mirror
        self.retranslate()

    @staticmethod
    def _look(widget: Any, look: str) -> Any:
        set_look(widget, look)
        return widget

    def retranslate(self) -> None:
        code = self.session.language
        font = QFont(self.font())
        font.setFamilies(font_families(code))
        self.setFont(font)
        self.heading.setText(self.tr("内容をご確認ください"))
        self.hint.setText(self.tr("1枚ずつご確認ください。違うところは、その行の「訂正したい」を押してください。"))
        set_text(self.larger_button, self.tr("文字を大きく"))
        set_text(self.back_form, self.tr("← 戻る"))
        set_text(self.next_form, self.tr("次へ →"))
        set_text(self.fix_button, self.tr("訂正を職員に頼む"))
        set_text(self.ask_button, self.tr("職員にたずねる"))
        set_text(self.ok_button, self.tr("この内容で間違いありません"))
        self.languages.show_current(code)
        if self.session.visit is not None and self.rows is not None and self.isVisible():
            self.enter()
        else:
            self._update_paging()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        narrow = event.size().width() < NARROW
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.top.direction() != direction:
            self.top.setDirection(direction)
        super().resizeEvent(event)

    def set_larger_text(self, on: bool) -> None:
        """Every text on the page ×1.25 (theme.qss: [look="resident"][textsize="large"])."""
        size = "large" if on else "normal"
        if self.property("textsize") != size:
            self.setProperty("textsize", size)
            polish_tree(self)
        if self.larger_button.isChecked() != on:
            self.larger_button.setChecked(on)

    def enter(self) -> None:
        """Rebuilt from the visit, from its first page: what changed is seen again."""
        self._clear_pages()
        self.seen = set()
        code = self.session.language
        text = form_text() if code != SOURCE else None
        marked = self._marked()
        forms = self.session.forms()
        self._titles = [form.procedure.title for form in forms]
        for form in forms:
            self.stack.addWidget(self._form_page(form, code, text, marked))
        polish_tree(self)
        self.show_form(0)

    def _form_page(self, form: Any, code: str, text: Any, marked: set[str]) -> QScrollArea:
        pid = form.procedure.id
        card = QFrame()
        card.setObjectName("residentCard")
        box = QVBoxLayout(card)
        title = _ask(text, "procedure_title", code, pid)
        box.addWidget(self._look(heading(title or form.procedure.title, "residentFormTitle"),
                                 "resident_form_title"))
        if title:
            box.addWidget(self._look(_japanese(form.procedure.title, "residentFormTitleJa"),
                                     "resident_label_ja"))
        for fs in form.fields:
            if not fs.key.startswith("visit."):
                self._add_row(box, fs, code, text, marked)
        for who, fields in grouped([form])[0][1]:
            box.addWidget(self._look(_japanese(person_name(self.session.visit, who),
                                               "residentPerson"), "resident_person"))
            blocks = [r.block for r in form.rows if r.person == who]
            unique = list({b.id: b for b in blocks}.values())
            box.addWidget(self._look(self._block_labels(pid, unique, code, text), "resident_block"))
            for fs in fields:
                self._add_row(box, fs, code, text, marked)
        box.addStretch(1)
        area = scrolled(card)
        area.setObjectName("residentFormPage")
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self._check_seen)
        bar.rangeChanged.connect(self._check_seen)
        return area

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

    def _add_row(self, box: QVBoxLayout, fs: Any, code: str, text: Any, marked: set[str]) -> None:
        """One field: its label (translated when a curated text exists) with the Japanese
        label small under it, the value as the resident reads it, and 「訂正したい」. An empty
        optional field is left out; a row block's column has its own text (rows.<block>)."""
        value_text = self._value(fs, code, text)
        if not value_text and not fs.field.required:
            return
        pid = fs.procedure_id
        if fs.row:
            translated = _ask(text, "row_field_label", code, pid, _block_id(fs), fs.field.id)
        else:
            translated = (_ask(text, "field_label", code, pid, fs.field.id)
                          or _ask(text, "question_label", code, getattr(fs.field, "fact", None)))
        frame = QFrame()
        frame.setObjectName("residentRow")
        set_look(frame, "resident_row")
        frame.setProperty("marked", fs.ref in marked)
        line = QHBoxLayout(frame)
        names = QVBoxLayout()
        label = self._look(QLabel(translated or fs.field.label), "resident_label")
        label.setObjectName("residentLabel")
        label.setWordWrap(True)
        japanese = self._look(_japanese(fs.field.label if translated else "", "residentLabelJa"),
                              "resident_label_ja")
        japanese.setVisible(bool(translated))
        names.addWidget(label)
        names.addWidget(japanese)
        line.addLayout(names, 3)
        value = self._look(_japanese(value_text or self.tr("(未記入)"), "residentValue"),
                           "resident_value")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        line.addWidget(value, 4)
        mark = name_option(QPushButton(self.tr("訂正したい")), f"correct:{fs.ref}")
        set_look(mark, "resident_mark")
        mark.setCheckable(True)
        mark.setChecked(fs.ref in marked)
        mark.toggled.connect(lambda on, f=frame, r=fs.ref: self._mark(f, r, on))
        line.addWidget(mark, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(frame)
        self.rows.append((label, japanese, value))
        self.marks[fs.ref] = mark

    def _value(self, fs: Any, code: str, text: Any) -> str:
        """The value as the resident reads it: options, yes/no and 続柄 translated with the
        Japanese beside, dates in 西暦 beside 和暦 for foreign residents, never names."""
        kind = fs.field.type.value
        plain = shown(fs)
        if fs.value in (None, "") or code == SOURCE:
            return plain
        if kind == "checkbox":
            return self.tr("はい") if fs.value else self.tr("いいえ")
        if kind == "choice" or getattr(fs.field, "fact", None) == "resident.sex":
            choice = (_ask(text, "row_choice", code, fs.procedure_id, _block_id(fs), fs.field.id,
                           str(fs.value)) if fs.row else
                      _ask(text, "choice", code, fs.procedure_id, fs.field.id, str(fs.value)))
            if choice:
                return f"{choice}({plain})"
        if kind == "date":
            if code in JAPANESE_READERS:
                return plain
            try:
                return f"{dt.date.fromisoformat(str(fs.value)).isoformat()}({plain})"
            except ValueError:
                return plain
        if kind == "text" and str(fs.value) in RELATIONSHIPS:
            translated = self.tr(RELATIONSHIPS[str(fs.value)])
            if translated != str(fs.value):
                return f"{translated}({plain})"
        return plain

    # -- paging ----------------------------------------------------------------------------
    def _spoken_text(self) -> str:
        """What the resident sees of the current form: its labels and values, in order."""
        page = self.stack.currentWidget()
        if page is None:
            return ""
        texts = [label.text() for label in page.findChildren(QLabel)
                 if label.isVisibleTo(page) and label.text().strip()]
        return "\n".join(texts)

    def show_form(self, index: int) -> None:
        if not 0 <= index < self.stack.count():
            return
        self.stack.setCurrentIndex(index)
        page = self.stack.currentWidget()
        if isinstance(page, QScrollArea):
            page.verticalScrollBar().setValue(0)
        self._update_paging()
        QTimer.singleShot(0, self._check_seen)  # once the page is laid out and on screen

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self._check_seen)

    def _check_seen(self, *_args: Any) -> None:
        """The current page counts as seen once it was shown with its end in view."""
        page = self.stack.currentWidget()
        if isinstance(page, QScrollArea) and page.isVisible():
            bar = page.verticalScrollBar()
            if bar.value() >= bar.maximum():
                self.seen.add(self.stack.currentIndex())
        self._update_paging()

    def all_seen(self) -> bool:
        return self.stack.count() > 0 and len(self.seen) >= self.stack.count()

    def _update_paging(self) -> None:
        count, index = self.stack.count(), self.stack.currentIndex()
        self.back_form.setEnabled(index > 0)
        self.next_form.setEnabled(0 <= index < count - 1)
        self.position.setText(self.tr("{page} / {count} 枚目").format(page=index + 1, count=count)
                              if count else "")
        self.ok_button.setEnabled(self.all_seen())
        self.fix_button.setEnabled(bool(self._marked()))
        self.position_changed.emit(self.staff_position())

    def staff_position(self) -> str:
        """Where the resident is in the check, in Japanese for staff's screen."""
        count, index = self.stack.count(), self.stack.currentIndex()
        if not count or self.session.visit is None:
            return ""
        title = self._titles[index] if 0 <= index < len(self._titles) else ""
        marks = len(self._marked())
        seen = "すべて確認済み" if self.all_seen() else f"確認済み {len(self.seen)}/{count}"
        return (f"{index + 1} / {count} 枚目 {title}({seen}"
                + (f"、訂正の希望 {marks}件" if marks else "") + ")")

    def leave_problem(self) -> str | None:
        visit = self.session.visit
        if visit is not None and visit.status == "open":
            return QCoreApplication.translate(STAFF_CONTEXT, STAFF_NOT_CONFIRMED)  # staff read it
        return None

    # -- corrections -----------------------------------------------------------------------
    def _marked(self) -> set[str]:
        return self.session.corrections() if self.session.visit is not None else set()

    def _mark(self, frame: QFrame, ref: str, on: bool) -> None:
        """The resident says this row is wrong: marked here, kept for staff's review."""
        marked = self._marked()
        if on:
            marked.add(ref)
        else:
            marked.discard(ref)
        frame.setProperty("marked", on)
        polish_tree(frame)
        self._update_paging()

    def _confirm(self) -> None:
        if not self.all_seen():
            return
        self.session.confirm()
        self.confirmed.emit()

    def _toggle_ask(self, on: bool) -> None:
        """Free-text questions in the resident's language, translated offline for staff."""
        if on:
            self.ask_panel.set_language(self.session.language)
        self.ask_panel.setVisible(on)

    def _clear_pages(self) -> None:
        while self.stack.count():
            page = self.stack.widget(0)
            if page is None:
                break
            self.stack.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        self.rows = []
        self.marks = {}

    def clear(self) -> None:
        self._clear_pages()
        self.seen = set()
        self.ask_panel.clear()
        self.ask_button.setChecked(False)
        self.set_larger_text(False)
        self._update_paging()


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
