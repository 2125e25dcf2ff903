"""`tome-window translate`: install models from files, list what can be translated, translate.

IT staff install models at a counter with no network (`install-model FILE`), check what the
resident's screen will offer (`languages [--json]`), and try a sentence
(`--from ja --to ko TEXT`). The actions are reserved first words of the text, so the three
forms read as written; with --from/--to given, every word is text, so a resident's
"languages" can still be translated. No Qt is imported on this path.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
ACTIONS = ("install-model", "languages")


def register(subparsers: Any) -> None:
    tr = subparsers.add_parser(
        "translate",
        help="自由入力の翻訳 (オフライン): install-model FILE | languages | --from ja --to LANG TEXT",
        description="翻訳モデルの導入 (install-model FILE)、使える言語の一覧 (languages)、"
        "文の翻訳 (--from ja --to LANG TEXT; TEXT を省くと標準入力から)。",
    )
    tr.add_argument("--from", dest="src", metavar="LANG", help="翻訳元の言語 (ja, en, zh-Hans, …)")
    tr.add_argument("--to", dest="dst", metavar="LANG", help="翻訳先の言語")
    tr.add_argument("--json", action="store_true", help="JSON で出力する")
    tr.add_argument("words", nargs="*", metavar="TEXT|ACTION",
                    help="翻訳する文、または install-model FILE / languages")
    tr.set_defaults(handler=_run)


def _service():  # noqa: ANN202
    from tome_window.services.translation import TranslationService

    return TranslationService.from_settings()


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _fail(exc: Any, as_json: bool) -> int:
    if as_json:
        _print_json({"ok": False, "code": exc.code, "message": exc.message_ja,
                     "detail": exc.message_en})
    sys.stderr.write(exc.message_ja + "\n")
    return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    from tome_window.services.translation import TranslationError

    words: list[str] = list(args.words)
    try:
        if args.src is None and args.dst is None and words and words[0] in ACTIONS:
            if words[0] == "install-model":
                return _install(words[1:], args.json)
            return _languages(words[1:], args.json)
        return _translate(args, words)
    except TranslationError as exc:
        return _fail(exc, args.json)


def _install(files: list[str], as_json: bool) -> int:
    if not files:
        sys.stderr.write("使い方: tome-window translate install-model FILE [FILE ...]\n")
        return EXIT_USAGE
    service = _service()
    installed = []
    for name in files:
        info = service.install(Path(name))
        installed.append({"from": info.from_code, "to": info.to_code, "path": str(info.path),
                          "version": info.version})
        if not as_json:
            print(f"導入しました: {info.from_code} → {info.to_code} ({info.path})")
    if as_json:
        _print_json({"ok": True, "installed": installed})
    return EXIT_OK


def _languages(extra: list[str], as_json: bool) -> int:
    if extra:
        sys.stderr.write("使い方: tome-window translate languages [--json]\n")
        return EXIT_USAGE
    service = _service()
    pairs = service.available_pairs()
    problems = service.problems()
    if as_json:
        _print_json({
            "models_dir": str(service.models_dir),
            "pairs": [p.to_json() for p in pairs],
            "models": [{"from": m.from_code, "to": m.to_code, "version": m.version,
                        "path": str(m.path)} for m in service.installed()],
            "free_text_languages": service.free_text_languages(),
            "problems": [{"code": p.code, "message": p.message_ja, "detail": p.message_en}
                         for p in problems],
        })
    else:
        print(f"モデルの場所: {service.models_dir}")
        if not pairs:
            print("翻訳モデルはまだ入っていません (tome-window translate install-model FILE)")
        for pair in pairs:
            via = f" ({'・'.join(pair.via)} 経由)" if pair.via else ""
            print(f"  {pair.src} → {pair.dst}{via}")
        free = service.free_text_languages()
        print("住民画面で自由入力を翻訳できる言語: " + (", ".join(free) if free else "なし"))
        for problem in problems:
            sys.stderr.write(problem.message_ja + "\n")
    return EXIT_OK


def _translate(args: argparse.Namespace, words: list[str]) -> int:
    if not args.src or not args.dst:
        sys.stderr.write("使い方: tome-window translate --from ja --to LANG TEXT\n"
                         "        tome-window translate install-model FILE\n"
                         "        tome-window translate languages [--json]\n")
        return EXIT_USAGE
    text = " ".join(words) if words else sys.stdin.read().rstrip("\n")
    result = _service().translate(text, args.src, args.dst)
    if args.json:
        _print_json({"ok": True, "from": args.src, "to": args.dst, "text": result})
    else:
        print(result)
    return EXIT_OK
