"""Staff review every prefilled form; missing and doubtful values stand out and are fixed here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain import my_number
from tome_window.domain.prefill import FieldState, display_value
from tome_window.domain.wareki import format_iso
from tome_window.views.editors import FieldEditor
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

ORIGINS = {"card": QT_TRANSLATE_NOOP("ReviewPage", "カード"),
           "manual": QT_TRANSLATE_NOOP("ReviewPage", "職員入力"),
           "file": QT_TRANSLATE_NOOP("ReviewPage", "取込"),
           "visit": QT_TRANSLATE_NOOP("ReviewPage", "受付"),
           "prefill": QT_TRANSLATE_NOOP("ReviewPage", "自動入力"),
           "answer": QT_TRANSLATE_NOOP("ReviewPage", "回答")}
MISSING = QColor("#fde2e1")
DOUBTFUL = QColor("#fff4cc")
PERSON_ROW = QColor("#f1f5fa")
CORRECTION = QColor("#ffd7a8")  # the resident marked this row 「訂正したい」 on their screen
NARROW = 900  # px of the page: below it the editor goes under the list (portrait, small tablets)
VALUE_MIN = 160  # px: the value column stays readable however narrow the page
# the other columns' share of the table's width, and the least each keeps
COLUMNS = {0: (0.24, 96), 1: (0.22, 90), 3: (0.20, 84)}


def shown(fs: FieldState) -> str:
    """A value as staff and residents see it; the individual number only as its last 4 digits."""
    if fs.key == "resident.my_number" or (fs.row and fs.key.endswith(".my_number")):
        return my_number.mask(fs.value) if fs.value else ""
    return display_value(fs.field, fs.value, date_format=format_iso)


def person_name(visit: Any, who: int) -> str:
    """A row's person as staff read it: name and 続柄 (the resident is the 届出人)."""
    from PySide6.QtCore import QCoreApplication

    if who < 0:
        resident = visit.resident() if visit is not None else None
        return QCoreApplication.translate("ReviewPage", "{name}(届出人)").format(
            name=resident.name if resident else "")
    person = visit.persons[who] if visit is not None and who < len(visit.persons) else None
    return f"{person.name}({person.relationship})" if person else "?"


def grouped(forms: list[Any]) -> list[tuple[Any, list[tuple[int, list[FieldState]]]]]:
    """Each form with its row fields grouped by person, in the order the form lists them."""
    out = []
    for form in forms:
        groups = [(who, [fs for row in form.rows if row.person == who for fs in row.fields])
                  for who in form.persons]
        out.append((form, groups))
    return out


class ReviewPage(Page):
    title = "確認・修正"
    edit_person = Signal(int)  # a row field was picked: its person is edited on the household page

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        outer = QVBoxLayout(self)
        self.summary = heading("", "pageTitle")
        outer.addWidget(self.summary)
        # the list and the editor side by side when wide, the editor under the list when
        # narrow (`resizeEvent`); the columns share the table's width (`_fit_columns`)
        self.row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("reviewTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # a row's person, whole
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(self._pick)
        row.addWidget(self.table, 3)
        side = QWidget()
        self.side = QVBoxLayout(side)
        self.side.setContentsMargins(4, 0, 4, 0)
        self.editor_panel = scrolled(side)
        self.editor_panel.setObjectName("reviewEditor")
        self.editor_panel.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self.editor_panel, 1)
        outer.addLayout(row, 1)
        self._narrow: bool | None = None
        self._arrange()
        self.states: list[FieldState] = []
        self.persons: list[int | None] = []  # per table row: whose row field (None: the form's own)
        self.gaiji: dict[str, str] = {}
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._arrange()
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_columns)

    def _arrange(self) -> None:
        """Side by side when the page is wide, the editor under the list when it is narrow."""
        narrow = self.width() < NARROW
        if narrow == self._narrow:
            return
        self._narrow = narrow
        if narrow:
            self.row.setDirection(QBoxLayout.Direction.TopToBottom)
            self.row.setStretch(0, 1)
            self.row.setStretch(1, 0)  # as high as the editor needs, up to the maximum
            self.editor_panel.setMaximumWidth(16777215)
            self.editor_panel.setMinimumWidth(0)
            self.editor_panel.setMaximumHeight(420)
            self._fit_editor()
        else:
            self.row.setDirection(QBoxLayout.Direction.LeftToRight)
            self.row.setStretch(0, 3)
            self.row.setStretch(1, 2)
            self.editor_panel.setMaximumHeight(16777215)
            self.editor_panel.setMinimumWidth(260)
            self.editor_panel.setMaximumWidth(380)
            self._fit_editor()

    def _fit_editor(self) -> None:
        """Under the list (narrow), the editor is as high as what it shows, up to its maximum."""
        if self._narrow:
            inner = self.editor_panel.widget()
            layout = inner.layout() if inner is not None else None
            if inner is None or layout is None:
                return
            inner.ensurePolished()
            layout.activate()
            wanted = inner.sizeHint().height() + 2 * self.editor_panel.frameWidth()
            self.editor_panel.setMinimumHeight(min(wanted, self.editor_panel.maximumHeight()))
        else:
            self.editor_panel.setMinimumHeight(0)
        self.editor_panel.updateGeometry()

    def _fit_columns(self) -> None:
        """Share the table's width: 申請書, 項目 and 状態 their part, the value the rest (never
        under VALUE_MIN, so a value is read in a few lines, not one character a line)."""
        width = self.table.viewport().width()
        if width <= 0:
            return
        widths = {c: max(int(width * share), least) for c, (share, least) in COLUMNS.items()}
        spare = width - sum(widths.values())
        if spare < VALUE_MIN:  # narrow: the others give up what the value needs
            cut = (VALUE_MIN - spare) / max(sum(widths.values()), 1)
            widths = {c: max(int(w * (1 - cut)), 40) for c, w in widths.items()}
        for column, w in widths.items():
            if self.table.columnWidth(column) != w:
                self.table.setColumnWidth(column, w)
        self.table.resizeRowsToContents()  # wrapped labels and values, whole

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("申請書"), self.tr("項目"), self.tr("内容"), self.tr("状態")])
        if self.states and self.isVisible():
            self.enter()

    def enter(self) -> None:
        forms = self.session.forms()
        visit = self.session.visit
        entries: list[tuple[FieldState, str, int | None]] = []
        for form, groups in grouped(forms):
            title = form.procedure.title
            entries += [(fs, title, None) for fs in form.fields]
            for who, fields in groups:
                heading_text = f"{title}\n▸ {person_name(visit, who)}"
                entries += [(fs, heading_text, who) for fs in fields]
        self.states = [fs for fs, _title, _who in entries]
        self.persons = [who for _fs, _title, who in entries]
        self.gaiji = self._gaiji(forms)
        self.table.setRowCount(len(entries))
        problems = 0
        wanted = self.session.corrections() if visit is not None else set()
        for r, (fs, title, person) in enumerate(entries):
            status, color = self._status(fs)
            if fs.ref in wanted:
                status, color = self.tr("ご本人が訂正を希望") + (f" / {status}" if status else ""), CORRECTION
            problems += color is not None
            cells = [title, fs.field.label, shown(fs), status]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if color is not None:
                    item.setBackground(QBrush(color))
                elif person is not None:
                    item.setBackground(QBrush(PERSON_ROW))
                self.table.setItem(r, c, item)
        QTimer.singleShot(0, self._fit_rows)  # once the columns have their widths
        self.summary.setText(
            self.tr("申請書 {forms} 通・項目 {fields}。").format(forms=len(forms), fields=len(self.states))
            + (self.tr("確認が必要な項目が {count} 件あります(色つきの行)。").format(count=problems)
               if problems else self.tr("すべての項目がそろっています。"))
            + (self.tr("ご本人が訂正を希望した項目が {count} 件あります。").format(count=len(wanted))
               if wanted else ""))
        clear_layout(self.side)
        self.side.addWidget(QLabel(self.tr("行を押すと、ここで修正できます。")))
        self._fit_editor()

    def _fit_rows(self) -> None:
        self._fit_columns()

    def _gaiji(self, forms: list[Any]) -> dict[str, str]:
        try:
            from tome_window.services.pdf.render import form_gaiji
        except ImportError:
            return {}
        try:
            return {hit.ref: hit.message() for form in forms for hit in form_gaiji(form)}
        except Exception:  # noqa: BLE001 - no font: the export step says so
            return {}

    def _status(self, fs: FieldState) -> tuple[str, QColor | None]:
        if fs.missing:
            return self.tr("未入力(必須)"), MISSING
        if fs.error:
            return self.tr("要確認: {problem}").format(problem=fs.error), DOUBTFUL
        if fs.ref in self.gaiji:
            return self.tr("外字: {detail}").format(detail=self.gaiji[fs.ref]), DOUBTFUL
        if fs.suggestion:
            return self.tr("自動の候補です。確認してください"), DOUBTFUL
        origin = ORIGINS.get(fs.origin or "")
        return (self.tr(origin) if origin else ""), None

    def _pick(self, row: int, _col: int) -> None:
        fs = self.states[row]
        who = self.persons[row] if row < len(self.persons) else None
        clear_layout(self.side)
        self.side.addWidget(heading(fs.field.label, "sectionTitle"))
        if who is not None and who >= 0:
            self._person_side(fs, who)
            self._editor_shown(row)
            return
        definition = self.session.prefiller.definition_of(fs.key) or fs.field
        editor = FieldEditor(fs.key, definition, fs.value, self._commit, required=fs.field.required)
        self.side.addWidget(editor)
        if fs.suggestion:
            ok = name_action(QPushButton(self.tr("この候補で正しい")), f"confirm_suggestion/{fs.ref}")
            ok.clicked.connect(lambda: self._confirm_suggestion(fs))
            self.side.addWidget(ok)
        self.side.addStretch(1)
        self._editor_shown(row)

    def _editor_shown(self, row: int) -> None:
        """The editor took its place: the list keeps the picked row in view."""
        self._fit_editor()
        QTimer.singleShot(0, lambda: self._show_row(row))  # once the new editor is polished

    def _show_row(self, row: int) -> None:
        self._fit_editor()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the table has its new height now
        item = self.table.item(row, 0) if 0 <= row < self.table.rowCount() else None
        if item is not None:
            self.table.scrollToItem(item)

    def _person_side(self, fs: FieldState, who: int) -> None:
        """A household person's row: shown here, corrected once on the person."""
        name = person_name(self.session.visit, who)
        value = QLabel(self.tr("{person}: {value}").format(person=name, value=shown(fs) or "—"))
        value.setWordWrap(True)
        self.side.addWidget(value)
        if fs.suggestion and fs.key.endswith(".name_kana") and fs.value:
            ok = name_action(QPushButton(self.tr("この候補で正しい")), f"confirm_suggestion/{fs.ref}")
            ok.clicked.connect(lambda: self._confirm_person_kana(who, str(fs.value)))
            self.side.addWidget(ok)
        hint = QLabel(self.tr("世帯の方の内容は、どの書類にも共通です。「世帯の方」で修正してください。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.side.addWidget(hint)
        edit = name_action(QPushButton(self.tr("世帯の方で修正")), f"edit_person/{fs.ref}")
        edit.clicked.connect(lambda: self.edit_person.emit(who))
        self.side.addWidget(edit)
        self.side.addStretch(1)

    def _confirm_person_kana(self, who: int, kana: str) -> None:
        """The suggested reading is right: it becomes the person's own フリガナ."""
        from dataclasses import replace

        from tome_window.domain.errors import HouseholdError

        persons = list(self.session.current.persons)
        persons[who] = replace(persons[who], name_kana=kana)
        try:
            self.session.set_household(persons)
        except HouseholdError as exc:
            self.side.addWidget(QLabel(exc.message_ja))
            return
        self.enter()

    def _confirm_suggestion(self, fs: FieldState) -> None:
        visit = self.session.visit
        if fs.row and visit is not None and fs.key not in visit.facts:
            self.session.answer(fs.key, fs.value)  # the resident's row read it from a look-up
        else:
            self.session.confirm_suggestion(fs.key)
        self.enter()

    def _commit(self, key: str, value: Any) -> str | None:
        error = self.session.answer(key, value)
        if error is None:
            self.enter()
        return error

    def leave_problem(self) -> str | None:
        missing = [fs for fs in self.states if fs.missing]
        if missing:
            names = "、".join(fs.field.label for fs in missing[:3])
            return self.tr("必須項目が {count} 件未入力です: {names}").format(count=len(missing), names=names)
        return None

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.states = []
        self.persons = []
        self.gaiji = {}
        clear_layout(self.side)
        self.summary.setText("")

