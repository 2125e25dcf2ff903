"""The resident's own screen: on a second screen when there is one, in the counter window
otherwise, the PIN pad only there, and staff's window following where the resident is."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QPushButton, QWidget

from tests.conftest import REPO
from tests.gui.test_visit_flow import click

SCREENS = {"screens": [
    {"name": "staff", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
     "logicalBpi": 96, "dpr": 1},
    {"name": "resident", "x": 1280, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
     "logicalBpi": 96, "dpr": 1}]}


def test_one_screen_resident_mode_fills_the_window(qtbot, window) -> None:  # noqa: ANN001
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    view = win.findChild(QWidget, "view:resident")
    assert view is win.resident_view and win.display.embedded
    assert view.findChild(QWidget, "view:resident/confirm") is win.confirm
    assert view.findChild(QWidget, "view:resident/sign") is win.sign
    win.session.begin(event_id="tennyu", procedure_ids=[])
    win.go(win.pages.index(win.resident), force=True)
    panel = win.resident.card_panel
    if panel is None:
        return  # no card stack on this terminal: staff type the facts
    # the pad is the resident's: never among staff's manual-entry fields
    assert not [b for b in win.staff_view.findChildren(QPushButton)
                if b.objectName().startswith("action:digit/")]
    staff = view.findChild(QPushButton, "action:staff_view")
    if view.isVisible():  # a card lies on the reader: its PIN is the resident's turn at once
        click(qtbot, staff)
    assert win.staff_view.isVisible() and not view.isVisible()
    click(qtbot, win.resident.pin_button)
    assert view.isVisible() and not win.staff_view.isVisible()
    assert view.current_name() == "pin" and panel.isVisible()
    assert panel.staff_confirm.window() is win  # the last-try tick is beside the pad here
    assert staff.isVisible()
    click(qtbot, staff)
    assert win.staff_view.isVisible() and not view.isVisible()


def test_second_screen_runs_the_resident_view(tmp_path) -> None:  # noqa: ANN001
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    run = subprocess.run([sys.executable, "-m", "tests.gui.two_screens"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["view_is_window"] and seen["view_full_screen"]
    assert seen["view_screen"] != seen["staff_screen"]
    assert seen["view_geometry"][2:] == [1280, 800]
    assert seen["welcome_first"] == "welcome"
    assert seen["pin_on_resident_screen"] == "pin"
    if seen["digits_on_resident_view"]:  # a card stack on this terminal
        assert seen["digits_in_staff_window"] == 0 and seen["digits_on_resident_view"] == 10
        assert seen["last_try_tick_on_staff"]
    assert seen["staff_keeps_window"] and seen["staff_shows"] == "ResidentTurnPage"
    assert seen["resident_shows"] == "confirm"
    assert "内容の確認" in seen["mirror"] and "1 /" in seen["mirror"]
    assert "2 /" in seen["mirror_follows"]
    assert seen["after_unplug_embedded"] and seen["after_unplug_shows"] == "confirm"
    assert seen["after_unplug_form"] == 1 and seen["after_unplug_visible"]


def test_pin_page_reads_aloud_without_digits(qtbot, window) -> None:  # noqa: ANN001
    win = window
    qtbot.waitUntil(win.start.button.isEnabled, timeout=20000)
    view = win.resident_view
    win.session.begin(event_id="tennyu", procedure_ids=[])
    win.go(win.pages.index(win.resident), force=True)
    panel = win.resident.card_panel
    if panel is None:
        return  # no card stack on this terminal: no pad to read
    if not view.isVisible():
        click(qtbot, win.resident.pin_button)
    button = view.pin_read_aloud
    assert button.objectName() == "action:read_aloud" and view.pin.isAncestorOf(button)
    assert button.isVisible() == button.available  # absent without a voice for the language
    for digit in "99":  # tries left are 0-3: a 9 can only come from the typed digits
        panel.press_digit(digit)
    said = button._get_text()
    assert said.startswith(view.pin_title.text()) and panel.card_label.text() in said
    assert "9" not in said and "９" not in said
    panel.clear_pin()
