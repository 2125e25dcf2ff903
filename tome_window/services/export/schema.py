"""A published JSON Schema per procedure, generated from its definition.

The back office validates what it imports against these files instead of trusting the
counter, and reads from them what each field means (title = the printed label). They are
generated rather than written by hand so that a definition and its schema cannot drift: the
test suite compares the committed files in forms/schemas/ with this generator, and
`tome-window forms schemas` rewrites them after a definition changes.

Required means "always present with a value": a field with a `relevant` condition is only
listed on some applications, so it is never required, and an optional field may be null.

The values are checked strictly only when the document says `complete: true`. A document the
counter let pass incomplete (`--allow-incomplete`, or a field staff overrode) still validates,
then says `complete: false`, and its `problems` / `overridden` name every field that is not
final (the JSON files always list them; a page's 2-D code leaves the lists out for room, and
the page's 要確認 / 外字 marks show the boxes), so a back office that validates can never book a
missing or doubtful value as if it were final.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tome_window.domain.definitions import FieldDef, FieldType, ProcedureDef, RowBlock, RowField
from tome_window.domain.prefill import choices_of, row_field_def
from tome_window.domain.visit import OVERRIDE_REASONS
from tome_window.services.gate import FIELD_KINDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://tome-window.invalid/schemas"

ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
POSTAL = r"^[0-9]{3}-[0-9]{4}$"
PHONE = r"^0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$"
MY_NUMBER = r"^[0-9]{12}$"
KANA = "^[\u30a0-\u30ff\u3000 ・ー－]+$"

ANY_VALUE = {"type": ["string", "integer", "boolean", "null"]}  # an incomplete document's value
_JSON_TYPE = {FieldType.CHECKBOX: "boolean", FieldType.NUMBER: "integer"}


def schema_id(proc: ProcedureDef) -> str:
    return f"{BASE_ID}/{proc.id}-v{proc.version}.json"


def always_required(f: FieldDef) -> bool:
    return f.required and not f.relevant


def field_schema(f: FieldDef) -> dict[str, Any]:
    nullable = not always_required(f) and f.type is not FieldType.CHECKBOX
    out: dict[str, Any] = {"title": f.label}
    if f.help:
        out["description"] = f.help
    choices = choices_of(f)
    if choices:
        values: list[Any] = [c.value for c in choices]
        out["enum"] = values + [None] if nullable else values
        return out
    kind = _JSON_TYPE.get(f.type, "string")
    out["type"] = [kind, "null"] if nullable else kind
    v = f.validation
    if f.type is FieldType.NUMBER:
        if v.min is not None:
            out["minimum"] = int(v.min)
        if v.max is not None:
            out["maximum"] = int(v.max)
        return out
    if kind != "string":
        return out
    if f.type is FieldType.DATE:
        out["format"] = "date"
    pattern = {FieldType.DATE: ISO_DATE, FieldType.POSTAL_CODE: POSTAL,
               FieldType.PHONE: PHONE, FieldType.KANA: KANA}.get(f.type, v.pattern)
    if f.fact == "resident.my_number":
        pattern = MY_NUMBER
    if pattern:
        out["pattern"] = pattern
    if v.min_length is not None:
        out["minLength"] = v.min_length
    if v.max_length is not None:
        out["maxLength"] = v.max_length
    return out


def row_field_schema(f: RowField, block: RowBlock) -> dict[str, Any]:
    """A row's column as the form field prefill makes of it (its choices included)."""
    out = field_schema(row_field_def(f, block))
    if f.person == "my_number":
        out["pattern"] = MY_NUMBER
    return out


def rows_schema(block: RowBlock, strict: bool) -> dict[str, Any]:
    """One block's rows: `person` (-1 the resident at the counter, else the household index)
    and the row's fields; every printed and 別紙 row is here."""
    person = {"type": "integer", "minimum": -1, "description": "-1: 届出人、0以上: 世帯の方の番号"}
    if strict:
        props = {"person": person, **{f.id: row_field_schema(f, block) for f in block.fields}}
        required = ["person", *(f.id for f in block.fields if f.required)]
    else:
        props = {"person": person, **{f.id: ANY_VALUE for f in block.fields}}
        required = ["person"]
    return {"type": "array", "title": block.label,
            "minItems": block.min_rows if strict else 0,
            "items": {"type": "object", "additionalProperties": False, "required": required,
                      "properties": props}}


def procedure_schema(proc: ProcedureDef) -> dict[str, Any]:
    """Draft 2020-12 schema of one application document (see export.application)."""
    ids = [f.id for f in proc.fields] + [b.id for b in proc.rows]
    row_ids = "|".join(f"{b.id}\\.[0-9]+\\.(?:{'|'.join(f.id for f in b.fields)})" for b in proc.rows)
    strict = {
        "type": "object",
        "additionalProperties": False,
        "required": [f.id for f in proc.fields if always_required(f)],
        "properties": {f.id: field_schema(f) for f in proc.fields},
    }
    loose = {
        "type": "object",
        "additionalProperties": False,
        "properties": {i: ANY_VALUE for i in ids},
    }

    names: dict[str, Any] = {"enum": ids}
    if row_ids:  # a row's field: BLOCK.N.FIELD
        names = {"anyOf": [names, {"pattern": f"^(?:{row_ids})$"}]}

    def per_field(values: list[str], description: str) -> dict[str, Any]:
        return {"type": "object", "minProperties": 1, "description": description,
                "propertyNames": names, "additionalProperties": {"enum": values}}

    def rows(strict_rows: bool) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False,
                "required": [b.id for b in proc.rows],
                "properties": {b.id: rows_schema(b, strict_rows) for b in proc.rows}}

    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": schema_id(proc),
        "title": proc.title,
        "description": f"{proc.title} (第{proc.version}版) の申請データ。Tome Window が出力します。",
        "type": "object",
        "additionalProperties": False,
        "required": ["procedure", "version", "visit", "date", "complete", "fields"],
        "properties": {
            "procedure": {"const": proc.id},
            "version": {"const": proc.version},
            "visit": {"type": "string", "minLength": 1, "description": "受付ID"},
            "date": {"type": "string", "format": "date", "pattern": ISO_DATE,
                     "description": "受付日 (西暦 ISO 8601)"},
            "complete": {"type": "boolean",
                         "description": "true: すべての項目が確定。false: problems / overridden "
                                        "の項目は確定していません"},
            "problems": per_field(list(FIELD_KINDS), "未確定の項目 (項目ID → 種類)"),
            "overridden": per_field(list(OVERRIDE_REASONS), "職員が確認のうえ通した項目 (項目ID → 理由)"),
            "fields": {"type": "object"},
            **({"rows": {"type": "object", "description": "行ブロック (世帯の方) の行"}}
               if proc.rows else {}),
        },
        "if": {"properties": {"complete": {"const": True}}},
        "then": {"properties": {"fields": strict, "problems": False, "overridden": False,
                                **({"rows": rows(True)} if proc.rows else {})}},
        "else": {"properties": {"fields": loose, **({"rows": rows(False)} if proc.rows else {})}},
    }
    if proc.rows:
        schema["required"].append("rows")
    return schema


def schema_text(proc: ProcedureDef) -> str:
    """Stable text (sorted nothing, fixed indent, final newline) so a diff shows real changes."""
    return json.dumps(procedure_schema(proc), ensure_ascii=False, indent=2) + "\n"


def write_schemas(procedures: list[ProcedureDef], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for proc in procedures:
        path = out_dir / f"{proc.id}.schema.json"
        text = schema_text(proc)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
