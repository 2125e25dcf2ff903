"""Furigana suggestions for names (pykakasi, offline). Always a suggestion: readings of
Japanese names cannot be derived with certainty, so staff confirm or correct them."""

from __future__ import annotations

import threading
from typing import Any

# Variant kanji (異体字) common in names, read as their standard form; the name itself is
# never changed, only the reading is looked up this way.
_ITAIJI = str.maketrans("髙﨑𠮷邊邉齋齊澤濱廣國榮惠藏德", "高崎吉辺辺斎斉沢浜広国栄恵蔵徳")
_lock = threading.Lock()
_kakasi: Any = None


def _converter() -> Any:
    global _kakasi
    with _lock:
        if _kakasi is None:
            import pykakasi  # ~0.5 s to load its dictionaries: done once, off the GUI thread

            _kakasi = pykakasi.kakasi()
        return _kakasi


def warm_up() -> None:
    _converter()


def suggest(name: str) -> str | None:
    """Katakana reading, keeping the space between family and given name."""
    if not name.strip():
        return None
    parts = []
    for word in name.replace("\u3000", " ").translate(_ITAIJI).split():
        reading = "".join(item["kana"] for item in _converter().convert(word))
        if not reading or any(not _is_kana(ch) for ch in reading):
            return None  # no reading rather than a wrong one
        parts.append(reading)
    return "\u3000".join(parts) or None


def _is_kana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or ch in "ー・"
