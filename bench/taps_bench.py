"""How many taps a 転入 of one adult takes, from the card on the reader to the printed bundle.

Drives the real window offscreen through its object names (the automation surface), with the
sample virtual card on the vpcd reader (pcscd + vpcd: run scripts/pcscd.sh) and the CUPS
test queue when one is there, and counts per role:

- taps: presses on buttons (the resident's PIN digits are counted apart, as `pin_taps`);
- keystrokes: characters typed (a value's characters, as a typist or an IME would commit);
- scroll gestures: the resident's swipes to see each form to its end (one per viewport of
  a form beyond the first) — the check refuses to confirm a form not shown to its end.

The goal of issue 10 is <= 12 taps beyond the resident's PIN. Prints one JSON object.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/taps_bench.py
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOME_WINDOW_DATA_DIR", tempfile.mkdtemp(prefix="tw-taps-"))
os.environ.setdefault("TOME_WINDOW_PRINTER", os.environ.get("TOME_CUPS_QUEUE", "TomeWindowPDF"))  # scripts/cups.sh
if "TOME_WINDOW_KEY" not in os.environ:  # a throwaway database: a throwaway key, no keyring
    from cryptography.fernet import Fernet

    os.environ["TOME_WINDOW_KEY"] = Fernet.generate_key().decode("ascii")

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QLineEdit,
    QRadioButton,
    QWidget,
)

ADDRESS = "宮城県登米市迫町佐沼字中江二丁目6番地1"


class Script:
    """Presses and typing through object names, counted by role."""

    def __init__(self, win: Any) -> None:
        self.win = win
        self.count: dict[str, Counter[str]] = {"staff": Counter(), "resident": Counter()}
        self.steps: list[str] = []

    def wait(self, condition: Any, ms: int = 20000) -> None:
        deadline = time.monotonic() + ms / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out after: {self.steps[-3:]}")
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    def tap(self, who: str, widget: QAbstractButton | None, what: str, kind: str = "taps") -> None:
        if widget is None or not widget.isVisible() or not widget.isEnabled():
            raise SystemExit(f"{who} cannot tap {what}: {'missing' if widget is None else 'not there'}")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.count[who][kind] += 1
        self.steps.append(f"{who}: {what}")
        QApplication.processEvents()

    def button(self, name: str) -> QAbstractButton | None:
        found = [b for b in self.win.findChildren(QAbstractButton, name) if b.isVisible()]
        view = self.win.resident_view
        if not found and view.isWindow():
            found = [b for b in view.findChildren(QAbstractButton, name) if b.isVisible()]
        return found[0] if found else None

    def type(self, who: str, line: QLineEdit, text: str) -> None:
        line.setFocus()
        line.selectAll()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(line, event)
        QTest.keyClick(line, Qt.Key.Key_Return)
        self.count[who]["keystrokes"] += len(text)
        self.steps.append(f"{who}: type {line.objectName()}")


def run() -> dict[str, Any]:
    from tome_window.devices.virtual_card import CardProfile, VirtualMyNumberCard
    from tome_window.devices.vpcd import VpcdCardServer
    from tome_window.views.app import build_window, make_app, start_behind_window

    make_app()
    card = VirtualMyNumberCard(CardProfile.load(REPO / "devices" / "cards" / "sample.json"))
    server = VpcdCardServer(card).start(inserted=False)
    win, session = build_window()
    win.resize(1280, 800)
    win.show()
    start_behind_window(win, session)
    s = Script(win)
    try:
        s.wait(lambda: session.service is not None and win.start.button.isEnabled())
        # staff: a visit, the event, on to the identity step
        s.tap("staff", s.button("action:start"), "start")
        s.tap("staff", s.button("event:tennyu"), "転入")
        s.tap("staff", win.next_button, "次へ (本人確認)")
        panel = win.resident.card_panel
        if panel is None:
            raise SystemExit("no card support on this terminal (pyscard)")
        s.wait(lambda: panel.watching)
        # the resident lays the card down: their turn at once; PIN and 読み取り
        server.insert()
        s.wait(lambda: win.resident_view.isVisible() and panel.read_button.isVisible()
               and panel.digit_buttons["1"].isEnabled())
        for digit in str(card.profile.pin):
            s.tap("resident", panel.digit_buttons[digit], f"digit {digit}", "pin_taps")
        s.tap("resident", panel.read_button, "読み取り", "pin_taps")
        s.wait(lambda: session.visit is not None and session.visit.has_resident, 30000)
        # staff: on through the household and the questions
        s.wait(lambda: win.staff_view.isVisible())
        s.tap("staff", win.next_button, "次へ (世帯の方)")
        s.tap("staff", win.next_button, "次へ (質問)")
        answer_required(s)
        s.tap("staff", win.next_button, "次へ (確認)")
        review = win.review
        table = review.table
        from tome_window.services import furigana

        name = str(session.visit.value("resident.name"))
        s.wait(lambda: furigana.cached(name)[0] is not None, 20000)  # the reading, suggested
        review.enter()

        def suggestions() -> list[int]:
            return [r for r in range(table.rowCount())
                    if table.item(r, 3) is not None and "候補" in table.item(r, 3).text()]

        for _ in range(table.rowCount()):
            rows = suggestions()
            if not rows:
                break
            table.cellClicked.emit(rows[0], 1)  # a tap on the row opens its editor
            s.count["staff"]["taps"] += 1
            s.steps.append("staff: row with a suggestion")
            ref = review.states[rows[0]].ref
            s.wait(lambda ref=ref: s.button(f"action:confirm_suggestion/{ref}") is not None, 5000)
            s.tap("staff", s.button(f"action:confirm_suggestion/{ref}"), "候補を確定")
        s.tap("staff", win.next_button, "次へ (ご本人の確認)")
        # the resident: every form to its end, then confirm and sign
        confirm = win.confirm
        s.wait(lambda: win.resident_view.current() is confirm and confirm.isVisible())
        forms = confirm.stack.count()
        for index in range(forms):
            area = confirm.stack.currentWidget()
            scrolls = _scrolls(area)
            s.count["resident"]["scroll_gestures"] += scrolls
            _scroll_to_end(area)
            if index < forms - 1:
                s.tap("resident", confirm.next_form, "次へ (書類)")
        s.tap("resident", confirm.ok_button, "この内容で間違いありません")
        sign = win.sign
        s.wait(sign.isVisible)
        _draw(sign.pad)
        s.count["resident"]["strokes"] += 1
        s.tap("resident", sign.sign_button, "署名して終わる")
        # staff: the bundle, printed
        s.wait(lambda: win.stack.currentWidget() is win.export)
        export = win.export
        for ref in list(export.gate.refs):  # anything still to decide on paper: none expected
            s.steps.append(f"gate: {ref}")
        s.tap("staff", export.make_button, "書類を作成")
        s.wait(lambda: len(export.paths) >= 1, 60000)
        printer = export.print_panel
        s.wait(lambda: printer.print_button.isEnabled(), 20000)
        s.tap("staff", printer.print_button, "印刷")
        s.wait(lambda: not printer.busy, 60000)
        printed = printer.status.text()
    finally:
        server.stop()
        from tome_window.views import tasks

        tasks.wait_all(20000)
    staff, resident = s.count["staff"], s.count["resident"]
    taps = staff["taps"] + resident["taps"]
    return {
        "event": "tennyu", "persons": 1,
        "taps_beyond_pin": taps, "goal": 12, "met": taps <= 12,
        "staff": dict(staff), "resident": dict(resident),
        "forms": forms, "printed": printed, "steps": s.steps,
    }


def answer_required(s: Script) -> None:
    """Answer what the questions page still needs, as a clerk would: type a value or pick the
    first choice. The event presets what it implies (届出の種類 転入, …)."""
    page = s.win.questions
    for _ in range(4):
        for key, editor in list(page.editors.items()):
            if key not in page.editors or editor.isHidden() or not editor.required:
                continue
            if s.win.session.visit.value(key) not in (None, ""):
                continue
            widget = editor.input
            if isinstance(widget, QLineEdit):
                kind = editor.definition.type.value
                sample = {"date": "R8.11.20", "postal_code": "987-0511", "phone": "0220-22-2111",
                          "address": ADDRESS}.get(kind, "テスト")
                s.type("staff", widget, sample)
            else:
                buttons = widget.findChildren(QRadioButton)
                if buttons:
                    s.tap("staff", buttons[0], f"choice {key}")
        QApplication.processEvents()


def _scrolls(area: QWidget) -> int:
    bar = getattr(area, "verticalScrollBar", None)
    if bar is None:
        return 0
    page = max(1, bar().pageStep())
    return math.ceil(bar().maximum() / page) if bar().maximum() > 0 else 0


def _scroll_to_end(area: QWidget) -> None:
    bar = getattr(area, "verticalScrollBar", None)
    if bar is not None:
        bar().setValue(bar().maximum())
        QApplication.processEvents()


def _draw(pad: QWidget) -> None:
    points = [(40, 120), (120, 60), (200, 140), (280, 70), (360, 130)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
