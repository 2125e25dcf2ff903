import datetime as dt

import pytest

from tome_window.domain.wareki import DateParseError, parse_date, to_seireki, to_wareki


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2026, 11, 22), "令和8年11月22日"),
    (dt.date(2019, 5, 1), "令和元年5月1日"),
    (dt.date(2019, 4, 30), "平成31年4月30日"),
    (dt.date(1989, 1, 8), "平成元年1月8日"),
    (dt.date(1989, 1, 7), "昭和64年1月7日"),
    (dt.date(1926, 12, 25), "昭和元年12月25日"),
    (dt.date(1926, 12, 24), "大正15年12月24日"),
    (dt.date(1912, 7, 30), "大正元年7月30日"),
    (dt.date(1900, 1, 1), "明治33年1月1日"),
])
def test_wareki_era_boundaries(day: dt.date, text: str) -> None:
    assert to_wareki(day) == text
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["R8.11.22", "r8/11/22", "令和８年１１月２２日", "2026/11/22",
                                  "2026-11-22", "20261122", "2026年11月22日", " R 8.11.22 "])
def test_parse_what_clerks_type(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 11, 22)


@pytest.mark.parametrize(("text", "fragment"), [
    ("2026-02-30", "日付はありません"),
    ("令和8年2月30日", "日付はありません"),
    ("平成31年5月1日", "期間にない"),
    ("令和0年1月1日", "0年"),
    ("昨日", "読み取れません"),
    ("", "入力されていません"),
])
def test_impossible_dates_are_named(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert fragment in info.value.message_ja


def test_weekday_and_seireki() -> None:
    assert to_wareki(dt.date(2026, 11, 22), with_weekday=True) == "令和8年11月22日(日)"
    assert to_seireki(dt.date(2026, 11, 22)) == "2026年11月22日"


def test_stored_dates_as_shown() -> None:
    from tome_window.domain.wareki import format_iso

    assert format_iso("2026-11-22") == "令和8年11月22日"
    assert format_iso("2026-11-22", "seireki") == "2026年11月22日"
    assert format_iso("令和8年2月30日") == "令和8年2月30日"  # not a stored date: shown as typed
