"""Sentence splitting by punctuation, with nothing to download.

argos-translate splits text into sentences with MiniSBD (an ONNX model fetched from GitHub
on first use) or, by setting, spaCy or Stanza (also fetched). A counter has no network, and a
first resident must not wait for a download that will never finish, so the models are never
asked to split: this module does it from the punctuation that ends sentences in the
languages the counter serves. Japanese and Chinese 。！？ end a sentence wherever they stand;
Latin . ! ? only before a space or the end, so that 3.5, example.com and 1,000.50 stay whole;
Devanagari । ॥ (Nepali) and Burmese ။ as well. Closing brackets and quotes stay with their
sentence, and a quotation the sentence goes on after (「はい。」と言った。) is not cut.
Mistakes ("Mr. Tanaka") cost a slightly worse translation, never a failure.
"""

from __future__ import annotations

import re

_CLOSERS = "」』）)]】〕\"'”’»"
_BOUNDARY = re.compile(
    rf"(?:[。！？｡!?！？]*[。！？｡।॥။][。！？｡!?]*"  # CJK, Devanagari, Burmese: always an end
    rf"|[.!?]+(?=[\s{re.escape(_CLOSERS)}]|$))"  # Latin: only before a space, quote or end
    rf"[{re.escape(_CLOSERS)}]*\s*"
)
MAX_CHARS = 400  # a model's window; longer runs are cut at a space or comma


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, each with its own end mark, blanks dropped."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _quoted(text, match):
            continue
        if match.end() > start:
            out.extend(_cut_long(text[start:match.end()].strip()))
            start = match.end()
    out.extend(_cut_long(text[start:].strip()))
    return [s for s in out if s]


def _quoted(text: str, match: re.Match[str]) -> bool:
    """「はい。」と言った: a quotation's end inside a sentence that goes on."""
    mark = match.group().rstrip()
    return mark[-1:] in "」』" and match.end() < len(text) and not text[match.end()].isspace() \
        and mark == match.group()


def split_paragraphs(text: str) -> list[str]:
    """Lines as argos sees them: each newline-separated part is translated on its own."""
    return text.split("\n")


def _cut_long(sentence: str) -> list[str]:
    """An unpunctuated run longer than a model's window, cut where a reader would pause."""
    pieces: list[str] = []
    while len(sentence) > MAX_CHARS:
        window = sentence[:MAX_CHARS]
        cut = max(window.rfind(sep) for sep in (" ", "、", ",", "，"))
        cut = cut + 1 if cut > MAX_CHARS // 2 else MAX_CHARS
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    pieces.append(sentence)
    return pieces
