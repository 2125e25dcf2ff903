"""`tome-window card read/status` against the virtual card through pcscd + vpcd (whole processes)."""

from __future__ import annotations

import json

import pytest

from tests.card.conftest import EMPTY_READER, run_cli

pytestmark = pytest.mark.card


def _json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_happy_read_prints_the_four_facts_as_on_the_card(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--json")
    assert result.returncode == 0, result.stderr
    assert _json(result.stdout) == {
        "name": "登米\u3000太郎",
        "address": "宮城県登米市迫町佐沼字中江二丁目6番地1",
        "birth_date": "1980-04-01",
        "sex": "1",
    }
    assert vcard.card.tries_left == 3


def test_my_number_only_on_demand(vcard) -> None:
    plain = run_cli("card", "read", "--pin-stdin", "--json")
    assert "my_number" not in _json(plain.stdout)
    assert "123456789018" not in plain.stdout + plain.stderr
    with_number = run_cli("card", "read", "--pin-stdin", "--json", "--with-my-number")
    assert _json(with_number.stdout)["my_number"] == "123456789018"


def test_text_output_masks_the_number(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--with-my-number")
    assert result.returncode == 0
    assert "●●●●●●●●9018" in result.stdout
    assert "123456789018" not in result.stdout


def test_bad_check_digit_is_refused_without_partial_data(vcard) -> None:
    vcard.load("bad_check_digit")
    result = run_cli("card", "read", "--pin-stdin", "--json", "--with-my-number")
    assert result.returncode == 6
    data = _json(result.stdout)
    assert data["error"] == "my_number_invalid" and "name" not in data


def test_wrong_pin_decrements_and_exits_2(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--json", pin="9999")
    assert result.returncode == 2
    data = _json(result.stdout)
    assert data["error"] == "wrong_pin" and data["tries_left"] == 2
    assert "残り2回" in data["message"]
    assert vcard.card.tries_left == 2


def test_malformed_pin_spends_no_try(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--json", pin="12a")
    assert result.returncode == 2
    assert _json(result.stdout)["error"] == "invalid_pin"
    assert vcard.card.tries_left == 3


def test_last_try_is_refused_without_confirmation_and_not_spent(vcard) -> None:
    vcard.load("one_try_left")
    result = run_cli("card", "read", "--pin-stdin", "--json", pin="0000")
    assert result.returncode == 3
    data = _json(result.stdout)
    assert data == {"error": "last_try_refused", "message": data["message"], "tries_left": 1}
    assert vcard.card.tries_left == 1
    ok = run_cli("card", "read", "--pin-stdin", "--json", "--confirm-last-try")
    assert ok.returncode == 0, ok.stdout
    assert vcard.card.tries_left == 3  # a correct PIN resets the counter, as on the card


def test_wrong_pin_on_confirmed_last_try_blocks(vcard) -> None:
    vcard.load("one_try_left")
    result = run_cli("card", "read", "--pin-stdin", "--json", "--confirm-last-try", pin="0000")
    assert result.returncode == 4
    assert _json(result.stdout)["tries_left"] == 0
    assert vcard.card.tries_left == 0


def test_blocked_card_exits_4_with_reset_help(vcard) -> None:
    vcard.load("blocked")
    count_before = vcard.card.apdu_count
    result = run_cli("card", "read", "--pin-stdin", "--json")
    assert result.returncode == 4
    data = _json(result.stdout)
    assert data["error"] == "pin_blocked" and data["tries_left"] == 0
    assert "市民課窓口" in data["message"]
    assert vcard.card.apdu_count - count_before == 3  # SELECT AP, SELECT EF, status; no VERIFY


def test_no_card_exits_5(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--json", "--reader", EMPTY_READER)
    assert result.returncode == 5
    assert _json(result.stdout)["error"] == "no_card"


def test_unknown_reader_exits_5(vcard) -> None:
    result = run_cli("card", "read", "--pin-stdin", "--json", "--reader", "No Such Reader")
    assert result.returncode == 5
    assert _json(result.stdout)["error"] == "no_reader"


def test_pcscd_not_running_exits_5(vcard, tmp_path) -> None:
    env = {"PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    result = run_cli("card", "read", "--pin-stdin", "--json", env=env)
    assert result.returncode == 5
    data = _json(result.stdout)
    assert data["error"] == "pcsc_unavailable" and "PC/SC" in data["message"]


def test_not_a_my_number_card_exits_6(vcard) -> None:
    vcard.load("not_my_number")
    result = run_cli("card", "read", "--pin-stdin", "--json")
    assert result.returncode == 6
    assert _json(result.stdout)["error"] == "not_my_number_card"


def test_card_pulled_mid_read_gives_no_partial_data(vcard) -> None:
    vcard.load("pulled_mid_read")
    result = run_cli("card", "read", "--pin-stdin", "--json")
    assert result.returncode == 5
    data = _json(result.stdout)
    assert data["error"] == "card_removed"
    assert "name" not in data and "登米" not in result.stdout


def test_truncated_basic_info_exits_6(vcard) -> None:
    vcard.load("truncated")
    result = run_cli("card", "read", "--pin-stdin", "--json")
    assert result.returncode == 6
    assert _json(result.stdout)["error"] == "malformed_data"


def test_status_shows_tries_without_spending(vcard) -> None:
    vcard.load("one_try_left")
    result = run_cli("card", "status", "--json", pin=None)
    assert result.returncode == 0
    readers = {r["reader"]: r for r in _json(result.stdout)["readers"]}
    assert readers["Virtual PCD 00 00"]["tries_left"] == 1
    assert readers[EMPTY_READER]["card_present"] is False
    assert vcard.card.tries_left == 1


def test_pin_never_in_logs_or_stderr(vcard) -> None:
    vcard.load("sample", pin="4791")
    for pin in ("4791", "4790"):
        result = run_cli("-v", "card", "read", "--pin-stdin", "--json", pin=pin)
        assert "APDU" in result.stderr  # verbose logging really was on
        for leak in (pin, pin.encode().hex(), pin.encode().hex(" ").upper(), pin.encode().hex(" ")):
            assert leak not in result.stderr
            assert leak not in result.stdout
