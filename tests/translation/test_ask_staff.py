"""The ask-staff panel: questions reach staff in Japanese, answers reach the resident, all
through workers; a language without models says so plainly and lists the ones that work."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

pytest.importorskip("PySide6.QtWidgets")

from tome_window.views import tasks  # noqa: E402
from tome_window.views.ask_staff import AskStaffPanel  # noqa: E402

EN, JA, KO = "Hello.", "こんにちは。", "안녕하세요."


@pytest.fixture
def panel(qtbot, installed):  # noqa: ANN001, ANN201
    widget = AskStaffPanel(installed)
    qtbot.addWidget(widget)
    yield widget
    tasks.wait_all(10000)


def _ready(qtbot, panel: AskStaffPanel, code: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(panel.availability_changed, timeout=10000):
        panel.set_language(code)


def test_question_and_answer_through_a_pivot(qtbot, panel: AskStaffPanel) -> None:  # noqa: ANN001
    panel.show()
    _ready(qtbot, panel, "ko")
    assert panel.show_button.isEnabled()
    assert panel.unavailable.text() == ""
    assert "한국어" in panel.languages_label.text() and "English" in panel.languages_label.text()
    qtbot.waitUntil(lambda: len(panel.service.loaded_pairs()) == 4, timeout=10000)  # warmed up

    panel.resident_input.setPlainText("창구는 어디입니까?")
    with qtbot.waitSignal(panel.shown_to_staff, timeout=10000) as shown:
        panel.show_button.click()
    assert shown.args == [JA]
    assert panel.staff_view.toPlainText() == JA

    panel.staff_input.setPlainText("二階の窓口です。")
    with qtbot.waitSignal(panel.shown_to_resident, timeout=10000) as answered:
        panel.reply_button.click()
    assert answered.args == [KO]
    assert panel.reply_view.toPlainText() == KO


def test_language_without_models(qtbot, panel: AskStaffPanel) -> None:  # noqa: ANN001
    with qtbot.waitSignal(panel.availability_changed, timeout=10000) as signal:
        panel.set_language("vi")
    assert signal.args == [False]
    assert not panel.show_button.isEnabled()
    assert "この言語の自由入力の翻訳はありません" in panel.unavailable.text()
    assert "Tiếng Việt" in panel.staff_status.text()
    assert "English" in panel.languages_label.text()


def test_japanese_needs_no_model(qtbot, service) -> None:  # noqa: ANN001
    panel = AskStaffPanel(service)
    qtbot.addWidget(panel)
    _ready(qtbot, panel, "ja-easy")
    panel.resident_input.setPlainText("にかいは どこですか")
    with qtbot.waitSignal(panel.shown_to_staff, timeout=2000) as shown:
        panel.show_button.click()
    assert shown.args == ["にかいは どこですか"]
    assert "まだありません" in panel.languages_label.text()


def test_broken_model_is_a_message(qtbot, panel: AskStaffPanel) -> None:  # noqa: ANN001
    model = panel.service.models_dir / "translate-en_ko" / "model" / "model.bin"
    model.write_bytes(b"broken")
    panel.show()
    _ready(qtbot, panel, "ko")
    qtbot.waitUntil(lambda: "使えません" in panel.staff_status.text(), timeout=10000)
    assert "Traceback" not in panel.staff_status.text()
    panel.resident_input.setPlainText("창구는 어디입니까?")  # ko→en→ja does not need en→ko
    with qtbot.waitSignal(panel.shown_to_staff, timeout=10000):
        panel.show_button.click()
    panel.staff_input.setPlainText("はい。")
    panel.reply_button.click()
    qtbot.waitUntil(lambda: "翻訳できませんでした" in panel.status.text(), timeout=10000)
    assert panel.reply_view.toPlainText() == ""


def test_stale_results_are_dropped(qtbot, panel: AskStaffPanel) -> None:  # noqa: ANN001
    _ready(qtbot, panel, "ko")
    panel.resident_input.setPlainText("창구는 어디입니까?")
    panel.show_button.click()
    _ready(qtbot, panel, "en")  # language changed before the answer came back
    tasks.wait_all(10000)
    QApplication.processEvents()  # deliver the finished task's queued result
    assert panel.staff_view.toPlainText() == ""
