"""Check digit, masking, and the PIN buffer helpers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tome_window.devices.mynumber import (
    check_digit,
    is_valid_my_number,
    mask_my_number,
    pin_from_text,
    pin_is_well_formed,
    wipe,
    with_check_digit,
)


def test_known_number() -> None:
    assert check_digit("12345678901") == 8
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789012")
    assert not is_valid_my_number("１２３４５６７８９０１８")
    assert not is_valid_my_number("12345678901")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(1, 9))
def test_any_single_digit_change_of_the_check_digit_is_caught(stem: str, delta: int) -> None:
    number = with_check_digit(stem)
    assert is_valid_my_number(number)
    wrong = stem + str((int(number[-1]) + delta) % 10)
    assert not is_valid_my_number(wrong)


def test_mask_shows_last_four_only() -> None:
    assert mask_my_number("123456789018") == "●●●●●●●●9018"
    assert mask_my_number(None) == ""


def test_pin_buffer() -> None:
    pin = pin_from_text("１２34")
    assert pin_is_well_formed(pin) and bytes(pin) == b"1234"
    alias = pin
    wipe(pin)
    assert alias == bytearray() and not pin_is_well_formed(pin_from_text("12a4"))


def _remainder(stem: str) -> int:
    """The spec's sum: digit n-th from the right (n = 1..11) weighted n+1 for n <= 6, n-5 above."""
    total = sum(int(d) * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(reversed(stem), start=1))
    return total % 11


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(0, 10), st.integers(1, 9))
def test_a_changed_body_digit_is_caught(stem: str, at: int, delta: int) -> None:
    number = with_check_digit(stem)
    changed = stem[:at] + str((int(stem[at]) + delta) % 10) + stem[at + 1 :]
    # remainders 0 and 1 both give check digit 0: the one change the scheme cannot see
    blind = {_remainder(stem), _remainder(changed)} <= {0, 1}
    assert is_valid_my_number(changed + number[-1]) is blind
