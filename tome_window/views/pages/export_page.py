"""Make the completed applications, then close the visit and clear every screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from tome_window.views.pages.base import Page, heading


class ExportPage(Page):
    title = "出力・完了"
    finished = Signal()
    exported = Signal(list)

    def __init__(self, session, out_root: Path, parent=None) -> None:  # noqa: ANN001
        super().__init__(session, parent)
        self.out_root = out_root
        outer = QVBoxLayout(self)
        outer.addWidget(heading("申請書を作成します"))
        self.make_button = QPushButton("申請書PDFを作成")
        self.make_button.setObjectName("makePdf")
        self.make_button.setMinimumHeight(56)
        self.make_button.clicked.connect(self.make_pdfs)
        outer.addWidget(self.make_button)
        self.status = QLabel()
        self.status.setObjectName("feedback")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        self.files = QListWidget()
        self.files.setObjectName("pdfList")
        self.files.itemActivated.connect(self._open)
        outer.addWidget(self.files, 1)
        self.finish_button = QPushButton("受付を終了して画面を消去")
        self.finish_button.setObjectName("finishVisit")
        self.finish_button.setMinimumHeight(56)
        self.finish_button.clicked.connect(self.finished)
        outer.addWidget(self.finish_button)
        self.paths: list[Path] = []

    def make_pdfs(self) -> None:
        visit = self.session.visit
        if visit is None:
            return
        self.make_button.setEnabled(False)
        self.status.setText("作成しています…")
        out_dir = self.out_root / visit.date.isoformat() / visit.id[:12]
        self.session.export(out_dir, self._done, self._failed)

    def _done(self, rendered: list[Any]) -> None:
        self.make_button.setEnabled(True)
        self.files.clear()
        self.paths = [r.path for r in rendered]
        for r in rendered:
            self.files.addItem(QListWidgetItem(f"{r.path.name}({r.pages}ページ)"))
        gaiji = [g.message() for r in rendered for g in r.gaiji]
        text = f"{len(rendered)} 通の申請書を作成しました: {self.paths[0].parent if self.paths else ''}"
        if gaiji:
            text += "\n外字があります(〓で印字しました。手書きで補ってください):\n" + "\n".join(gaiji)
        self.status.setText(text)
        self.exported.emit(self.paths)

    def _failed(self, message: str) -> None:
        self.make_button.setEnabled(True)
        self.status.setText(f"作成できませんでした: {message}")

    def _open(self, item: QListWidgetItem) -> None:
        path = self.paths[self.files.row(item)]
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def clear(self) -> None:
        self.files.clear()
        self.paths = []
        self.status.clear()
