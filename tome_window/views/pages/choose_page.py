"""What the resident came for: a life event (expanded by its questions) and/or procedures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.views.editors import FieldEditor
from tome_window.views.names import name_input, name_option
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

WIDE = 1000  # px of the page: events and the procedure search side by side; below, one above the other


class ChoosePage(Page):
    title = "ご用件"

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        self.area = scrolled(inner)  # a portrait tablet: events, questions and search one above the other
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.addWidget(self.area)
        self.outer = outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, inner)
        left = QVBoxLayout()
        self.events_title = heading("", "sectionTitle")
        left.addWidget(self.events_title)
        self.event_grid = QGridLayout()
        left.addLayout(self.event_grid)
        self.event_group = QButtonGroup(self)
        self.event_group.setExclusive(False)
        self.event_group.buttonClicked.connect(self._event_clicked)
        self.questions_box = QVBoxLayout()
        left.addLayout(self.questions_box)
        left.addStretch(1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.search_title = heading("", "sectionTitle")
        right.addWidget(self.search_title)
        self.search = name_input(QLineEdit(), "procedure_search")
        self.search.setMinimumHeight(44)
        self.search.textChanged.connect(self._filter)
        right.addWidget(self.search)
        # what the search found among the events (on the left) and when nothing matched
        self.search_message = QLabel()
        self.search_message.setObjectName("searchMessage")
        self.search_message.setProperty("error", False)
        self.search_message.setWordWrap(True)
        self.search_message.hide()
        right.addWidget(self.search_message)
        self.procedures = QListWidget()
        self.procedures.setObjectName("procedureList")
        self.procedures.setMinimumHeight(240)
        self.procedures.itemChanged.connect(self._procedure_toggled)
        right.addWidget(self.procedures, 2)
        self.bundle_title = heading("", "sectionTitle")
        right.addWidget(self.bundle_title)
        self.bundle = QLabel()
        self.bundle.setObjectName("bundleSummary")
        self.bundle.setWordWrap(True)
        self.bundle.setAlignment(Qt.AlignmentFlag.AlignTop)
        right.addWidget(self.bundle, 1)
        outer.addLayout(right, 2)
        session.ready.connect(self.populate)
        self._columns = 3
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        wide = self.width() >= WIDE
        self.outer.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self._lay_out_events(3 if wide or self.width() >= 720 else 2)
        super().resizeEvent(event)

    def _lay_out_events(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        buttons = self.event_group.buttons()
        for button in buttons:
            self.event_grid.removeWidget(button)
        for i, button in enumerate(buttons):
            self.event_grid.addWidget(button, i // columns, i % columns)

    def retranslate(self) -> None:
        self.events_title.setText(self.tr("ライフイベントから選ぶ"))
        self.search_title.setText(self.tr("ライフイベント・手続を名前・よみで探す"))
        self.search.setAccessibleDescription(self.search_title.text())
        self.search.setPlaceholderText(self.tr("例: てんにゅう、じゅうみんひょう、印鑑、国民健康保険"))
        if self.search.text().strip() and self.session.service is not None:
            self._filter(self.search.text())
        self.bundle_title.setText(self.tr("この受付で作成する申請書"))
        if self.session.visit is None or self.session.service is None:
            self.bundle.setText(self.tr("まだ選ばれていません"))
        elif self.isVisible():  # otherwise enter() rebuilds them when shown
            self._show_questions()
            self._refresh_bundle()

    def populate(self) -> None:
        catalog = self.session.catalog
        if self.event_group.buttons():
            return
        for i, event in enumerate(catalog.events.values()):
            # 「転入」 on the first line, what it means under it: half as wide, read at a glance
            name, paren, rest = event.title.partition("(")
            button = name_option(QPushButton(f"{name}\n{paren}{rest}" if paren else name),
                                 f"event:{event.id}")
            button.setCheckable(True)
            button.setMinimumHeight(64)
            button.setProperty("eventId", event.id)
            button.setToolTip(event.summary)
            self.event_group.addButton(button)
            self.event_grid.addWidget(button, i // self._columns, i % self._columns)
        self.procedures.blockSignals(True)
        for proc in catalog.search(""):
            item = QListWidgetItem(f"{proc.title}")
            item.setData(Qt.ItemDataRole.UserRole, proc.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setSizeHint(QSize(0, 48))
            self.procedures.addItem(item)
        self.procedures.blockSignals(False)

    # -- reacting -----------------------------------------------------------------------
    def enter(self) -> None:
        visit = self.session.visit
        event_id = visit.event_id if visit else None
        for button in self.event_group.buttons():
            button.setChecked(button.property("eventId") == event_id)
        self.procedures.blockSignals(True)
        chosen = set(visit.procedure_ids) if visit else set()
        for i in range(self.procedures.count()):
            item = self.procedures.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self.procedures.blockSignals(False)
        self._show_questions()
        self._refresh_bundle()

    def select_event(self, event_id: str | None) -> None:
        visit = self.session.visit
        assert visit is not None
        for button in self.event_group.buttons():
            button.setChecked(button.property("eventId") == event_id)
        self.session.begin(event_id=event_id, procedure_ids=visit.procedure_ids)
        self._show_questions()
        self._refresh_bundle()

    def _event_clicked(self, button: Any) -> None:
        self.select_event(button.property("eventId") if button.isChecked() else None)

    def _show_questions(self) -> None:
        clear_layout(self.questions_box)
        visit = self.session.visit
        if not visit or not visit.event_id:
            return
        event = self.session.catalog.events[visit.event_id]
        self.questions_box.addWidget(heading(
            self.tr("{event}: 手続を決めるための質問").format(event=event.title), "sectionTitle"))
        for qid in event.questions:
            definition = self.session.catalog.questions[qid]
            self.questions_box.addWidget(FieldEditor(qid, definition, visit.value(qid), self._answer))

    def _answer(self, key: str, value: Any) -> str | None:
        error = self.session.answer(key, value)
        self._refresh_bundle()
        return error

    def _procedure_toggled(self, item: QListWidgetItem) -> None:
        visit = self.session.visit
        assert visit is not None
        pid = item.data(Qt.ItemDataRole.UserRole)
        chosen = [p for p in visit.procedure_ids if p != pid]
        if item.checkState() == Qt.CheckState.Checked:
            chosen.append(pid)
        self.session.begin(event_id=visit.event_id, procedure_ids=chosen)
        self._refresh_bundle()

    def _filter(self, text: str) -> None:
        """Procedures and life events by name or reading (「てんにゅう」 finds 転入); a chosen
        event stays in view; nothing found is said, not left as an empty list."""
        catalog = self.session.catalog
        hits = {p.id for p in catalog.search(text)}
        for i in range(self.procedures.count()):
            item = self.procedures.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in hits)
        events = catalog.search_events(text)
        found = {e.id for e in events}
        for button in self.event_group.buttons():
            button.setHidden(button.property("eventId") not in found and not button.isChecked())
        wanted = text.strip()
        if not wanted:
            self._search_says("")
        elif not hits and not events:
            self._search_says(self.tr("「{text}」に当てはまるライフイベント・手続はありません。"
                                      "ひらがなのよみや別のことばで探してください。").format(text=wanted),
                              error=True)
        elif events:
            self._search_says(self.tr("ライフイベント: {events}(左に表示しています)").format(
                events="、".join(e.title.partition("(")[0] for e in events)))
        else:
            self._search_says("")

    def _search_says(self, text: str, *, error: bool = False) -> None:
        self.search_message.setText(text)
        self.search_message.setVisible(bool(text))
        if self.search_message.property("error") != error:
            self.search_message.setProperty("error", error)
            self.search_message.style().unpolish(self.search_message)
            self.search_message.style().polish(self.search_message)

    def _refresh_bundle(self) -> None:
        visit = self.session.visit
        bundle = self.session.prefiller.bundle(visit) if visit else []
        if not bundle:
            self.bundle.setText(self.tr("まだ選ばれていません"))
            return
        self.bundle.setText("\n".join(f"・{p.title}({reason})" for p, reason in bundle))

    def leave_problem(self) -> str | None:
        visit = self.session.visit
        if not visit or not self.session.prefiller.bundle(visit):
            return self.tr("ライフイベントか手続を1つ以上選んでください")
        return None

    def clear(self) -> None:
        self.search.clear()  # shows every event and procedure again
        for button in self.event_group.buttons():
            button.setChecked(False)
            button.setHidden(False)
        self.procedures.blockSignals(True)
        for i in range(self.procedures.count()):
            item = self.procedures.item(i)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setHidden(False)
        self.procedures.blockSignals(False)
        self.procedures.clearSelection()
        self._search_says("")
        clear_layout(self.questions_box)
        self.bundle.setText(self.tr("まだ選ばれていません"))
