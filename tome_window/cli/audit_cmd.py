"""`tome-window audit verify`: is the audit log as it was written (no row edited or deleted)?

For supervisors and auditors. The check is the storage layer's (`audit_chain.verify`): it
needs no data key and shows no personal data. Japanese for people, English in the log.

Exit codes: 0 the chain is intact; 4 a row was edited or deleted (the first broken row is
named); 1 the database could not be used; 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

EXIT_STORAGE = 1
EXIT_TAMPERED = 4
log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="操作記録 (監査ログ) の検証")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ver = asub.add_parser("verify", help="記録の改ざん・削除がないか確かめる (あれば終了コード 4)")
    ver.add_argument("--json", action="store_true", help="JSON で出力")
    ver.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    from tome_window.services.storage import StorageError, verify_audit

    try:
        report = verify_audit()
    except StorageError as exc:
        log.error("audit verification failed: %s", exc.message_en)
        print(f"エラー: {exc.message_ja}", file=sys.stderr)
        return EXIT_STORAGE
    if args.json:
        print(json.dumps({"ok": report.ok, "rows": report.rows, "first_bad_row": report.bad_id,
                          "reason": report.reason_en}, ensure_ascii=False))
    if report.ok:
        if not args.json:
            print(f"操作記録 {report.rows} 件を確認しました。改ざん・削除はありません。")
        return 0
    log.error("audit chain broken: %s", report.reason_en)
    if not args.json:
        print(f"操作記録が改ざんまたは削除されています: {report.reason_ja}"
              f"(正しく確認できたのは先頭から {report.rows} 件)。情報政策担当に連絡してください。",
              file=sys.stderr)
    return EXIT_TAMPERED
