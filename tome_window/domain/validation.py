"""Turn what staff or residents typed into a canonical value, or say plainly what is wrong.

Values are kept canonical (dates ISO, postal codes NNN-NNNN, katakana readings, numbers as
int, checkboxes as bool) so that every form prints the same fact the same way; messages are
Japanese because they are shown at the counter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tome_window.domain import my_number
from tome_window.domain.definitions import FieldType, QuestionDef
from tome_window.domain.wareki import DateParseError, parse_date

PostalCheck = Callable[[str], bool]

_KANA_OK = re.compile(r"^[\u30A0-\u30FF\u3000 ・ー－]+$")
_PHONE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")
_POSTAL = re.compile(r"^(\d{3})-?(\d{4})$")


@dataclass(frozen=True)
class Checked:
    value: Any
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check(defn: QuestionDef, raw: Any, *, postal_exists: PostalCheck | None = None,
          today: dt.date | None = None) -> Checked:
    """Canonical value and the first problem found (None when the value is fine or empty)."""
    if defn.type is FieldType.CHECKBOX:
        return Checked(_as_bool(raw))
    if is_empty(raw):
        return Checked(None)
    text = unicodedata.normalize("NFKC", str(raw)).strip() if defn.type not in (
        FieldType.TEXT, FieldType.ADDRESS, FieldType.KANA) else str(raw).strip()
    if getattr(defn, "fact", None) == "resident.my_number":
        digits = my_number.normalize(text)
        return Checked(digits, my_number.problem(digits))
    handler = _HANDLERS.get(defn.type, _text)
    checked = handler(defn, text, postal_exists, today or dt.date.today())
    if checked.ok and isinstance(checked.value, str):
        checked = _common(defn, checked.value)
    return checked


def _common(defn: QuestionDef, value: str) -> Checked:
    v = defn.validation
    if v.min_length is not None and len(value) < v.min_length:
        return Checked(value, f"{v.min_length}文字以上で入力してください")
    if v.max_length is not None and len(value) > v.max_length:
        return Checked(value, f"{v.max_length}文字以内で入力してください(今 {len(value)}文字)")
    if v.pattern and not re.fullmatch(v.pattern, value):
        return Checked(value, v.pattern_message or "形式が正しくありません")
    return Checked(value)


def _text(defn: QuestionDef, text: str, *_: Any) -> Checked:
    return Checked(text)


def _kana(defn: QuestionDef, text: str, *_: Any) -> Checked:
    kana = to_katakana(unicodedata.normalize("NFKC", text)).replace(" ", "\u3000")
    if not _KANA_OK.match(kana):
        return Checked(kana, "カタカナで入力してください")
    return Checked(kana)


def _date(defn: QuestionDef, text: str, _p: Any, today: dt.date) -> Checked:
    try:
        day = parse_date(text)
    except DateParseError as exc:
        return Checked(text, exc.message_ja)
    if defn.validation.not_future and day > today:
        return Checked(day.isoformat(), "未来の日付は入力できません")
    return Checked(day.isoformat())


def _postal(defn: QuestionDef, text: str, postal_exists: PostalCheck | None, *_: Any) -> Checked:
    m = _POSTAL.match(text.replace("〒", "").strip())
    if not m:
        return Checked(text, "郵便番号は7桁の数字で入力してください(例: 987-0511)")
    code = f"{m.group(1)}-{m.group(2)}"
    if postal_exists is not None and not postal_exists(code):
        return Checked(code, f"郵便番号 {code} は存在しません。番号を確認してください")
    return Checked(code)


def _phone(defn: QuestionDef, text: str, *_: Any) -> Checked:
    compact = text.replace("(", "-").replace(")", "-").replace(" ", "").replace("--", "-")
    if not _PHONE.match(compact) or not 10 <= len(compact.replace("-", "")) <= 11:
        return Checked(text, "電話番号は市外局番から10〜11桁で入力してください(例: 0220-22-2111)")
    return Checked(compact)


def _choice(defn: QuestionDef, text: str, *_: Any) -> Checked:
    for c in defn.choices:
        if text in (c.value, c.label):
            return Checked(c.value)
    return Checked(text, "選択肢の中から選んでください")


def _number(defn: QuestionDef, text: str, *_: Any) -> Checked:
    try:
        number = int(text)
    except ValueError:
        return Checked(text, "数字で入力してください")
    v = defn.validation
    if v.min is not None and number < v.min:
        return Checked(number, f"{v.min:g}以上の数を入力してください")
    if v.max is not None and number > v.max:
        return Checked(number, f"{v.max:g}以下の数を入力してください")
    return Checked(number)


def _address(defn: QuestionDef, text: str, *_: Any) -> Checked:
    if len(text) < 4:
        return Checked(text, "住所を番地まで入力してください")
    return Checked(text)


_HANDLERS = {
    FieldType.TEXT: _text,
    FieldType.KANA: _kana,
    FieldType.DATE: _date,
    FieldType.POSTAL_CODE: _postal,
    FieldType.PHONE: _phone,
    FieldType.CHOICE: _choice,
    FieldType.NUMBER: _number,
    FieldType.ADDRESS: _address,
}


def _as_bool(raw: Any) -> bool:
    if isinstance(raw, str):
        return raw.strip().lower() in ("1", "true", "yes", "on", "はい", "✓")
    return bool(raw)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in text)
