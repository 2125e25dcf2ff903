"""Before a visit: one large button, and what staff must know (refused definitions)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from tome_window.views.pages.base import Page, heading


class StartPage(Page):
    title = "受付開始"
    start_requested = Signal()

    def __init__(self, session, parent=None) -> None:  # noqa: ANN001
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading("書かない窓口へようこそ"))
        self.status = QLabel("準備しています…")
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        self.button = QPushButton("新しい受付を始める")
        self.button.setObjectName("primaryLarge")
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
        session.ready.connect(self._ready)
        session.failed_to_start.connect(self._failed)

    def set_pages_ready(self) -> None:
        self._pages_ready = True
        if self.session.service is not None:
            self._ready()

    def _ready(self) -> None:
        if not self._pages_ready:
            return  # the steps are still being built; called again when they are
        catalog = self.session.catalog
        self.status.setText(f"手続 {len(catalog.procedures)} 件・ライフイベント {len(catalog.events)} 件を読み込みました。")
        self.button.setEnabled(True)
        if catalog.problems:
            lines = "\n".join(p.message_ja for p in catalog.problems[:8])
            more = f"\n…ほか {len(catalog.problems) - 8} 件" if len(catalog.problems) > 8 else ""
            self.problems.setText("次の様式定義は使えないため読み込みませんでした(担当: 情報システム):\n"
                                  + lines + more)
            self.problems.show()

    def _failed(self, message: str) -> None:
        self.status.setText(f"起動できませんでした: {message}")
