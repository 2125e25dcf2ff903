import datetime as dt

import pytest

from tome_window.domain.conditions import age, check_names, evaluate
from tome_window.domain.errors import ConditionError


def test_facts_resident_and_local_names() -> None:
    facts = {"children_count": 2, "employer_insurance": False, "resident.birth_date": "1985-04-12"}
    assert evaluate("children_count > 0 and not employer_insurance", facts)
    assert evaluate("age(resident.birth_date, '2026-11-22') == 41", facts)
    assert evaluate("purpose == 'other'", facts, {"purpose": "other"})
    assert not evaluate("purpose == 'other'", facts, {"purpose": "work"})


def test_unanswered_names_are_false_not_errors() -> None:
    assert evaluate("children_count > 0", {}) is False
    assert evaluate("resident.sex == '2'", {}) is False
    assert evaluate(None, {}) is True


def test_no_code_execution() -> None:
    with pytest.raises(ConditionError):
        evaluate("__import__('os').system('true')", {})
    with pytest.raises(ConditionError):
        check_names("resident.__class__", ["resident"])


def test_load_time_name_check() -> None:
    check_names("children_count > 0", ["children_count"])
    with pytest.raises(ConditionError) as info:
        check_names("chidren_count > 0", ["children_count"])
    assert "chidren_count" in info.value.message_ja
    with pytest.raises(ConditionError):
        check_names("a >", ["a"])


def test_age_counts_birthdays() -> None:
    assert age("2000-11-23", "2026-11-22") == 25
    assert age("2000-11-22", dt.date(2026, 11, 22)) == 26
    assert age(None) == -1
