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
    Placement,
    ProcedureDef,
    QuestionDef,
    RowBlock,
    RowField,
    Validation,
    parse_prefill,
)
from tome_window.domain.household import SELF, household_values, person_values
from tome_window.domain.validation import Checked, check, is_empty
from tome_window.domain.visit import COMPUTED, FROM_RESIDENT, Visit

BUILTIN_PREFILL = {
    "resident.name_kana": "furigana(resident.name)",
    # Given a household, the children are counted, not asked (an answer still wins).
    "children_count": "= household_children if household_size > 1 else None",
}
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
    row: str | None = None  # "BLOCK.N" for a field of a row block (N from 0), else None

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
        return f"{self.procedure_id}.{self.local_id}"

    @property
    def local_id(self) -> str:
        """The field's name within its form: `name`, or `movers.1.name` in a row block."""
        return f"{self.row}.{self.field.id}" if self.row else self.field.id


@dataclass
class RowState:
    """One person's row of a row block; rows from `block.count` on go to the 別紙."""

    block: RowBlock
    index: int
    person: int  # -1: the resident at the counter; else the index in visit.persons
    fields: list[FieldState] = field(default_factory=list)

    @property
    def continued(self) -> bool:
        return self.index >= self.block.count


@dataclass
class FormState:
    procedure: ProcedureDef
    fields: list[FieldState] = field(default_factory=list)
    reason: str = ""
    rows: list[RowState] = field(default_factory=list)
    # Row blocks with fewer persons than their min_rows: block id → how many were found.
    short_blocks: dict[str, int] = field(default_factory=dict)

    @property
    def all_fields(self) -> list[FieldState]:
        """The form's own fields, then every row's, in print order (the gate reads these)."""
        return self.fields + [fs for row in self.rows for fs in row.fields]

    @property
    def missing(self) -> list[FieldState]:
        return [f for f in self.all_fields if f.missing]

    @property
    def doubtful(self) -> list[FieldState]:
        return [f for f in self.all_fields if f.doubtful]

    @property
    def persons(self) -> list[int]:
        """Who the form is about: -1 the resident, i ≥ 0 visit.persons[i], in row order."""
        seen: list[int] = []
        for row in self.rows:
            if row.person not in seen:
                seen.append(row.person)
        return seen

    def continued_chunks(self) -> list[tuple[RowBlock, list[RowState]]]:
        """The 別紙 pages' rows: per block in definition order, the rows beyond the printed
        count in row order, CONTINUATION_ROWS to a page (services.pdf draws one per chunk)."""
        chunks: list[tuple[RowBlock, list[RowState]]] = []
        for block in self.procedure.rows:
            continued = [r for r in self.rows if r.block.id == block.id and r.continued]
            for start in range(0, len(continued), CONTINUATION_ROWS):
                chunks.append((block, continued[start:start + CONTINUATION_ROWS]))
        return chunks

    def continuation_pages(self) -> int:
        return len(self.continued_chunks())


CONTINUATION_ROWS = 20  # rows per 別紙 page (services.pdf draws them as a table)


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
        """Fill empty facts from their sources; repeat so chains (postal → address) settle
        and so a prefilled fact that adds a form (children_count → 児童手当) fills it too."""
        for key, value in self._presets(visit).items():
            current = visit.facts.get(key)
            free = current is None or (current.origin in COMPUTED and not current.confirmed)
            if free and (current is None or (current.value, current.origin) != (value, "prefill")):
                visit.set(key, value, "prefill", confirmed=False)  # another event replaces it
        for _ in range(4):
            specs = self._prefill_specs(visit)
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
        values: dict[str, Any] = {q.id: False for q in self.catalog.questions.values()
                                  if q.type is FieldType.CHECKBOX}
        values.update(household_values(visit.resident(), visit.persons, visit.date))
        values.update(visit.values())
        return values

    def _presets(self, visit: Visit) -> dict[str, Any]:
        event = self.catalog.events.get(visit.event_id or "")
        return dict(event.presets) if event else {}

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
        for block in proc.rows:
            self._rows(state, block, visit, values, local)
        return state

    # -- row blocks ----------------------------------------------------------------------
    def _people(self, visit: Visit, values: dict[str, Any]) -> list[tuple[int, dict[str, Any], str]]:
        """(person, values, origin) of everyone in the visit: the resident first."""
        employer = bool(values.get("employer_insurance"))
        out: list[tuple[int, dict[str, Any], str]] = []
        resident = visit.resident()
        if resident is not None:
            relation = str(visit.value("relationship_to_head") or SELF)
            out.append((-1, person_values(resident, on=visit.date, applicant=True,
                                          relationship=relation, employer_insured=employer),
                        visit.resident_source or "manual"))
        for i, person in enumerate(visit.persons):
            out.append((i, person_values(person, on=visit.date, applicant=False,
                                         relationship=person.relationship,
                                         employer_insured=employer), person.source))
        return out

    def _rows(self, state: FormState, block: RowBlock, visit: Visit,
              values: dict[str, Any], local: dict[str, Any]) -> None:
        """One row per person the block selects; the condition reads the person's values
        over the form's own fields over the visit's facts."""
        head = values.get("household_head")
        head_is_resident = not head or head == visit.value("resident.name")
        chosen = [(who, pv, origin) for who, pv, origin in self._people(visit, values)
                  if evaluate(block.persons, values, {**local, **pv})]
        if len(chosen) < block.min_rows:
            state.short_blocks[block.id] = len(chosen)
        for index, (who, pv, origin) in enumerate(chosen):
            row = RowState(block, index, who)
            for rf in block.fields:
                fdef = row_field_def(rf, block, index)
                value, from_ = pv.get(rf.person), origin
                if who == -1:
                    key = f"resident.{rf.person}"
                    fact = visit.facts.get(key)
                    from_ = fact.origin if fact else from_
                else:
                    key = f"person.{visit.persons[who].pid}.{rf.person}"
                confirmed = True
                if rf.person == "name_kana" and is_empty(value) and pv.get("name"):
                    value, from_, confirmed = self.lookups.furigana(str(pv["name"])), "suggestion", False
                if rf.person == "relationship" and who != -1 and not head_is_resident:
                    from_, confirmed = "suggestion", False  # 続柄 is to the head, not the resident
                if who == -1 and key in visit.facts:
                    confirmed = visit.facts[key].confirmed or visit.facts[key].origin not in COMPUTED
                checked = check(fdef, value) if not is_empty(value) else None
                if checked is not None and not checked.error:
                    value = checked.value
                row.fields.append(FieldState(
                    state.procedure.id, fdef, key, value, from_ if not is_empty(value) else None,
                    confirmed, checked.error if checked else None,
                    checked if checked and checked.error else None, row=f"{block.id}.{index}"))
            state.rows.append(row)

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


def row_field_def(rf: RowField, block: RowBlock, index: int = 0) -> FieldDef:
    """The field of one row as a form field, placed on its row (a 別紙 row keeps the last
    printed row's place; the continuation page draws it in its own table)."""
    shown = min(index, block.count - 1)
    top = block.y + shown * block.pitch + rf.dy
    place = Placement.model_construct(page=block.page, x=rf.x, y=top, w=rf.w, h=rf.h,
                                      size=rf.size, show_label=False)
    choices = rf.choices or (tuple(Choice(value=v, label=lb) for v, lb in SEX_CHOICES)
                             if rf.person == "sex" else ())
    return FieldDef.model_construct(id=rf.id, type=rf.type, label=rf.label, help="",
                                    choices=choices, validation=Validation(), prefill=None,
                                    relevant=None, required=rf.required, fact=None, place=place)


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
