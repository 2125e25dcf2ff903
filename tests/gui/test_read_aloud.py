"""The read-aloud button: absent without a voice, speaks on a worker, stops with the page.

Real engines and a real aplay; the machine has no sound card, so a lasting playback is aplay
blocked on a FIFO nobody reads (see tests/services/test_speech.py).
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from tome_window.services import speech
from tome_window.views import tasks
from tome_window.views.read_aloud import ReadAloudButton, stop_on_page_change

pytestmark = pytest.mark.skipif(
    not speech.can_synthesize("ja") or shutil.which("aplay") is None,
    reason="open-jtalk, its dictionary and aplay are installed by scripts/setup.sh")


class ThreadNotingSpeaker(speech.Speaker):
    """The real Speaker, noting the thread each `speak` runs on."""

    def __init__(self, player: list[str]) -> None:
        super().__init__(player)
        self.threads: list[threading.Thread] = []

    def speak(self, text: str, language: str) -> bool:
        self.threads.append(threading.current_thread())
        return super().speak(text, language)

    def playing(self) -> bool:
        return self.running() == "aplay"


@pytest.fixture
def blocked_player(tmp_path: Path) -> list[str]:
    fifo = tmp_path / "device"
    os.mkfifo(fifo)
    return ["aplay", "-q", "-D", f"file:FILE={fifo},FORMAT=raw"]


def page_with(button: ReadAloudButton, qtbot) -> QWidget:  # noqa: ANN001
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("住所を確認してください"))
    layout.addWidget(button)
    qtbot.addWidget(page)
    page.show()
    return page


def test_hidden_for_a_language_without_a_voice(qtbot) -> None:  # noqa: ANN001
    language = ["fil"]
    button = ReadAloudButton(lambda: "Basahin", lambda: language[0])
    page = page_with(button, qtbot)  # noqa: F841 - kept alive for the test
    assert button.objectName() == "action:read_aloud"
    assert button.isHidden() and not button.available
    language[0] = "ja"
    button.refresh()
    assert button.isVisible() and button.available
    assert "読み上げ" in button.text()
    language[0] = "fil"
    button.refresh()
    assert button.isHidden()


def test_hidden_when_the_machine_has_no_speech(qtbot, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setenv("PATH", str(tmp_path))
    button = ReadAloudButton(lambda: "住所", lambda: "ja")
    page = page_with(button, qtbot)  # noqa: F841 - kept alive for the test
    assert button.isHidden()


def test_speaks_off_the_gui_thread_and_a_second_press_stops(qtbot, blocked_player) -> None:  # noqa: ANN001
    speaker = ThreadNotingSpeaker(blocked_player)
    button = ReadAloudButton(lambda: "住民異動届の内容を確認してください。", lambda: "ja", speaker=speaker)
    page = page_with(button, qtbot)  # noqa: F841 - kept alive for the test
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(10)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.speaking and "止める" in button.text()
    before = ticks[0]
    qtbot.waitUntil(speaker.playing, timeout=20000)  # synthesized, now "playing"
    qtbot.waitUntil(lambda: ticks[0] > before + 5, timeout=5000)  # the GUI kept running
    assert speaker.threads and all(t is not threading.main_thread() for t in speaker.threads)

    with qtbot.waitSignal(button.finished, timeout=5000) as ended:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ended.args == [False]
    qtbot.waitUntil(lambda: not speaker.is_busy(), timeout=5000)
    assert not button.speaking and "読み上げ" in button.text()
    timer.stop()
    assert tasks.wait_all(10000)


def test_plays_to_the_end(qtbot) -> None:  # noqa: ANN001
    button = ReadAloudButton(lambda: "Please check your address.", lambda: "en",
                             speaker=speech.Speaker(["aplay", "-q", "-D", "null"]))
    page = page_with(button, qtbot)  # noqa: F841 - kept alive for the test
    if not button.available:
        pytest.skip("espeak-ng is not installed")
    assert button.text() == "🔊 Read aloud"
    with qtbot.waitSignal(button.finished, timeout=20000) as ended:
        button.click()
    assert ended.args == [True]


def test_stops_when_the_page_changes(qtbot, blocked_player) -> None:  # noqa: ANN001
    speaker = ThreadNotingSpeaker(blocked_player)
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    first = QWidget()
    button = ReadAloudButton(lambda: "確認してください。", lambda: "ja", first, speaker=speaker)
    stack.addWidget(first)
    stack.addWidget(QLabel("次のページ"))
    stop_on_page_change(stack)
    stack.show()
    assert button.isVisible()
    button.click()
    qtbot.waitUntil(speaker.playing, timeout=20000)
    with qtbot.waitSignal(button.finished, timeout=5000) as ended:
        stack.setCurrentIndex(1)
    assert ended.args == [False]
    qtbot.waitUntil(lambda: not speaker.is_busy(), timeout=5000)
    assert tasks.wait_all(10000)
