"""The individual number (個人番号): check digit, masking, and the PIN's short life.

The number is read only when a procedure legally needs it; when it is read, a number
whose check digit fails must not reach a form (a misread would end up on an application),
and on screen only the last four digits appear. The PIN helpers exist so that the PIN
lives in one mutable buffer that is zeroed right after VERIFY, never in a str that
lingers until garbage collection.
"""

from __future__ import annotations

from tome_window.domain.my_number import check_digit, mask

MY_NUMBER_DIGITS = 12
PIN_DIGITS = 4


def is_valid_my_number(number: str) -> bool:
    """Strict for card data: exactly 12 ASCII digits with a matching check digit."""
    if len(number) != MY_NUMBER_DIGITS or not _ascii_digits(number):
        return False
    return check_digit(number[:-1]) == int(number[-1])


def mask_my_number(number: str | None) -> str:
    """Only the last four digits, as everywhere on screen (domain.my_number.mask)."""
    return mask(number) if number else ""


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
