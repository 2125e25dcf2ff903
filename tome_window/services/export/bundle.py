"""Export one recorded visit as PDF, JSON and CSV: the one path for the CLI and the GUI.

Everything is read back from storage by visit id, so what is exported is what was saved,
whichever screen or command made it. Files are named like the PDFs (`01_juumin_idou.json`)
so that the files of one application sort together, and written under a temporary name and
renamed: a full disk never leaves a half file that looks complete. The audit record says
which formats and how many files, never a value.

Every document is checked against its published schema (export.schema) before any file of the
visit, PDF included, is written: a counter that emitted a document its own schema refuses would
pass the fault on to the back office, so it refuses itself and names the form and field.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from tome_window.domain.errors import TomeError
from tome_window.services.export.application import compact_json, document
from tome_window.services.export.schema import procedure_schema
from tome_window.services.export.tabular import csv_bytes, rows_csv_bytes
from tome_window.services.files import make_dir, write_bytes

if TYPE_CHECKING:
    from tome_window.domain.definitions import ProcedureDef
    from tome_window.domain.prefill import FormState
    from tome_window.domain.visit import Visit

log = logging.getLogger(__name__)

FORMATS = ("pdf", "json", "csv")


class ExportError(TomeError):
    """The export could not be made (unknown format, unwritable folder)."""


def parse_formats(text: str | Iterable[str]) -> set[str]:
    """`pdf,json` or an iterable of names → a set; unknown names are refused in Japanese."""
    items = text.split(",") if isinstance(text, str) else list(text)
    chosen = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise ExportError(f"出力形式は {', '.join(FORMATS)} から選んでください(指定: "
                          f"{', '.join(unknown) or 'なし'})",
                          f"unknown export formats: {unknown or 'none'}")
    return chosen


@lru_cache(maxsize=64)
def _validator(proc: ProcedureDef) -> jsonschema.protocols.Validator:
    schema = procedure_schema(proc)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def check_document(proc: ProcedureDef, doc: dict[str, Any]) -> None:
    """Refuse (ExportError, Japanese, naming form and field) a document its schema refuses."""
    errors = sorted(_validator(proc).iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    first = errors[0]
    path = [str(p) for p in first.absolute_path]
    where = path[1] if len(path) > 1 and path[0] == "fields" else ".".join(path) or "(全体)"
    label = next((f.label for f in proc.fields if f.id == where), where)
    raise ExportError(f"{proc.title}: {label}: 出力データが様式の定義 (JSON スキーマ) に合わないため"
                      f"出力しませんでした", f"{proc.id}: schema violation at {path}: {first.message}")


def write_exports(visit: Visit, forms: Sequence[FormState],
                  formats: Iterable[str], out_dir: Path) -> list[Path]:
    """The files of already prefilled forms; no saving or audit (callers record those), so
    the GUI can run it on a worker with the forms it computed on its own thread."""
    chosen = parse_formats(formats)
    docs = [(i, form.procedure, document(form, visit)) for i, form in enumerate(forms, start=1)]
    for _, proc, doc in docs:
        check_document(proc, doc)
    out_dir = make_dir(Path(out_dir), "出力先フォルダ", ExportError)
    written: list[Path] = []
    if "pdf" in chosen:
        from tome_window.services.pdf import render_bundle  # the PDF pages carry our JSON: a cycle

        written += [r.path for r in render_bundle(list(forms), visit, out_dir)]
    if "json" in chosen:
        for i, proc, doc in docs:
            path = out_dir / f"{i:02d}_{proc.id}.json"
            write_bytes(path, compact_json(doc).encode("utf-8"), "JSON", ExportError)
            written.append(path)
    if "csv" in chosen:
        for i, proc, doc in docs:
            path = out_dir / f"{i:02d}_{proc.id}.csv"
            write_bytes(path, csv_bytes(proc, [doc]), "CSV", ExportError)
            written.append(path)
            for block in proc.rows:
                path = out_dir / f"{i:02d}_{proc.id}.{block.id}.csv"
                write_bytes(path, rows_csv_bytes(block, [doc]), "CSV", ExportError)
                written.append(path)
    return written
