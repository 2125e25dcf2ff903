"""Shared-database mode against a real PostgreSQL server (see conftest.pg_server)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from tome_window.services.config import Settings
from tome_window.services.storage import StorageError, open_store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _terminal(tmp_path: Path, name: str, url: str) -> Settings:
    return Settings(data_dir=tmp_path / name, db_url=url, retention_days=30)


def test_terminals_share_visits_with_a_shared_key(tmp_path: Path, pg_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOME_WINDOW_KEY", Fernet.generate_key().decode())
    a = open_store(_terminal(tmp_path, "a", pg_url))
    b = open_store(_terminal(tmp_path, "b", pg_url))
    vid = a.new_visit_id()
    a.save_visit(vid, branch="登米", staff="a", status="open", event_id=None,
                 procedure_ids=["inkan_touroku"], payload={"name": "登米 花子"})
    assert b.load_visit(vid)[1] == {"name": "登米 花子"}
    a.close()
    b.close()
    monkeypatch.setenv("TOME_WINDOW_KEY", Fernet.generate_key().decode())
    with pytest.raises(StorageError) as info:
        open_store(_terminal(tmp_path, "c", pg_url))
    assert info.value.kind == "key"
    monkeypatch.delenv("TOME_WINDOW_KEY")
    with pytest.raises(StorageError):  # no key at all: refused, no private key file made
        open_store(_terminal(tmp_path, "d", pg_url))
    assert not (tmp_path / "d" / "visit.key").exists()


def test_dropped_connections_are_replaced(tmp_path: Path, pg_url: str,
                                          pg_server: Any) -> None:
    store = open_store(_terminal(tmp_path, "a", pg_url))
    vid = store.new_visit_id()
    store.save_visit(vid, branch="b", staff="s", status="open", event_id=None,
                     procedure_ids=[], payload={"k": 1})
    database = pg_url.rsplit("/", 1)[1]
    pg_server.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{database}'")
    store.save_visit(vid, branch="b", staff="s", status="confirmed", event_id=None,
                     procedure_ids=[], payload={"k": 2})
    assert store.load_visit(vid)[1] == {"k": 2}
    store.close()


def test_database_gone_gives_japanese_error(tmp_path: Path, pg_url: str,
                                            pg_server: Any) -> None:
    store = open_store(_terminal(tmp_path, "a", pg_url))
    pg_server.admin(f"DROP DATABASE {pg_url.rsplit('/', 1)[1]} WITH (FORCE)")
    with pytest.raises(StorageError) as info:
        store.save_visit(store.new_visit_id(), branch="b", staff="s", status="open",
                         event_id=None, procedure_ids=[], payload={"k": 1})
    assert info.value.kind == "unavailable" and "入力内容は画面に残っています" in info.value.message_ja
    store.close()


def test_unreachable_server(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://tome@127.0.0.1:{_free_port()}/tome"
    with pytest.raises(StorageError) as info:
        open_store(_terminal(tmp_path, "a", url))
    assert info.value.kind == "unavailable" and "接続できません" in info.value.message_ja
