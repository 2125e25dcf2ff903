"""The data key lives in the OS key store (a real GNOME Keyring on a private D-Bus), per database.

Proves: nothing on the data disk opens the data; a copy of the data folder on another
"machine" (another key store) decrypts nothing and says so in Japanese; an old install's
plain key file moves into the key store once and is destroyed; rotation re-encrypts every
visit, and a failed rotation leaves the old key working.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tests.storage.keyring_session import KeyStore, using
from tome_window.services.config import Settings
from tome_window.services.storage import StorageError, VisitStore, keystore, open_store
from tome_window.services.storage.engine import make_engine
from tome_window.services.storage.keys import DATABASE_ID
from tome_window.services.storage.models import MetaRecord, VisitRecord, utcnow

REPO = Path(__file__).resolve().parents[2]
NAME = "登米 花子"


def _save(store: VisitStore, status: str = "open") -> str:
    vid = store.new_visit_id()
    store.save_visit(vid, branch="本庁舎", staff="s", status=status, event_id=None,
                     procedure_ids=["inkan_touroku"], payload={"facts": {"resident.name": NAME}})
    return vid


def _tokens(store: VisitStore) -> dict[str, bytes]:
    with Session(store._engine) as session:
        return {i: bytes(p) for i, p in session.execute(select(VisitRecord.id,
                                                               VisitRecord.payload))}


def _key_like_strings(folder: Path) -> set[bytes]:
    """Every 44-character url-safe base64 run in every file: what a thief would try."""
    found: set[bytes] = set()
    for path in folder.rglob("*"):
        if path.is_file():
            found.update(re.findall(rb"[A-Za-z0-9_-]{43}=", path.read_bytes()))
    return found


def test_key_is_in_the_key_store_under_the_database_id(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vid = _save(store)
        with Session(store._engine) as session:
            database_id = session.get(MetaRecord, DATABASE_ID)
        assert database_id is not None
        text = keystore.load(database_id.value)
        assert text is not None
        assert Fernet(text.encode()).decrypt(_tokens(store)[vid])  # that entry opens the data
    files = [p.name for p in sqlite_settings.data_dir.iterdir()]
    assert "visit.key" not in files
    assert text.encode() not in b"".join(p.read_bytes() for p in
                                         sqlite_settings.data_dir.iterdir() if p.is_file())


def test_two_databases_have_their_own_keys(tmp_path: Path) -> None:
    stores = [open_store(Settings(data_dir=tmp_path / n, db_url=f"sqlite:///{tmp_path / n}/db"))
              for n in ("a", "b")]
    try:
        ids = [s._cipher.database_id for s in stores]
        assert None not in ids and ids[0] != ids[1]
        assert keystore.load(str(ids[0])) != keystore.load(str(ids[1]))
    finally:
        for s in stores:
            s.close()


def test_copied_data_folder_decrypts_nothing_on_another_machine(
        sqlite_settings: Settings, tmp_path: Path, another_machine: KeyStore) -> None:
    with open_store(sqlite_settings) as store:
        vids = [_save(store), _save(store, "closed")]
    stolen = tmp_path / "stolen"
    shutil.copytree(sqlite_settings.data_dir, stolen)
    copy = Settings(data_dir=stolen, db_url=f"sqlite:///{stolen / 'tome-window.sqlite3'}")

    with using(another_machine):
        with pytest.raises(StorageError) as info:
            open_store(copy)
        assert info.value.kind == "key"
        assert "鍵保管庫" in info.value.message_ja and "コピー" in info.value.message_ja
        with pytest.raises(StorageError):  # the original too, once it is on that machine
            open_store(sqlite_settings)

    # Nothing on the copied disk is a key to these payloads.
    engine = make_engine(copy.db_url)
    with Session(engine) as session:
        tokens = [bytes(p) for p in session.scalars(select(VisitRecord.payload))]
    engine.dispose()
    assert len(tokens) == len(vids)
    for candidate in _key_like_strings(stolen):
        try:
            fernet = Fernet(candidate)
        except ValueError:
            continue
        for token in tokens:
            with pytest.raises(InvalidToken):
                fernet.decrypt(token)

    # The command line on that machine: a clear Japanese error, exit 1, no traceback.
    env = {**os.environ, **another_machine.env, "TOME_WINDOW_DATA_DIR": str(stolen),
           "PYTHONPATH": str(REPO)}
    env.pop("TOME_WINDOW_KEY", None)
    done = subprocess.run([sys.executable, "-m", "tome_window.cli.main", "visits", "list"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "暗号鍵がありません" in done.stdout
    assert "Traceback" not in done.stderr + done.stdout


def test_another_machine_fixture_is_really_another_key_store(
        sqlite_settings: Settings, another_machine: KeyStore) -> None:
    """Guards the test above: an entry made in one key store is absent from the other."""
    with open_store(sqlite_settings) as store:
        database_id = str(store._cipher.database_id)
    assert keystore.load(database_id) is not None
    with using(another_machine):
        assert keystore.load(database_id) is None


def test_old_key_file_moves_into_the_key_store_once(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vid = _save(store)
        database_id = str(store._cipher.database_id)
        key_text = keystore.load(database_id)
        assert key_text is not None
        with Session(store._engine) as session, session.begin():  # as an older version left it
            session.execute(delete(MetaRecord).where(MetaRecord.name == DATABASE_ID))
    keystore.delete(database_id)
    key_file = sqlite_settings.key_path
    key_file.write_text(key_text + "\n", encoding="ascii")

    with open_store(sqlite_settings) as store:
        assert store.load_visit(vid)[1] == {"facts": {"resident.name": NAME}}
        new_id = str(store._cipher.database_id)
        assert [a.action for a in store.audit_log()].count("key_migrate") == 1
    assert not key_file.exists()
    assert keystore.load(new_id) == key_text
    with open_store(sqlite_settings) as store:  # once: the next start just uses the key store
        assert [a.action for a in store.audit_log()].count("key_migrate") == 1


def test_a_key_file_with_another_key_is_refused(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        _save(store)
        database_id = str(store._cipher.database_id)
    keystore.delete(database_id)
    sqlite_settings.key_path.write_text(Fernet.generate_key().decode(), encoding="ascii")
    with pytest.raises(StorageError) as info:
        open_store(sqlite_settings)
    assert info.value.kind == "key" and "旧形式の鍵ファイル" in info.value.message_ja
    assert sqlite_settings.key_path.exists()  # not destroyed: it may be someone's only copy
    assert keystore.load(database_id) is None


def test_rotation_reencrypts_every_visit(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vids = [_save(store), _save(store, "closed")]
        database_id = str(store._cipher.database_id)
        old = keystore.load(database_id)
        assert old is not None
        assert store.rotate_key(actor="it-admin") == 2
        new = keystore.load(database_id)
        assert new is not None and new != old and "," not in new
        for token in _tokens(store).values():
            with pytest.raises(InvalidToken):
                Fernet(old.encode()).decrypt(token)
            assert Fernet(new.encode()).decrypt(token)
        assert store.load_visit(vids[0])[1] == {"facts": {"resident.name": NAME}}
        rotated = [a for a in store.audit_log() if a.action == "key_rotate"]
        assert len(rotated) == 1 and rotated[0].actor == "it-admin"
        assert rotated[0].detail == {"visits": 2, "held_by": "keyring"}
    with open_store(sqlite_settings) as store:  # the new check token matches the new key
        assert store.load_visit(vids[1])[1] == {"facts": {"resident.name": NAME}}


def test_failed_rotation_keeps_the_old_key(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vid = _save(store)
        database_id = str(store._cipher.database_id)
        old = keystore.load(database_id)
        with Session(store._engine) as session, session.begin():  # one payload is damaged
            session.add(VisitRecord(id=store.new_visit_id(), created_at=utcnow(),
                                    updated_at=utcnow(), branch="b", staff="s", status="open",
                                    event_id=None, procedure_ids=[],
                                    payload=base64.urlsafe_b64encode(b"x" * 80)))
        with pytest.raises(StorageError):
            store.rotate_key(actor="it-admin")
        assert keystore.load(database_id) == old
        assert store.load_visit(vid)[1] == {"facts": {"resident.name": NAME}}
        assert not [a for a in store.audit_log() if a.action == "key_rotate"]


def test_rotation_with_an_environment_key(sqlite_settings: Settings,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("TOME_WINDOW_KEY", old)
    with open_store(sqlite_settings) as store:
        vid = _save(store)
        with pytest.raises(StorageError) as info:  # one key: nowhere to rotate to
            store.rotate_key(actor="it-admin")
        assert info.value.kind == "key" and "TOME_WINDOW_KEY" in info.value.message_ja
    monkeypatch.setenv("TOME_WINDOW_KEY", f"{new},{old}")
    with open_store(sqlite_settings) as store:
        assert store.rotate_key(actor="it-admin") == 1
    monkeypatch.setenv("TOME_WINDOW_KEY", new)  # the old key can go now
    with open_store(sqlite_settings) as store:
        assert store.load_visit(vid)[1] == {"facts": {"resident.name": NAME}}
