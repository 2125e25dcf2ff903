"""pydantic's error codes as Japanese reasons for staff; the English `msg` stays for logs."""

from __future__ import annotations

from typing import Any

REASONS: dict[str, str] = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "定義にない項目です(綴りを確認してください)",
    "string_pattern_mismatch": "IDは半角英小文字・数字・_ で、英字から始めてください",
    "string_too_short": "空にできません",
    "string_too_long": "長すぎます",
    "too_short": "1つ以上必要です",
    "too_long": "多すぎます",
    "enum": "使えない値です",
    "literal_error": "使えない値です",
    "int_parsing": "整数を書いてください",
    "int_type": "整数を書いてください",
    "int_from_float": "整数を書いてください(小数は使えません)",
    "float_parsing": "数値を書いてください",
    "float_type": "数値を書いてください",
    "bool_parsing": "true か false を書いてください",
    "bool_type": "true か false を書いてください",
    "string_type": "文字列を書いてください",
    "greater_than": "値が小さすぎます",
    "greater_than_equal": "値が小さすぎます",
    "less_than": "値が大きすぎます",
    "less_than_equal": "値が大きすぎます",
    "model_type": "項目の集まり(key: value)を書いてください",
    "model_attributes_type": "項目の集まり(key: value)を書いてください",
    "dict_type": "項目の集まり(key: value)を書いてください",
    "tuple_type": "リストを書いてください",
    "list_type": "リストを書いてください",
}
FALLBACK = "値が正しくありません"


def reason_ja(err: Any) -> str:
    """The Japanese reason for one entry of ValidationError.errors(); never pydantic's English."""
    kind = err["type"]
    if kind in ("value_error", "assertion_error"):
        # our own validators raise Japanese text; pydantic only adds an English prefix
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("enum", "literal_error"):
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"使えない値です(使える値: {expected})" if expected else REASONS[kind]
    return REASONS.get(kind, FALLBACK)
