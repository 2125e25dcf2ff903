"""Households: each person entered once, checked as a whole, selected into row blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from tome_window.domain.catalog import Catalog, check_procedure
from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.errors import ResidentDataError
from tome_window.domain.household import Person, household_problems, household_values
from tome_window.domain.prefill import NoLookups, Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Visit

TODAY = dt.date(2026, 12, 7)
RESIDENT = Resident(name="登米　太郎", address="宮城県登米市迫町佐沼字中江二丁目6番地1",
                    birth_date=dt.date(1985, 4, 12), sex="1", name_kana="トメ　タロウ", source="card")


def person(name: str, born: str, rel: str, **extra: object) -> Person:
    return Person.from_json({"name": name, "birth_date": born, "sex": "2", "relationship": rel,
                             **extra}, 0, today=TODAY)


def test_a_household_entry_is_read_with_its_roles() -> None:
    p = Person.from_json({"name": "登米　花子", "name_kana": "とめ　はなこ", "birth_date": "1987-01-02",
                          "sex": "2", "relationship": "妻", "nationality": "ベトナム",
                          "residence_card_number": "ab12345678cd"}, 0, today=TODAY)
    assert p.name_kana == "トメ　ハナコ"  # hiragana normalised as everywhere
    assert p.moving and not p.deceased and p.residence_card_number == "AB12345678CD"
    dead = person("登米　一郎", "1934-05-06", "父", death_date="2026-12-01")
    assert dead.deceased and not dead.moving  # a deceased person does not move in
    assert Person.from_payload(p.to_json()) == p


@pytest.mark.parametrize(("entry", "phrase"), [
    ({"birth_date": "2027-01-01"}, "未来"),
    ({"death_date": "1980-01-01"}, "死亡日(death_date)が生年月日より前"),
    ({"sex": "x"}, "性別"),
    ({"name": ""}, "氏名"),
    ({"name": "\ud800"}, "使えない文字"),
    ({"moving": "yes"}, "true か false"),
    ({"residence_card_number": "12"}, "在留カード番号"),
    ({"my_number": "123456789012"}, "個人番号"),
])
def test_bad_entries_name_the_person_and_the_field(entry: dict, phrase: str) -> None:
    data = {"name": "登米　次郎", "birth_date": "1990-03-04", "sex": "1", "relationship": "子", **entry}
    with pytest.raises(ResidentDataError) as refused:
        Person.from_json(data, 2, today=TODAY)
    assert "世帯の3人目" in refused.value.message_ja and phrase in refused.value.message_ja


def test_household_rules_name_the_person() -> None:
    kid = person("登米　一郎", "1980-01-01", "子")
    mum = person("登米　ハル", "1990-01-01", "母")
    twice = [person("登米　花子", "1987-01-02", "妻"), person("登米 花子", "1987-01-02", "妻")]
    heads = [person("甲", "1950-01-01", "世帯主"), person("乙", "1951-01-01", "世帯主")]
    found = household_problems(RESIDENT, [kid, mum, *twice, *heads], TODAY)
    text = "\n".join(found)
    assert "1人目(登米　一郎): 子が届出人より年上" in text
    assert "2人目(登米　ハル): 親が届出人より年下" in text
    assert "4人目(登米 花子): 3人目と同じ方" in text
    assert "世帯主が2人" in text
    many = [person(f"登米　{i}", "2000-01-01", "子") for i in range(30)]
    assert any("多すぎます(30人)" in p for p in household_problems(None, many, TODAY))
    assert household_problems(RESIDENT, [person("登米　花子", "1987-01-02", "妻")], TODAY) == []


def test_household_values_count_who_matters_for_events() -> None:
    family = [person("妻", "1987-01-02", "妻"), person("子1", "2018-05-01", "子"),
              person("母", "1958-02-03", "母"), person("祖父", "1930-02-03", "祖父", moving=False)]
    v = household_values(RESIDENT, family, TODAY)
    assert v["household_size"] == 5 and v["household_children"] == 1
    assert v["household_aged_65"] == 1 and v["household_aged_75"] == 0  # the 96-year-old stays
    assert v["household_spouse"] is True


BLOCK_FORM = {
    "id": "demo", "version": 1, "title": "試験の届",
    "fields": [{"id": "kind", "type": "choice", "label": "種類", "choices": [
        {"value": "get", "label": "取得"}, {"value": "lose", "label": "喪失"}],
        "place": {"x": 15, "y": 30, "w": 50, "h": 8}}],
    "rows": [{"id": "people", "label": "対象の方", "y": 60, "pitch": 10, "count": 2, "min_rows": 1,
              "persons": "deceased if kind == 'lose' else (moving and age < 75)",
              "fields": [
                  {"id": "name", "type": "text", "label": "氏名", "person": "name", "required": True,
                   "x": 15, "w": 60, "h": 8},
                  {"id": "kana", "type": "kana", "label": "フリガナ", "person": "name_kana",
                   "x": 80, "w": 50, "h": 8},
                  {"id": "birth", "type": "date", "label": "生年月日", "person": "birth_date",
                   "x": 135, "w": 35, "h": 8},
                  {"id": "rel", "type": "text", "label": "続柄", "person": "relationship",
                   "x": 170, "w": 25, "h": 8}]}],
}


class Reading(NoLookups):
    def furigana(self, text: str) -> str | None:
        return "トメ　イチロウ" if text == "登米　一郎" else None


def _visit(persons: list[Person]) -> Visit:
    visit = Visit(id="v1", date=TODAY, branch="迫", office="本庁", staff="s", procedure_ids=["demo"])
    visit.set_resident(RESIDENT)
    visit.persons = persons
    return visit


def test_a_row_block_lists_the_persons_its_condition_selects() -> None:
    proc = ProcedureDef.model_validate(BLOCK_FORM)
    catalog = Catalog(procedures={"demo": proc})
    assert check_procedure(proc, catalog, "demo.yaml") == []
    family = [person("登米　花子", "1987-01-02", "妻", name_kana="トメ　ハナコ"),
              person("登米　ハル", "1940-01-01", "母"),  # 86: not in this block
              person("登米　一郎", "2019-01-01", "子"), person("登米　次郎", "2021-01-01", "子")]
    prefiller = Prefiller(catalog, Reading())
    (form,) = prefiller.forms(_visit(family))
    assert form.persons == [-1, 0, 2, 3]
    assert [r.continued for r in form.rows] == [False, False, True, True]
    first = form.rows[0].fields
    assert [fs.value for fs in first] == ["登米　太郎", "トメ　タロウ", "1985-04-12", "本人"]
    assert first[0].ref == "demo.people.0.name" and first[0].origin == "card"
    assert form.rows[1].fields[0].field.place.y == 70  # the second printed row, one pitch down
    assert form.rows[3].fields[0].field.place.y == 70  # a 別紙 row keeps the last row's place
    kana = form.rows[2].fields[1]
    assert kana.value == "トメ　イチロウ" and kana.suggestion  # no kana given: only suggested
    assert form.continuation_pages() == 1


def test_the_deceased_is_listed_never_the_resident() -> None:
    proc = ProcedureDef.model_validate(BLOCK_FORM)
    prefiller = Prefiller(Catalog(procedures={"demo": proc}), NoLookups())
    visit = _visit([person("登米　一郎", "1934-05-06", "父", death_date="2026-12-01")])
    visit.set("demo.kind", "lose")
    (form,) = prefiller.forms(visit)
    assert form.persons == [0] and form.rows[0].fields[0].value == "登米　一郎"
    visit.persons = []
    (form,) = prefiller.forms(visit)
    assert form.rows == [] and form.short_blocks == {"people": 0}  # the gate says who is missing


def test_a_block_reading_unknown_names_is_refused_at_load() -> None:
    bad = dict(BLOCK_FORM, rows=[dict(BLOCK_FORM["rows"][0], persons="movng and age < 75")])
    proc = ProcedureDef.model_validate(bad)
    problems = check_procedure(proc, Catalog(procedures={"demo": proc}), "demo.yaml")
    assert problems and problems[0].field == "rows.people.persons"
    assert "movng" in problems[0].message_ja
    too_tall = dict(BLOCK_FORM, rows=[dict(BLOCK_FORM["rows"][0], y=250, count=6)])
    with pytest.raises(ValueError, match="はみ出しています"):
        ProcedureDef.model_validate(too_tall)
