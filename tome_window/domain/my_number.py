"""The individual number (個人番号): its check digit and how it may be shown.

番号法 restricts where the number may appear: screens show only the last four digits and
logs never see it, so every view goes through `mask`.
"""

from __future__ import annotations

import unicodedata


def check_digit(first_eleven: str) -> int:
    """The 12th digit (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条)."""
    if len(first_eleven) != 11 or not first_eleven.isascii() or not first_eleven.isdigit():
        raise ValueError("eleven ASCII digits expected")
    total = 0
    for n, ch in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(ch) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace("-", "").replace(" ", "").strip()


def is_valid(number: str) -> bool:
    digits = normalize(number)
    return (len(digits) == 12 and digits.isascii() and digits.isdigit()
            and check_digit(digits[:11]) == int(digits[11]))


def problem(number: str) -> str | None:
    """Japanese message for a number that cannot be right, or None."""
    digits = normalize(number)
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return "個人番号は12桁の数字です"
    if not is_valid(digits):
        return "個人番号の検査用数字(12桁目)が合いません。番号を確認してください"
    return None


def mask(number: str | None) -> str:
    digits = normalize(number or "")
    if len(digits) < 4:
        return "●" * len(digits)
    return "●" * (len(digits) - 4) + digits[-4:]
