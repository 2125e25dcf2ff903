"""The resident's own screen (`view:resident`) and where it is shown.

Counters often have a second screen facing the resident. When one is attached the resident
view runs there full-screen while staff keep working on theirs; with a single screen it
fills the counter window whenever it is the resident's turn (the PIN, the check, the
signature) and staff take the window back with one button. The view is one widget that
only moves: unplugging the second screen mid-visit moves it back into the main window with
every page, mark and typed digit as it was.

The resident sees only their own visit, in their own language: a welcome with the language
choice while staff work, the PIN pad while the card is read (never on staff's screen beside
their manual-entry fields), the forms one by one, the signature pad, and a thank-you. Each
page is named `view:resident/<page>` for scripts; `where_changed` tells staff's window, in
Japanese, where the resident is.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tome_window.views.i18n import LanguagePicker, LanguageToggle, follow_session, font_families
from tome_window.views.marks import QT_TRANSLATE_NOOP
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.read_aloud import ReadAloudButton, stop_on_page_change
from tome_window.views.reflow import ReflowGrid

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession

log = logging.getLogger(__name__)

FIT_ALLOWANCE = 24  # px each side: the margins between the view's edge and a page's picker
STAFF_CONTEXT = "ResidentViewStaff"  # staff's own button on the resident's screen: Japanese
QT_TRANSLATE_NOOP("ResidentViewStaff", "職員の画面に戻る")
# Where the resident is, for staff's window (Japanese: staff's language).
WHERE = {
    "welcome": "ご本人の画面: お待ちいただいています(言語を選べます)",
    "pin": "ご本人の画面: 暗証番号の入力",
    "confirm": "ご本人の画面: 内容の確認",
    "sign": "ご本人の画面: 署名",
    "done": "ご本人の画面: 完了のごあいさつ",
}


class _TextPage(QWidget):
    """A page of large sentences (welcome, thanks) with read-aloud and, on the welcome, the
    language choice."""

    def __init__(self, session: VisitSession, name: str, *, picker: bool) -> None:
        super().__init__()
        self.setObjectName(f"view:resident/{name}")
        layout = QVBoxLayout(self)
        self.picker: LanguagePicker | None = None
        if picker:
            self.picker = LanguagePicker(session.language)
            follow_session(self.picker, session)
            layout.addWidget(self.picker)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setObjectName("residentTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_look(self.title, "resident_title")
        self.body = QLabel()
        self.body.setObjectName("residentHint")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_look(self.body, "resident_hint")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.read_aloud = ReadAloudButton(get_text=lambda: f"{self.title.text()}\n{self.body.text()}",
                                          language=lambda: session.language)
        set_look(self.read_aloud, "resident_secondary")
        layout.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class ResidentView(QWidget):
    """`view:resident`: the resident's pages in a stack; the steps of the visit say which
    one shows (MainWindow through ResidentDisplay)."""

    where_changed = Signal(str)
    staff_requested = Signal()  # single screen: staff take the window back

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("view:resident")
        set_look(self, "resident")
        self.setProperty("textsize", "normal")
        self.setWindowTitle("Tome Window")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.staff_button = name_action(QPushButton(), "staff_view")
        set_look(self.staff_button, "resident_staff")  # staff's: a smaller target will do
        self.staff_button.clicked.connect(self.staff_requested)
        self.staff_button.hide()
        layout.addWidget(self.staff_button, 0, Qt.AlignmentFlag.AlignRight)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        stop_on_page_change(self.stack)
        self.welcome = _TextPage(session, "welcome", picker=True)
        self.done = _TextPage(session, "done", picker=False)
        self.pin = QWidget()
        self.pin.setObjectName("view:resident/pin")
        pin_layout = QVBoxLayout(self.pin)
        self.pin_title = QLabel()
        self.pin_title.setObjectName("residentTitle")
        self.pin_title.setWordWrap(True)
        set_look(self.pin_title, "resident_title")
        title_row = QHBoxLayout()
        title_row.addWidget(self.pin_title, 1)
        # the language was chosen on the welcome page: here it opens from one button
        self.pin_languages = LanguageToggle(session.language)
        follow_session(self.pin_languages, session)
        self.pin_picker = self.pin_languages.picker
        set_look(self.pin_languages.button, "resident_secondary")
        title_row.addWidget(self.pin_languages.button)
        # reads the instruction and what the pad says (card, tries left, message): never
        # the digits, which the pad does not hold as text anyway
        self.pin_read_aloud = ReadAloudButton(get_text=self._pin_spoken,
                                              language=lambda: session.language)
        set_look(self.pin_read_aloud, "resident_secondary")
        title_row.addWidget(self.pin_read_aloud)
        pin_layout.addLayout(title_row)
        pin_layout.addWidget(self.pin_languages.picker)
        self.pads = QStackedWidget()  # one card panel per reading purpose (resident, household)
        pin_layout.addWidget(self.pads, 1)
        for page in (self.welcome, self.pin, self.done):
            self.stack.addWidget(page)
        self._names: dict[QWidget, str] = {self.welcome: "welcome", self.pin: "pin", self.done: "done"}
        session.language_changed.connect(lambda _code: self.retranslate())
        self.retranslate()
        self._size_by(self.welcome)

    # -- pages --------------------------------------------------------------------------
    def add_page(self, page: QWidget, name: str) -> None:
        """A resident page made elsewhere (the check, the signature) joins the view."""
        page.setObjectName(f"view:resident/{name}")
        self.stack.addWidget(page)
        self._names[page] = name
        current = self.stack.currentWidget()
        if current is not None:
            self._size_by(current)

    def add_pad(self, panel: QWidget) -> None:
        self.pads.addWidget(panel)

    def show_page(self, page: QWidget) -> None:
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        self._size_by(page)
        self.where_changed.emit(self.where())

    def _size_by(self, shown: QWidget) -> None:
        """Only the page on screen sizes the view: a stack is as large as its largest page,
        and the pages the resident does not see must not push the one they do see off a
        1024×768 or portrait tablet."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            policy = preferred if page is shown else ignored
            if page is not None and page.sizePolicy().horizontalPolicy() is not policy:
                page.setSizePolicy(policy, policy)
                page.updateGeometry()
        self.stack.updateGeometry()
        layout = self.window().layout()
        if layout is not None:  # the counter window caches its minimum size
            layout.invalidate()

    def show_pad(self, panel: QWidget) -> None:
        self.pads.setCurrentWidget(panel)
        self.show_page(self.pin)

    def _pin_spoken(self) -> str:
        pad = self.pads.currentWidget()
        said = getattr(pad, "spoken_text", None)
        return "\n".join(t for t in (self.pin_title.text(), said() if said else "") if t)

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def current_name(self) -> str:
        page = self.stack.currentWidget()
        return self._names.get(page, "") if page is not None else ""

    def where(self, detail: str = "") -> str:
        text = WHERE.get(self.current_name(), "")
        return f"{text} {detail}".strip()

    def set_embedded(self, embedded: bool) -> None:
        """In the counter window staff need a way back; on its own screen nobody does."""
        self.staff_button.setVisible(embedded)

    # -- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        font = QFont(self.font())
        font.setFamilies(font_families(self.session.language))
        self.setFont(font)
        self.welcome.title.setText(self.tr("ようこそ"))
        self.welcome.body.setText(self.tr("職員が手続きの準備をしています。少々お待ちください。"
                                          "上のボタンで、画面の言葉を選べます。"))
        self.done.title.setText(self.tr("ありがとうございました"))
        self.done.body.setText(self.tr("職員が書類をお渡しします。少々お待ちください。"))
        self.pin_title.setText(self.tr("カードを置いて、暗証番号(数字4桁)を入力してください"))
        set_text(self.staff_button, QCoreApplication.translate(STAFF_CONTEXT, "職員の画面に戻る"))
        for page in (self.welcome, self.done):
            page.read_aloud.refresh()
        self.pin_read_aloud.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ResidentDisplay(QObject):
    """Puts the resident view on a screen of its own when there is one, in the counter
    window otherwise, and moves it when screens come and go."""

    placed = Signal(bool)  # embedded?

    def __init__(self, view: ResidentView, host: QStackedWidget, staff: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.host = host  # the counter window's outer stack: staff's widgets, maybe the view
        self.staff = staff
        self.embedded = True
        self._turn = False
        host.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)

    def resident_screen(self) -> QScreen | None:
        """A screen other than the counter window's, if any."""
        own = self.host.window().screen()
        others = [s for s in QGuiApplication.screens() if s is not own]
        return others[0] if others else None

    def place(self) -> None:
        screen = self.resident_screen()
        if screen is not None:
            if self.host.indexOf(self.view) >= 0:
                self.host.removeWidget(self.view)
            self.host.setCurrentWidget(self.staff)
            self.view.setParent(None)
            self.view.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.view.setScreen(screen)
            self.view.setGeometry(screen.geometry())
            self.view.showFullScreen()
            self.embedded = False
            log.info("resident view on its own screen %s", screen.name())
        else:
            if self.host.indexOf(self.view) < 0:
                self.view.hide()
                self.view.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
                self.host.addWidget(self.view)  # the stack shows it when it is current
            self.embedded = True
            self.host.setCurrentWidget(self.view if self._turn else self.staff)
            log.info("resident view in the counter window")
        self.view.set_embedded(self.embedded)
        self.fit_hidden()
        self.placed.emit(self.embedded)

    def resident_turn(self, on: bool) -> None:
        """The resident's turn (PIN, check, signature): with one screen the window is theirs;
        with two, staff's window stays staff's."""
        self._turn = on
        if self.embedded:
            self.host.setCurrentWidget(self.view if on else self.staff)

    @property
    def turn(self) -> bool:
        return self._turn

    def _screens_changed(self, _screen: QScreen) -> None:
        # after Qt has moved windows off a screen that went away
        QTimer.singleShot(0, self.place)

    def close(self) -> None:
        if not self.embedded:
            self.view.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.fit_hidden()
        return False

    def fit_hidden(self) -> None:
        """Embedded, the view is hidden while staff work, so it gets no resize events; its
        language buttons must still follow the window, or their rows from an older width
        set the window's minimum height (views/reflow.py)."""
        width = (self.host.width() if self.embedded else self.view.width()) - 2 * FIT_ALLOWANCE
        for grid in self.view.findChildren(ReflowGrid):
            grid.fit(width)
