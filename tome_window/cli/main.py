"""`tome-window`: with no subcommand it opens the counter GUI; subcommands reach the services."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tome_window import __version__

if TYPE_CHECKING:
    import argparse

# Each module has register(subparsers); kept as names so that unused ones are never imported.
SUBCOMMAND_MODULES = (
    "tome_window.cli.forms_cmd",
    "tome_window.cli.fill_cmd",
    "tome_window.cli.card_cmd",
    "tome_window.cli.visits_cmd",
    "tome_window.cli.export_cmd",
    "tome_window.cli.translate_cmd",
    "tome_window.cli.print_cmd",
    "tome_window.cli.keys_cmd",
    "tome_window.cli.audit_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="tome-window",
        description="登米市 書かない窓口 — 窓口端末ソフト (Tome Window)",
    )
    parser.add_argument("--version", action="version", version=f"tome-window {__version__}")
    parser.add_argument("--db", help="SQLAlchemy URL (既定: ユーザーデータフォルダの SQLite)")
    parser.add_argument("--forms", help="様式定義フォルダ (既定: 同梱の forms/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="詳しいログ (英語)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    gui = sub.add_parser("gui", help="窓口画面を開く (既定)")
    gui.set_defaults(handler=_run_gui)
    return parser


def _run_gui(args: Any) -> int:
    from tome_window.views.app import run_gui

    return run_gui(args)


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if not args_list:  # the counter's everyday start: straight to the window, nothing else loaded
        return _run_gui(None)
    import logging

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    _apply_global_options(args)
    handler = getattr(args, "handler", None) or _run_gui
    try:
        code = int(handler(args) or 0)
        sys.stdout.flush()  # a closed pipe (`| head`) surfaces here, not at interpreter exit
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    return code


def _silence_stdout() -> None:
    """The reader went away: point stdout at devnull so Python's final flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (captured in tests)
        pass


def _apply_global_options(args: argparse.Namespace) -> None:
    import os

    if args.db:
        os.environ["TOME_WINDOW_DB_URL"] = args.db
    if args.forms:
        os.environ["TOME_WINDOW_FORMS"] = args.forms


if __name__ == "__main__":
    sys.exit(main())
