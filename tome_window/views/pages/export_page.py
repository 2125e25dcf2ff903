"""Make the completed applications, print them, then close the visit and clear every screen.

Beside the Japanese applications, staff can make JSON/CSV for the back office, the procedure
guide (手続き案内票) and a reading aid in the resident's language: the official forms stay
Japanese, the aid says what they mean for this resident. Printing shows the exact PDFs first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tome_window.domain.languages import language
from tome_window.views.gate_panel import GatePanel
from tome_window.views.names import name_action, set_look, set_text
from tome_window.views.pages.base import Page, clear_layout, heading, scrolled
from tome_window.views.pdf_preview import document_title, short_location
from tome_window.views.print_panel import PrintPanel
from tome_window.views.tasks import run_task

if TYPE_CHECKING:
    from tome_window.views.session import VisitSession


WIDE = 1200  # px of the page: from it on, the file list beside the preview; below, above it
BUTTONS_TWO_COLUMNS = 660  # px of the page: the four 作成 buttons two by two; narrower, one a row
PREVIEW_HEIGHT = 460  # px: a whole A4 page stays legible enough to check; the page scrolls


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
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        # making, printing; the finish confirmation takes its place. It scrolls: the gate's
        # list can be long and a tablet in landscape is only 768 px high.
        self.work_inner = QWidget()
        self.work = scrolled(self.work_inner)
        self.work.setObjectName("exportWork")
        self.work.setFrameShape(QFrame.Shape.NoFrame)
        self.work.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.addWidget(self.work, 1)
        outer = QVBoxLayout(self.work_inner)
        self.heading = heading("")
        outer.addWidget(self.heading)
        self.buttons = buttons = QGridLayout()
        self.make_button = self._button("make_pdf", self.make_pdfs)
        set_look(self.make_button, "primary")
        self.aid_button = self._button("make_reading_aid", self.make_reading_aid)
        self.data_button = self._button("make_data", self.make_data)
        self.guide_button = self._button("make_guide", self.make_guide)
        self._columns = 0
        self._lay_out_buttons(2)
        outer.addLayout(buttons)
        self.gate = GatePanel()
        self.gate.override_requested.connect(self._override)
        self.gate.correct_requested.connect(self.correction_requested)
        outer.addWidget(self.gate)
        self.status = QLabel()
        self.status.setObjectName("feedback")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        self.files_row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.files = QListWidget()
        self.files.setObjectName("pdfList")
        self.files.setWordWrap(True)
        self.files.setMinimumWidth(0)
        self.files.itemActivated.connect(self._open)
        self.files.hide()  # until something is made
        row.addWidget(self.files, 1)
        self.print_panel = PrintPanel()
        self.print_panel.printed.connect(self._printed)
        self.print_panel.print_failed.connect(self._print_failed)
        self.print_panel.failed_for_audit.connect(
            lambda printer, code: self.session.print_failed(printer, code))
        self.print_panel.hide()
        self.print_panel.setMinimumHeight(PREVIEW_HEIGHT)
        row.addWidget(self.print_panel, 2)
        outer.addLayout(row, 1)
        outer.addStretch(0)  # nothing made yet: the page's content stays at the top
        self.finish_button = name_action(QPushButton(), "finish")
        set_look(self.finish_button, "danger")
        self.finish_button.setMinimumHeight(56)
        self.finish_button.clicked.connect(self.ask_finish)
        page.addWidget(self.finish_button)  # under the scrolled part: always in view
        self.finish_panel = FinishPanel()
        self.finish_panel.confirmed.connect(self._finish_confirmed)
        self.finish_panel.cancelled.connect(self.cancel_finish)
        self.finish_panel.hide()
        self.finish_area = scrolled(self.finish_panel)
        self.finish_area.setFrameShape(QFrame.Shape.NoFrame)
        self.finish_area.hide()
        page.addWidget(self.finish_area, 1)
        self.paths: list[Path] = []
        self.extra: list[Path] = []
        self.aid_path: Path | None = None
        self._pages: dict[Path, int] = {}
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Portrait: the list of made files above the preview, both the page's width."""
        narrow = self.width() < WIDE
        self.files_row.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                    else QBoxLayout.Direction.LeftToRight)
        self.files.setMaximumHeight(110 if narrow else 16777215)
        # the preview and the print buttons fill the screen once scrolled to
        visible = event.size().height() - self.finish_button.sizeHint().height() - 24
        self.print_panel.setMinimumHeight(max(PREVIEW_HEIGHT, visible))
        self._lay_out_buttons(2 if self.width() >= BUTTONS_TWO_COLUMNS else 1)
        super().resizeEvent(event)

    def _lay_out_buttons(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, button in enumerate((self.make_button, self.guide_button, self.aid_button,
                                    self.data_button)):
            self.buttons.removeWidget(button)
            self.buttons.addWidget(button, i // columns, i % columns)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("申請書を作成します"))
        set_text(self.make_button, self.tr("申請書PDFを作成"))
        set_text(self.aid_button, self.tr("読みやすい説明を印刷用に作成"))
        set_text(self.data_button, self.tr("JSON・CSV を出力(基幹システム用)"))
        set_text(self.guide_button, self.tr("手続き案内票を作成"))
        set_text(self.finish_button, self.tr("受付を終了して画面を消去"))

    def enter(self) -> None:
        self.cancel_finish()
        self.gate.set_problems(self.session.problems())  # seen before anyone presses 作成
        code = self.session.language
        self.aid_button.setToolTip(self.tr("ご本人の言語: {language}").format(
            language=language(code).native_name))

    # -- the end of the visit: a summary first, then one more tap -----------------------
    def ask_finish(self) -> None:
        """Show what became of each form (printed, exported, not yet printed) and ask."""
        self.finish_panel.show_summary(self.summary(), self.session.extras_made())
        self.work.hide()
        self.finish_button.hide()
        self.finish_panel.show()
        self.finish_area.show()
        self.finish_panel.cancel_button.setFocus()

    def cancel_finish(self) -> None:
        """Back to the documents: the visit stays open, nothing is cleared."""
        self.finish_panel.hide()
        self.finish_area.hide()
        self.work.show()
        self.finish_button.show()

    def _finish_confirmed(self) -> None:
        self.cancel_finish()
        self.finished.emit()

    def summary(self) -> list[FormOutcome]:
        """Each form of the visit and what was made of it, as the session recorded it."""
        made = self.session.made()
        return [FormOutcome(f.procedure.title, made.get(f.procedure.id, frozenset()))
                for f in self.session.forms()]

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
        self.status.setText(self.tr("{count} 件のファイルを出力しました(保存先: {folder})").format(
            count=len(paths), folder=short_location(Path(paths[0]).parent) if paths else ""))

    def _guide_done(self, path: Path) -> None:
        self.guide_button.setEnabled(True)
        self.extra.append(Path(path))
        self._list_files()
        self.status.setText(self.tr("手続き案内票を作成しました(保存先: {folder})").format(
            folder=short_location(Path(path).parent)))

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
                                               .format(folder=short_location(folder))), lane="storage")

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
        text = self.tr("{count} 通の申請書を作成しました(保存先: {folder})").format(
            count=len(self.paths), folder=short_location(self.paths[0].parent) if self.paths else "")
        if gaiji:
            text += "\n" + self.tr("外字があります(〓で印字しました。手書きで補ってください):") + "\n"
            text += "\n".join(gaiji)
        self.status.setText(text)
        if not gaiji:  # nothing to read above: the preview and 印刷 come into view
            QTimer.singleShot(0, lambda: self.work.ensureWidgetVisible(self.print_panel.print_button))
        self.exported.emit(self.paths)

    def _aid_done(self, path: Path) -> None:
        self.aid_button.setEnabled(True)
        self.aid_path = Path(path)
        self._list_files()
        self.status.setText(self.tr("読みやすい説明({language})を作成しました(保存先: {folder})").format(
            language=language(self.session.language).native_name, folder=short_location(self.aid_path.parent)))
        self.aid_made.emit(self.aid_path)

    def _all_files(self) -> list[Path]:
        return [*self.paths, *([self.aid_path] if self.aid_path else []), *self.extra]

    def titles(self) -> dict[str, str]:
        """Each procedure id of the visit and its Japanese title, for the files staff see."""
        if self.session.visit is None or self.session.service is None:
            return {}
        return {f.procedure.id: f.procedure.title for f in self.session.forms()}

    def file_entries(self) -> list[str]:
        """The made files as the list shows them (for scripts and tests)."""
        return [self.files.item(i).text() for i in range(self.files.count())]

    def _list_files(self) -> None:
        """Each file by the form's title (the name on disk is its tooltip)."""
        self.files.clear()
        titles = self.titles()
        for path in self._all_files():
            count = self._pages.get(path)
            title = document_title(path, titles)
            item = QListWidgetItem(self.tr("{name}({pages}ページ)").format(name=title, pages=count)
                                   if count else title)
            item.setToolTip(path.name)
            self.files.addItem(item)
        self.files.setVisible(self.files.count() > 0)
        pdfs = [p for p in self._all_files() if p.suffix == ".pdf"]
        visit = self.session.visit
        if pdfs and visit is not None:
            self.print_panel.set_files(pdfs, label=visit.id[:8], titles=titles)
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
        self.cancel_finish()
        self.finish_panel.clear()
        self.files.clear()
        self.files.hide()
        self.print_panel.clear()
        self.print_panel.hide()
        self.extra = []
        self.paths = []
        self._pages = {}
        self.aid_path = None
        self.gate.clear()
        self.status.clear()


@dataclass(frozen=True)
class FormOutcome:
    """One form of the visit at its end: its title and what was made of it ("pdf", "json",
    "csv" exported; "print" sent to a printer)."""

    title: str
    made: frozenset[str]

    @property
    def printed(self) -> bool:
        return "print" in self.made


class FinishPanel(QFrame):
    """「受付を終了」 asks first, in the window and in large type: what was printed, what was
    exported, what is not printed yet; 「終了する」 then clears everything, 「戻る」 keeps
    the visit as it is."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finishPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.title = heading("")
        layout.addWidget(self.title)
        self.rows = QVBoxLayout()
        layout.addLayout(self.rows)
        self.warning = QLabel()
        self.warning.setObjectName("warningBox")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        self.note = QLabel()
        self.note.setObjectName("finishNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.cancel_button = name_action(QPushButton(), "finish_cancel")
        set_look(self.cancel_button, "finish_secondary")
        self.cancel_button.clicked.connect(self.cancelled)
        self.confirm_button = name_action(QPushButton(), "finish_confirm")
        set_look(self.confirm_button, "danger_large")
        self.confirm_button.clicked.connect(self.confirmed)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.confirm_button, 1)
        layout.addLayout(buttons)
        self._shown: tuple[list[FormOutcome], frozenset[str]] = ([], frozenset())
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("受付を終了しますか?"))
        self.note.setText(self.tr("終了すると、この方の入力内容・画面の表示・コピーした内容を消去し、"
                                  "最初の画面に戻ります。"))
        set_text(self.cancel_button, self.tr("戻る(受付を続ける)"))
        set_text(self.confirm_button, self.tr("終了する"))
        if self.isVisible():
            self.show_summary(*self._shown)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_summary(self, forms: list[FormOutcome], extras: frozenset[str]) -> None:
        self._shown = (list(forms), extras)
        clear_layout(self.rows)
        for form in forms:
            row = QLabel(self.line(form))
            row.setObjectName("finishRow")
            row.setWordWrap(True)
            row.setProperty("printed", form.printed)
            self.rows.addWidget(row)
        if not forms:
            self.rows.addWidget(_row(self.tr("この受付で作成する申請書はありません。")))
        made = [text for key, text in (("guide", self.tr("手続き案内票")),
                                       ("reading_aid", self.tr("読みやすい説明"))) if key in extras]
        if made:
            self.rows.addWidget(_row(self.tr("ほかに作成したもの: {items}").format(items="、".join(made))))
        unprinted = [f for f in forms if not f.printed]
        self.warning.setText(self.tr("まだ印刷していない申請書が {count} 通あります。").format(
            count=len(unprinted)) if unprinted else "")
        self.warning.setVisible(bool(unprinted))

    def lines(self) -> list[str]:
        """The summary as shown, one line per form (for scripts and tests)."""
        return [w.text() for w in self.findChildren(QLabel, "finishRow") if not w.isHidden()]

    def line(self, form: FormOutcome) -> str:
        exported = [label for key, label in (("pdf", "PDF"), ("json", "JSON"), ("csv", "CSV"))
                    if key in form.made]
        state = self.tr("印刷済み") if form.printed else self.tr("未印刷")
        if exported:
            done = self.tr("{formats} 出力済み").format(formats="・".join(exported))
        else:
            done = self.tr("まだ作成していません")
        return f"{form.title} — {state}({done})"

    def clear(self) -> None:
        clear_layout(self.rows)
        self.warning.clear()
        self.warning.hide()
        self._shown = ([], frozenset())


def _row(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("finishExtra")
    label.setWordWrap(True)
    return label
