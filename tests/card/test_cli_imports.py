"""`card read` stays light: no Qt, no reportlab, no translation code on its path."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.card.conftest import REPO

PROBE = """
import io, json, sys
sys.stdin = io.TextIOWrapper(io.BytesIO(b"1234\\n"))
from tome_window.cli.main import main
try:
    main(["card", "read", "--pin-stdin", "--json", "--reader", "no reader here"])
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "reportlab", "argostranslate", "shiboken6"))
sys.__stdout__.write("MODULES " + json.dumps(heavy) + "\\n")
"""


def test_card_read_imports_no_qt_reportlab_or_translation() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("MODULES ")]
    assert line, result.stdout + result.stderr
    assert json.loads(line[0][len("MODULES ") :]) == []
    # the read really ran (and reached pyscard: see below) instead of dying on an import
    assert "Traceback" not in result.stderr, result.stderr


def test_card_read_really_reaches_pyscard() -> None:
    probe = PROBE.replace('"MODULES "', '"SC "').replace(
        'm.split(".")[0] in ("PySide6", "reportlab", "argostranslate", "shiboken6")',
        'm == "smartcard.scard"',
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert 'SC ["smartcard.scard"]' in result.stdout, result.stdout + result.stderr
