"""Encryption of visit payloads, and where the key comes from.

Key sources, first found wins:

1. the environment variable TOME_WINDOW_KEY: a url-safe base64 Fernet key, or several
   separated by commas (the first encrypts, all decrypt, so a key can be rotated). Meant for
   a shared PostgreSQL database, where every terminal must hold the same key;
2. the OS key store (keystore.py: Credential Manager / DPAPI on Windows, Secret Service on
   Linux), one entry per database, the same text format. This is the default: nothing on the
   data disk opens the data.

Older versions kept the key in a plain file beside the database (`<data_dir>/visit.key`);
keys.py moves such a key into the key store once and overwrites and deletes the file.

A new key is made only for a database that has never held one: a key that went missing
must not be silently replaced, or every saved visit would become unreadable. The database
keeps a small check token sealed with the key, so a terminal with another key is refused at
start instead of writing visits the others cannot read.

Each payload is sealed together with its visit id, so a token copied onto another row does
not decrypt as that visit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from tome_window.services.storage.errors import StorageError

ENV_KEY = "TOME_WINDOW_KEY"
CHECK_PLAINTEXT = b"tome-window key check v1"


class PayloadCipher:
    """Seals a visit's personal payload for the database and opens it again."""

    def __init__(self, keys: list[bytes], source: str, *, from_env: bool = False,
                 database_id: str | None = None) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        self.source = source
        self.keys = list(keys)
        self.from_env = from_env  # TOME_WINDOW_KEY: rotated by changing it, not the key store
        self.database_id = database_id
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    def seal(self, visit_id: str, payload: dict[str, Any]) -> bytes:
        try:
            text = json.dumps({"visit_id": visit_id, "payload": payload}, ensure_ascii=False,
                              separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"visit payload must be plain JSON data (str, numbers, lists, dicts): "
                            f"{exc}") from None
        return self._fernet.encrypt(text.encode("utf-8"))

    def open(self, visit_id: str, token: bytes) -> dict[str, Any]:
        try:
            data = json.loads(self._fernet.decrypt(bytes(token)).decode("utf-8"))
        except (InvalidToken, ValueError) as exc:
            raise key_mismatch(self.source) from exc
        if not isinstance(data, dict) or data.get("visit_id") != visit_id:
            raise StorageError(
                "受付データが別の受付のものと入れ替わっています。情報政策担当に連絡してください。",
                f"payload of visit {visit_id} belongs to another visit", kind="corrupt")
        payload = data.get("payload")
        return payload if isinstance(payload, dict) else {}

    def check_token(self) -> str:
        return self._fernet.encrypt(CHECK_PLAINTEXT).decode("ascii")

    def matches(self, token: str) -> bool:
        try:
            return self._fernet.decrypt(token.encode("ascii")) == CHECK_PLAINTEXT
        except (InvalidToken, ValueError):
            return False


def key_mismatch(source: str) -> StorageError:
    return StorageError(
        "受付データを復号できません。暗号鍵がこのデータベースのものと違います。"
        f"正しい鍵({source})を設定してください。",
        f"cannot decrypt: the key from {source} is not this database's key", kind="key")


def parse_keys(text: str, source: str) -> list[bytes]:
    """Keys separated by commas or lines; refuse anything that is not a Fernet key."""
    keys = [part.strip().encode("ascii", "replace") for part in text.replace(",", "\n").splitlines()]
    keys = [k for k in keys if k and not k.startswith(b"#")]
    if not keys:
        raise StorageError(f"暗号鍵({source})が空です。", f"the key in {source} is empty", kind="key")
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise StorageError(
                f"暗号鍵({source})の形式が正しくありません。Fernet 鍵(URLセーフ base64、32バイト)を"
                "設定してください。", f"the key in {source} is not a Fernet key", kind="key") from None
    return keys


def env_keys() -> tuple[list[bytes], str] | None:
    """The keys of TOME_WINDOW_KEY, or None when it is unset."""
    env = os.environ.get(ENV_KEY)
    if env:
        return parse_keys(env, f"環境変数 {ENV_KEY}"), f"環境変数 {ENV_KEY}"
    return None


def key_text(keys: list[bytes]) -> str:
    """Keys as stored in the key store: comma-separated, the encrypting key first."""
    return ",".join(k.decode("ascii") for k in keys)


def new_key() -> bytes:
    return Fernet.generate_key()


def read_legacy_key_file(key_path: Path) -> list[bytes] | None:
    """The keys of an old install's plain key file, None when there is no such file."""
    source = f"旧形式の鍵ファイル {key_path}"
    try:
        text = key_path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(f"{source} を読めません({exc.strerror})。",
                           f"cannot read legacy key file {key_path}: {exc}", kind="key") from exc
    return parse_keys(text, source)


def destroy_file(path: Path) -> None:
    """Overwrite the file with random bytes, flush it to disk, then delete it.

    On copy-on-write file systems, SSD wear levelling or with snapshots the old blocks may
    survive; overwriting is still better than a plain unlink, which leaves them all.
    """
    try:
        size = path.stat().st_size
        with path.open("r+b", buffering=0) as fh:
            fh.write(os.urandom(max(size, 64)))
            os.fsync(fh.fileno())
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


def missing_key(database_id: str | None) -> StorageError:
    where = f"(データベース ID {database_id[:8]}…)" if database_id else ""
    return StorageError(
        f"この端末の鍵保管庫に、このデータベース{where}の暗号鍵がありません。"
        "別の端末からコピーしたデータや、鍵保管庫を作り直した端末では、保存済みの受付データは"
        "読めません。新しい鍵を作ると保存済みの受付データが読めなくなるため、開くのを中止しました。"
        f"元の端末で開くか、共有データベースでは環境変数 {ENV_KEY} に正しい鍵を設定して"
        "ください。",
        f"no key for database {database_id} in this account's OS key store and {ENV_KEY} unset; "
        "refusing to create a new key for a database that already uses one", kind="key")
