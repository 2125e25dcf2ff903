"""The read-aloud button of the resident screens (🔊): reads the current page aloud, offline.

Synthesis and playback run on a worker (`tasks.run_task`, lane "speech"), never on the GUI
thread; a second press, a page change, hiding the button or closing it stops speech at
once (the engine or player process is killed). For a language without a voice on this
machine (Filipino with Debian's espeak-ng, or any language when the engines are not
installed) the button is hidden. Engines and what is said: `tome_window.services.speech`.

How to wire it into a resident page::

    from tome_window.views.read_aloud import ReadAloudButton, stop_on_page_change

    self.read_aloud = ReadAloudButton(
        get_text=lambda: "\\n".join([self.title.text(), *self.visible_value_texts()]),
        language=lambda: session.languages.code)
    header_layout.addWidget(self.read_aloud)
    session.language_changed.connect(lambda _code: self.read_aloud.refresh())
    stop_on_page_change(main_window.stack)      # once per QStackedWidget of resident pages

`get_text` runs on the GUI thread at the press (it may read widgets) and should return what
the resident sees on the page now: the page title, labels and values, one item per line.
Masked or plain individual numbers in it are never spoken. Call `refresh()` after the
language changes (LanguageChange events refresh it too) and `stop()` when the page is left
by other means than a QStackedWidget. `finished(bool)` tells the end (True: played to the
end), `failed(str)` a message in Japanese for staff (no sound device, an engine error).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

from tome_window.services import speech
from tome_window.views import tasks

# The button speaks to the resident in the resident's own language, whatever the catalog.
LABELS: dict[str, tuple[str, str]] = {
    "ja": ("🔊 読み上げる", "■ 止める"),
    "ja-easy": ("🔊 よみあげる", "■ とめる"),
    "en": ("🔊 Read aloud", "■ Stop"),
    "zh-Hans": ("🔊 朗读", "■ 停止"),
    "ko": ("🔊 읽어 주기", "■ 멈추기"),
    "vi": ("🔊 Đọc to", "■ Dừng"),
    "pt-BR": ("🔊 Ler em voz alta", "■ Parar"),
    "fil": ("🔊 Basahin nang malakas", "■ Itigil"),
    "id": ("🔊 Bacakan", "■ Berhenti"),
    "ne": ("🔊 पढेर सुनाउनुहोस्", "■ रोक्नुहोस्"),
    "my": ("🔊 အသံထွက်ဖတ်ပါ", "■ ရပ်ပါ"),
}


class ReadAloudButton(QPushButton):
    finished = Signal(bool)
    failed = Signal(str)

    def __init__(self, get_text: Callable[[], str], language: Callable[[], str],
                 parent: QWidget | None = None, *, speaker: speech.Speaker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action:read_aloud")
        self._get_text = get_text
        self._language = language
        self.speaker = speaker or speech.Speaker()
        self._speaking = False
        self._run = 0  # which press the running worker belongs to
        self.available = False
        self.clicked.connect(self._toggle)
        spk = self.speaker
        self.destroyed.connect(lambda *_: spk.stop())
        self.refresh()

    @property
    def speaking(self) -> bool:
        return self._speaking

    def refresh(self) -> None:
        """Show the button only for a language with a voice; label it in that language."""
        code = self._language()
        self.available = speech.can_speak(code)
        if not self.available:
            self.stop()
            self.setVisible(False)
            return
        self._label(code)
        if self.parentWidget() is not None:
            self.setVisible(True)
        else:  # not yet in a page: shown with it (setVisible would open a window of its own)
            self.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)

    def _label(self, code: str) -> None:
        start, stop = LABELS.get(code, LABELS["en"])
        self.setText(stop if self._speaking else start)
        self.setAccessibleName(stop if self._speaking else start)

    def _toggle(self) -> None:
        if self._speaking:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        code = self._language()
        if not speech.can_speak(code):
            self.refresh()
            return
        text = self._get_text()  # on the GUI thread: it may read widgets
        self.speaker.stop()
        self._run += 1
        run = self._run
        self._speaking = True
        self._label(code)
        speaker = self.speaker
        tasks.run_task(lambda: speaker.speak(text, code),
                       lambda done: self._ended(run, bool(done)),
                       lambda exc: self._ended(run, False, exc), lane="speech")

    def stop(self) -> None:
        """Stop speaking now (the worker ends as its process is killed)."""
        self.speaker.stop()
        if self._speaking:
            self._run += 1  # the stopped worker's ending is not this press's any more
            self._speaking = False
            self._label(self._language())
            self.finished.emit(False)

    def _ended(self, run: int, played: bool, exc: BaseException | None = None) -> None:
        if not shiboken6.isValid(self) or run != self._run:
            return
        self._speaking = False
        self._label(self._language())
        if exc is not None:
            self.failed.emit(tasks.message_of(exc))
        self.finished.emit(played)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.stop()  # the page left the screen (a QStackedWidget hides the page it leaves)
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


def stop_on_page_change(stack: QStackedWidget) -> None:
    """Every read-aloud button inside the stack stops when its current page changes."""
    def stop_all(_index: int) -> None:
        for button in stack.findChildren(ReadAloudButton):
            button.stop()
    stack.currentChanged.connect(stop_all)
