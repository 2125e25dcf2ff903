"""Visits for the export tests, made through the service exactly as the GUI and `fill` make them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tome_window.domain import my_number
from tome_window.domain.definitions import FieldDef, FieldType
from tome_window.domain.household import household_from_json
from tome_window.domain.resident import Resident

DATA = Path(__file__).resolve().parents[1] / "data"
ALL = ["juminhyo_koufu", "juumin_idou", "inkan_touroku", "inkan_shoumei", "koseki_shoumei",
       "shotoku_shoumei", "kokuho_shikaku", "jidou_teate"]
NUMBER = "12345678901" + str(my_number.check_digit("12345678901"))
_TODAY = dt.date.today()
# A child and a newborn, so that every row block of every form has its persons.
HOUSEHOLD = [
    {"name": "登米　一郎", "name_kana": "トメ　イチロウ", "sex": "1", "relationship": "子",
     "birth_date": _TODAY.replace(year=_TODAY.year - 8).replace(day=1).isoformat()},
    {"name": "登米　桜", "name_kana": "トメ　サクラ", "sex": "2", "relationship": "子", "newborn": True,
     "birth_date": (_TODAY - dt.timedelta(days=10)).isoformat()},
]


def sample(f: FieldDef, long: bool = False) -> Any:
    """A valid value for any field; `long` fills text to its limit (for the split codes)."""
    v = f.validation
    if f.type is FieldType.CHOICE:
        return f.choices[-1].value
    if f.type is FieldType.CHECKBOX:
        return True
    if f.type is FieldType.NUMBER:
        return int(v.min) if v.min is not None else 1
    if f.type is FieldType.DATE:
        return "2020-01-15"
    if f.type is FieldType.POSTAL_CODE:
        return "987-0511"
    if f.type is FieldType.PHONE:
        return "0220-22-2111"
    if f.type is FieldType.KANA:
        return "トメ　ハナコ" * (4 if long else 1)
    if v.pattern:
        for marker, value in (("{12}", NUMBER), ("{4}-?[0-9]{6}", "1234-567890"), ("{7}", "1234567"),
                              ("{4}", "0123"), ("{3}", "012"), ("*", "1234567")):
            if marker in v.pattern:
                return value
        return "123456"
    if f.type is FieldType.ADDRESS:
        return "宮城県登米市迫町佐沼字中江二丁目6番地1" + ("サンプルマンション101号室" if long else "")
    text = "登米花子の記入例" * (10 if long else 1)
    return text[: v.max_length or (60 if long else 20)]


@pytest.fixture
def make_visit() -> Callable[..., tuple[Any, Any]]:
    """(service, visit) with the given procedures and every relevant field answered."""
    from tome_window.services.visits import VisitService

    services = []

    def make(procedures: list[str] | None = None, *, long: bool = False,
             extra: dict[str, Any] | None = None) -> tuple[Any, Any]:
        service = VisitService.open()
        services.append(service)
        visit = service.new_visit(procedure_ids=procedures or ALL)
        resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
        resident["my_number"] = NUMBER
        service.set_resident(visit, Resident.from_json(resident, source="file"))
        service.set_household(visit, household_from_json(HOUSEHOLD))
        for key, value in (extra or {}).items():
            service.answer(visit, key, value)
        for _ in range(3):  # answers can make more fields relevant
            for form in service.forms(visit):
                for fs in form.fields:
                    if fs.value in (None, "") or fs.error or (long and fs.origin != "file"
                                                               and fs.field.type is FieldType.TEXT):
                        if fs.key.startswith(("resident.", "visit.")):
                            continue
                        service.answer(visit, fs.key, sample(fs.field, long))
        for fact in visit.facts.values():  # staff checked the furigana and address guesses
            if fact.origin == "suggestion":
                fact.confirmed = True
        service.save(visit)
        return service, visit

    yield make
    for service in services:
        service.store.close()


def export_visit(service: Any, visit_id: str, formats: Any, out_dir: Path, *,
                 allow_incomplete: bool = False) -> list[Path]:
    """The recorded visit's files, read back by id as `tome-window export` does."""
    return service.export(service.load(visit_id), formats, out_dir,
                          allow_incomplete=allow_incomplete).files
