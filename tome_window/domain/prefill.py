"""Expand a visit into its forms and prefill them: one input, many forms.

The engine is pure: postal-code and furigana look-ups come in through `Lookups`, so the
same rules run in the GUI, the command line and the tests. Computed values are only ever
suggestions: anything a person typed or confirmed is never overwritten, and a suggestion
whose source changed is recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from tome_window.domain.catalog import Catalog
from tome_window.domain.conditions import evaluate, names_in, value_of
from tome_window.domain.definitions import (
    SEX_CHOICES,
    Choice,
    FieldDef,
    FieldType,
    ProcedureDef,
    QuestionDef,
    parse_prefill,
)
from tome_window.domain.validation import Checked, check, is_empty
from tome_window.domain.visit import COMPUTED, FROM_RESIDENT, Visit

BUILTIN_PREFILL = {"resident.name_kana": "furigana(resident.name)"}
# A postal code gives only the town part (or several 字): the address stays a suggestion
# until a person completes or confirms it, so it is never printed as final.
SUGGESTION_KINDS = {"furigana", "postal_address"}


class Lookups(Protocol):
    def furigana(self, text: str) -> str | None: ...
    def postal_address(self, code: str) -> str | None: ...
    def postal_exists(self, code: str) -> bool: ...


class NoLookups:
    """For tests of the rules alone: nothing can be looked up, every code is accepted."""

    def furigana(self, text: str) -> str | None:
        return None

    def postal_address(self, code: str) -> str | None:
        return None

    def postal_exists(self, code: str) -> bool:
        return True


@dataclass
class FieldState:
    procedure_id: str
    field: FieldDef
    key: str
    value: Any
    origin: str | None
    confirmed: bool
    error: str | None = None
    problem: Checked | None = None  # code and parameters, for the message in other languages

    @property
    def missing(self) -> bool:
        return self.field.required and self.field.type is not FieldType.CHECKBOX and is_empty(self.value)

    @property
    def suggestion(self) -> bool:
        return self.origin == "suggestion" and not self.confirmed

    @property
    def doubtful(self) -> bool:
        return self.error is not None or self.suggestion

    @property
    def ref(self) -> str:
        return f"{self.procedure_id}.{self.field.id}"


@dataclass
class FormState:
    procedure: ProcedureDef
    fields: list[FieldState] = field(default_factory=list)
    reason: str = ""

    @property
    def missing(self) -> list[FieldState]:
        return [f for f in self.fields if f.missing]

    @property
    def doubtful(self) -> list[FieldState]:
        return [f for f in self.fields if f.doubtful]


@dataclass(frozen=True)
class Question:
    """One thing to ask the resident or staff; `procedures` says which forms it feeds."""

    key: str
    definition: QuestionDef
    procedures: tuple[str, ...]
    required: bool = False


class Prefiller:
    def __init__(self, catalog: Catalog, lookups: Lookups) -> None:
        self.catalog = catalog
        self.lookups = lookups

    # -- which forms ------------------------------------------------------------------
    def bundle(self, visit: Visit) -> list[tuple[ProcedureDef, str]]:
        """The visit's procedures with the reason each was added, in a stable order."""
        chosen: dict[str, str] = {}
        values = self._values(visit)
        if visit.event_id and visit.event_id in self.catalog.events:
            event = self.catalog.events[visit.event_id]
            for item in event.procedures:
                if item.procedure in self.catalog.procedures and evaluate(item.when, values):
                    chosen.setdefault(item.procedure, item.reason or event.title)
        for pid in visit.procedure_ids:
            if pid in self.catalog.procedures:
                chosen.setdefault(pid, "個別に選択")
        return [(self.catalog.procedures[pid], reason) for pid, reason in chosen.items()]

    def needs_my_number(self, visit: Visit) -> bool:
        return any(p.needs_my_number for p, _ in self.bundle(visit))

    # -- prefill ----------------------------------------------------------------------
    def prefill(self, visit: Visit) -> None:
        """Fill empty facts from their sources; repeat so chains (postal → address) settle."""
        specs = self._prefill_specs(visit)
        for _ in range(3):
            changed = False
            for key, spec in specs.items():
                current = visit.facts.get(key)
                if current is not None and (current.origin not in COMPUTED or current.confirmed):
                    continue
                kind, value = self._compute(spec, visit)
                definition = self.definition_of(key)
                if definition is not None and not is_empty(value):
                    value = check(definition, value).value
                origin = ("suggestion" if kind in SUGGESTION_KINDS or self._from_suggestion(spec, visit)
                          else "prefill")
                if is_empty(value):
                    if current is not None:
                        del visit.facts[key]
                        changed = True
                    continue
                if current is None or current.value != value or current.origin != origin:
                    visit.set(key, value, origin, confirmed=False)  # type: ignore[arg-type]
                    changed = True
            if not changed:
                break

    def _values(self, visit: Visit) -> dict[str, Any]:
        """Fact values for conditions: an unticked checkbox means no, as it shows on screen."""
        values = {q.id: False for q in self.catalog.questions.values() if q.type is FieldType.CHECKBOX}
        values.update(visit.values())
        return values

    def _prefill_specs(self, visit: Visit) -> dict[str, str]:
        specs = dict(BUILTIN_PREFILL)
        for proc, _ in self.bundle(visit):
            for f in proc.fields:
                key = f.fact_key(proc.id)
                spec = f.prefill or (self.catalog.questions[f.fact].prefill
                                     if f.fact in self.catalog.questions else None)
                if spec:
                    specs.setdefault(key, _qualify(spec, proc, f))
        pending = list(specs.values())
        while pending:  # a shared fact that a prefill reads is itself prefilled
            for name in _sources(pending.pop()):
                q = self.catalog.questions.get(name)
                if q is not None and q.prefill and name not in specs:
                    specs[name] = q.prefill
                    pending.append(q.prefill)
        return specs

    @staticmethod
    def _from_suggestion(spec: str, visit: Visit) -> bool:
        """A value computed from an unconfirmed suggestion is itself only a suggestion: the
        国保 form's copy of a town-only address is as doubtful as the address."""
        for name in _sources(spec):
            fact = visit.facts.get(name)
            if fact is not None and fact.origin == "suggestion" and not fact.confirmed:
                return True
        return False

    def _compute(self, spec: str, visit: Visit) -> tuple[str, Any]:
        kind, arg = parse_prefill(spec)
        if kind == "const":
            return kind, arg
        if kind == "expr":
            return kind, value_of(arg, self._values(visit))
        source = visit.value(arg)
        if kind == "ref":
            return kind, source
        if is_empty(source):
            return kind, None
        if kind == "furigana":
            return kind, self.lookups.furigana(str(source))
        if kind == "postal_address":
            return kind, self.lookups.postal_address(str(source))
        return kind, None

    # -- what the forms show ------------------------------------------------------------
    def forms(self, visit: Visit) -> list[FormState]:
        self.prefill(visit)
        values = self._values(visit)
        return [self._form(proc, reason, visit, values) for proc, reason in self.bundle(visit)]

    def _form(self, proc: ProcedureDef, reason: str, visit: Visit,
              values: dict[str, Any]) -> FormState:
        local = {f.id: values.get(f.fact_key(proc.id), False if f.type is FieldType.CHECKBOX else None)
                 for f in proc.fields}
        state = FormState(proc, reason=reason)
        for f in proc.fields:
            if not evaluate(f.relevant, values, local):
                continue
            key = f.fact_key(proc.id)
            fact = visit.facts.get(key)
            checked = None
            if fact is not None and not is_empty(fact.value):
                checked = check(f, fact.value, postal_exists=self.lookups.postal_exists)
            state.fields.append(FieldState(
                proc.id, f, key, fact.value if fact else None,
                fact.origin if fact else None, fact.confirmed if fact else False,
                checked.error if checked else None, checked if checked and checked.error else None))
        return state

    def questions(self, visit: Visit, *, include_answered: bool = True) -> list[Question]:
        """Every fact the relevant fields need, once each; resident and visit facts excluded."""
        found: dict[str, tuple[QuestionDef, list[str], list[bool]]] = {}
        for form in self.forms(visit):
            for fs in form.fields:
                if fs.key.startswith(("resident.", "visit.")):
                    continue
                if not include_answered and fs.origin in FROM_RESIDENT | {"answer"}:
                    continue
                definition = self.catalog.questions.get(fs.key, fs.field)
                entry = found.setdefault(fs.key, (definition, [], []))
                entry[1].append(form.procedure.id)
                entry[2].append(fs.field.required)
        made = [Question(k, d, tuple(p), any(r)) for k, (d, p, r) in found.items()]
        return [q for q in made if "." not in q.key] + [q for q in made if "." in q.key]

    def answer(self, visit: Visit, key: str, raw: Any) -> str | None:
        """Record an answer in canonical form; returns the problem (Japanese) or None."""
        definition = self.definition_of(key, visit)
        if definition is None:
            current = visit.facts.get(key)
            if current is None or current.value != raw:
                visit.set(key, raw, "answer")
            return None
        checked = check(definition, raw, postal_exists=self.lookups.postal_exists)
        current = visit.facts.get(key)
        if current is not None and current.value == checked.value:
            return checked.error  # nothing changed: keep where the value came from
        visit.set(key, checked.value, "answer")
        return checked.error

    def definition_of(self, key: str, visit: Visit | None = None) -> QuestionDef | None:
        if key in self.catalog.questions:
            return self.catalog.questions[key]
        head, _, tail = key.partition(".")
        if head in self.catalog.procedures:
            try:
                return self.catalog.procedures[head].field(tail)
            except KeyError:
                return None
        for proc in self.catalog.procedures.values():
            for f in proc.fields:
                if f.fact == key:
                    return f
        return None


def _sources(spec: str) -> set[str]:
    kind, arg = parse_prefill(spec)
    if kind == "const":
        return set()
    if kind == "expr":
        return names_in(arg)
    return {arg}


def _qualify(spec: str, proc: ProcedureDef, f: FieldDef) -> str:
    """A prefill naming a field of the same form refers to that form's own key."""
    kind, arg = parse_prefill(spec)
    if kind in ("ref", "furigana", "postal_address") and "." not in arg:
        try:
            other = proc.field(arg)
        except KeyError:
            return spec
        key = other.fact_key(proc.id)
        return key if kind == "ref" else f"{kind}({key})"
    return spec


def display_value(definition: QuestionDef, value: Any, *, date_format: Callable[[str], str]) -> str:
    """How a canonical value reads on screen and on paper."""
    if is_empty(value):
        return ""
    if definition.type is FieldType.CHECKBOX:
        return "はい" if value else "いいえ"
    if definition.type is FieldType.DATE:
        return date_format(str(value))
    if definition.type is FieldType.CHOICE:
        for c in choices_of(definition):
            if c.value == str(value):
                return c.label
    return str(value)


def choices_of(definition: QuestionDef) -> tuple[Choice, ...]:
    if definition.choices:
        return definition.choices
    if getattr(definition, "fact", None) == "resident.sex":
        return tuple(Choice(value=v, label=label) for v, label in SEX_CHOICES)
    return ()
