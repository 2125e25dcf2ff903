"""Applications as data for the back office: JSON documents, their JSON Schemas, and CSV."""

from tome_window.services.export.application import compact_json, document, field_value
from tome_window.services.export.bundle import FORMATS, ExportError, check_document, parse_formats
from tome_window.services.export.schema import procedure_schema, schema_text, write_schemas
from tome_window.services.export.tabular import csv_bytes, header

__all__ = ["FORMATS", "ExportError", "check_document", "compact_json", "csv_bytes", "document",
           "field_value", "header", "parse_formats", "procedure_schema", "schema_text",
           "write_schemas"]
