"""`tome-window print` and `tome-window printers`: the counter's printing without a screen.

For IT staff checking a branch printer, and for reprinting a recorded visit from a terminal:
the same PrintService as the 印刷 button, so a printer that works here works at the counter.
Nothing printed to the terminal or the audit trail names the resident.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK, EXIT_PRINT_ERROR, EXIT_USAGE = 0, 1, 2


def _copies(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("部数は 1〜99 の数字で指定してください") from None
    if not 1 <= value <= 99:
        raise argparse.ArgumentTypeError("部数は 1〜99 の数字で指定してください")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("print", help="受付の申請書PDFを作成してプリンターで印刷")
    p.add_argument("visit_id", metavar="VISIT_ID", help="受付ID (tome-window visits list で確認)")
    p.add_argument("--printer", metavar="NAME", help="プリンター名 (既定: 設定の printer、なければ既定のプリンター)")
    p.add_argument("--copies", type=_copies, default=1, metavar="N", help="部数 (既定 1)")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="未入力・要確認の項目や外字があっても印刷する (要確認の印が付きます)")
    p.set_defaults(handler=run_print)
    q = sub.add_parser("printers", help="プリンターとその状態の一覧")
    q.add_argument("--json", action="store_true", help="JSON で出力")
    q.set_defaults(handler=run_printers)


def _fail(message_ja: str, as_json: bool, code: int = EXIT_PRINT_ERROR, **extra: Any) -> int:
    if as_json:
        print(json.dumps({"error": message_ja, **extra}, ensure_ascii=False))
    else:
        print(f"エラー: {message_ja}", file=sys.stderr)
    return code


def run_print(args: argparse.Namespace) -> int:
    from tome_window.domain.errors import TomeError
    from tome_window.services.gate import INCOMPLETE_EXIT, IncompleteVisit
    from tome_window.services.printing import PrintError, PrintService
    from tome_window.services.visits import VisitService

    try:
        service = VisitService.open()
    except TomeError as exc:
        return _fail(exc.message_ja, args.json)
    try:
        try:
            visit = service.load(args.visit_id)
        except TomeError as exc:
            return _fail(exc.message_ja, args.json)
        printing = PrintService.from_settings(service.settings)
        out_dir = service.settings.data_dir / "exports" / visit.date.isoformat() / visit.id[:12]
        try:
            jobs = service.print_visit(visit, printing, out_dir, printer=args.printer,
                                       copies=args.copies, allow_incomplete=args.allow_incomplete)
        except IncompleteVisit as exc:
            for p in exc.problems:
                print(f"確認が必要: {p.message}", file=sys.stderr)
            return _fail(f"{exc.message_ja}(確認のうえ印刷するには --allow-incomplete)", args.json,
                         INCOMPLETE_EXIT, problems=[p.to_json() for p in exc.problems])
        except PrintError as exc:
            return _fail(exc.message_ja, args.json, reason=exc.code)
        except TomeError as exc:
            return _fail(exc.message_ja, args.json)
        printer = jobs[0].printer if jobs else (args.printer or "")
    finally:
        service.store.close()
    if args.json:
        print(json.dumps({"visit_id": visit.id, "printer": printer,
                          "jobs": [j.to_json() for j in jobs]}, ensure_ascii=False, indent=2))
    else:
        for job in jobs:
            print(f"{job.job_id or '-'}\t{job.path.name}")
        print(f"{len(jobs)} 通の申請書を「{printer}」に送りました", file=sys.stderr)
    return EXIT_OK


def run_printers(args: argparse.Namespace) -> int:
    from tome_window.services.config import load_settings
    from tome_window.services.printing import PrintError, PrintService

    printing = PrintService.from_settings(load_settings())
    try:
        printers = printing.printers()
        try:
            chosen: str | None = printing.printer_name()
        except PrintError:
            chosen = None
    except PrintError as exc:
        return _fail(exc.message_ja, args.json, reason=exc.code)
    if args.json:
        print(json.dumps({"printer": chosen, "printers": [p.to_json() for p in printers]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if not printers:
        print("プリンターが登録されていません", file=sys.stderr)
    for p in printers:
        mark = "*" if p.name == chosen else " "
        print(f"{mark} {p.name:<24} {p.state_ja()}{'  ' + p.message if p.message else ''}")
    if chosen is None:
        print("使うプリンターが決まっていません (設定の printer、または既定のプリンター)", file=sys.stderr)
    return EXIT_OK
