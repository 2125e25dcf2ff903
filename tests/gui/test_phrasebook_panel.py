"""The ask-staff panel with no translation model: the pointing phrasebook is there, a tap
shows the phrase large in the resident's language and in Japanese, and free text is hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tome_window.views import tasks
from tome_window.views.ask_staff import AskStaffPanel


def _panel(qtbot, service, code: str) -> AskStaffPanel:  # noqa: ANN001
    panel = AskStaffPanel(service)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    panel.show()
    with qtbot.waitSignal(panel.availability_changed, timeout=10000):
        panel.set_language(code)
    return panel


def _button(panel: AskStaffPanel, name: str):  # noqa: ANN202
    found = [b for b in panel.phrase_buttons if b.objectName() == name]
    assert len(found) == 1, (name, [b.objectName() for b in panel.phrase_buttons][:5])
    return found[0]


def test_phrasebook_without_a_model(qtbot, isolated_data_dir) -> None:  # noqa: ANN001
    from tome_window.services.translation import TranslationService

    panel = _panel(qtbot, TranslationService.from_settings(), "vi")
    assert not panel.free_box.isVisible() and not panel.staff_free.isVisible()
    assert panel.unavailable.isVisible() and panel.unavailable.text()
    again = _button(panel, "action:phrase/say_again")  # the resident's side: theirs first
    assert again.isVisible()
    assert again.main.text() == "Xin nói lại một lần nữa." and again.other.text() == "もう一度お願いします"
    wait = _button(panel, "action:staff_phrase/wait_moment")  # staff's: Japanese first
    assert wait.isVisible()
    assert wait.main.text() == "少々お待ちください" and wait.other.text() == "Xin vui lòng đợi một chút."
    with qtbot.waitSignal(panel.phrase_shown, timeout=2000) as shown:
        qtbot.mouseClick(wait, Qt.MouseButton.LeftButton)
    assert shown.args == ["wait_moment"]
    assert panel.shown.isVisible()
    assert panel.shown_text.text() == "Xin vui lòng đợi một chút."
    assert panel.shown_ja.text() == "少々お待ちください"
    staff = _button(panel, "action:staff_phrase/show_id")  # staff point at it, in Japanese
    assert staff.main.text() == "身分証明書を見せてください"
    assert staff.other.text() == "Vui lòng cho xem giấy tờ tùy thân."

    with qtbot.waitSignal(panel.availability_changed, timeout=10000):
        panel.set_language("ne")
    assert wait.other.text() == "कृपया एकछिन पर्खनुहोस्।"
    assert again.main.text() == "कृपया फेरि एक पटक भन्नुहोस्।"
    assert _button(panel, "action:phrase/toilet").main.text() == "शौचालय कहाँ छ?"
    assert panel.shown_text.text() == "कृपया एकछिन पर्खनुहोस्।"  # the shown phrase follows
    panel.clear()  # end of visit
    assert not panel.shown.isVisible()
    tasks.wait_all(10000)
