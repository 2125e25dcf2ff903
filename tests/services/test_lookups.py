from tome_window.services import furigana, postal


def test_postal_single_and_shared_codes() -> None:
    assert postal.suggested_address("987-0511") == "宮城県登米市迫町佐沼"
    assert postal.suggested_address("9870601") == "宮城県登米市中田町石森"
    shared = postal.candidates("987-0341")
    assert len(shared) > 1 and all(a.startswith("宮城県登米市豊里町") for a in shared)
    assert postal.suggested_address("987-0341") == "宮城県登米市豊里町"  # only what all share


def test_postal_unknown_and_malformed() -> None:
    assert not postal.exists("999-9999")
    assert postal.candidates("abc") == ()
    assert postal.suggested_address("000-0000") is None


def test_furigana_is_a_reading_or_nothing() -> None:
    assert furigana.suggest("登米　太郎") == "トメ　タロウ"
    assert furigana.suggest("髙橋 﨑子") == "タカハシ　サキコ"
    assert furigana.suggest("Smith") is None
    assert furigana.suggest("  ") is None
