"""The individual number (個人番号): check digit, masking, and the PIN's short life.

The number is read only when a procedure legally needs it; when it is read, a number
whose check digit fails must not reach a form (a misread would end up on an application),
and on screen only the last four digits appear. The PIN helpers exist so that the PIN
lives in one mutable buffer that is zeroed right after VERIFY, never in a str that
lingers until garbage collection.
"""

from __future__ import annotations

MY_NUMBER_DIGITS = 12
PIN_DIGITS = 4


def check_digit(first_eleven: str) -> int:
    """Check digit of 個人番号 (総務省令第85号 第5条): weights 2..7, 2..6 from the right."""
    if len(first_eleven) != MY_NUMBER_DIGITS - 1 or not _ascii_digits(first_eleven):
        raise ValueError("need 11 ASCII digits")
    total = 0
    for n, ch in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(ch) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(number: str) -> bool:
    if len(number) != MY_NUMBER_DIGITS or not _ascii_digits(number):
        return False
    return check_digit(number[:-1]) == int(number[-1])


def mask_my_number(number: str | None) -> str:
    """Show only the last four digits: ``**** **** 9018``."""
    if not number:
        return ""
    return "**** **** " + number[-4:]


def with_check_digit(first_eleven: str) -> str:
    """Complete an 11-digit stem into a valid number (sample profiles, tests)."""
    return first_eleven + str(check_digit(first_eleven))


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def pin_from_text(text: str) -> bytearray:
    """Turn typed text into the PIN buffer; full-width digits (１２３４) are accepted."""
    pin = bytearray()
    for ch in text.strip():
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19:
            code -= 0xFF10 - 0x30
        pin.append(code if 0x30 <= code <= 0x39 else 0)
    return pin


def pin_is_well_formed(pin: bytearray | bytes) -> bool:
    return len(pin) == PIN_DIGITS and all(0x30 <= b <= 0x39 for b in pin)


def wipe(buffer: bytearray) -> None:
    """Zero a PIN buffer in place, then empty it."""
    for i in range(len(buffer)):
        buffer[i] = 0
    del buffer[:]
