"""Application JSON: one document per application, valid against its published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tome_window.services.export import procedure_schema, schema_text

from .conftest import ALL, NUMBER, export_visit

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "forms" / "schemas"


def test_committed_schemas_equal_the_generator(catalog) -> None:  # noqa: ANN001
    for proc in catalog.procedures.values():
        path = SCHEMAS / f"{proc.id}.schema.json"
        assert path.exists(), f"run: tome-window forms schemas ({proc.id} missing)"
        assert path.read_text(encoding="utf-8") == schema_text(proc), \
            f"{path.name} is stale: run tome-window forms schemas"
    assert {p.name for p in SCHEMAS.glob("*.schema.json")} == \
        {f"{p}.schema.json" for p in catalog.procedures}


def test_schemas_are_valid_draft_2020_12(catalog) -> None:  # noqa: ANN001
    for proc in catalog.procedures.values():
        schema = procedure_schema(proc)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith(f"{proc.id}-v{proc.version}.json")
        fields = schema["then"]["properties"]["fields"]  # strict only when complete
        for f in proc.fields:
            if f.relevant:
                assert f.id not in fields["required"], f"{proc.id}.{f.id} is conditional"
            elif f.required:
                assert f.id in fields["required"]


def test_every_exported_application_validates(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit()
    files = export_visit(service, visit.id, {"json"}, tmp_path)
    assert len(files) == len(ALL)
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        schema = json.loads((SCHEMAS / f"{doc['procedure']}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(doc)
        assert doc["visit"] == visit.id and doc["date"] == visit.date.isoformat()
        assert text == json.dumps(doc, ensure_ascii=False, separators=(",", ":"))  # compact
        proc = service.catalog.procedures[doc["procedure"]]
        has_number = any(f.fact == "resident.my_number" for f in proc.fields)
        assert (NUMBER in text) == has_number, doc["procedure"]


def test_only_relevant_fields_and_canonical_values(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu"], extra={"applicant_relation": "proxy",
                                                           "juminhyo_koufu.purpose": "work"})
    (path,) = export_visit(service, visit.id, ["json"], tmp_path)
    fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
    assert "with_my_number" not in fields  # not relevant for a proxy
    assert "purpose_detail" not in fields
    assert fields["applicant_birth"] == "1985-04-12"  # ISO, never 和暦
    assert isinstance(fields["copies"], int) and isinstance(fields["with_relationship"], bool)
    assert list(fields)[0] == "apply_date"  # definition order


def _validate(doc: dict) -> None:
    schema = json.loads((SCHEMAS / f"{doc['procedure']}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(doc)


def test_an_incomplete_application_says_so_and_validates(tmp_path: Path) -> None:
    from tome_window.services.visits import VisitService

    service = VisitService.open()
    visit = service.new_visit(procedure_ids=["juminhyo_koufu"])
    (path,) = export_visit(service, visit.id, ["json"], tmp_path, allow_incomplete=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    _validate(doc)  # the published schema accepts it only because it says it is not final
    assert doc["complete"] is False
    assert doc["problems"]["target_name"] == "missing"
    assert "overridden" not in doc
    claimed = dict(doc, complete=True)
    claimed.pop("problems")
    with pytest.raises(jsonschema.ValidationError):  # a missing value can never pose as final
        _validate(claimed)
    service.store.close()


def test_a_complete_application_lists_nothing_under_review(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu"])
    (path,) = export_visit(service, visit.id, ["json"], tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["complete"] is True and "problems" not in doc and "overridden" not in doc
    assert list(doc) == ["procedure", "version", "visit", "date", "complete", "fields"]
    with pytest.raises(jsonschema.ValidationError):  # a final document cannot carry a review
        _validate(dict(doc, problems={"phone": "doubtful"}))
    with pytest.raises(jsonschema.ValidationError):  # a review names only the form's fields
        _validate(dict(doc, complete=False, problems={"no_such_field": "missing"}))
    with pytest.raises(jsonschema.ValidationError):
        _validate(dict(doc, complete=False, problems={"phone": "fine"}))


def test_an_overridden_field_is_named_and_the_document_is_not_final(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu"])
    service.override(visit, "juminhyo_koufu.phone", "checked_document", "免許証で確認")
    (path,) = export_visit(service, visit.id, ["json"], tmp_path)  # the gate lets an override pass
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    _validate(doc)
    assert doc["complete"] is False and doc["overridden"] == {"phone": "checked_document"}
    assert "免許証" not in text  # the note stays in the encrypted visit


def test_a_document_its_schema_refuses_is_never_written(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    from tome_window.services.export import ExportError
    from tome_window.services.export.bundle import write_exports

    service, visit = make_visit(["juminhyo_koufu", "jidou_teate"])
    forms = service.forms(visit)
    target = next(fs for fs in forms[0].fields if fs.field.id == "copies")
    target.value = "三通"  # a value no definition allows, as a bug upstream would leave it
    out = tmp_path / "out"
    with pytest.raises(ExportError) as refused:
        write_exports(visit, forms, {"pdf", "json", "csv"}, out)
    label = next(f.label for f in forms[0].procedure.fields if f.id == "copies")
    assert label in refused.value.message_ja and "copies" in refused.value.message_en
    assert not out.exists() or not any(out.iterdir())  # not even the PDFs
