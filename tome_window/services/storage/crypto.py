"""Encryption of visit payloads, and where the key comes from.

Key sources, first found wins:

1. the environment variable TOME_WINDOW_KEY: a url-safe base64 Fernet key, or several
   separated by commas (the first encrypts, all decrypt, so a key can be rotated). Use it
   for a shared PostgreSQL database, where every terminal must hold the same key;
2. the key file `Settings.key_path` (default `<data_dir>/visit.key`, mode 0600), one key a
   line in the same way.

A new key file is written only for a database that has never held a key: a key that went
missing must not be silently replaced, or every saved visit would become unreadable. The
database keeps a small check token sealed with the key, so a terminal with another key is
refused at start instead of writing visits the others cannot read.

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

    def __init__(self, keys: list[bytes], source: str) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        self.source = source
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


def configured_keys(key_path: Path) -> tuple[list[bytes], str] | None:
    """The keys from the environment or the key file, or None when neither exists."""
    env = os.environ.get(ENV_KEY)
    if env:
        return parse_keys(env, f"環境変数 {ENV_KEY}"), f"環境変数 {ENV_KEY}"
    source = f"鍵ファイル {key_path}"
    try:
        text = key_path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(f"{source} を読めません({exc.strerror})。",
                           f"cannot read key file {key_path}: {exc}", kind="key") from exc
    return parse_keys(text, source), source


def create_key_file(key_path: Path) -> tuple[list[bytes], str]:
    """Write a new key file readable by the owner only; if another process won, use its key."""
    key = Fernet.generate_key()
    source = f"鍵ファイル {key_path}"
    try:
        key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        found = configured_keys(key_path)
        if found is None:  # pragma: no cover - removed again between the two calls
            raise StorageError(f"{source} を作れません。", f"cannot create {key_path}",
                               kind="key") from None
        return found
    except OSError as exc:
        raise StorageError(f"{source} を作れません({exc.strerror})。",
                           f"cannot create key file {key_path}: {exc}", kind="key") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    return [key], source


def missing_key(key_path: Path) -> StorageError:
    return StorageError(
        f"暗号鍵が見つかりません({key_path} も環境変数 {ENV_KEY} もありません)。"
        "このデータベースは既に暗号鍵を使っており、新しい鍵を作ると保存済みの受付データが"
        "読めなくなるため、開くのを中止しました。鍵ファイルを元に戻すか、正しい鍵を設定して"
        "ください。",
        f"no key ({key_path} missing, {ENV_KEY} unset) for a database that already uses one; "
        "refusing to create a new key", kind="key")
