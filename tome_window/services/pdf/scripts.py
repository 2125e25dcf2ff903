"""Fonts for text in the resident's language, beside the Japanese of the official forms.

The Japanese fonts (BIZ UD, IPAex) cover Latin but not Vietnamese letters with two marks
(ế, ự …), Hangul, simplified Chinese or Indic and Burmese scripts, and a missing glyph
prints as an empty box. So every printout in the resident's language asks `font_for` with
the text itself: the Japanese font when it covers every character (and the language is not
one whose readers expect their own glyph shapes, as Chinese and Korean readers do), else the
first installed font of that script that covers it all, else the one that covers most.
Fonts are registered with reportlab on first use and their character maps cached.

Shaping: Devanagari (Nepali) and Burmese need glyph reordering and conjuncts. reportlab ≥ 4.1
shapes through HarfBuzz when the optional `uharfbuzz` package is installed (drawString with
shaping=True; without it the flag is ignored). Without uharfbuzz those scripts print with
every letter present but unjoined: readable with effort, not typographically correct.
`needs_shaping` and `shaping_available` let a caller say so.
"""

from __future__ import annotations

import logging
import os
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tome_window.services.pdf.fonts import FontSet, load_fonts

log = logging.getLogger(__name__)

_LINUX = Path("/usr/share/fonts")
_WIN = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"

# Per script: (reportlab name, file, subfont index), preferred first; Debian then Windows.
SCRIPT_FONTS: dict[str, list[tuple[str, Path, int]]] = {
    "latin": [("Tome-Latin", _LINUX / "truetype/noto/NotoSans-Regular.ttf", 0),
              ("Tome-Latin-DejaVu", _LINUX / "truetype/dejavu/DejaVuSans.ttf", 0),
              ("Tome-Latin-Segoe", _WIN / "segoeui.ttf", 0),
              ("Tome-Latin-Arial", _WIN / "arial.ttf", 0)],
    "hangul": [("Tome-Hangul", _LINUX / "truetype/nanum/NanumGothic.ttf", 0),
               ("Tome-Hangul-Malgun", _WIN / "malgun.ttf", 0)],
    "hans": [("Tome-Hans", _LINUX / "truetype/wqy/wqy-microhei.ttc", 0),
             ("Tome-Hans-YaHei", _WIN / "msyh.ttc", 0),
             ("Tome-Hans-SimSun", _WIN / "simsun.ttc", 0)],
    "devanagari": [("Tome-Deva", _LINUX / "truetype/noto/NotoSansDevanagari-Regular.ttf", 0),
                   ("Tome-Deva-Nirmala", _WIN / "Nirmala.ttf", 0)],
    "myanmar": [("Tome-Mymr", _LINUX / "truetype/noto/NotoSansMyanmar-Regular.ttf", 0),
                ("Tome-Mymr-Text", _WIN / "mmrtext.ttf", 0)],
}
# Languages whose readers expect their own glyph shapes even where the Japanese font has them.
OWN_SHAPES = {"zh": "hans", "zh-Hans": "hans", "ko": "hangul"}
SHAPED_SCRIPTS = frozenset({"devanagari", "myanmar"})


@dataclass(frozen=True)
class _Loaded:
    name: str
    coverage: frozenset[int]


_lock = threading.Lock()
_loaded: dict[str, _Loaded | None] = {}


def script_of(ch: str) -> str:
    """A coarse script class: enough to pick a font family."""
    cp = ord(ch)
    if 0x0900 <= cp <= 0x097F:
        return "devanagari"
    if 0x1000 <= cp <= 0x109F or 0xAA60 <= cp <= 0xAA7F:
        return "myanmar"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3040 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
        return "han"
    return "latin"


def scripts_in(text: str) -> set[str]:
    return {script_of(ch) for ch in text if not ch.isspace() and not ch.isdigit()
            and unicodedata.category(ch)[0] in "LM"}


def _load(name: str, path: Path, index: int) -> _Loaded | None:
    with _lock:
        if name in _loaded:
            return _loaded[name]
        found: _Loaded | None = None
        if path.exists():
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            try:
                font = TTFont(name, str(path), subfontIndex=index)
                pdfmetrics.registerFont(font)
                found = _Loaded(name, frozenset(font.face.charToGlyph))
            except Exception as exc:  # noqa: BLE001 - an unusable font file: try the next one
                log.warning("font %s unusable: %s", path, exc)
        _loaded[name] = found
        return found


def first_font(script: str) -> str | None:
    """The first usable face of a script in SCRIPT_FONTS, registered with reportlab."""
    for name, path, index in SCRIPT_FONTS.get(script, []):
        loaded = _load(name, path, index)
        if loaded is not None:
            return loaded.name
    return None


@lru_cache(maxsize=32)
def coverage_of(font: str) -> frozenset[int]:
    """Code points a registered reportlab font can draw."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font), "face", None)
    return frozenset(getattr(face, "charToGlyph", {}) or ())


def _covers(coverage: frozenset[int], text: str) -> int:
    return sum(1 for ch in text if ord(ch) in coverage or ch.isspace())


def font_for(text: str, language: str | None = None, fonts: FontSet | None = None) -> str:
    """The reportlab font name that draws all of `text` (see the module docstring)."""
    fonts = fonts or load_fonts()
    scripts = scripts_in(text)
    own = OWN_SHAPES.get(language or "") or OWN_SHAPES.get((language or "").split("-")[0])
    if own is None and all(ord(ch) in fonts.coverage or ch.isspace() for ch in text):
        return fonts.gothic
    order = ([own] if own else []) + sorted(scripts - {"han", "latin"}) + ["latin", "hans"]
    best, best_score = fonts.gothic, _covers(fonts.coverage, text)
    for script in dict.fromkeys(order):
        for name, path, index in SCRIPT_FONTS.get(script, []):
            loaded = _load(name, path, index)
            if loaded is None:
                continue
            score = _covers(loaded.coverage, text)
            if score == len(text):
                return loaded.name
            if score > best_score:
                best, best_score = loaded.name, score
    return best


def needs_shaping(text: str) -> bool:
    return bool(scripts_in(text) & SHAPED_SCRIPTS)


def shaped(text: str, font: str, size: float) -> tuple[str, float]:
    """Text ready to draw and its advance: HarfBuzz-shaped where the script needs it.

    reportlab shapes inside drawString only with its bidi package; `shapeStr` needs only
    uharfbuzz, so Devanagari and Myanmar are shaped here and drawn as given."""
    if needs_shaping(text):
        try:
            from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

            result = shapeStr(text, font, size)
            if isinstance(result, ShapedStr):
                advance = sum(d.x_advance for d in result.__shapeData__) * size / 1000
                return result, advance
        except Exception:  # noqa: BLE001 - no uharfbuzz: letters unjoined but all present
            pass
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return text, stringWidth(text, font, size)


def shaping_available() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width` points: at spaces where the text has them (Latin, Korean,
    Vietnamese, Nepali), anywhere in Japanese and Chinese."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ") if " " in para else list(para)
        joiner = " " if " " in para else ""
        line = ""
        for word in words:
            candidate = f"{line}{joiner}{word}" if line else word
            if line and stringWidth(candidate, font, size) > width and word not in "、。）」":
                lines.append(line)
                line = word
            else:
                line = candidate
            while stringWidth(line, font, size) > width and len(line) > 1:  # one long word
                cut = len(line)
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines
