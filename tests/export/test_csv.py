"""CSV: one file per procedure, a fixed header, UTF-8 with BOM and CRLF for Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tome_window.services.export import csv_bytes, header

from .conftest import export_visit

JUMINHYO_HEADER = [  # version 2 (代理人, 提出先, 相続人 added)
    "visit_id", "procedure", "version", "date", "complete", "review",
    "apply_date", "applicant_relation", "claim_basis", "applicant_address", "applicant_kana",
    "applicant_birth", "applicant_name", "phone", "proxy_name", "proxy_address", "target_address",
    "target_head", "target_name", "kind", "copies", "with_domicile", "with_relationship",
    "with_my_number", "with_code", "purpose", "purpose_detail", "submit_to",
]


def test_header_is_pinned(catalog) -> None:  # noqa: ANN001
    """The back office relies on these names: changing them needs a new definition version."""
    assert header(catalog.procedures["juminhyo_koufu"]) == JUMINHYO_HEADER


def test_rows_bom_and_crlf(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu", "jidou_teate"])
    files = export_visit(service, visit.id, {"csv"}, tmp_path)
    assert [f.name for f in files] == ["01_juminhyo_koufu.csv", "02_jidou_teate.csv",
                                       "02_jidou_teate.children.csv"]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 2 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == JUMINHYO_HEADER
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["visit_id"] == visit.id and row["procedure"] == "juminhyo_koufu"
    assert row["version"] == "2" and row["applicant_name"] == "登米　太郎"
    assert row["applicant_birth"] == "1985-04-12"
    assert row["with_relationship"] in ("1", "0")
    assert row["complete"] == "1" and row["review"] == ""
    jidou = list(csv.reader(io.StringIO(files[1].read_text(encoding="utf-8-sig"), newline="")))
    assert len(jidou) == 2 and len(jidou[0]) == len(jidou[1])


def test_formula_like_text_is_defused(catalog) -> None:  # noqa: ANN001
    proc = catalog.procedures["juminhyo_koufu"]
    doc = {"visit": "v1", "procedure": proc.id, "version": 1, "date": "2026-01-05",
           "fields": {"target_name": "=HYPERLINK(\"x\")", "copies": 2, "with_code": False}}
    rows = list(csv.reader(io.StringIO(csv_bytes(proc, [doc]).decode("utf-8-sig"), newline="")))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["target_name"].startswith("'=")
    assert row["copies"] == "2" and row["with_code"] == "0" and row["purpose"] == ""


def test_an_incomplete_row_says_what_is_not_final(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["juminhyo_koufu"])
    service.answer(visit, "juminhyo_koufu.purpose", None)
    service.override(visit, "juminhyo_koufu.phone", "handwrite")
    (path,) = export_visit(service, visit.id, {"csv"}, tmp_path, allow_incomplete=True)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["complete"] == "0"
    assert row["review"].split(";") == ["purpose=missing", "phone=override:handwrite"]
