"""Make the completed applications, print them, then close the visit and clear every screen.

Beside the Japanese applications, staff can make JSON/CSV for the back office, the procedure
guide (手続き案内票) and a reading aid in the resident's language: the official forms stay
Japanese, the aid says what they mean for this resident. Printing shows the exact PDFs first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from tome_window.domain.languages import language
from tome_window.views.gate_panel import GatePanel
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.base import Page, heading
from tome_window.views.print_panel import PrintPanel
from tome_window.views.tasks import run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from tome_window.views.session import VisitSession


class ExportPage(Page):
    title = "出力・完了"
    finished = Signal()
    correction_requested = Signal()
    exported = Signal(list)
    aid_made = Signal(object)

    def __init__(self, session: VisitSession, out_root: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.out_root = out_root
        outer = QVBoxLayout(self)
        self.heading = heading("")
        outer.addWidget(self.heading)
        buttons = QGridLayout()
        self.make_button = self._button("make_pdf", self.make_pdfs)
        set_look(self.make_button, "primary")
        self.aid_button = self._button("make_reading_aid", self.make_reading_aid)
        self.data_button = self._button("make_data", self.make_data)
        self.guide_button = self._button("make_guide", self.make_guide)
        for i, button in enumerate((self.make_button, self.guide_button, self.aid_button,
                                    self.data_button)):
            buttons.addWidget(button, i // 2, i % 2)
        outer.addLayout(buttons)
        self.gate = GatePanel()
        self.gate.override_requested.connect(self._override)
        self.gate.correct_requested.connect(self.correction_requested)
        outer.addWidget(self.gate)
        self.status = QLabel()
        self.status.setObjectName("feedback")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        row = QHBoxLayout()
        self.files = QListWidget()
        self.files.setObjectName("pdfList")
        self.files.itemActivated.connect(self._open)
        row.addWidget(self.files, 1)
        self.print_panel = PrintPanel()
        self.print_panel.printed.connect(self._printed)
        self.print_panel.print_failed.connect(self._print_failed)
        self.print_panel.failed_for_audit.connect(
            lambda printer, code: self.session.print_failed(printer, code))
        self.print_panel.hide()
        row.addWidget(self.print_panel, 2)
        outer.addLayout(row, 1)
        self.finish_button = name_action(QPushButton(), "finish")
        set_look(self.finish_button, "danger")
        self.finish_button.setMinimumHeight(56)
        self.finish_button.clicked.connect(self.finished)
        outer.addWidget(self.finish_button)
        self.paths: list[Path] = []
        self.extra: list[Path] = []
        self.aid_path: Path | None = None
        self._pages: dict[Path, int] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("申請書を作成します"))
        set_text(self.make_button, self.tr("申請書PDFを作成"))
        set_text(self.aid_button, self.tr("読みやすい説明を印刷用に作成"))
        set_text(self.data_button, self.tr("JSON・CSV を出力(基幹システム用)"))
        set_text(self.guide_button, self.tr("手続き案内票を作成"))
        set_text(self.finish_button, self.tr("受付を終了して画面を消去"))

    def enter(self) -> None:
        self.gate.set_problems(self.session.problems())  # seen before anyone presses 作成
        code = self.session.language
        self.aid_button.setToolTip(self.tr("ご本人の言語: {language}").format(
            language=language(code).native_name))

    def _button(self, action: str, slot: Any) -> QPushButton:
        button = name_action(QPushButton(), action)
        button.setMinimumHeight(56)
        button.clicked.connect(slot)
        return button

    def make_data(self) -> None:
        out_dir = self._out_dir()
        if out_dir is None:
            return
        if self._export({"json", "csv"}, out_dir, self._data_done, self._data_failed):
            self.data_button.setEnabled(False)

    def make_guide(self) -> None:
        out_dir = self._out_dir()
        if out_dir is None:
            return
        self.guide_button.setEnabled(False)
        self.status.setText(self.tr("作成しています…"))
        self.session.guide(out_dir, self._guide_done, self._data_failed)

    def _export(self, formats: set[str], out_dir: Path, done: Any, failed: Any) -> bool:
        """Through the gate: False (and the list of what is wrong shown) when refused."""
        from tome_window.services.gate import IncompleteVisit

        try:
            self.session.export(formats, out_dir, done, failed)
        except IncompleteVisit as exc:
            self.gate.set_problems(exc.problems)
            self.status.setText(self.tr("確認が必要な項目があるため作成しませんでした({count} 件)。")
                                .format(count=len(self.gate.refs)))
            return False
        self.status.setText(self.tr("作成しています…"))
        return True

    def _override(self, ref: str, reason: str) -> None:
        self.session.override(ref, reason)
        self.gate.set_problems(self.session.problems())
        if not self.gate.refs:
            self.status.setText(self.tr("すべての項目を確認しました。作成できます。"))

    def _data_done(self, exported: Any) -> None:
        paths = exported.files
        self.data_button.setEnabled(True)
        self.extra += [Path(p) for p in paths]
        self._list_files()
        self.status.setText(self.tr("{count} 件のファイルを出力しました: {folder}").format(
            count=len(paths), folder=Path(paths[0]).parent if paths else ""))

    def _guide_done(self, path: Path) -> None:
        self.guide_button.setEnabled(True)
        self.extra.append(Path(path))
        self._list_files()
        self.status.setText(self.tr("手続き案内票を作成しました: {file}").format(file=path))

    def _data_failed(self, message: str) -> None:
        self.data_button.setEnabled(True)
        self.guide_button.setEnabled(True)
        self._failed(message)

    def _printed(self, paths: list[Path], printer: str) -> None:
        self.session.printed(paths, printer, self.print_panel.copies.value())
        self.status.setText(self.tr("{count} 件を {printer} に送りました。").format(
            count=len(paths), printer=printer))

    def _print_failed(self, message: str) -> None:
        self.status.setText(self.tr("印刷できませんでした: {message}").format(message=message))

    def discard_files(self, keep: bool) -> None:
        """End of visit: the files leave the terminal (printed copies are in the spooler, and
        `tome-window export` makes them again from the encrypted record), unless the branch
        keeps them (keep_exports). Some carry the individual number."""
        folder = self._out_dir()
        if keep or folder is None or not folder.exists():
            return
        import shutil

        run_task(lambda: shutil.rmtree(folder), None,
                 lambda e: self.status.setText(self.tr("出力ファイルを削除できませんでした: {folder}")
                                               .format(folder=folder)), lane="storage")

    def _out_dir(self) -> Path | None:
        visit = self.session.visit
        return None if visit is None else self.out_root / visit.date.isoformat() / visit.id[:12]

    def make_pdfs(self) -> None:
        out_dir = self._out_dir()
        if out_dir is None:
            return
        if self._export({"pdf"}, out_dir, self._done, self._failed):
            self.make_button.setEnabled(False)

    def make_reading_aid(self) -> None:
        """The aid in the language the resident chose on their screen, beside the forms."""
        out_dir = self._out_dir()
        if out_dir is None:
            return
        self.aid_button.setEnabled(False)
        self.status.setText(self.tr("作成しています…"))
        self.session.reading_aid(out_dir, self._aid_done, self._aid_failed)

    def _done(self, exported: Any) -> None:
        self.make_button.setEnabled(True)
        self.paths = exported.pdfs
        self._pages = dict(exported.pages)
        self._list_files()
        gaiji = [g.message() for g in exported.gaiji]
        text = self.tr("{count} 通の申請書を作成しました: {folder}").format(
            count=len(self.paths), folder=self.paths[0].parent if self.paths else "")
        if gaiji:
            text += "\n" + self.tr("外字があります(〓で印字しました。手書きで補ってください):") + "\n"
            text += "\n".join(gaiji)
        self.status.setText(text)
        self.exported.emit(self.paths)

    def _aid_done(self, path: Path) -> None:
        self.aid_button.setEnabled(True)
        self.aid_path = Path(path)
        self._list_files()
        self.status.setText(self.tr("読みやすい説明({language})を作成しました: {file}").format(
            language=language(self.session.language).native_name, file=self.aid_path))
        self.aid_made.emit(self.aid_path)

    def _all_files(self) -> list[Path]:
        return [*self.paths, *([self.aid_path] if self.aid_path else []), *self.extra]

    def _list_files(self) -> None:
        self.files.clear()
        for path in self._all_files():
            count = self._pages.get(path)
            self.files.addItem(QListWidgetItem(
                self.tr("{name}({pages}ページ)").format(name=path.name, pages=count)
                if count else path.name))
        pdfs = [p for p in self._all_files() if p.suffix == ".pdf"]
        visit = self.session.visit
        if pdfs and visit is not None:
            self.print_panel.set_files(pdfs, label=visit.id[:8])
            self.print_panel.show()

    def _failed(self, message: str) -> None:
        self.make_button.setEnabled(True)
        self.status.setText(self.tr("作成できませんでした: {message}").format(message=message))

    def _aid_failed(self, message: str) -> None:
        self.aid_button.setEnabled(True)
        self._failed(message)

    def _open(self, item: QListWidgetItem) -> None:
        files = self._all_files()
        row = self.files.row(item)
        if 0 <= row < len(files):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(files[row])))

    def clear(self) -> None:
        self.files.clear()
        self.print_panel.clear()
        self.print_panel.hide()
        self.extra = []
        self.paths = []
        self._pages = {}
        self.aid_path = None
        self.gate.clear()
        self.status.clear()
