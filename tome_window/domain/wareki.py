"""和暦: show dates the way Japanese forms print them, and read what staff type.

A five-row era table is all the counter needs (明治 to 令和); keeping it here, pure and
tested, means a new era is one line, and parsing accepts what clerks actually type
(令和8年11月22日, R8.11.22, 2026/11/22, full-width digits, 元年).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date
    first_year: int = 0  # the Gregorian year of 元年, when it differs from start.year

    @property
    def year_one(self) -> int:
        return self.first_year or self.start.year


ERAS: tuple[Era, ...] = (
    Era("令和", "R", dt.date(2019, 5, 1)),
    Era("平成", "H", dt.date(1989, 1, 8)),
    Era("昭和", "S", dt.date(1926, 12, 25)),
    Era("大正", "T", dt.date(1912, 7, 30)),
    Era("明治", "M", dt.date(1873, 1, 1), 1868),  # solar calendar dates only
)
_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}

_ERA_RE = re.compile(r"^(令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$")
_WEST_RE = re.compile(r"^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$")


class DateParseError(ValueError):
    """A date that does not exist or cannot be read, with a Japanese message."""

    def __init__(self, message_ja: str) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja


def era_of(day: dt.date) -> Era | None:
    for era in ERAS:
        if day >= era.start:
            return era
    return None


def to_wareki(day: dt.date, *, with_weekday: bool = False) -> str:
    """令和8年11月22日 (元年 for the first year); 西暦 before 明治6."""
    era = era_of(day)
    if era is None:
        text = f"{day.year}年{day.month}月{day.day}日"
    else:
        year = day.year - era.year_one + 1
        text = f"{era.name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    if with_weekday:
        text += f"({'月火水木金土日'[day.weekday()]})"
    return text


def to_seireki(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_iso(value: str, style: str = "wareki") -> str:
    """A stored ISO date as forms and screens show it (和暦, or 西暦 by a procedure's
    setting); anything that is not an ISO date is shown as it is."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return to_wareki(day) if style == "wareki" else to_seireki(day)


def parse_date(text: str) -> dt.date:
    """Read a date as staff type it; raise DateParseError naming what is wrong."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        raise DateParseError("日付が入力されていません")
    if re.fullmatch(r"\d{8}", raw):
        raw = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    m = _ERA_RE.match(raw)
    if m:
        era = _BY_NAME[m.group(1).upper()]
        year_in_era = 1 if m.group(2) == "元" else int(m.group(2))
        if year_in_era < 1:
            raise DateParseError(f"{era.name}0年という年はありません")
        year = era.year_one + year_in_era - 1
        day = _make(year, int(m.group(3)), int(m.group(4)), raw)
        if day < era.start or era_of(day) is not era and _later_era_started(era, day):
            raise DateParseError(f"{raw} は{era.name}の期間にない日付です")
        return day
    m = _WEST_RE.match(raw)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    raise DateParseError(f"日付の形式が読み取れません: {text}(例: 令和8年11月22日、2026-11-22)")


def _later_era_started(era: Era, day: dt.date) -> bool:
    later = [e for e in ERAS if e.start > era.start]
    return any(day >= e.start for e in later)


def _make(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateParseError(f"{raw} という日付はありません(月と日を確認してください)") from None
