import datetime as dt

import pytest

from tome_window.domain.definitions import Choice, FieldType, QuestionDef, Validation
from tome_window.domain.validation import check


def q(kind: str, **kw) -> QuestionDef:  # noqa: ANN003
    return QuestionDef(id="x", type=FieldType(kind), label="X", **kw)


def test_date_canonical_and_impossible() -> None:
    assert check(q("date"), "R8.11.20").value == "2026-11-20"
    bad = check(q("date"), "2026-02-30")
    assert not bad.ok and "日付はありません" in bad.error


def test_date_not_future() -> None:
    d = q("date", validation=Validation(not_future=True))
    assert check(d, "2026-11-21", today=dt.date(2026, 11, 22)).ok
    assert "未来" in check(d, "2026-11-23", today=dt.date(2026, 11, 22)).error


def test_postal_code_format_and_existence() -> None:
    known = {"987-0511"}
    d = q("postal_code")
    assert check(d, "９８７０５１１", postal_exists=known.__contains__).value == "987-0511"
    assert "存在しません" in check(d, "999-9999", postal_exists=known.__contains__).error
    assert "7桁" in check(d, "98705", postal_exists=known.__contains__).error


def test_kana_converts_hiragana_and_rejects_kanji() -> None:
    assert check(q("kana"), "とめ　たろう").value == "トメ　タロウ"
    assert "カタカナ" in check(q("kana"), "登米").error


def test_phone() -> None:
    assert check(q("phone"), "０２２０-２２-２１１１").value == "0220-22-2111"
    assert check(q("phone"), "09012345678").ok
    assert not check(q("phone"), "12345").ok


def test_choice_accepts_value_or_label() -> None:
    d = q("choice", choices=(Choice(value="self", label="本人"), Choice(value="proxy", label="代理人")))
    assert check(d, "本人").value == "self"
    assert check(d, "proxy").value == "proxy"
    assert not check(d, "other").ok


def test_number_bounds_and_checkbox() -> None:
    d = q("number", validation=Validation(min=1, max=20))
    assert check(d, "３").value == 3
    assert "以下" in check(d, 21).error
    assert "数字" in check(d, "three").error
    assert check(q("checkbox"), "true").value is True
    assert check(q("checkbox"), None).value is False


def test_text_length_and_pattern() -> None:
    d = q("text", validation=Validation(max_length=3, pattern=r"\d+", pattern_message="数字だけ"))
    assert "3文字以内" in check(d, "1234").error
    assert check(d, "ab").error == "数字だけ"
    assert check(d, "").value is None


@pytest.mark.parametrize("typed", ["とめ　たろう", "ﾄﾒ ﾀﾛｳ", "トメ　タロウ", "とめ ﾀﾛｳ"])
def test_kana_is_normalised_to_full_width_katakana(typed: str) -> None:
    from tome_window.domain.definitions import QuestionDef

    defn = QuestionDef.model_validate({"id": "k", "type": "kana", "label": "フリガナ"})
    checked = check(defn, typed)
    assert (checked.value, checked.error) == ("トメ　タロウ", None)


def test_search_fold_finds_katakana_by_hiragana() -> None:
    from tome_window.domain.text import search_fold

    assert search_fold("ジュウミンヒョウ") == search_fold("じゅうみんひょう") == "じゅうみんひょう"
    assert search_fold("ＩＤ１") == "id1"
