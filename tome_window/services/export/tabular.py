"""CSV for the back office: one file per procedure, one row per application.

Why this shape: a back office imports each kind of application into its own system or sheet
(住民異動 into the resident register, 児童手当 into the allowance system), and each wants
that procedure's fields as columns. So every procedure has its own CSV whose header is fixed
by the definition: `visit_id, procedure, version, date`, then every field id of the definition
in definition order, also those a particular application does not list (their cells are
empty). Files of many visits for the same procedure and version therefore have identical
headers and can simply be appended; a definition that adds or renames a field must raise its
`version`, which is in every row. A single wide CSV for all procedures was rejected: its
columns would change whenever any form changed.

Whether a row is final travels with it: `complete` is 1 only when the document is final (see
export.application), and `review` lists what is not, `field=kind` for a problem and
`field=override:reason` for a field staff let pass, separated by `;`. A sheet filtered on
complete=1 therefore never holds a doubtful value.

Persons listed in a row block (the household: 異動者, 被保険者, 児童) go to a CSV of their own
per block, `NN_procedure.block.csv`, one row per person-row: `visit_id, procedure, version,
date, complete, block, row, person` (row from 1 as on the paper and its 別紙; person -1 for
the resident at the counter, else the household index), then the block's field ids. The
application reference (visit_id + procedure) joins them to the application's own row.

Cells: canonical values (dates ISO 8601, postal codes NNN-NNNN), checkboxes 1/0, empty for no
value. A text value that starts with = + - @ gets a leading apostrophe, because Excel would
otherwise run it as a formula (CSV injection); no canonical date, code or number starts so.

Encoding: UTF-8 with a byte-order mark and CRLF line ends. Japanese offices open CSV files in
Excel by double-click; without the BOM Excel reads them as Shift_JIS and shows mojibake, and
CRLF is what Excel and most Windows RPA tools expect (RFC 4180 also specifies CRLF).
Excel still shows long digit strings (口座番号 with a leading 0, the individual number) as
numbers; import through Data > From Text with text columns when they must be seen in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from tome_window.domain.definitions import ProcedureDef, RowBlock

FIXED_COLUMNS = ("visit_id", "procedure", "version", "date", "complete", "review")
_FORMULA_START = ("=", "+", "-", "@")


def header(proc: ProcedureDef) -> list[str]:
    return [*FIXED_COLUMNS, *(f.id for f in proc.fields)]


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def review_cell(doc: dict[str, Any]) -> str:
    notes = [f"{field}={kind}" for field, kind in doc.get("problems", {}).items()]
    notes += [f"{field}=override:{reason}" for field, reason in doc.get("overridden", {}).items()]
    return ";".join(notes)


def row(proc: ProcedureDef, doc: dict[str, Any]) -> list[str]:
    fields = doc["fields"]
    return [doc["visit"], doc["procedure"], str(doc["version"]), doc["date"],
            cell(bool(doc.get("complete"))), review_cell(doc),
            *(cell(fields.get(f.id)) for f in proc.fields)]


def csv_bytes(proc: ProcedureDef, docs: Iterable[dict[str, Any]]) -> bytes:
    """The whole file: BOM, header, one row per application, CRLF."""
    return _encode([header(proc), *(row(proc, doc) for doc in docs)])


ROW_COLUMNS = ("visit_id", "procedure", "version", "date", "complete", "block", "row", "person")


def rows_header(block: RowBlock) -> list[str]:
    return [*ROW_COLUMNS, *(f.id for f in block.fields)]


def rows_csv_bytes(block: RowBlock, docs: Iterable[dict[str, Any]]) -> bytes:
    """One block's persons of the given applications: one CSV row per person-row."""
    lines: list[list[str]] = [rows_header(block)]
    for doc in docs:
        for n, entry in enumerate(doc.get("rows", {}).get(block.id, []), start=1):
            lines.append([doc["visit"], doc["procedure"], str(doc["version"]), doc["date"],
                          cell(bool(doc.get("complete"))), block.id, str(n), str(entry["person"]),
                          *(cell(entry.get(f.id)) for f in block.fields)])
    return _encode(lines)


def _encode(lines: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(lines)
    return buffer.getvalue().encode("utf-8-sig")
