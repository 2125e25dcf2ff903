"""Furigana suggestions for names (pykakasi, offline). Always a suggestion: readings of
Japanese names cannot be derived with certainty, so staff confirm or correct them.

pykakasi unpickles a ~100 MB table; a visit needs one or two readings, so the table is
loaded for a batch of names and released straight after, and readings are cached. The GUI
asks for readings off its thread (`Lookups.furigana` answers from the cache there).
"""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable

from tome_window.domain.text import base_text

# Variant kanji (異体字) common in names, read as their standard form; the name itself is
# never changed, only the reading is looked up this way.
_ITAIJI = str.maketrans("髙﨑𠮷邊邉齋齊澤濱廣國榮惠藏德", "高崎吉辺辺斎斉沢浜広国栄恵蔵徳")
_lock = threading.Lock()
_cache: OrderedDict[str, str | None] = OrderedDict()
_CACHE_SIZE = 256


def cached(name: str) -> tuple[bool, str | None]:
    with _lock:
        if name in _cache:
            return True, _cache[name]
    return False, None


def suggest(name: str) -> str | None:
    """Katakana reading, keeping the space between family and given name; None if unsure."""
    return suggest_many([name])[name]


def suggest_many(names: Iterable[str]) -> dict[str, str | None]:
    names = list(dict.fromkeys(names))
    with _lock:
        todo = [n for n in names if n not in _cache]
        if todo:
            import pykakasi

            kakasi = pykakasi.kakasi()
            try:
                for name in todo:
                    _cache[name] = _reading(kakasi, name)
                    while len(_cache) > _CACHE_SIZE:
                        _cache.popitem(last=False)
            finally:
                del kakasi
                _release()
        return {n: _cache.get(n) for n in names}


def _reading(kakasi: object, name: str) -> str | None:
    if not name.strip():
        return None
    parts = []
    for word in base_text(name).replace("\u3000", " ").translate(_ITAIJI).split():
        reading = "".join(item["kana"] for item in kakasi.convert(word))  # type: ignore[attr-defined]
        if not reading or any(not _is_kana(ch) for ch in reading):
            return None  # no reading rather than a wrong one
        parts.append(reading)
    return "\u3000".join(parts) or None


def _release() -> None:
    """Drop pykakasi's shared dictionary (a Borg singleton) and give the memory back."""
    from pykakasi import kanji

    state = getattr(getattr(kanji, "Kanwa", None), "_shared_state", None)
    if isinstance(state, dict) and "_jisyo_table" in state:
        state["_jisyo_table"] = None
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except OSError:
            pass


def _is_kana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or ch in "ー・"
