"""The audit detail policy on its own: personal keys refused, ordinary ones allowed."""

from __future__ import annotations

import pytest

from tome_window.services.storage.audit import check_action, check_detail, is_personal_key


@pytest.mark.parametrize("key", ["name", "resident.name", "name_kana", "address", "birth_date",
                                 "birthDate", "dob", "my_number", "myNumber", "MY-NUMBER",
                                 "individual_number", "pin", "PIN", "sex", "phone"])
def test_personal_keys(key: str) -> None:
    assert is_personal_key(key)


@pytest.mark.parametrize("key", ["count", "forms", "procedure_id", "mapping", "spinner",
                                 "printer", "format", "tries_left", "fields", "pages"])
def test_ordinary_keys(key: str) -> None:
    assert not is_personal_key(key)


def test_detail_values() -> None:
    assert check_detail({"visit_ids": ["0123456789012345abcdef0123456789"]})
    with pytest.raises(ValueError):
        check_detail({"note": "1234 5678 9012"})
    with pytest.raises(ValueError):
        check_detail({"blob": "x" * 5000})
    with pytest.raises(ValueError):
        check_detail({"when": object()})
    assert check_detail(None) == {}


def test_actions() -> None:
    assert check_action("card_read") == "card_read"
    for bad in ("", "Card Read", "x" * 80):
        with pytest.raises(ValueError):
            check_action(bad)
