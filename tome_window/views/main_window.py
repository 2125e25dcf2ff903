"""The counter window: a list of steps, the current step, and the way forward or back.

It knows the order of the steps and nothing of what they contain; each page owns its own
content and says why the visit cannot go on yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QClipboard, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tome_window.views import tasks
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.base import Page
from tome_window.views.pages.start_page import StartPage
from tome_window.views.session import VisitSession

STEP_TITLES = (
    QT_TRANSLATE_NOOP("MainWindow", "受付開始"),
    QT_TRANSLATE_NOOP("MainWindow", "ご用件"),
    QT_TRANSLATE_NOOP("MainWindow", "本人確認"),
    QT_TRANSLATE_NOOP("MainWindow", "世帯の方"),
    QT_TRANSLATE_NOOP("MainWindow", "質問"),
    QT_TRANSLATE_NOOP("MainWindow", "確認・修正"),
    QT_TRANSLATE_NOOP("MainWindow", "ご本人の確認"),
    QT_TRANSLATE_NOOP("MainWindow", "出力・完了"),
)


class MainWindow(QMainWindow):
    def __init__(self, session: VisitSession) -> None:
        super().__init__()
        self.session = session
        self.current = 0
        self.reached = 0
        self.resize(1280, 800)
        self.start = StartPage(session)
        self.pages: list[Page] = [self.start]

        # The window's outer stack: staff's widgets, and the resident's view when there is no
        # screen of its own for it (views/resident_view.py: ResidentDisplay).
        self.outer = QStackedWidget()
        self.outer.setObjectName("view:counter")
        central = QWidget()
        self.staff_view = central
        central.setObjectName("view:staff")
        self.outer.addWidget(central)
        row = QHBoxLayout(central)
        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        self.steps.setFixedWidth(190)
        for _ in STEP_TITLES:
            self.steps.addItem("")
        self.steps.itemClicked.connect(lambda item: self._step_clicked(self.steps.row(item)))
        row.addWidget(self.steps)
        column = QVBoxLayout()
        self.resident_where = QLabel()  # where the resident is on their own screen
        self.resident_where.setObjectName("residentWhere")
        self.resident_where.setWordWrap(True)
        self.resident_where.hide()
        column.addWidget(self.resident_where)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        column.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.back_button = name_action(QPushButton(), "back")
        self.back_button.clicked.connect(lambda: self.go(self.current - 1))
        self.message = QLabel()
        self.message.setObjectName("navMessage")
        self.message.setProperty("error", False)
        self.message.setWordWrap(True)
        self.next_button = name_action(QPushButton(), "next")
        set_look(self.next_button, "primary")
        self.next_button.clicked.connect(lambda: self.go(self.current + 1))
        nav.addWidget(self.back_button)
        nav.addWidget(self.message, 1)
        nav.addWidget(self.next_button)
        column.addLayout(nav)
        row.addLayout(column, 1)
        self.setCentralWidget(self.outer)
        self.display: Any = None  # ResidentDisplay, once the pages are installed

        self.start.start_requested.connect(self.begin_visit)
        session.save_failed.connect(self._save_failed)
        # A message shown in the bar goes when its cause goes: a step's objection when the
        # visit no longer has the problem, a failed save when a later save succeeds.
        self._objecting: Page | None = None
        self._save_error = False
        session.changed.connect(self._recheck)
        session.saved.connect(self._save_recovered)
        self.retranslate()
        self._show(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("登米市 書かない窓口 — Tome Window"))
        for i, title in enumerate(STEP_TITLES):
            text = self.tr(title)
            self.steps.item(i).setText(f"{i}. {text}" if i else text)
        set_text(self.back_button, self.tr("← 戻る"))
        set_text(self.next_button, self.tr("次へ →"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def install_pages(self) -> None:
        """Build the visit's steps; called just after the first paint, so that the counter
        sees a window at once while the domain and widgets load."""
        from tome_window.views.pages.choose_page import ChoosePage
        from tome_window.views.pages.confirm_page import ConfirmPage
        from tome_window.views.pages.export_page import ExportPage
        from tome_window.views.pages.household_page import HouseholdPage
        from tome_window.views.pages.questions_page import QuestionsPage
        from tome_window.views.pages.resident_page import ResidentPage
        from tome_window.views.pages.resident_turn_page import ResidentTurnPage
        from tome_window.views.pages.review_page import ReviewPage
        from tome_window.views.resident_sign import SignPage
        from tome_window.views.resident_view import ResidentDisplay, ResidentView

        if len(self.pages) > 1:
            return
        from tome_window.services.config import load_settings

        session = self.session
        self.choose = ChoosePage(session)
        self.resident_view = ResidentView(session)
        self.resident = ResidentPage(session, pin_host=self.resident_view)
        self.household = HouseholdPage(session, pin_host=self.resident_view)
        self.questions = QuestionsPage(session)
        self.review = ReviewPage(session)
        self.confirm = ConfirmPage(session)
        self.resident_view.add_page(self.confirm, "confirm")
        self.sign = SignPage(session)
        self.resident_view.add_page(self.sign, "sign")
        self.turn = ResidentTurnPage(session)  # staff's screen while the resident checks
        self.export = ExportPage(session, load_settings().data_dir / "exports")
        self.pages += [self.choose, self.resident, self.household, self.questions, self.review, self.confirm,
                       self.export]
        for page in self.pages[1:]:
            self.stack.addWidget(self.turn if page.resident_facing else page)
        if session.service is not None:  # storage won the race: fill the lists now
            self.choose.populate()
        self.confirm.confirmed.connect(self._resident_confirmed)
        self.sign.signed.connect(lambda: self.go(self.pages.index(self.export)))
        self.confirm.position_changed.connect(self._resident_moved)
        view = self.resident_view
        view.where_changed.connect(self._resident_moved)
        self.display = ResidentDisplay(view, self.outer, self.staff_view)
        self.display.placed.connect(self._placed)
        self.resident.resident_turn.connect(self.display.resident_turn)
        self.household.resident_turn.connect(self.display.resident_turn)
        view.staff_requested.connect(lambda: self.display.resident_turn(False))
        self.turn.hand_over.connect(lambda: self.display.resident_turn(True))
        self.display.place()
        self.confirm.correction_requested.connect(
            lambda: self.go(self.pages.index(self.review), force=True))
        self.review.edit_person.connect(self.edit_person)
        self.export.finished.connect(self.finish_visit)
        self.export.correction_requested.connect(
            lambda: self.go(self.pages.index(self.review), force=True))
        self.start.set_pages_ready()

    # -- the resident's screen -------------------------------------------------------------
    def _placed(self, embedded: bool) -> None:
        self.resident.placed(embedded)
        self.household.placed(embedded)
        self.turn.set_embedded(embedded)
        self.resident_where.setVisible(not embedded)

    def _resident_moved(self, _detail: str = "") -> None:
        view = self.resident_view
        detail = self.confirm.staff_position() if view.current() is self.confirm else ""
        text = view.where(detail)
        self.resident_where.setText(text)
        self.turn.show_where(text)

    def _resident_confirmed(self) -> None:
        """Confirmed: the resident signs on the tablet, unless staff chose paper."""
        if self.turn.sign_on_paper:
            self.go(self.pages.index(self.export))
            return
        self.sign.enter()
        self.resident_view.show_page(self.sign)

    def _follow(self, page: Page) -> None:
        """The resident's screen follows staff's step: their own page when it is their
        turn, the PIN pad on the identity step, else a welcome (or thanks at the end)."""
        if self.display is None:
            return
        view = self.resident_view
        if page.resident_facing:
            view.show_page(page)
            self.display.resident_turn(True)
            return
        self.display.resident_turn(False)
        if page is self.resident and self.resident.card_panel is not None:
            return  # its enter() showed the pad
        visit = self.session.visit
        done = page is self.export and visit is not None and visit.status != "open"
        view.show_page(view.done if done else view.welcome)

    # -- moving -------------------------------------------------------------------------
    def begin_visit(self) -> None:
        self.session.begin(event_id=None, procedure_ids=[])
        self.go(1)

    def go(self, index: int, *, force: bool = False) -> bool:
        if not 0 <= index < len(self.pages) or index == self.current:
            return False
        if index > self.current and not force:
            for page in self.pages[self.current:index]:
                problem = page.leave_problem()
                if problem:
                    self._say(problem, error=True)
                    self._objecting = page
                    return False
        self._show(index)
        return True

    def edit_person(self, index: int) -> None:
        """A row of a form is a person's: it is corrected on that person, once for every form."""
        self.go(self.pages.index(self.household), force=True)
        self.household.edit(index)

    def _step_clicked(self, index: int) -> None:
        if index <= self.reached and self.session.visit is not None:
            self.go(index)
        else:
            self.steps.setCurrentRow(self.current)

    def _show(self, index: int) -> None:
        self.session.flush()
        self.current = index
        self.reached = max(self.reached, index)
        page = self.pages[index]
        page.enter()
        self.stack.setCurrentWidget(self.turn if page.resident_facing else page)
        self.steps.setCurrentRow(index)
        self.back_button.setVisible(0 < index)
        self.next_button.setVisible(0 < index < len(self.pages) - 1)
        self._follow(page)
        self._say("")

    def finish_visit(self) -> None:
        """End of visit (confirmed on the export step): nothing of this resident stays on any
        screen, in the clipboard or the selection, nor in exported files."""
        service = self.session.service
        if len(self.pages) > 1 and service is not None:
            self.export.discard_files(keep=service.settings.keep_exports)
        self.session.finish()
        for page in self.pages:
            page.clear()
        if self.display is not None:
            self.sign.clear()
            self.turn.clear()
        self._forget_copies()
        self.reached = 0
        self._show(0)

    def _forget_copies(self) -> None:
        """An address or a number staff copied must not be pasted into the next visit."""
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        roots: list[QWidget] = [self]
        if self.display is not None and not self.display.embedded:
            roots.append(self.resident_view)  # a window of its own on the resident's screen
        for root in roots:
            for line in root.findChildren(QLineEdit):
                line.deselect()
            for view in root.findChildren(QAbstractItemView):
                if view is not self.steps:
                    view.clearSelection()

    def _recheck(self) -> None:
        """The step that refused to go on: its message goes (or changes) with the visit."""
        page = self._objecting
        if page is None:
            return
        problem = page.leave_problem() if self.session.visit is not None else None
        if not problem:
            self._say("")
        elif problem != self.message.text():
            self._say(problem, error=True)
            self._objecting = page

    def _save_recovered(self) -> None:
        if self._save_error:
            self._say("")

    def _say(self, text: str, *, error: bool = False) -> None:
        self._objecting = None
        self._save_error = False
        self.message.setText(text)
        if self.message.property("error") != error:  # re-style only on change: style() is costly
            self.message.setProperty("error", error)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)

    def _save_failed(self, message: str) -> None:
        self._say(self.tr("保存できませんでした: {message} 入力内容は画面に残っています。"
                          "次の操作で再度保存します。").format(message=message), error=True)
        self._save_error = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.session.flush()
        tasks.wait_all(5000)
        for page in self.pages:
            page.clear()
        for holder in (getattr(self, "resident", None), getattr(self, "household", None)):
            panel = getattr(holder, "card_panel", None)
            if panel is not None:
                panel.stop()  # the device worker must not call into a window that is closing
        if self.display is not None:
            self.display.close()
        super().closeEvent(event)
