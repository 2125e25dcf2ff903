"""`tome-window visits list`: find recorded visits without showing anyone's personal data."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    visits = sub.add_parser("visits", help="記録された受付の一覧")
    vsub = visits.add_subparsers(dest="visits_command", metavar="ACTION", required=True)
    lst = vsub.add_parser("list", help="新しい順に一覧 (個人情報は表示しません)")
    lst.add_argument("--json", action="store_true", help="JSON で出力")
    lst.add_argument("--status", choices=["open", "confirmed", "exported", "closed"])
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=_list)


def _list(args: argparse.Namespace) -> int:
    from tome_window.domain.errors import TomeError
    from tome_window.services.storage import open_store

    try:
        store = open_store()
        rows = store.list_visits(limit=args.limit, status=args.status)
        store.close()
    except TomeError as exc:
        print(json.dumps({"error": exc.message_ja}, ensure_ascii=False) if args.json
              else f"エラー: {exc.message_ja}")
        return 1
    if args.json:
        print(json.dumps([{"id": r.id, "created_at": r.created_at.isoformat(),
                           "updated_at": r.updated_at.isoformat(), "branch": r.branch,
                           "staff": r.staff, "status": r.status, "event": r.event_id,
                           "procedures": list(r.procedure_ids)} for r in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        local = r.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{r.id}  {local}  {r.status:<9} {r.branch}  {r.event_id or '-'}  "
              f"{', '.join(r.procedure_ids)}")
    return 0
