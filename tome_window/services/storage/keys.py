"""Which key opens this database, and how it is replaced (`tome-window keys rotate`).

At open (`cipher_for`): TOME_WINDOW_KEY when set (shared PostgreSQL), otherwise this
account's OS key store entry for the database's id (keystore.py). A database without an id
(made by an older version) gets one; a plain `visit.key` of an older version is moved into
the key store once, checked against the database, audited, then overwritten and deleted.
A new key is made only for a database that never had one; otherwise a missing key is an
error, because a new key would orphan every saved visit.

Rotation re-encrypts every stored visit and the check token in one transaction. The key
store holds "new,old" while that transaction runs, so a crash at any point leaves a key
store that opens the database; only after the commit is the old key dropped.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tome_window.services.storage import audit_chain, crypto, keystore
from tome_window.services.storage.errors import StorageError, translated
from tome_window.services.storage.models import AuditRecord, MetaRecord, VisitRecord, utcnow

KEY_CHECK = "key_check"
DATABASE_ID = "database_id"
KEYRING_SOURCE = "この端末の鍵保管庫"
log = logging.getLogger(__name__)


def cipher_for(engine: Engine, legacy_key_path: Path) -> crypto.PayloadCipher:
    """The cipher for this database, from the environment or the OS key store."""
    env = crypto.env_keys()
    check, database_id, has_visits = _facts(engine)
    if env is not None:
        cipher = crypto.PayloadCipher(*env, from_env=True, database_id=database_id)
        return _checked(engine, cipher, check)
    if database_id is None and (check is not None or has_visits):
        database_id = _assign_id(engine)  # a database from before key-store keys
    if database_id is None:
        return _new_database(engine, legacy_key_path)
    text = keystore.load(database_id)
    if text is None:
        legacy = crypto.read_legacy_key_file(legacy_key_path)
        if legacy is None:
            if check is not None or has_visits:
                raise crypto.missing_key(database_id)
            return _first_key(engine, database_id, check)
        return _migrate(engine, database_id, legacy, legacy_key_path, check)
    cipher = crypto.PayloadCipher(crypto.parse_keys(text, KEYRING_SOURCE), KEYRING_SOURCE,
                                  database_id=database_id)
    cipher = _checked(engine, cipher, check)
    if legacy_key_path.exists() and crypto.read_legacy_key_file(legacy_key_path) == cipher.keys:
        crypto.destroy_file(legacy_key_path)  # a migration stopped before the file was gone
    return cipher


def rotate(engine: Engine, cipher: crypto.PayloadCipher, *,
           actor: str) -> tuple[crypto.PayloadCipher, int]:
    """Re-encrypt every visit with a new key; returns the new cipher and the visit count."""
    if cipher.from_env:
        if len(cipher.keys) < 2:
            raise StorageError(
                f"鍵は環境変数 {crypto.ENV_KEY} で設定されています。新しい鍵を先頭に、今の鍵を"
                f"後ろに置いて({crypto.ENV_KEY}=新しい鍵,今の鍵)からもう一度実行してください。",
                f"{crypto.ENV_KEY} holds one key; put the new key first and the current one "
                "after it, then rotate", kind="key")
        new = crypto.PayloadCipher(cipher.keys[:1], cipher.source, from_env=True,
                                   database_id=cipher.database_id)
        return new, _reencrypt(engine, cipher, new, actor, "env")
    database_id = cipher.database_id
    if database_id is None:  # pragma: no cover - key-store ciphers always carry the id
        raise StorageError("データベース ID がありません。", "no database id", kind="key")
    key = crypto.new_key()
    new = crypto.PayloadCipher([key], KEYRING_SOURCE, database_id=database_id)
    old_text = crypto.key_text(cipher.keys)
    keystore.store(database_id, crypto.key_text([key, *cipher.keys]))  # both open the data
    try:
        count = _reencrypt(engine, cipher, new, actor, "keyring")
    except BaseException:
        keystore.store(database_id, old_text)
        raise
    keystore.store(database_id, crypto.key_text([key]))
    log.info("data key rotated for database %s: %d visits re-encrypted", database_id, count)
    return new, count


def _reencrypt(engine: Engine, old: crypto.PayloadCipher, new: crypto.PayloadCipher,
               actor: str, held_by: str) -> int:
    with translated("暗号鍵の入れ替え", "rotating the data key"), \
            Session(engine) as session, session.begin():
        rows = session.execute(
            select(VisitRecord.id, VisitRecord.payload).with_for_update()).all()
        for visit_id, token in rows:
            payload = old.open(visit_id, token)
            session.execute(update(VisitRecord).where(VisitRecord.id == visit_id)
                            .values(payload=new.seal(visit_id, payload)))
        check = session.get(MetaRecord, KEY_CHECK)
        if check is None:
            session.add(MetaRecord(name=KEY_CHECK, value=new.check_token()))
        else:
            check.value = new.check_token()
        detail = {"visits": len(rows), "held_by": held_by}
        audit_chain.append(session, AuditRecord(at=utcnow(), actor=actor, action="key_rotate",
                                                visit_id=None, detail=detail))
    return len(rows)


def _facts(engine: Engine) -> tuple[str | None, str | None, bool]:
    with Session(engine) as session:
        check = session.get(MetaRecord, KEY_CHECK)
        ident = session.get(MetaRecord, DATABASE_ID)
        has_visits = session.scalar(select(VisitRecord.id).limit(1)) is not None
    return (check.value if check else None, ident.value if ident else None, has_visits)


def _assign_id(engine: Engine) -> str:
    try:
        with Session(engine) as session, session.begin():
            session.add(MetaRecord(name=DATABASE_ID, value=uuid.uuid4().hex))
    except IntegrityError:  # another process assigned one first
        pass
    found = _facts(engine)[1]
    assert found is not None
    return found


def _new_database(engine: Engine, legacy_key_path: Path) -> crypto.PayloadCipher:
    """First open: an id and a key, the key in the key store before the database names it."""
    database_id = uuid.uuid4().hex
    legacy = crypto.read_legacy_key_file(legacy_key_path)
    keys = legacy or [crypto.new_key()]
    cipher = crypto.PayloadCipher(keys, KEYRING_SOURCE, database_id=database_id)
    keystore.store(database_id, crypto.key_text(keys))
    try:
        with Session(engine) as session, session.begin():
            session.add(MetaRecord(name=DATABASE_ID, value=database_id))
            session.add(MetaRecord(name=KEY_CHECK, value=cipher.check_token()))
            if legacy:
                audit_chain.append(session, _migrated())
    except IntegrityError:  # another process made the database's key first: use that one
        keystore.delete(database_id)
        return cipher_for(engine, legacy_key_path)
    if legacy_key_path.exists():
        crypto.destroy_file(legacy_key_path)
    return cipher


def _first_key(engine: Engine, database_id: str, check: str | None) -> crypto.PayloadCipher:
    cipher = crypto.PayloadCipher([crypto.new_key()], KEYRING_SOURCE, database_id=database_id)
    keystore.store(database_id, crypto.key_text(cipher.keys))
    return _checked(engine, cipher, check)


def _migrate(engine: Engine, database_id: str, keys: list[bytes], path: Path,
             check: str | None) -> crypto.PayloadCipher:
    """Move an old install's key file into the key store, once, and destroy the file."""
    cipher = crypto.PayloadCipher(keys, KEYRING_SOURCE, database_id=database_id)
    if check is not None and not cipher.matches(check):
        raise crypto.key_mismatch(f"旧形式の鍵ファイル {path}")
    keystore.store(database_id, crypto.key_text(keys))
    with translated("鍵の移行の記録", "recording the key migration"), \
            Session(engine) as session, session.begin():
        if check is None:
            session.add(MetaRecord(name=KEY_CHECK, value=cipher.check_token()))
        audit_chain.append(session, _migrated())
    crypto.destroy_file(path)
    log.warning("data key moved from a plain file into the OS key store; the file was "
                "overwritten and deleted")
    return cipher


def _migrated() -> AuditRecord:
    return AuditRecord(at=utcnow(), actor="system", action="key_migrate", visit_id=None,
                       detail={"from": "key_file", "to": "os_keystore"})


def _checked(engine: Engine, cipher: crypto.PayloadCipher,
             check: str | None) -> crypto.PayloadCipher:
    """Compare with the database's check token, writing it when the database has none."""
    if check is None:
        try:
            with Session(engine) as session, session.begin():
                session.add(MetaRecord(name=KEY_CHECK, value=cipher.check_token()))
            return cipher
        except IntegrityError:  # another terminal wrote it first: compare with that one
            check = _facts(engine)[0]
    if check is not None and not cipher.matches(check):
        raise crypto.key_mismatch(cipher.source)
    return cipher
