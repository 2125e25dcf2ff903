"""`tome-window keys rotate`: the command line, exit codes and messages (real key store)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from tests.storage.keyring_session import KeyStore, using
from tome_window.cli.keys_cmd import EXIT_KEY
from tome_window.cli.main import main
from tome_window.services.storage import keystore, open_store


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOME_WINDOW_KEY", raising=False)


def _one_visit() -> tuple[str, str]:
    with open_store() as store:
        vid = store.new_visit_id()
        store.save_visit(vid, branch="b", staff="s", status="open", event_id=None,
                         procedure_ids=[], payload={"facts": {"resident.name": "登米 太郎"}})
        return vid, str(store._cipher.database_id)


def test_rotate_replaces_the_key_and_keeps_the_visits(capsys: pytest.CaptureFixture[str]) -> None:
    vid, database_id = _one_visit()
    before = keystore.load(database_id)
    assert main(["keys", "rotate"]) == 0
    out = capsys.readouterr().out
    assert "暗号鍵を入れ替えました" in out and "1 件" in out
    assert keystore.load(database_id) not in (None, before)
    with open_store() as store:
        assert store.load_visit(vid)[1] == {"facts": {"resident.name": "登米 太郎"}}


def test_rotate_without_this_database_key_exits_3(capsys: pytest.CaptureFixture[str],
                                                  another_machine: KeyStore) -> None:
    _one_visit()
    with using(another_machine):
        assert main(["keys", "rotate"]) == EXIT_KEY
    err = capsys.readouterr().err
    assert err.startswith("エラー: ") and "暗号鍵がありません" in err


def test_rotate_with_one_environment_key_exits_3(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOME_WINDOW_KEY", Fernet.generate_key().decode())
    _one_visit()
    assert main(["keys", "rotate"]) == EXIT_KEY
    assert "TOME_WINDOW_KEY=新しい鍵,今の鍵" in capsys.readouterr().err
