"""`tome-window keys rotate`: replace the data key, re-encrypting every stored visit.

For IT staff (after a terminal was lost, a staff change, or on a schedule). The work is in
the storage layer (`VisitStore.rotate_key`, one transaction); this module only reports.
Messages for staff are Japanese; the log line is English and names no key.

Exit codes: 0 rotated; 1 the database could not be used (unreachable, busy, disk full:
nothing changed); 3 a key problem (no usable OS key store, this database's key missing or
wrong, or TOME_WINDOW_KEY holding only one key); 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import logging
import sys

EXIT_STORAGE = 1
EXIT_KEY = 3
log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="個人情報の暗号鍵の管理 (情報政策担当向け)")
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    rot = ksub.add_parser("rotate", help="新しい鍵を作り、保存済みの受付データをすべて暗号化し直す")
    rot.set_defaults(handler=_rotate)


def _rotate(args: argparse.Namespace) -> int:
    from tome_window.services.config import load_settings
    from tome_window.services.storage import StorageError, open_store

    settings = load_settings()
    try:
        with open_store(settings) as store:
            count = store.rotate_key(actor=settings.staff)
    except StorageError as exc:
        log.error("key rotation failed: %s", exc.message_en)
        print(f"エラー: {exc.message_ja}", file=sys.stderr)
        return EXIT_KEY if exc.kind == "key" else EXIT_STORAGE
    log.info("key rotation done: %d visits re-encrypted", count)
    print(f"暗号鍵を入れ替えました。保存済みの受付 {count} 件を新しい鍵で暗号化し直しました。")
    return 0
