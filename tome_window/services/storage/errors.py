"""Storage failures turned into messages a counter can act on, never a traceback.

A database that went away, a full disk or a wrong key must not crash the GUI nor lose what
the resident typed: the store raises StorageError, the caller keeps its in-memory visit, shows
`message_ja` and offers to retry. The `kind` lets the GUI decide whether a retry makes sense
without parsing text; the original exception stays chained (`__cause__`) for the log.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from tome_window.domain.errors import TomeError

Kind = Literal["unavailable", "disk_full", "read_only", "busy", "corrupt", "not_found", "key",
               "schema", "closed", "error"]

_RETRYABLE: frozenset[str] = frozenset({"unavailable", "disk_full", "read_only", "busy"})


class StorageError(TomeError):
    """The store could not do what was asked; nothing already saved was changed."""

    def __init__(self, message_ja: str, message_en: str | None = None, *,
                 kind: Kind = "error") -> None:
        super().__init__(message_ja, message_en)
        self.kind: Kind = kind

    @property
    def retryable(self) -> bool:
        """True when the same call may succeed once staff fix the cause (network, disk, lock)."""
        return self.kind in _RETRYABLE


class VisitNotFound(StorageError, KeyError):
    """No visit with that id: never saved, purged after the retention, or another database."""

    def __init__(self, visit_id: str) -> None:
        super().__init__(
            f"受付データ({visit_id[:8]}…)が見つかりません。保存期間を過ぎて削除されたか、"
            "別のデータベースの受付です。",
            f"visit {visit_id} not found (purged after retention, or another database)",
            kind="not_found")
        self.visit_id = visit_id

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return self.message_en


# kind -> (reason in Japanese, reason in English, what staff can do)
_REASONS: dict[str, tuple[str, str, str]] = {
    "unavailable": ("データベースに接続できません(保存先のフォルダやサーバーが見つかりません)。",
                    "the database cannot be reached",
                    "ネットワークや保存先を確認してから、もう一度お試しください。"),
    "disk_full": ("保存先のディスクがいっぱいです。", "the disk is full",
                  "空き容量を確保してから、もう一度お試しください。"),
    "read_only": ("データベースに書き込めません(読み取り専用か、権限がありません)。",
                  "the database is read-only or access was denied",
                  "保存先の権限を情報政策担当に確認してから、もう一度お試しください。"),
    "busy": ("データベースが他の処理で使用中です。", "the database is busy (locked)",
             "少し待ってから、もう一度お試しください。"),
    "corrupt": ("データベースファイルが壊れているか、データベースではありません。",
                "the database file is corrupt or not a database",
                "情報政策担当に連絡してください。"),
    "error": ("データベースでエラーが起きました。", "a database error occurred",
              "もう一度お試しください。続く場合は情報政策担当に連絡してください。"),
}

KEEP_INPUT_JA = "入力内容は画面に残っています。"


def failure(kind: Kind, action_ja: str, action_en: str, *, keeps_input: bool = False,
            detail: str = "") -> StorageError:
    """Build the message for one failed action (a noun: 受付の保存): what failed, why, what to do."""
    reason_ja, reason_en, advice_ja = _REASONS.get(kind, _REASONS["error"])
    keep = KEEP_INPUT_JA if keeps_input else ""
    en = f"{action_en} failed: {reason_en}" + (f" ({detail})" if detail else "")
    return StorageError(f"{action_ja}ができませんでした。{reason_ja}{keep}{advice_ja}", en, kind=kind)


def classify(exc: BaseException) -> Kind:
    """Sort a driver or OS error into what staff can do about it."""
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy DBAPIError wraps the driver's error
    if isinstance(orig, OSError):
        return _classify_os(orig)
    if isinstance(orig, sqlite3.Error):
        return _classify_sqlite(orig)
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _classify_sqlstate(sqlstate)
    if getattr(exc, "connection_invalidated", False):
        return "unavailable"
    name = type(orig).__name__
    if name in {"OperationalError", "InterfaceError"}:  # psycopg: connection refused, lost
        return "unavailable"
    return "error"


def _classify_os(exc: OSError) -> Kind:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk_full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "read_only"
    return "unavailable"


def _classify_sqlite(exc: sqlite3.Error) -> Kind:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "disk_full"
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in text:
        return "read_only"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "busy"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text:
        return "corrupt"
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in text:
        return "unavailable"
    if "no such table" in text:
        return "unavailable"  # the file was replaced by an empty one
    return "error"


def _classify_sqlstate(state: str) -> Kind:
    if state == "53100":
        return "disk_full"
    if state in {"25006", "42501"}:
        return "read_only"
    if state in {"40001", "40P01", "55P03"}:
        return "busy"
    if state[:2] in {"08", "57", "53", "3D", "28"}:  # connection, shutdown, resources, no db, auth
        return "unavailable"
    return "error"


@contextmanager
def translated(action_ja: str, action_en: str, *, keeps_input: bool = False) -> Iterator[None]:
    """Let StorageError through; turn database and OS errors into one with a clear message."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    try:
        yield
    except StorageError:
        raise
    except (DBAPIError, OSError, sqlite3.Error) as exc:
        raise failure(classify(exc), action_ja, action_en, keeps_input=keeps_input,
                      detail=_one_line(exc)) from exc
    except SQLAlchemyError as exc:
        raise failure("error", action_ja, action_en, keeps_input=keeps_input,
                      detail=_one_line(exc)) from exc


def _one_line(exc: BaseException) -> str:
    """The driver's message without SQL or parameters, which could hold personal data."""
    orig = getattr(exc, "orig", None) or exc
    return f"{type(orig).__name__}: {str(orig).splitlines()[0] if str(orig) else ''}"[:200]
