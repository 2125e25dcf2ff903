"""The interface catalogs (translations/*.ts): complete for the resident, faithful to the code.

A resident-facing string left untranslated would show Japanese to someone who chose another
language; a changed placeholder would crash `.format` or drop a number on screen; a string
added to the code but not to the catalogs would silently stay Japanese. Each is a failure.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO
from tome_window.domain.languages import LANGUAGES, SOURCE

TRANSLATIONS = REPO / "translations"
TARGETS = [lang.code for lang in LANGUAGES if lang.code != SOURCE]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%\d")
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: {name}: message without <translation>"
            found.append((name, message.findtext("source") or "", translation))
    return found


def resident_contexts() -> frozenset[str]:
    from tome_window.views.i18n import RESIDENT_CONTEXTS

    return RESIDENT_CONTEXTS


def test_one_catalog_per_language() -> None:
    present = {p.stem.removeprefix("tome_window_") for p in TRANSLATIONS.glob("tome_window_*.ts")}
    assert present == set(TARGETS)


@pytest.mark.parametrize("code", TARGETS)
def test_every_resident_string_is_translated(code: str) -> None:
    path = TRANSLATIONS / f"tome_window_{code}.ts"
    contexts = resident_contexts()
    missing = [f"{ctx}: {src}" for ctx, src, tr in messages(path)
               if ctx in contexts and (tr.get("type") in ("unfinished", "obsolete", "vanished")
                                       or not (tr.text or "").strip())]
    assert not missing, f"{path.name} leaves resident-facing strings untranslated:\n" + "\n".join(missing)


@pytest.mark.parametrize("code", TARGETS)
def test_placeholders_match_the_source(code: str) -> None:
    path = TRANSLATIONS / f"tome_window_{code}.ts"
    wrong = []
    for ctx, src, tr in messages(path):
        text = tr.text or ""
        if text.strip() and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(src)):
            wrong.append(f"{ctx}: {src!r} → {text!r}")
    assert not wrong, f"{path.name} changes placeholders:\n" + "\n".join(wrong)


def test_catalogs_hold_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    """lupdate over today's code finds no string the catalogs lack, and none they keep in vain."""
    if not LUPDATE.exists():
        pytest.skip("pyside6-lupdate is not installed in this environment")
    fresh = tmp_path / "fresh.ts"
    done = subprocess.run([str(LUPDATE), "-extensions", "py", "-source-language", "ja_JP",
                           "-no-obsolete", "-locations", "none", str(REPO / "tome_window" / "views"),
                           "-ts", str(fresh)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    in_code = {(ctx, src) for ctx, src, _ in messages(fresh)}
    for code in TARGETS:
        path = TRANSLATIONS / f"tome_window_{code}.ts"
        in_catalog = {(ctx, src) for ctx, src, _ in messages(path)}
        new = sorted(in_code - in_catalog)
        stale = sorted(in_catalog - in_code)
        assert not new, f"{path.name} lacks strings of the code (run pyside6-lupdate): {new[:5]}"
        assert not stale, f"{path.name} keeps strings the code no longer has: {stale[:5]}"


def test_card_messages_follow_the_device_layer() -> None:
    """The pad translates the card's errors by their Japanese text: both must stay equal."""
    from tome_window.devices.errors import KINDS
    from tome_window.views.identity_card import CARD_MESSAGES

    for code, source in CARD_MESSAGES.items():
        assert source == KINDS[code].message_ja, code


@pytest.mark.parametrize("code", TARGETS)
def test_catalog_compiles(code: str, tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed in this environment")
    qm = tmp_path / f"{code}.qm"
    subprocess.run([str(lrelease), "-silent", str(TRANSLATIONS / f"tome_window_{code}.ts"),
                    "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("ConfirmPage", "内容をご確認ください")
