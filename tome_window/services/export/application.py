"""One application as data: the document the back office imports instead of re-keying a form.

The same document is written to the .json file, carried by the 2-D code on the printed page
and flattened into the CSV row, so the three can never disagree. Values are the canonical ones
the domain keeps (dates ISO, postal codes NNN-NNNN, numbers as int, checkboxes as bool):
printing turns dates into 和暦, data never does, because a back-office system must not parse
era names. Only the fields the form actually lists (its relevant fields) are present; the
individual number appears only in the applications whose form has that field.
"""

from __future__ import annotations

import json
from typing import Any

from tome_window.domain.definitions import FieldType
from tome_window.domain.prefill import FieldState, FormState
from tome_window.domain.validation import is_empty
from tome_window.domain.visit import Visit

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


def document(form: FormState, visit: Visit) -> dict[str, Any]:
    """The application document: procedure, version, visit, date and the form's fields."""
    proc = form.procedure
    return {
        "procedure": proc.id,
        "version": proc.version,
        "visit": visit.id,
        "date": visit.date.isoformat(),
        "fields": {fs.field.id: field_value(fs) for fs in form.fields},
    }


def compact_json(doc: dict[str, Any]) -> str:
    """The one serialisation used for the file and the 2-D code, so both are byte-identical:
    no spaces (every byte counts in a code) and real characters rather than \\u escapes
    (Japanese as \\uXXXX would take six bytes instead of three)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
