"""Turn what staff or residents typed into a canonical value, or say plainly what is wrong.

Values are kept canonical (dates ISO, postal codes NNN-NNNN, katakana readings, numbers as
int, checkboxes as bool) so that every form prints the same fact the same way. Messages are
Japanese because staff read them at the counter; each also carries a stable code and its
parameters so that the resident's tablet can show the curated translation of the same message
(translations/forms/<lang>/messages.yaml) without parsing Japanese text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tome_window.domain import my_number
from tome_window.domain.definitions import FieldType, QuestionDef
from tome_window.domain.text import to_katakana
from tome_window.domain.wareki import DateParseError, parse_date

PostalCheck = Callable[[str], bool]

_KANA_OK = re.compile(r"^[\u30A0-\u30FF\u3000 ・ー－]+$")
_PHONE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")
_POSTAL = re.compile(r"^(\d{3})-?(\d{4})$")


MESSAGES_JA: dict[str, str] = {
    "min_length": "{n}文字以上で入力してください",
    "max_length": "{n}文字以内で入力してください(今 {now}文字)",
    "pattern": "形式が正しくありません",
    "kana": "カタカナで入力してください",
    "date_empty": "日付が入力されていません",
    "date_year_zero": "{era}0年という年はありません",
    "date_outside_era": "{date} は{era}の期間にない日付です",
    "date_unreadable": "日付の形式が読み取れません: {text}(例: 令和8年11月22日、2026-11-22)",
    "date_impossible": "{date} という日付はありません(月と日を確認してください)",
    "date_invalid": "日付が正しくありません",
    "date_future": "未来の日付は入力できません",
    "postal_format": "郵便番号は7桁の数字で入力してください(例: 987-0511)",
    "postal_unknown": "郵便番号 {code} は存在しません。番号を確認してください",
    "phone_format": "電話番号は市外局番から10〜11桁で入力してください(例: 0220-22-2111)",
    "choice": "選択肢の中から選んでください",
    "number": "数字で入力してください",
    "number_min": "{n}以上の数を入力してください",
    "number_max": "{n}以下の数を入力してください",
    "address_short": "住所を番地まで入力してください",
    "my_number_length": "個人番号は12桁の数字です",
    "my_number_check_digit": "個人番号の検査用数字(12桁目)が合いません。番号を確認してください",
}
"""Every validation message by code: the Japanese source that translations mirror.

A field's own `pattern_message` is shown instead of the "pattern" text in Japanese; other
languages show the translated "pattern" text, since the per-field wording is not translated.
"""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# parse_date raises Japanese text only; these recover the code and parameters from it.
_DATE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^日付が入力されていません$"), "date_empty"),
    (re.compile(r"^(?P<era>\S+?)0年という年はありません$"), "date_year_zero"),
    (re.compile(r"^(?P<date>.+) は(?P<era>\S+?)の期間にない日付です$"), "date_outside_era"),
    (re.compile(r"^日付の形式が読み取れません: (?P<text>.*)\(例: 令和8年11月22日、2026-11-22\)$",
                re.S), "date_unreadable"),
    (re.compile(r"^(?P<date>.+) という日付はありません\(月と日を確認してください\)$"),
     "date_impossible"),
)


@dataclass(frozen=True)
class Checked:
    """A canonical value and its first problem: Japanese text plus a code for translations."""

    value: Any
    error: str | None = None
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def render(template: str, params: Mapping[str, Any]) -> str | None:
    """Fill `{name}` placeholders; None when the template asks for a parameter it lacks.

    Plain substitution rather than str.format, so that a translator's stray brace or a
    format spec can never raise at the counter: the caller then shows the Japanese text.
    """
    if not placeholders(template) <= set(params):
        return None
    return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]), template)


def _fail(value: Any, code: str, /, **params: Any) -> Checked:
    text = render(MESSAGES_JA[code], params)
    assert text is not None, code
    return Checked(value, text, code, params)


def _date_problem(text: str, message_ja: str) -> Checked:
    for pattern, code in _DATE_MESSAGES:
        m = pattern.match(message_ja)
        if m:
            return Checked(text, message_ja, code, m.groupdict())
    return Checked(text, message_ja, "date_invalid", {})


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
        problem = my_number.problem(digits)
        if problem is None:
            return Checked(digits)
        short = len(digits) != 12 or not (digits.isascii() and digits.isdigit())
        code = "my_number_length" if short else "my_number_check_digit"
        return Checked(digits, problem, code, {})
    handler = _HANDLERS.get(defn.type, _text)
    checked = handler(defn, text, postal_exists, today or dt.date.today())
    if checked.ok and isinstance(checked.value, str):
        checked = _common(defn, checked.value)
    return checked


def _common(defn: QuestionDef, value: str) -> Checked:
    v = defn.validation
    if v.min_length is not None and len(value) < v.min_length:
        return _fail(value, "min_length", n=v.min_length)
    if v.max_length is not None and len(value) > v.max_length:
        return _fail(value, "max_length", n=v.max_length, now=len(value))
    if v.pattern and not re.fullmatch(v.pattern, value):
        if v.pattern_message:
            return Checked(value, v.pattern_message, "pattern", {})
        return _fail(value, "pattern")
    return Checked(value)


def _text(defn: QuestionDef, text: str, *_: Any) -> Checked:
    return Checked(text)


def _kana(defn: QuestionDef, text: str, *_: Any) -> Checked:
    kana = to_katakana(unicodedata.normalize("NFKC", text)).replace(" ", "\u3000")
    if not _KANA_OK.match(kana):
        return _fail(kana, "kana")
    return Checked(kana)


def _date(defn: QuestionDef, text: str, _p: Any, today: dt.date) -> Checked:
    try:
        day = parse_date(text)
    except DateParseError as exc:
        return _date_problem(text, exc.message_ja)
    if defn.validation.not_future and day > today:
        return _fail(day.isoformat(), "date_future")
    return Checked(day.isoformat())


def _postal(defn: QuestionDef, text: str, postal_exists: PostalCheck | None, *_: Any) -> Checked:
    m = _POSTAL.match(text.replace("〒", "").strip())
    if not m:
        return _fail(text, "postal_format")
    code = f"{m.group(1)}-{m.group(2)}"
    if postal_exists is not None and not postal_exists(code):
        return _fail(code, "postal_unknown", code=code)
    return Checked(code)


def _phone(defn: QuestionDef, text: str, *_: Any) -> Checked:
    compact = text.replace("(", "-").replace(")", "-").replace(" ", "").replace("--", "-")
    if not _PHONE.match(compact) or not 10 <= len(compact.replace("-", "")) <= 11:
        return _fail(text, "phone_format")
    return Checked(compact)


def _choice(defn: QuestionDef, text: str, *_: Any) -> Checked:
    for c in defn.choices:
        if text in (c.value, c.label):
            return Checked(c.value)
    return _fail(text, "choice")


def _number(defn: QuestionDef, text: str, *_: Any) -> Checked:
    try:
        number = int(text)
    except ValueError:
        return _fail(text, "number")
    v = defn.validation
    if v.min is not None and number < v.min:
        return _fail(number, "number_min", n=f"{v.min:g}")
    if v.max is not None and number > v.max:
        return _fail(number, "number_max", n=f"{v.max:g}")
    return Checked(number)


def _address(defn: QuestionDef, text: str, *_: Any) -> Checked:
    if len(text) < 4:
        return _fail(text, "address_short")
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
