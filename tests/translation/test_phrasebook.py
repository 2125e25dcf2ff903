"""The shipped pointing phrasebook: complete in every language, no Japanese script inside a
non-Japanese translation, unique ids; a broken entry is refused naming the phrase."""

from __future__ import annotations

import copy

import pytest
import yaml

from tome_window.domain.errors import DefinitionError
from tome_window.services.phrasebook import (
    KANA,
    KANJI,
    TARGETS,
    default_phrasebook_path,
    load_phrasebook,
    parse,
)


def _raw() -> dict:
    return yaml.safe_load(default_phrasebook_path().read_text(encoding="utf-8"))


def test_complete_and_unique() -> None:
    book = load_phrasebook()
    ids = [p.id for p in book.phrases]
    assert 30 <= len(ids) <= 50 and len(set(ids)) == len(ids)
    assert [g.ja for g in book.groups] == ["お願い", "説明", "質問", "返事"]
    for phrase in book.phrases:
        assert set(phrase.text) == set(TARGETS), phrase.id
    assert {"show_id", "sign_here", "wait_moment", "understood", "say_again",
            "no_japanese", "toilet"} <= set(ids)
    assert any(p.for_side("staff") for p in book.phrases)
    assert any(p.for_side("resident") for p in book.phrases)


def test_no_japanese_script_in_translations() -> None:
    for phrase in load_phrasebook().phrases:
        for code, text in phrase.text.items():
            if code == "ja-easy":
                continue
            assert not KANA.search(text), (phrase.id, code, text)
            if code != "zh-Hans":  # Chinese has its own characters
                assert not KANJI.search(text), (phrase.id, code, text)
            assert phrase.ja not in text, (phrase.id, code)


def test_missing_language_and_unknown_key_are_refused() -> None:
    data = _raw()
    broken = copy.deepcopy(data)
    del broken["groups"][0]["phrases"][0]["text"]["my"]
    with pytest.raises(DefinitionError) as missing:
        parse(broken)
    assert "身分証明書を見せてください" in missing.value.message_ja and "my" in missing.value.message_ja
    broken = copy.deepcopy(data)
    broken["groups"][0]["phrases"][1]["colour"] = "red"
    with pytest.raises(DefinitionError) as unknown:
        parse(broken)
    assert "知らない項目" in unknown.value.message_ja and "colour" in unknown.value.message_ja
    broken = copy.deepcopy(data)
    broken["groups"][0]["phrases"][2]["text"]["en"] = "Please wait (少々お待ちください)."
    with pytest.raises(DefinitionError) as script:
        parse(broken)
    assert "日本語の文字" in script.value.message_ja and "wait_moment" in script.value.message_ja
