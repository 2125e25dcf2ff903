"""`tome-window export` and `tome-window guide`: a recorded visit's applications as files.

Both read the visit back from storage by id (`tome-window visits list` shows the ids), so
what leaves the counter is what was saved, and both go through the same services the GUI
uses. Messages are Japanese; paths go to stdout so scripts can collect them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exp = sub.add_parser("export", help="記録された受付の申請書を PDF・JSON・CSV で出力")
    exp.add_argument("visit_id", metavar="VISIT_ID", help="受付ID (tome-window visits list で確認)")
    exp.add_argument("--format", default="pdf,json,csv", metavar="pdf,json,csv",
                     help="出力形式 (カンマ区切り、既定: 3つとも)")
    exp.add_argument("--out", type=Path, required=True, metavar="DIR", help="出力先フォルダ")
    exp.add_argument("--json", action="store_true", help="結果を JSON で出力")
    exp.add_argument("--allow-incomplete", action="store_true",
                     help="未入力・要確認の項目や外字があっても出力する")
    exp.set_defaults(handler=_export)
    guide = sub.add_parser("guide", help="手続き案内票 (住民にお渡しする案内) の PDF を作成")
    guide.add_argument("visit_id", metavar="VISIT_ID", help="受付ID")
    guide.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="出力ファイル")
    guide.add_argument("--language", metavar="CODE",
                       help="日本語に添える言語 (en, zh-Hans, ko, vi, pt-BR, fil, id, ne, my, ja-easy)")
    guide.set_defaults(handler=_guide)


def _fail(message_ja: str, as_json: bool = False) -> int:
    if as_json:
        print(json.dumps({"error": message_ja}, ensure_ascii=False))
    else:
        print(f"エラー: {message_ja}", file=sys.stderr)
    return 1


def _not_found(visit_id: str) -> str:
    return f"受付 {visit_id} は見つかりません(tome-window visits list で確認できます)"


def _export(args: argparse.Namespace) -> int:
    from tome_window.domain.errors import TomeError
    from tome_window.services.export import parse_formats
    from tome_window.services.storage.errors import VisitNotFound
    from tome_window.services.visits import VisitService

    try:
        formats = parse_formats(args.format)
        service = VisitService.open()
    except TomeError as exc:
        return _fail(exc.message_ja, args.json)
    from tome_window.services.gate import INCOMPLETE_EXIT, IncompleteVisit

    try:
        visit = service.load(args.visit_id)
        files = service.export(visit, formats, args.out,
                               allow_incomplete=args.allow_incomplete).files
    except IncompleteVisit as exc:
        if args.json:
            print(json.dumps({"visit_id": args.visit_id, "files": [], "complete": False,
                              "error": exc.message_ja,
                              "problems": [p.to_json() for p in exc.problems]},
                             ensure_ascii=False, indent=2))
        else:
            for p in exc.problems:
                print(f"確認が必要: {p.message}", file=sys.stderr)
            print(f"エラー: {exc.message_ja}(確認のうえ出力するには --allow-incomplete)", file=sys.stderr)
        return INCOMPLETE_EXIT
    except VisitNotFound:
        return _fail(_not_found(args.visit_id), args.json)
    except TomeError as exc:
        return _fail(exc.message_ja, args.json)
    finally:
        service.store.close()
    if args.json:
        print(json.dumps({"visit_id": args.visit_id, "formats": sorted(formats),
                          "files": [str(f) for f in files]}, ensure_ascii=False, indent=2))
        return 0
    for f in files:
        print(f)
    print(f"受付 {args.visit_id[:8]}: {len(files)} 件のファイルを出力しました", file=sys.stderr)
    return 0


def _guide(args: argparse.Namespace) -> int:
    from tome_window.domain.errors import TomeError
    from tome_window.domain.languages import BY_CODE
    from tome_window.services.storage.errors import VisitNotFound
    from tome_window.services.visits import VisitService

    if args.language and args.language not in BY_CODE:
        return _fail(f"言語コード {args.language} はありません。使える言語: {', '.join(BY_CODE)}")
    try:
        service = VisitService.open()
    except TomeError as exc:
        return _fail(exc.message_ja)
    try:
        visit = service.load(args.visit_id)
        path = service.guide_job(visit, args.out, args.language).run()
    except VisitNotFound:
        return _fail(_not_found(args.visit_id))
    except TomeError as exc:
        return _fail(exc.message_ja)
    finally:
        service.store.close()
    print(path)
    return 0
