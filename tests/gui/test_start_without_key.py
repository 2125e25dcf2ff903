"""A data folder whose key is not in this terminal's OS key store (copied from another
counter, or the key store was reset): the window opens, says so in Japanese and offers no
visit, instead of a traceback or a fresh key that would orphan every saved visit."""

from __future__ import annotations

import logging

from tests.storage.keyring_session import KeyStore, using


def test_window_says_the_key_is_missing(qtbot, another_machine: KeyStore, caplog) -> None:  # noqa: ANN001
    from tome_window.services.config import load_settings
    from tome_window.services.storage import open_store
    from tome_window.views.app import build_window, make_app, start_behind_window

    with open_store(load_settings()):  # a database made on this terminal, its key here
        pass
    make_app()
    with using(another_machine), caplog.at_level(logging.WARNING):
        win, session = build_window()
        qtbot.addWidget(win)
        win.show()
        start_behind_window(win, session)
        status = win.start.status
        qtbot.waitUntil(lambda: "起動できませんでした" in status.text(), timeout=20000)
    assert "鍵" in status.text()
    assert session.service is None and not win.start.button.isEnabled()
    assert "Traceback" not in caplog.text
