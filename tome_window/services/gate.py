"""The gate before paper: what is wrong with a visit's forms, per form and per field.

One owner for the rule "a doubtful, missing or replaced value is never printed as if it were
final": `fill` and `export` refuse (exit 3) while this list is not empty unless staff allow an incomplete
visit, and the list is what staff read to put it right. Messages are Japanese; `kind` and
`field` are stable for scripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tome_window.domain.errors import TomeError
from tome_window.domain.prefill import FieldState, FormState, Prefiller

INCOMPLETE_EXIT = 3  # the command-line exit code of a refused visit (README)
# What can be wrong with one field of a form (the kinds form_problems gives; the JSON schema
# of an application lists them, so a new kind is a schema change).
FIELD_KINDS = ("missing", "invalid", "doubtful", "cut", "gaiji")


@dataclass(frozen=True)
class GateProblem:
    kind: str  # missing | invalid | doubtful | gaiji | cut | unknown_answer | shared_fact_answer | invalid_answer
    field: str
    message: str
    procedure: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "procedure": self.procedure, "field": self.field,
                "message": self.message}


class IncompleteVisit(TomeError):
    """A visit that may not leave the counter as final: the problems say what to put right."""

    def __init__(self, visit_id: str, problems: list[GateProblem]) -> None:
        super().__init__(f"受付 {visit_id[:8]} は {len(problems)} 件の確認が必要なため出力しませんでした",
                         f"visit {visit_id} refused: {len(problems)} problems")
        self.problems = problems


def form_problems(forms: Iterable[FormState],
                  overrides: Mapping[str, Any] | None = None) -> list[GateProblem]:
    """Missing required, invalid, unconfirmed suggestions, values that do not fit their box at
    the smallest print size, and characters the font lacks; a field staff overrode (ref in
    `overrides`, see Visit.overrides) passes, and its page carries a 要確認 mark instead."""
    passed = overrides or {}
    return [p for p in _all_problems(forms) if p.field not in passed]


def _all_problems(forms: Iterable[FormState]) -> list[GateProblem]:
    from tome_window.services.pdf.fonts import load_fonts
    from tome_window.services.pdf.render import MIN_SIZE, form_gaiji, form_overflow

    fonts = load_fonts()

    found: list[GateProblem] = []
    for form in forms:
        pid, title = form.procedure.id, form.procedure.title
        for block_id, found_n in form.short_blocks.items():
            block = form.procedure.block(block_id)
            found.append(GateProblem("missing", f"{pid}.{block_id}",
                                     f"{title}: {block.label}: 対象の方が{block.min_rows}人以上必要です"
                                     f"(いま{found_n}人)。世帯の方を確認してください", pid))
        for fs in form.all_fields:
            where = f"{title}: {_row_label(form, fs)}{fs.field.label}"
            if fs.missing:
                found.append(GateProblem("missing", fs.ref, f"{where}: 必須項目が未入力です", pid))
            elif fs.error:
                found.append(GateProblem("invalid", fs.ref, f"{where}: {fs.error}", pid))
            elif fs.suggestion:
                found.append(GateProblem("doubtful", fs.ref,
                                         f"{where}: 自動の候補のままです。確認してください", pid))
        for fs in form_overflow(form, fonts):
            found.append(GateProblem("cut", fs.ref, f"{title}: {_row_label(form, fs)}{fs.field.label}: 欄に収まりません"
                                     f"({MIN_SIZE:g}ポイントまで縮めても入りきりません)", pid))
        for hit in form_gaiji(form, fonts):
            found.append(GateProblem("gaiji", hit.ref,
                                     f"{title}: 「{hit.char}」({hit.codepoint}) は外字で印刷できません", pid))
    return found


def _row_label(form: FormState, fs: FieldState) -> str:
    if not fs.row:
        return ""
    block_id, _, index = fs.row.partition(".")
    return f"{form.procedure.block(block_id).label} {int(index) + 1}人目: "


def answer_problems(prefiller: Prefiller, answers: Mapping[str, Any]) -> list[GateProblem]:
    """Answer keys that no form knows, or a per-form key for a field that shows a shared fact
    (it would be silently ignored: the shared fact is what every form prints)."""
    found: list[GateProblem] = []
    catalog = prefiller.catalog
    for key in answers:
        head, _, tail = str(key).partition(".")
        if head in catalog.procedures and tail:
            try:
                f = catalog.procedures[head].field(tail)
            except KeyError:
                f = None
            if f is not None and f.fact:
                found.append(GateProblem("shared_fact_answer", str(key),
                                         f"{key}: 共通の項目「{f.fact}」で答えてください", head))
                continue
        if prefiller.definition_of(str(key)) is None:
            found.append(GateProblem("unknown_answer", str(key), f"{key}: この質問IDはありません"))
    return found
