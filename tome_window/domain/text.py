"""Text rules shared by the screen, the paper and the look-ups.

Names on My Number Cards and in resident files may carry ideographic variation sequences
(IVS: a base kanji followed by a variation selector). The exact sequence is the person's
name and is kept in the data; print fonts and readings work on the base character, so the
selector must neither print as an extra 〓 nor change a furigana guess.
"""

from __future__ import annotations

import re

import jaconv

_SELECTORS = re.compile("[\uFE00-\uFE0F\U000E0100-\U000E01EF]")


def base_text(text: str) -> str:
    """The text without variation selectors: what a font draws and a dictionary reads."""
    return _SELECTORS.sub("", text)


def to_katakana(text: str) -> str:
    """Hiragana and half-width katakana as full-width katakana (a reading as forms want it)."""
    return jaconv.hira2kata(jaconv.h2z(text, kana=True, ascii=False, digit=False))


def search_fold(text: str) -> str:
    """Katakana as hiragana and full-width ASCII as half-width, lower case, so that
    'じゅうみん' finds 'ジュウミン' and 'ＩＤ' finds 'id'."""
    return jaconv.kata2hira(jaconv.z2h(text, kana=False, ascii=True, digit=True)).lower()
