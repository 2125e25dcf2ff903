"""Before a visit: one large button, and what staff must know (refused definitions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.base import Page, heading

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from tome_window.views.session import VisitSession


class StartPage(Page):
    title = "受付開始"
    start_requested = Signal()

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.welcome = heading("")
        layout.addWidget(self.welcome)
        self.status = QLabel()
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        self.button = name_action(QPushButton(), "start")
        set_look(self.button, "primary_large")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.start_requested)
        layout.addWidget(self.button)
        self.problems = QLabel()
        self.problems.setObjectName("warningBox")
        self.problems.setWordWrap(True)
        self.problems.hide()
        layout.addWidget(self.problems)
        layout.addStretch(2)
        self._pages_ready = False
        self._state: tuple[str, str] = ("preparing", "")
        session.ready.connect(self._ready)
        session.failed_to_start.connect(self._failed)
        self.retranslate()

    def retranslate(self) -> None:
        self.welcome.setText(self.tr("書かない窓口へようこそ"))
        set_text(self.button, self.tr("新しい受付を始める"))
        state, message = self._state
        if state == "preparing":
            self.status.setText(self.tr("準備しています…"))
        elif state == "failed":
            self.status.setText(self.tr("起動できませんでした: {message}").format(message=message))
        else:
            self._ready()

    def set_pages_ready(self) -> None:
        self._pages_ready = True
        if self.session.service is not None:
            self._ready()

    def _ready(self) -> None:
        if not self._pages_ready:
            return  # the steps are still being built; called again when they are
        catalog = self.session.catalog
        self._state = ("ready", "")
        self.status.setText(self.tr("手続 {procedures} 件・ライフイベント {events} 件を読み込みました。")
                            .format(procedures=len(catalog.procedures), events=len(catalog.events)))
        self.button.setEnabled(True)
        if catalog.problems:
            lines = "\n".join(p.message_ja for p in catalog.problems[:8])
            more = ("\n" + self.tr("…ほか {count} 件").format(count=len(catalog.problems) - 8)
                    if len(catalog.problems) > 8 else "")
            self.problems.setText(self.tr("次の様式定義は使えないため読み込みませんでした(担当: 情報システム):")
                                  + "\n" + lines + more)
            self.problems.show()

    def _failed(self, message: str) -> None:
        self._state = ("failed", message)
        self.status.setText(self.tr("起動できませんでした: {message}").format(message=message))
