"""The set of procedures, shared questions and life events a counter offers.

Cross-file rules live here (a field's shared fact exists and has the same type, a life event
names real procedures, conditions only read names that exist), so that the loader can refuse
one broken file with a precise reason and keep every other definition usable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tome_window.domain.conditions import check_names
from tome_window.domain.definitions import (
    RESIDENT_FACTS,
    VISIT_FACTS,
    EventDef,
    FieldDef,
    ProcedureDef,
    QuestionDef,
    RowBlock,
    parse_prefill,
)
from tome_window.domain.errors import ConditionError, DefinitionError
from tome_window.domain.household import HOUSEHOLD_VALUES, PERSON_VARS
from tome_window.domain.text import search_fold

BUILTIN_NAMES = ("resident", "visit")


@dataclass
class Catalog:
    procedures: dict[str, ProcedureDef] = field(default_factory=dict)
    events: dict[str, EventDef] = field(default_factory=dict)
    questions: dict[str, QuestionDef] = field(default_factory=dict)
    problems: list[DefinitionError] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def procedure(self, procedure_id: str) -> ProcedureDef:
        try:
            return self.procedures[procedure_id]
        except KeyError:
            raise KeyError(procedure_id) from None

    def fact_type(self, key: str) -> str | None:
        head, _, tail = key.partition(".")
        if head == "resident" and tail:
            return RESIDENT_FACTS.get(tail)
        if head == "visit" and tail:
            return VISIT_FACTS.get(tail)
        q = self.questions.get(key)
        return q.type.value if q else None

    def search(self, text: str) -> list[ProcedureDef]:
        """Procedures whose title, reading or summary contains the text (kana-insensitive)."""
        needle = _fold(text.strip())
        if not needle:
            return sorted(self.procedures.values(), key=lambda p: p.kana or p.title)
        hits = [p for p in self.procedures.values()
                if needle in _fold(p.title) or needle in _fold(p.kana) or needle in _fold(p.summary)
                or needle in p.id]
        return sorted(hits, key=lambda p: p.kana or p.title)

    def search_events(self, text: str) -> list[EventDef]:
        """Life events whose title, reading or summary contains the text (kana-insensitive:
        「てんにゅう」 and 「テンニュウ」 find 転入), in the catalog's order."""
        needle = _fold(text.strip())
        if not needle:
            return list(self.events.values())
        return [e for e in self.events.values()
                if needle in _fold(e.title) or needle in _fold(e.kana) or needle in _fold(e.summary)
                or needle in e.id]


_fold = search_fold


def check_questions(catalog: Catalog, file: str) -> list[DefinitionError]:
    """Shared questions' prefill sources and conditions read only names that exist."""
    problems: list[DefinitionError] = []
    known = set(catalog.questions) | set(BUILTIN_NAMES) | set(HOUSEHOLD_VALUES)
    for q in catalog.questions.values():
        if q.prefill:
            problems.extend(_check_prefill(q.prefill, catalog, known, file, f"questions.{q.id}"))
        if q.relevant:
            problems.extend(_names_problems(q.relevant, known, file, f"questions.{q.id}.relevant"))
    return problems


def check_procedure(proc: ProcedureDef, catalog: Catalog, file: str) -> list[DefinitionError]:
    """Problems of one procedure against the shared questions; empty when usable."""
    problems: list[DefinitionError] = []
    known = (set(catalog.questions) | set(BUILTIN_NAMES) | set(HOUSEHOLD_VALUES)
             | {f.id for f in proc.fields})
    for f in proc.fields:
        problems.extend(_check_field(f, catalog, known, file))
    for block in proc.rows:
        problems.extend(_check_block(block, catalog, file, {f.id for f in proc.fields}))
    return problems


def _check_block(block: RowBlock, catalog: Catalog, file: str,
                 own: set[str]) -> list[DefinitionError]:
    """A row block selects persons by names that exist, and each column reads a person
    fact of its own type."""
    where = f"rows.{block.id}"
    known = (set(catalog.questions) | set(BUILTIN_NAMES) | set(PERSON_VARS) | set(HOUSEHOLD_VALUES)
             | own)
    problems = _names_problems(block.persons, known, file, where + ".persons")
    for f in block.fields:
        kind = PERSON_VARS.get(f.person)
        if kind is None:
            problems.append(DefinitionError(
                file, f"{where}.fields.{f.id}", f"person: {f.person} は人の項目にありません"
                f"({', '.join(sorted(PERSON_VARS))})", f"unknown person fact {f.person}"))
        elif kind != f.type.value and f.type.value != "text":
            problems.append(DefinitionError(
                file, f"{where}.fields.{f.id}", f"型 {f.type.value} が人の項目 {f.person} の型 {kind} と違います",
                f"type {f.type.value} differs from person fact {f.person} ({kind})"))
    return problems


def _check_field(f: FieldDef, catalog: Catalog, known: set[str], file: str) -> list[DefinitionError]:
    problems: list[DefinitionError] = []
    where = f"fields.{f.id}"
    if f.fact:
        fact_type = catalog.fact_type(f.fact)
        if fact_type is None:
            problems.append(DefinitionError(file, where, f"共有項目 {f.fact} が定義されていません",
                                            f"shared fact {f.fact} is not defined"))
        elif fact_type != f.type.value:
            problems.append(DefinitionError(
                file, where, f"型 {f.type.value} が共有項目 {f.fact} の型 {fact_type} と違います",
                f"type {f.type.value} differs from shared fact {f.fact} ({fact_type})"))
    if f.relevant:
        problems.extend(_names_problems(f.relevant, known, file, where + ".relevant"))
    if f.prefill:
        problems.extend(_check_prefill(f.prefill, catalog, known, file, where))
    return problems


def _check_prefill(spec: str, catalog: Catalog, known: set[str], file: str,
                   where: str) -> list[DefinitionError]:
    kind, arg = parse_prefill(spec)
    if kind == "const":
        return []
    if kind == "expr":
        return _names_problems(arg, known, file, where + ".prefill")
    if catalog.fact_type(arg) is None and arg not in known:
        return [DefinitionError(file, where + ".prefill", f"prefill の参照先 {arg} がありません",
                                f"prefill source {arg} does not exist")]
    return []


def _names_problems(expr: str, known: set[str], file: str, where: str) -> list[DefinitionError]:
    """An expression that reads an unknown name, or does not parse, named with its place."""
    try:
        check_names(expr, known)
    except ConditionError as exc:
        return [DefinitionError(file, where, exc.message_ja, exc.message_en)]
    return []


def check_event(event: EventDef, catalog: Catalog, file: str) -> list[DefinitionError]:
    problems: list[DefinitionError] = []
    for q in event.questions:
        if q not in catalog.questions:
            problems.append(DefinitionError(file, f"questions.{q}", "共有の質問として定義されていません",
                                            "question is not defined in facts.yaml"))
    for key, value in event.presets.items():
        problems.extend(_check_preset(key, value, catalog, file))
    known = set(catalog.questions) | set(BUILTIN_NAMES) | set(HOUSEHOLD_VALUES)
    for i, item in enumerate(event.procedures):
        where = f"procedures[{i}]"
        if item.procedure not in catalog.procedures:
            problems.append(DefinitionError(file, where, f"手続 {item.procedure} がありません",
                                            f"procedure {item.procedure} does not exist"))
        if item.when:
            problems.extend(_names_problems(item.when, known, file, where + ".when"))
    return problems


def _check_preset(key: str, value: object, catalog: Catalog, file: str) -> list[DefinitionError]:
    """A preset names a shared question or a form's own field, with a value it accepts."""
    where = f"presets.{key}"
    head, _, tail = key.partition(".")
    definition: QuestionDef | None = catalog.questions.get(key)
    if definition is None and head in catalog.procedures and tail:
        definition = next((f for f in catalog.procedures[head].fields if f.id == tail), None)
    if definition is None:
        return [DefinitionError(file, where, f"{key} は共有の質問にも書類の項目にもありません",
                                f"preset {key} names no question or field")]
    choices = [c.value for c in definition.choices]
    if choices and value not in choices:
        return [DefinitionError(file, where, f"{value} は {definition.label} の選択肢にありません"
                                f"({', '.join(choices)})", f"preset {key}={value} is not a choice")]
    return []
