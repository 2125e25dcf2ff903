"""`tome-window card read|status|simulate`: the card stack without a screen.

IT staff use it to check a counter's reader, scripts and tests use it to read a card, and
training uses ``simulate`` to put the virtual card on the vpcd reader. It must stay light:
pyscard and the device modules are imported inside the handlers, and nothing on this path
imports Qt, reportlab or translation code (tests/card/test_cli_imports.py checks it).
The PIN is read from one line of standard input into a buffer that is wiped after VERIFY.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0


def register(subparsers: Any) -> None:
    card = subparsers.add_parser(
        "card", help="マイナンバーカードの読み取り・リーダー確認・練習用カード"
    )
    sub = card.add_subparsers(dest="card_command", metavar="ACTION", required=True)

    read = sub.add_parser("read", help="カードの基本4情報を読み取る (暗証番号は標準入力から)")
    read.add_argument(
        "--reader", help="使うリーダーの名前 (一部でも可; 既定: カードのあるリーダー)"
    )
    read.add_argument(
        "--with-my-number", action="store_true", help="個人番号も読み取る (手続に必要な場合のみ)"
    )
    read.add_argument("--json", action="store_true", help="JSON で出力する")
    read.add_argument(
        "--pin-stdin", action="store_true", help="暗証番号(4桁)を標準入力の1行から読む"
    )
    read.add_argument(
        "--confirm-last-try",
        action="store_true",
        help="残り1回でも照合する (職員が本人と確認済みの場合のみ)",
    )
    read.set_defaults(handler=_read)

    status = sub.add_parser("status", help="リーダーとカードの状態、暗証番号の残り回数を表示")
    status.add_argument("--json", action="store_true", help="JSON で出力する")
    status.set_defaults(handler=_status)

    sim = sub.add_parser("simulate", help="練習用の仮想マイナンバーカードを vpcd リーダーに置く")
    sim.add_argument("--profile", required=True, help="カードプロファイル (JSON; devices/cards/)")
    sim.add_argument("--port", type=int, default=35963, help="vpcd のポート (既定 35963)")
    sim.add_argument("--host", default="127.0.0.1", help="vpcd のホスト (既定 127.0.0.1)")
    sim.set_defaults(handler=_simulate)


def _read_pin_line() -> bytearray:
    """One line from stdin into a bytearray, byte by byte, so no str copy of the PIN exists."""
    pin = bytearray()
    if hasattr(os, "readv"):
        one = bytearray(1)
        while len(pin) < 64 and os.readv(0, [one]) == 1 and one[0] not in (0x0A, 0x0D):
            pin += one
        one[0] = 0
    else:  # Windows: no unbuffered readinto on a console; best effort
        pin += sys.stdin.buffer.readline().rstrip(b"\r\n")
    return pin


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _fail(exc: Any, as_json: bool) -> int:
    _print_json(exc.to_json())
    if not as_json:
        sys.stderr.write(exc.message_ja + "\n")
    return int(exc.exit_code)


def _read(args: argparse.Namespace) -> int:
    from tome_window.devices.card_reader import CardReader
    from tome_window.devices.errors import CardError
    from tome_window.devices.mynumber import mask_my_number

    if args.pin_stdin:
        pin = _read_pin_line()
    elif sys.stdin.isatty():
        import getpass

        pin = bytearray(getpass.getpass("暗証番号(数字4桁): ").encode("ascii", "replace"))
    else:
        sys.stderr.write("暗証番号は --pin-stdin で標準入力から渡してください。\n")
        return 2
    reader = CardReader(reader=args.reader)
    try:
        resident = reader.read(
            pin, with_my_number=args.with_my_number, confirm_last_try=args.confirm_last_try
        )
    except CardError as exc:
        return _fail(exc, args.json)
    finally:
        reader.worker.shutdown(wait=False)
    out = {
        "name": resident.name,
        "address": resident.address,
        "birth_date": resident.birth_date.isoformat(),
        "sex": resident.sex,
    }
    if args.with_my_number and resident.my_number:
        out["my_number"] = resident.my_number
    if args.json:
        _print_json(out)
    else:
        labels = {"name": "氏名", "address": "住所", "birth_date": "生年月日", "sex": "性別"}
        for key, label in labels.items():
            print(f"{label}: {out[key]}")
        if "my_number" in out:
            print(f"個人番号: {mask_my_number(resident.my_number)}")
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from tome_window.devices.card_reader import CardReader
    from tome_window.devices.errors import CardError

    reader = CardReader()
    try:
        reports = reader.status()
    except CardError as exc:
        return _fail(exc, args.json)
    finally:
        reader.worker.shutdown(wait=False)
    if args.json:
        _print_json({"readers": [r.to_json() for r in reports]})
        return EXIT_OK
    if not reports:
        print("カードリーダーが見つかりません。")
    for r in reports:
        if not r.card_present:
            state = "カードなし"
        elif r.my_number_card:
            state = f"マイナンバーカード (暗証番号の残り回数: {r.tries_left if r.tries_left is not None else '照合済み'})"
        else:
            state = f"カードあり (マイナンバーカードではありません: {r.error})"
        print(f"{r.name}: {state}")
    return EXIT_OK


def resolve_profile(name: str) -> Path:
    """A profile path as given, or a name in the bundled devices/cards/ folder."""
    path = Path(name)
    if path.is_file():
        return path
    bundled = Path(__file__).resolve().parents[2] / "devices" / "cards"
    for candidate in (bundled / name, bundled / f"{name}.json"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


def _simulate(args: argparse.Namespace) -> int:
    import signal
    import threading

    from tome_window.devices.virtual_card import CardProfile, VirtualMyNumberCard
    from tome_window.devices.vpcd import VpcdCardServer

    try:
        profile = CardProfile.load(resolve_profile(args.profile))
    except (OSError, ValueError, TypeError) as exc:
        sys.stderr.write(f"カードプロファイルを読み込めません: {args.profile} ({exc})\n")
        return 1
    card = VirtualMyNumberCard(profile)
    server = VpcdCardServer(card, host=args.host, port=args.port).start()
    print(
        f"練習用カード「{profile.label}」を {args.host}:{args.port} のリーダーに置きます。"
        "終了は Ctrl-C。",
        flush=True,
    )
    if not server.wait_connected(5):
        print(
            "vpcd に接続できません。pcscd と vsmartcard-vpcd を確認してください"
            " (bash scripts/pcscd.sh)。接続を待ち続けます。",
            flush=True,
        )

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        print(f"終了しました (APDU {card.apdu_count} 件)。", flush=True)
    return EXIT_OK
