"""Household rows leave the counter in the data too: JSON rows, one CSV row per person-row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from tome_window.domain.catalog import Catalog
from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.errors import HouseholdError
from tome_window.domain.household import Person, household_from_json
from tome_window.services.export import procedure_schema

from ..domain.test_household import BLOCK_FORM, RESIDENT


@pytest.fixture
def service():  # noqa: ANN201
    from tome_window.services.visits import VisitService

    proc = ProcedureDef.model_validate(BLOCK_FORM)
    made = VisitService.open(catalog=Catalog(procedures={"demo": proc}))
    yield made
    made.store.close()


FAMILY = [{"name": "登米　花子", "name_kana": "トメ　ハナコ", "birth_date": "1987-01-02", "sex": "2",
           "relationship": "妻"},
          {"name": "登米　一郎", "name_kana": "トメ　イチロウ", "birth_date": "2018-05-01", "sex": "1",
           "relationship": "子"},
          {"name": "登米　二郎", "name_kana": "トメ　ジロウ", "birth_date": "2023-02-01", "sex": "1",
           "relationship": "子"}]


def test_rows_in_json_and_csv(service, tmp_path: Path) -> None:  # noqa: ANN001
    visit = service.new_visit(procedure_ids=["demo"])
    service.set_resident(visit, RESIDENT)
    service.set_household(visit, household_from_json(FAMILY))
    service.answer(visit, "demo.kind", "get")
    files = service.export(service.load(visit.id), {"json", "csv"}, tmp_path).files
    assert [f.name for f in files] == ["01_demo.json", "01_demo.csv", "01_demo.people.csv"]
    doc = json.loads(files[0].read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        procedure_schema(service.catalog.procedures["demo"]),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(doc)
    assert doc["complete"] is True
    assert [r["person"] for r in doc["rows"]["people"]] == [-1, 0, 1, 2]  # 別紙 rows included
    assert doc["rows"]["people"][3] == {"person": 2, "name": "登米　二郎", "kana": "トメ　ジロウ",
                                        "birth": "2023-02-01", "rel": "子"}
    lines = list(csv.reader(io.StringIO(files[2].read_text(encoding="utf-8-sig"), newline="")))
    assert lines[0] == ["visit_id", "procedure", "version", "date", "complete", "block", "row",
                        "person", "name", "kana", "birth", "rel"]
    assert len(lines) == 5 and lines[4][:8] == [visit.id, "demo", "1", visit.date.isoformat(),
                                                "1", "people", "4", "2"]
    assert service.load(visit.id).persons == visit.persons  # saved with the visit


def test_a_row_problem_is_named_by_block_row_and_field(service, tmp_path: Path) -> None:  # noqa: ANN001
    visit = service.new_visit(procedure_ids=["demo"])
    service.set_resident(visit, RESIDENT)
    service.set_household(visit, [Person.from_json(dict(FAMILY[1], name_kana=""), 0)])
    service.answer(visit, "demo.kind", "get")
    problems = service.problems(visit)
    assert [(p.kind, p.field) for p in problems] == [("doubtful", "demo.people.1.kana")]
    assert "対象の方 2人目: フリガナ" in problems[0].message  # the person's row is named
    (path,) = service.export(visit, {"json"}, tmp_path, allow_incomplete=True).files
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, procedure_schema(service.catalog.procedures["demo"]))
    assert doc["complete"] is False and doc["problems"] == {"people.1.kana": "doubtful"}
    service.answer(visit, "demo.kind", "lose")  # nobody deceased: the block is short
    problems = service.problems(visit)
    assert [(p.kind, p.field) for p in problems] == [("missing", "demo.people")]
    assert "対象の方が1人以上必要です" in problems[0].message


def test_a_wrong_household_is_refused_whole_and_keeps_the_old_one(service) -> None:  # noqa: ANN001
    visit = service.new_visit(procedure_ids=["demo"])
    service.set_resident(visit, RESIDENT)
    service.set_household(visit, household_from_json(FAMILY[:1]))
    older_child = household_from_json([dict(FAMILY[1], birth_date="1970-01-01")])
    with pytest.raises(HouseholdError) as refused:
        service.set_household(visit, older_child)
    assert "1人目(登米　一郎)" in refused.value.message_ja
    assert [p.name for p in visit.persons] == ["登米　花子"]
