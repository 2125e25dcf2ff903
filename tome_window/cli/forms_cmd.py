"""`tome-window forms list|validate|schemas`: what the counter offers, and whether a definition is usable."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forms = sub.add_parser("forms", help="様式定義の一覧・検証")
    fsub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    lst = fsub.add_parser("list", help="手続とライフイベントの一覧")
    lst.add_argument("--json", action="store_true", help="JSON で出力")
    lst.set_defaults(handler=_list)
    val = fsub.add_parser("validate", help="定義ファイルを検証 (問題があれば終了コード 1)")
    val.add_argument("paths", nargs="*", type=Path, help="ファイルまたはフォルダ (既定: 同梱の forms/)")
    val.set_defaults(handler=_validate)
    sch = fsub.add_parser("schemas", help="手続ごとの JSON Schema を書き出す (既定: forms/schemas/)")
    sch.add_argument("--out", type=Path, metavar="DIR", help="出力先フォルダ")
    sch.set_defaults(handler=_schemas)


def _catalog():  # noqa: ANN202
    from tome_window.services.config import load_settings
    from tome_window.services.forms_loader import load_catalog

    return load_catalog(load_settings().forms_dir)


def _list(args: argparse.Namespace) -> int:
    catalog = _catalog()
    for problem in catalog.problems:
        print(str(problem.message_ja), file=sys.stderr)
    if args.json:
        data = {
            "procedures": [{"id": p.id, "title": p.title, "version": p.version}
                           for p in catalog.procedures.values()],
            "events": [{"id": e.id, "title": e.title,
                        "procedures": [i.procedure for i in e.procedures]}
                       for e in catalog.events.values()],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("手続:")
    for p in catalog.procedures.values():
        print(f"  {p.id:<20} {p.title} (第{p.version}版)")
    print("ライフイベント:")
    for e in catalog.events.values():
        print(f"  {e.id:<20} {e.title}: {', '.join(i.procedure for i in e.procedures)}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from tome_window.services.config import load_settings
    from tome_window.services.forms_loader import default_forms_dir, validate_paths

    paths = args.paths or [load_settings().forms_dir or default_forms_dir()]
    problems = validate_paths(paths)
    for problem in problems:
        print(problem.message_ja)
    if problems:
        print(f"{len(problems)} 件の問題があります", file=sys.stderr)
        return 1
    print("問題はありません", file=sys.stderr)
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from tome_window.services.config import load_settings
    from tome_window.services.export import write_schemas
    from tome_window.services.forms_loader import default_forms_dir

    catalog = _catalog()
    for problem in catalog.problems:
        print(str(problem.message_ja), file=sys.stderr)
    out = args.out or (load_settings().forms_dir or default_forms_dir()) / "schemas"
    try:
        paths = write_schemas(list(catalog.procedures.values()), out)
    except OSError as exc:
        print(f"エラー: スキーマを書き出せません({out}: {exc.strerror})", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 1 if catalog.problems else 0
