"""The household step (世帯の方): every person of the visit, entered once, and who each form is about.

The resident at the counter (届出人) heads the list, read-only here (they are entered on 本人確認).
Every other person is added, edited, reordered or removed through the editor beside the list;
each change goes to the service whole (`VisitSession.set_household`), which refuses a
household that cannot be right and names the person: the message shows here and what was
typed stays in the editor. A family member's own My Number Card is read with the same card
panel as the resident's, with their own PIN pad and tries.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.conditions import age
from tome_window.domain.errors import ResidentDataError
from tome_window.domain.household import Person, Source
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, name_input, set_look, set_text
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled
from tome_window.views.person_editor import EntryError, PersonEditor

if TYPE_CHECKING:
    from tome_window.domain.resident import Resident
    from tome_window.views.resident_view import ResidentView
    from tome_window.views.session import VisitSession

log = logging.getLogger(__name__)
WIDE = 960  # px of the page: the editor beside the list; narrower, the open editor takes the list's place
BADGES = (("moving", QT_TRANSLATE_NOOP("HouseholdPage", "異動")),
          ("newborn", QT_TRANSLATE_NOOP("HouseholdPage", "出生")),
          ("deceased", QT_TRANSLATE_NOOP("HouseholdPage", "死亡")))


class HouseholdPage(Page):
    title = "世帯の方"

    resident_turn = Signal(bool)  # a family member's PIN pad on the resident's screen

    def __init__(self, session: VisitSession, parent: QWidget | None = None, *,
                 pin_host: ResidentView | None = None) -> None:
        super().__init__(session, parent)
        self.pin_host = pin_host
        self.pad_mirror: Any = None  # PadMirror, when the pad is on the resident's view
        self.outer = outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        left = QVBoxLayout()
        self.heading = heading("")
        left.addWidget(self.heading)
        # the list and what goes with it; on a narrow page the open editor takes its place
        self.list_part = QWidget()
        list_column = QVBoxLayout(self.list_part)
        list_column.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list_part, 3)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        list_column.addWidget(self.hint)
        self.list = name_input(QListWidget(), "household")
        set_look(self.list, "household")
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        list_column.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = name_action(QPushButton(), "add_person")
        set_look(self.add_button, "primary")
        self.edit_button = name_action(QPushButton(), "edit_person")
        self.remove_button = name_action(QPushButton(), "remove_person")
        self.up_button = name_action(QPushButton(), "move_up")
        self.down_button = name_action(QPushButton(), "move_down")
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.ask_remove)
        self.up_button.clicked.connect(lambda: self.move_person(-1))
        self.down_button.clicked.connect(lambda: self.move_person(1))
        for button in (self.add_button, self.edit_button, self.remove_button, self.up_button,
                       self.down_button):
            buttons.addWidget(button)
        list_column.addLayout(buttons)
        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        bar = QHBoxLayout(self.confirm_bar)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_remove = name_action(QPushButton(), "confirm_remove")
        set_look(self.confirm_remove, "danger")
        self.cancel_remove = name_action(QPushButton(), "cancel_remove")
        self.confirm_remove.clicked.connect(self.remove_selected)
        self.cancel_remove.clicked.connect(self.confirm_bar.hide)
        bar.addWidget(self.confirm_text, 1)
        bar.addWidget(self.cancel_remove)
        bar.addWidget(self.confirm_remove)
        self.confirm_bar.hide()
        list_column.addWidget(self.confirm_bar)
        self.feedback = QLabel()
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        left.addWidget(self.feedback)
        self.forms_part = QWidget()
        forms_column = QVBoxLayout(self.forms_part)
        forms_column.setContentsMargins(0, 0, 0, 0)
        self.forms_title = heading("", "sectionTitle")
        forms_column.addWidget(self.forms_title)
        forms = QWidget()
        forms.setObjectName("formPersonsPanel")
        self.forms_box = QVBoxLayout(forms)
        forms_column.addWidget(scrolled(forms), 1)
        left.addWidget(self.forms_part, 2)
        outer.addLayout(left, 5)

        self.editor = PersonEditor()
        self.editor.apply_button.clicked.connect(self.apply_person)
        self.editor.cancel_button.clicked.connect(self.close_editor)
        self.editor.read_button.toggled.connect(self._toggle_card)
        self.editor_area = scrolled(self.editor)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor_area.hide()
        outer.addWidget(self.editor_area, 6)
        self.editing: int | None = None  # index in visit.persons; None: a new person
        self.card_panel: Any = None
        self.card_note: QLabel | None = None
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._arrange()
        super().resizeEvent(event)

    def _arrange(self) -> None:
        """Wide: the editor beside the list. Narrow (a tablet): the open editor takes the list's
        place, under the page's heading and feedback line, until it is applied or cancelled."""
        editing = not self.editor_area.isHidden()
        narrow = self.width() < WIDE
        self.outer.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                else QBoxLayout.Direction.LeftToRight)
        self.list_part.setHidden(narrow and editing)
        self.forms_part.setHidden(narrow and editing)
        self.outer.setStretch(0, 0 if narrow and editing else 5)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("世帯の方"))
        self.hint.setText(self.tr("届出人と一緒に手続きをする方(異動する方、出生した子、亡くなった方など)"
                                  "を一人ずつ入力します。どの書類にも一度の入力で記入されます。"))
        set_text(self.add_button, self.tr("＋ 追加"))
        set_text(self.edit_button, self.tr("修正"))
        set_text(self.remove_button, self.tr("削除"))
        set_text(self.up_button, self.tr("↑ 上へ"))
        set_text(self.down_button, self.tr("↓ 下へ"))
        set_text(self.confirm_remove, self.tr("削除する"))
        set_text(self.cancel_remove, self.tr("やめる"))
        self.forms_title.setText(self.tr("各書類の対象の方"))
        self.editor.retranslate()
        if self.card_note is not None:
            self.card_note.setText(self.tr("カードリーダーの機能を読み込めませんでした。職員が入力してください。"))
        if self.session.visit is not None and self.isVisible():
            self.refresh()

    # -- showing ------------------------------------------------------------------------
    def enter(self) -> None:
        self.refresh()
        if self.card_panel is not None and self.editor.read_button.isChecked():
            self.card_panel.start()  # take the reader back from the resident page

    def refresh(self) -> None:
        visit = self.session.visit
        row = self.list.currentRow()
        self._clear_list()
        if visit is None:
            return
        resident = visit.resident()
        if resident is not None:
            self._add_row(resident.name, self.tr("届出人"), age(resident.birth_date, visit.date),
                          [], selectable=False)
        for person in visit.persons:
            badges = [(attr, label) for attr, label in BADGES if getattr(person, attr)]
            self._add_row(person.name, person.relationship, age(person.birth_date, visit.date),
                          badges, selectable=True)
        offset = self._offset()
        if offset <= row < self.list.count():
            self.list.setCurrentRow(row)
        self._show_forms()
        self._enable()

    def _add_row(self, name: str, relationship: str, years: int, badges: list[tuple[str, str]], *,
                 selectable: bool) -> None:
        holder = QWidget()
        holder.setObjectName("personRow")
        line = QHBoxLayout(holder)
        line.setContentsMargins(8, 4, 8, 4)
        name_label = QLabel(name)
        name_label.setObjectName("personName")
        name_label.setMinimumWidth(170)
        line.addWidget(name_label, 2)
        relation = QLabel(relationship)
        relation.setObjectName("personRelation")
        relation.setFixedWidth(70)
        line.addWidget(relation)
        years_label = QLabel(self.tr("{age}歳").format(age=years) if years >= 0 else "")
        years_label.setFixedWidth(60)
        line.addWidget(years_label)
        for role, badge in badges:
            chip = QLabel(self.tr(badge))
            chip.setObjectName("personBadge")
            chip.setProperty("role", role)
            line.addWidget(chip)
        line.addStretch(1)
        item = QListWidgetItem()
        shown = [name, relationship, self.tr("{age}歳").format(age=years)] + [self.tr(b) for _r, b in badges]
        item.setData(Qt.ItemDataRole.AccessibleTextRole, " ".join(shown))
        item.setData(Qt.ItemDataRole.UserRole, " ".join(shown))
        if not selectable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setSizeHint(holder.sizeHint())
        self.list.addItem(item)
        self.list.setItemWidget(item, holder)

    def _clear_list(self) -> None:
        """Empty the list and drop its row widgets now (they hold names)."""
        for i in range(self.list.count()):
            holder = self.list.itemWidget(self.list.item(i))
            if holder is not None:
                holder.setParent(None)
                holder.deleteLater()
        self.list.clear()

    def row_texts(self) -> list[str]:
        """What each row of the list shows (name, 続柄, age, badges), for scripts and tests."""
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def _offset(self) -> int:
        """The list row of visit.persons[0]: after the resident when there is one."""
        visit = self.session.visit
        return 1 if visit is not None and visit.resident() is not None else 0

    def selected(self) -> int | None:
        """The selected person's index in visit.persons (None: nobody, or the resident)."""
        visit = self.session.visit
        index = self.list.currentRow() - self._offset()
        if visit is None or not 0 <= index < len(visit.persons):
            return None
        return index

    def _enable(self) -> None:
        index = self.selected()
        count = len(self.session.visit.persons) if self.session.visit else 0
        chosen = index is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and index is not None and index > 0)
        self.down_button.setEnabled(chosen and index is not None and index < count - 1)
        if not chosen:
            self.confirm_bar.hide()

    def _show_forms(self) -> None:
        """For each form of the visit: whom it is about, and its 別紙 when rows overflow."""
        clear_layout(self.forms_box)
        visit = self.session.visit
        if visit is None:
            return
        resident = visit.resident()
        for form in self.session.forms():
            title = QLabel(form.procedure.title)
            title.setObjectName("fieldLabel")
            title.setWordWrap(True)
            self.forms_box.addWidget(title)
            names = []
            for who in form.persons:
                if who < 0:
                    names.append(resident.name if resident else self.tr("届出人"))
                elif who < len(visit.persons):
                    names.append(visit.persons[who].name)
            text = "、".join(names) if names else self.tr("(世帯の方の欄はありません)")
            pages = form.continuation_pages()
            if pages:
                text += "  " + self.tr("別紙 {count}枚").format(count=pages)
            persons = QLabel(text)
            persons.setObjectName("formPersons")
            persons.setProperty("procedure", form.procedure.id)
            persons.setWordWrap(True)
            self.forms_box.addWidget(persons)
        self.forms_box.addStretch(1)

    def form_persons(self) -> dict[str, str]:
        """Procedure id → the names shown for it (what the panel says)."""
        found: dict[str, str] = {}
        for label in self.findChildren(QLabel, "formPersons"):
            found[str(label.property("procedure"))] = label.text()
        return found

    # -- editing ------------------------------------------------------------------------
    def add_person(self) -> None:
        self.editing = None
        self.editor.load(None, self.tr("世帯の方を追加"))
        self._open_editor()

    def edit_selected(self) -> None:
        index = self.selected()
        if index is not None:
            self.edit(index)

    def edit(self, index: int) -> None:
        """Open person `index` of visit.persons in the editor (also from the review)."""
        visit = self.session.visit
        if visit is None or not 0 <= index < len(visit.persons):
            return
        self.list.setCurrentRow(index + self._offset())
        self.editing = index
        person = visit.persons[index]
        self.editor.load(person, self.tr("{name} さんを修正").format(name=person.name))
        self._open_editor()

    def _open_editor(self) -> None:
        self.editor_area.show()
        self._arrange()
        self.editor.read_button.setChecked(False)
        if self.card_panel is not None:
            self.card_panel.clear()  # each person their own PIN and tries
        self._say("")
        self.editor.lines["name"].setFocus()

    def close_editor(self) -> None:
        self.editor.read_button.setChecked(False)
        self.editor_area.hide()
        self._arrange()
        self.editor.dirty = False
        self.editing = None

    def apply_person(self) -> None:
        """Check the typed person as the command line would, then the household as a whole."""
        visit = self.session.visit
        if visit is None:
            return
        persons = list(visit.persons)
        index = len(persons) if self.editing is None else self.editing
        try:
            data = self.editor.values()
            source: Source = "card" if self.editor.source == "card" else "manual"
            person = Person.from_json(data, index, source=source, today=visit.date)
        except EntryError as exc:
            self._say(str(exc), error=True)
            return
        except ResidentDataError as exc:
            self._say(exc.message_ja, error=True)
            return
        if self.editing is None:
            persons.append(person)
        else:
            old = persons[index]
            persons[index] = replace(person, pid=old.pid,
                                     source=person.source if source == "card" else old.source)
        if not self._set(persons):
            return
        self.close_editor()
        self.refresh()
        self.list.setCurrentRow(index + self._offset())
        self._say(self.tr("{name} さんを反映しました。").format(name=person.name))

    def ask_remove(self) -> None:
        index = self.selected()
        visit = self.session.visit
        if index is None or visit is None:
            return
        name = visit.persons[index].name
        self.confirm_text.setText(self.tr("{name} さんを世帯の一覧から外しますか?").format(name=name))
        self.confirm_bar.show()

    def remove_selected(self) -> None:
        index = self.selected()
        visit = self.session.visit
        self.confirm_bar.hide()
        if index is None or visit is None:
            return
        persons = list(visit.persons)
        removed = persons.pop(index)
        if self._set(persons):
            if self.editing == index:
                self.close_editor()
            elif self.editing is not None and self.editing > index:
                self.editing -= 1
            self.refresh()
            self._say(self.tr("{name} さんを外しました。").format(name=removed.name))

    def move_person(self, step: int) -> None:
        index = self.selected()
        visit = self.session.visit
        if index is None or visit is None or not 0 <= index + step < len(visit.persons):
            return
        persons = list(visit.persons)
        persons[index], persons[index + step] = persons[index + step], persons[index]
        if self._set(persons):
            if self.editing in (index, index + step):
                self.editing = index + step if self.editing == index else index
            self.refresh()
            self.list.setCurrentRow(index + step + self._offset())

    def _set(self, persons: list[Person]) -> bool:
        from tome_window.domain.errors import HouseholdError

        try:
            self.session.set_household(persons)
        except HouseholdError as exc:
            self._say(exc.message_ja, error=True)
            return False
        return True

    # -- a family member's own card -----------------------------------------------------
    def _toggle_card(self, on: bool) -> None:
        if on and self.card_panel is None and self.card_note is None:
            self._install_card_panel()
        if self.card_panel is not None:
            shown = self.pad_mirror if self.pad_mirror is not None else self.card_panel
            shown.setVisible(on)
            if on:
                self.card_panel.clear()
                self.card_panel.start()
                if self.pin_host is not None:
                    self.pin_host.show_pad(self.card_panel)  # on a screen of its own at once
            else:
                self.card_panel.stop()
                if self.pad_mirror is not None:
                    self.pad_mirror.turn(False)
        if self.card_note is not None:
            self.card_note.setVisible(on)

    def _install_card_panel(self) -> None:
        try:
            from tome_window.views.identity_card import CardPanel
        except ImportError as exc:  # pyscard or its native library missing on this terminal
            log.warning("card panel unavailable: %s", exc)
            self.card_note = QLabel()
            self.card_note.setWordWrap(True)
            self.editor.card_box.addWidget(self.card_note)
            self.retranslate()
            return
        self.card_panel = CardPanel(needs_my_number=self.session.needs_my_number)
        self.card_panel.setObjectName("personCardPanel")
        self.card_panel.resident_read.connect(self._from_card)
        if self.pin_host is None:  # no resident view (a page on its own): the pad stays here
            self.editor.card_box.addWidget(self.card_panel)
            return
        # the family member types their PIN on the resident's screen; staff see its state
        from tome_window.views.pad_mirror import PadMirror

        self.pad_mirror = PadMirror(self.card_panel, self.pin_host)
        self.pad_mirror.setObjectName("personCardMirror")
        self.pad_mirror.resident_turn.connect(self.resident_turn)
        self.editor.card_box.addWidget(self.pad_mirror)

    def placed(self, embedded: bool) -> None:
        if self.pad_mirror is not None:
            self.pad_mirror.placed(embedded)

    def _from_card(self, resident: Resident) -> None:
        if self.pad_mirror is not None:
            self.pad_mirror.turn(False)  # read: staff check the facts on their window
        self.editor.from_card(resident)
        self._say(self.tr("カードから読み取りました。続柄を選んで「この内容で反映」を押してください。"))

    # -- the step -----------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("error", error)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def leave_problem(self) -> str | None:
        if self.editor_area.isVisible() and self.editor.dirty:
            return self.tr("入力中の方がまだ反映されていません。「この内容で反映」か「取り消し」を押してください")
        return None

    def stop_card(self) -> None:
        if self.card_panel is not None:
            self.card_panel.stop()

    def clear(self) -> None:
        self.close_editor()
        self.editor.load(None, "")
        self.confirm_bar.hide()
        self.confirm_text.clear()
        self._clear_list()
        clear_layout(self.forms_box)
        self.feedback.clear()
        if self.card_panel is not None:
            self.card_panel.clear()
