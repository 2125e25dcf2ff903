"""`tome-window fill`: a whole visit without a screen, recorded exactly as the GUI records it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fill", help="住民情報と回答から申請書PDFを作成")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--procedure", action="append", metavar="ID", help="手続ID (複数可)")
    what.add_argument("--event", metavar="ID", help="ライフイベントID (転入 = tennyu など)")
    p.add_argument("--resident", type=Path, required=True, metavar="FILE.json", help="住民情報 JSON")
    p.add_argument("--answers", type=Path, metavar="FILE.json", help="質問への回答 JSON")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="PDF の出力先フォルダ")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.add_argument("--allow-incomplete", action="store_true",
                   help="未入力・要確認の項目や外字があっても PDF を作成する (終了コード 0)")
    p.set_defaults(handler=run)


def _fail(message_ja: str, as_json: bool, code: int = 1) -> int:
    if as_json:
        print(json.dumps({"error": message_ja}, ensure_ascii=False))
    else:
        print(f"エラー: {message_ja}", file=sys.stderr)
    return code


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{what}ファイルがありません: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{what}ファイルが正しい JSON ではありません: {path} ({exc})") from None
    except OSError as exc:
        raise ValueError(f"{what}ファイルを読めません: {path} ({exc.strerror})") from None


def form_report(form: Any) -> dict[str, Any]:
    """Who a form is about: `persons` are indices into the resident JSON's `household`,
    `resident` says whether the person at the counter is on it; `continuation_pages` counts
    the 別紙 the persons beyond the printed rows went to."""
    return {"procedure": form.procedure.id,
            "resident": -1 in form.persons,
            "persons": [i for i in form.persons if i >= 0],
            "continuation_pages": form.continuation_pages()}


def run(args: argparse.Namespace) -> int:
    from tome_window.domain.errors import TomeError
    from tome_window.domain.household import household_from_json
    from tome_window.domain.resident import Resident
    from tome_window.services.visits import VisitService, stats_of

    try:
        data = _read_json(args.resident, "住民情報")
        resident = Resident.from_json(data, source="file")
        persons = household_from_json(data.get("household"), source="file")
        answers = _read_json(args.answers, "回答") if args.answers else {}
        if not isinstance(answers, dict):
            raise ValueError("回答ファイルは {\"質問ID\": 値} の形の JSON にしてください")
        service = VisitService.open()
    except (ValueError, TomeError) as exc:
        return _fail(getattr(exc, "message_ja", str(exc)), args.json)
    catalog = service.catalog
    unknown = [p for p in (args.procedure or []) if p not in catalog.procedures]
    if args.event and args.event not in catalog.events:
        unknown.append(args.event)
    if unknown:
        return _fail(f"手続またはライフイベントがありません: {', '.join(unknown)}"
                     "(tome-window forms list で確認できます)", args.json)
    from tome_window.services.gate import INCOMPLETE_EXIT, GateProblem, answer_problems

    try:
        visit = service.new_visit()  # as at the counter: open, then say what it is for
        service.choose(visit, event_id=args.event, procedure_ids=args.procedure or [])
        service.set_resident(visit, resident)
        service.set_household(visit, persons)
        problems: list[GateProblem] = answer_problems(service.prefiller, answers)
        for key, value in answers.items():
            error = service.answer(visit, str(key), value)
            if error:
                problems.append(GateProblem("invalid_answer", str(key), error))
        forms = service.forms(visit)
        problems += service.problems(visit, forms)
        blocked = bool(problems) and not args.allow_incomplete
        exported = None if blocked else service.export(visit, {"pdf"}, args.out,
                                                       allow_incomplete=True)
    except TomeError as exc:
        return _fail(exc.message_ja, args.json)
    code = INCOMPLETE_EXIT if blocked else 0
    stats = stats_of(forms)
    files = exported.pdfs if exported else []
    gaiji = [{"field": g.ref, "char": g.char, "codepoint": g.codepoint}
             for g in (exported.gaiji if exported else [])]
    if args.json:
        print(json.dumps({"visit_id": visit.id, "files": [str(p) for p in files],
                          "fields": stats.to_json(), "complete": not problems,
                          "forms": [form_report(f) for f in forms],
                          "problems": [p.to_json() for p in problems], "gaiji": gaiji},
                         ensure_ascii=False, indent=2))
        return code
    for path in files:
        print(path)
    print(f"受付 {visit.id}: 項目 {stats.total} (自動入力 {stats.prefilled}, 回答 {stats.answered})",
          file=sys.stderr)
    for ref in stats.missing_required:
        print(f"未入力の必須項目: {ref}", file=sys.stderr)
    for p in problems:
        print(f"確認が必要: {p.message}", file=sys.stderr)
    if blocked:
        print(f"受付 {visit.id} は保存しました。上の項目を直すまで PDF は作成しません"
              "(確認のうえ作成するには --allow-incomplete)", file=sys.stderr)
    return code
