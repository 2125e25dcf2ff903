"""The offline splitter: the end marks of the counter's languages; nothing learned or fetched."""

from __future__ import annotations

import pytest

from tome_window.services.translation.splitter import MAX_CHARS, split_sentences


@pytest.mark.parametrize(("text", "sentences"), [
    ("住民票をください。転入はどこ？はい！", ["住民票をください。", "転入はどこ？", "はい！"]),
    ("Hello. It costs 3.5 yen at example.com! Really?",
     ["Hello.", "It costs 3.5 yen at example.com!", "Really?"]),
    ("नमस्ते। म ठीक छु।", ["नमस्ते।", "म ठीक छु।"]),
    ("မင်္ဂလာပါ။ ကျေးဇူးပါ။", ["မင်္ဂလာပါ။", "ကျေးဇူးပါ။"]),
    ("「はい。」と言った。次", ["「はい。」と言った。", "次"]),
    ('He said "Go." Then left.', ['He said "Go."', "Then left."]),
    ("本当ですか！？はい。", ["本当ですか！？", "はい。"]),
    ("no end mark", ["no end mark"]),
    ("   ", []),
])
def test_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_unpunctuated_run_is_cut_at_a_space() -> None:
    text = " ".join(["word"] * 300)
    parts = split_sentences(text)
    assert all(len(p) <= MAX_CHARS for p in parts)
    assert " ".join(parts) == text
