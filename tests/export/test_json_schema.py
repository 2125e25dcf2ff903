"""Application JSON: one document per application, valid against its published schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tome_window.services.export import export_visit, procedure_schema, schema_text

from .conftest import ALL, NUMBER

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
        fields = schema["properties"]["fields"]
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


def test_incomplete_application_fails_its_schema(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    from tome_window.services.visits import VisitService

    service = VisitService.open()
    visit = service.new_visit(procedure_ids=["juminhyo_koufu"])
    (path,) = export_visit(service, visit.id, ["json"], tmp_path, allow_incomplete=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "juminhyo_koufu.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
    service.store.close()
