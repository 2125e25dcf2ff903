"""SQLite file specifics: encryption at rest, permissions, and the file or disk going away."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from tome_window.services.config import Settings
from tome_window.services.storage import StorageError, open_store

NAME = "登米 太郎"
KANA = "トメ タロウ"


def test_personal_data_is_not_readable_in_the_files(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vid = store.new_visit_id()
        store.save_visit(vid, branch="本庁舎", staff="counter-1", status="open", event_id=None,
                         procedure_ids=["inkan_touroku"],
                         payload={"facts": {"resident.name": NAME, "resident.name_kana": KANA}})
        store.record_audit("card_read", actor="counter-1", visit_id=vid, detail={"fields": 4})
        raw = b"".join(p.read_bytes() for p in sqlite_settings.data_dir.iterdir() if p.is_file())
        assert b"inkan_touroku" in raw  # the metadata is there, in clear
        for secret in (NAME, KANA, "登米", "タロウ"):
            assert secret.encode("utf-8") not in raw
            assert secret.encode("utf-16-le") not in raw
            assert secret.encode("shift_jis") not in raw


def test_files_are_private(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings):
        pass
    data_dir = sqlite_settings.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert not sqlite_settings.key_path.exists()  # the key is in the OS key store
    assert stat.S_IMODE((data_dir / "tome-window.sqlite3").stat().st_mode) == 0o600


def test_wal_and_foreign_keys(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_folder_removed_gives_japanese_error(sqlite_settings: Settings) -> None:
    store = open_store(sqlite_settings)
    vid = store.new_visit_id()
    store.save_visit(vid, branch="b", staff="s", status="open", event_id=None, procedure_ids=[],
                     payload={"n": NAME})
    shutil.rmtree(sqlite_settings.data_dir)
    with pytest.raises(StorageError) as info:
        store.save_visit(vid, branch="b", staff="s", status="confirmed", event_id=None,
                         procedure_ids=[], payload={"n": NAME})
    err = info.value
    assert err.kind == "unavailable" and err.retryable
    assert "保存ができませんでした" in err.message_ja and "入力内容は画面に残っています" in err.message_ja
    with pytest.raises(StorageError):
        store.list_visits()
    assert not sqlite_settings.data_dir.exists()  # no empty database silently created
    store.close()


def test_database_file_removed_is_not_recreated_empty(sqlite_settings: Settings) -> None:
    store = open_store(sqlite_settings)
    db = sqlite_settings.data_dir / "tome-window.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with pytest.raises(StorageError) as info:
        store.list_visits()
    assert info.value.kind == "unavailable"
    assert not db.exists()
    store.close()


def test_unwritable_location_gives_japanese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings = Settings(data_dir=blocker / "data",
                        db_url=f"sqlite:///{blocker / 'data' / 'db.sqlite3'}")
    with pytest.raises(StorageError) as info:
        open_store(settings)
    assert "データベースの準備ができませんでした" in info.value.message_ja
    assert info.value.message_en and "Traceback" not in info.value.message_ja


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(sqlite_settings: Settings) -> None:  # pragma: no cover - non-root CI
    with open_store(sqlite_settings):
        pass
    sqlite_settings.data_dir.chmod(0o500)
    try:
        with pytest.raises(StorageError):
            with open_store(sqlite_settings) as store:
                store.save_visit(store.new_visit_id(), branch="b", staff="s", status="open",
                                 event_id=None, procedure_ids=[], payload={})
    finally:
        sqlite_settings.data_dir.chmod(0o700)


def test_full_disk_keeps_the_last_save(sqlite_settings: Settings) -> None:
    store = open_store(sqlite_settings)
    vid = store.new_visit_id()
    store.save_visit(vid, branch="b", staff="s", status="open", event_id=None, procedure_ids=[],
                     payload={"answer": "first"})
    with store._engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)

    @event.listens_for(store._engine, "connect")
    def _tiny_disk(dbapi_conn: object, rec: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")  # type: ignore[attr-defined]

    store._engine.dispose()
    with pytest.raises(StorageError) as info:
        store.save_visit(vid, branch="b", staff="s", status="confirmed", event_id=None,
                         procedure_ids=[], payload={"answer": os.urandom(200_000).hex()})
    assert info.value.kind == "disk_full" and "ディスクがいっぱい" in info.value.message_ja
    row, data = store.load_visit(vid)
    assert row.status == "open" and data == {"answer": "first"}
    store.close()


def test_second_start_does_not_import_alembic(sqlite_settings: Settings) -> None:
    """The GUI's cold start: an up-to-date database must not load Alembic at all."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tome_window.services.config import Settings\n"
        "from tome_window.services.storage import open_store\n"
        f"d = Path({str(sqlite_settings.data_dir)!r})\n"
        f"open_store(Settings(data_dir=d, db_url={sqlite_settings.db_url!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TOME_WINDOW_KEY"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=60, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def test_read_only_database_gives_japanese_error(sqlite_settings: Settings) -> None:
    """As root chmod cannot make a file read-only; SQLite's query_only gives the same error."""
    store = open_store(sqlite_settings)

    @event.listens_for(store._engine, "connect")
    def _read_only(dbapi_conn: object, rec: object) -> None:
        dbapi_conn.execute("PRAGMA query_only=ON")  # type: ignore[attr-defined]

    store._engine.dispose()
    with pytest.raises(StorageError) as info:
        store.save_visit(store.new_visit_id(), branch="b", staff="s", status="open",
                         event_id=None, procedure_ids=[], payload={"answer": "x"})
    assert info.value.kind == "read_only" and "書き込めません" in info.value.message_ja
    store.close()
