"""One application as data: the document the back office imports instead of re-keying a form.

The same document is written to the .json file, carried by the 2-D code on the printed page
and flattened into the CSV row, so the three can never disagree. Values are the canonical ones
the domain keeps (dates ISO, postal codes NNN-NNNN, numbers as int, checkboxes as bool):
printing turns dates into 和暦, data never does, because a back-office system must not parse
era names. Only the fields the form actually lists (its relevant fields) are present; the
individual number appears only in the applications whose form has that field.

A document also says whether it is final. `complete` is true only when no field has a gate
problem and staff overrode none; otherwise `problems` names each field still wrong (field id →
gate kind: missing, invalid, doubtful, cut, gaiji) and `overridden` each field staff let pass
(field id → reason code of domain.visit.OVERRIDE_REASONS). The back office must not book a
document with `complete: false` as final, as the clerk must not the paper marked 「要確認」.
The published schema (export.schema) checks the values strictly only for a complete document.
"""

from __future__ import annotations

import json
from typing import Any

from tome_window.domain.definitions import FieldType
from tome_window.domain.prefill import FieldState, FormState
from tome_window.domain.validation import is_empty
from tome_window.domain.visit import Visit

# The order of a document's keys, which is also the order its schema lists them.
KEYS = ("procedure", "version", "visit", "date", "complete", "problems", "overridden", "fields",
        "rows")

Value = str | int | bool | None


def field_value(fs: FieldState) -> Value:
    """The canonical value as JSON: an unticked checkbox is false, as it prints."""
    kind = fs.field.type
    if kind is FieldType.CHECKBOX:
        return bool(fs.value)
    if is_empty(fs.value):
        return None
    if isinstance(fs.value, bool | int | str):
        return fs.value
    return str(fs.value)


def review(form: FormState, visit: Visit) -> tuple[dict[str, str], dict[str, str]]:
    """(problems, overridden) of one form, each field id → kind or reason; the gate owns
    what a problem is. The first problem of a field names it (a field missing is not also
    reported invalid)."""
    from tome_window.services.gate import FIELD_KINDS, form_problems  # the gate renders: a cycle

    prefix = f"{form.procedure.id}."
    overridden = {ref.removeprefix(prefix): o.reason for ref, o in visit.overrides.items()
                  if ref.startswith(prefix)}
    problems: dict[str, str] = {}
    for problem in form_problems([form], visit.overrides):
        if problem.field.startswith(prefix) and problem.kind in FIELD_KINDS:
            problems.setdefault(problem.field.removeprefix(prefix), problem.kind)
    return problems, overridden


def document(form: FormState, visit: Visit) -> dict[str, Any]:
    """The application document: procedure, version, visit, date, whether it is final
    (with what is not) and the form's fields."""
    proc = form.procedure
    problems, overridden = review(form, visit)
    doc: dict[str, Any] = {
        "procedure": proc.id,
        "version": proc.version,
        "visit": visit.id,
        "date": visit.date.isoformat(),
        "complete": not problems and not overridden,
    }
    if problems:  # absent rather than empty: every byte counts in a 2-D code
        doc["problems"] = problems
    if overridden:
        doc["overridden"] = overridden
    doc["fields"] = {fs.field.id: field_value(fs) for fs in form.fields}
    if form.procedure.rows:
        doc["rows"] = rows_of(form)
    return doc


def rows_of(form: FormState) -> dict[str, list[dict[str, Value]]]:
    """Each row block's rows in print order (別紙 rows included): `person` is -1 for the
    resident at the counter, else the index in the visit's household, then the row's fields."""
    out: dict[str, list[dict[str, Value]]] = {b.id: [] for b in form.procedure.rows}
    for row in form.rows:
        entry: dict[str, Value] = {"person": row.person}
        entry.update({fs.field.id: field_value(fs) for fs in row.fields})
        out[row.block.id].append(entry)
    return out


def compact_json(doc: dict[str, Any]) -> str:
    """The one serialisation used for the file and the 2-D code, so both are byte-identical:
    no spaces (every byte counts in a code) and real characters rather than \\u escapes
    (Japanese as \\uXXXX would take six bytes instead of three)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
