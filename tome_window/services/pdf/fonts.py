"""Japanese fonts for the printed forms, and the 外字 check that must run before drawing.

BIZ UD fonts are the city's choice for legibility and come with Windows 10+ and Debian
(fonts-morisawa-bizud-*); IPAex is the fallback. A character the font lacks would print
as an empty box on an official form, so every value is checked first and staff are told.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tome_window.domain.errors import TomeError

GETA = "〓"  # the customary stand-in for a character that cannot be printed

_LINUX = Path("/usr/share/fonts")
_WIN = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
CANDIDATES: dict[str, list[tuple[Path, int]]] = {
    "gothic": [
        (_LINUX / "truetype/bizud-gothic/BIZUDGothic-Regular.ttf", 0),
        (_WIN / "BIZ-UDGothicR.ttc", 0),
        (_LINUX / "opentype/ipaexfont-gothic/ipaexg.ttf", 0),
        (_LINUX / "truetype/fonts-japanese-gothic.ttf", 0),
        (_WIN / "ipaexg.ttf", 0),
    ],
    "mincho": [
        (_LINUX / "truetype/bizud-mincho/BIZUDMincho-Regular.ttf", 0),
        (_WIN / "BIZ-UDMinchoM.ttc", 0),
        (_LINUX / "opentype/ipaexfont-mincho/ipaexm.ttf", 0),
        (_LINUX / "truetype/fonts-japanese-mincho.ttf", 0),
        (_WIN / "ipaexm.ttf", 0),
    ],
}


class PdfError(TomeError):
    """The PDF could not be made: no Japanese font, or the file could not be written."""


@dataclass(frozen=True)
class GaijiHit:
    """A character the print font lacks, and where it occurs."""

    ref: str
    char: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def message(self) -> str:
        return f"「{self.char}」({self.codepoint}) は印刷用フォントにない文字(外字)です: {self.ref}"


@dataclass(frozen=True)
class FontSet:
    gothic: str
    mincho: str
    gothic_path: Path
    mincho_path: Path
    coverage: frozenset[int]

    def missing(self, text: str) -> list[str]:
        return [ch for ch in dict.fromkeys(text) if ord(ch) not in self.coverage and ch.isprintable()
                and ch not in " \u3000"]

    def printable(self, text: str) -> str:
        """The text with each missing character replaced by 〓 (reported beforehand)."""
        return "".join(GETA if ord(ch) not in self.coverage and ch not in "\n" else ch
                       for ch in text)


_lock = threading.Lock()
_loaded: FontSet | None = None


def load_fonts() -> FontSet:
    """Register the fonts with reportlab once per process (parsing a TTF costs ~50 ms)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _register()
        return _loaded


def _register() -> FontSet:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chosen: dict[str, tuple[Path, TTFont]] = {}
    override = os.environ.get("TOME_WINDOW_PDF_FONT")
    for role, candidates in CANDIDATES.items():
        options = ([(Path(override), 0)] if override else []) + candidates
        for path, index in options:
            if not path.exists():
                continue
            try:
                font = TTFont(f"Tome-{role}", str(path), subfontIndex=index)
            except Exception:  # noqa: BLE001 - an unreadable font file: try the next one
                continue
            pdfmetrics.registerFont(font)
            chosen[role] = (path, font)
            break
    if "gothic" not in chosen:
        hint = ("fonts-morisawa-bizud-gothic をインストールしてください" if sys.platform != "win32"
                else "BIZ UDゴシック (Windows 10 以降に同梱) を確認してください")
        raise PdfError(f"印刷用の日本語フォントが見つかりません。{hint}",
                       "no Japanese TrueType font found for PDF output")
    if "mincho" not in chosen:
        chosen["mincho"] = chosen["gothic"]
    cmap = chosen["gothic"][1].face.charToGlyph
    return FontSet(chosen["gothic"][1].fontName, chosen["mincho"][1].fontName,
                   chosen["gothic"][0], chosen["mincho"][0], frozenset(cmap))


def find_gaiji(values: Iterable[tuple[str, str]], fonts: FontSet | None = None) -> list[GaijiHit]:
    """Every (ref, text) pair's characters the font cannot draw, before anything is drawn."""
    fonts = fonts or load_fonts()
    hits: list[GaijiHit] = []
    for ref, text in values:
        hits.extend(GaijiHit(ref, ch) for ch in fonts.missing(text))
    return hits
