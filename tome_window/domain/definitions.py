"""The shape of procedure, shared-question and life-event definitions (forms/*.yaml).

Definitions are data edited by city staff, so the schema is strict (unknown keys are
refused) and every rule that can be checked at load is checked here, where the message can
still name the file and the field instead of failing at the counter.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

IDENT = r"^[a-z][a-z0-9_]*$"
FACT_KEY = r"^(resident\.|visit\.)?[a-z][a-z0-9_]*$"

RESIDENT_FACTS: dict[str, str] = {
    "name": "text",
    "name_kana": "kana",
    "address": "address",
    "postal_code": "postal_code",
    "birth_date": "date",
    "sex": "choice",
    "my_number": "text",
}
VISIT_FACTS: dict[str, str] = {"date": "date", "branch": "text", "office": "text"}

SEX_CHOICES = (("1", "男"), ("2", "女"), ("9", "適用不能"))

_PREFILL = re.compile(r"^(?:(?P<fn>furigana|postal_address)\((?P<arg>[a-z_.0-9]+)\)"
                      r"|(?P<ref>(?:resident\.|visit\.)?[a-z][a-z0-9_]*)"
                      r"|'(?P<const>[^']*)'"
                      r"|=\s*(?P<expr>.+))$", re.S)


class FieldType(StrEnum):
    TEXT = "text"
    KANA = "kana"
    DATE = "date"
    POSTAL_CODE = "postal_code"
    ADDRESS = "address"
    PHONE = "phone"
    CHOICE = "choice"
    CHECKBOX = "checkbox"
    NUMBER = "number"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    value: str
    label: str


class Validation(Strict):
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str | None = None
    min: float | None = None
    max: float | None = None
    not_future: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"正規表現が正しくありません ({exc})") from exc
        return value


class Placement(Strict):
    """Where a value goes on the printed A4 page, in millimetres from the top-left corner."""

    page: int = Field(1, ge=1, le=4)
    x: float = Field(ge=0, le=210)
    y: float = Field(ge=0, le=297)
    w: float = Field(gt=0, le=210)
    h: float = Field(gt=0, le=297)
    size: float = Field(10.5, ge=5, le=24)
    show_label: bool = True

    @model_validator(mode="after")
    def _inside_page(self) -> Placement:
        if self.x + self.w > 210.01 or self.y + self.h > 297.01:
            raise ValueError("印字位置がA4用紙(210×297mm)からはみ出しています")
        return self


class StaticText(Strict):
    """Fixed wording printed on the form (notes, declarations, office use boxes)."""

    text: str
    page: int = Field(1, ge=1, le=4)
    x: float = Field(ge=0, le=210)
    y: float = Field(ge=0, le=297)
    w: float | None = Field(None, gt=0, le=210)
    h: float | None = Field(None, gt=0, le=297)
    size: float = Field(9, ge=5, le=24)
    box: bool = False
    # The box the resident signs (届出人署名, 請求者署名 …): the tablet signature is drawn
    # into it with the signing date; without one it stays empty for a pen. Not a guarantor's
    # or other person's box.
    signature: bool = False

    @model_validator(mode="after")
    def _signature_box(self) -> StaticText:
        if self.signature and not (self.box and self.w and self.h):
            raise ValueError("署名欄(signature: true)は枠(box: true)と幅 w・高さ h が必要です")
        if self.signature and self.h is not None and self.h < 8:
            raise ValueError("署名欄(signature: true)の高さ h は 8mm 以上にしてください")
        return self


class QuestionDef(Strict):
    """A shared question (forms/facts.yaml): asked once per visit, used by every form."""

    id: Annotated[str, Field(pattern=IDENT)]
    type: FieldType
    label: str = Field(min_length=1)
    help: str = ""
    choices: tuple[Choice, ...] = ()
    validation: Validation = Validation()
    prefill: str | None = None
    relevant: str | None = None

    @field_validator("prefill")
    @classmethod
    def _prefill_syntax(cls, value: str | None) -> str | None:
        if value is not None and not _PREFILL.match(value):
            raise ValueError(
                "prefill は resident.X / visit.X / 質問ID / furigana(X) / postal_address(X) / "
                "'定数' / = 式 のいずれかで書いてください")
        return value

    @model_validator(mode="after")
    def _choices_for_choice(self) -> QuestionDef:
        if self.type is FieldType.CHOICE and not self.choices:
            raise ValueError("choice 型には choices が必要です")
        if self.type is not FieldType.CHOICE and self.choices:
            raise ValueError("choices は choice 型の項目だけに書けます")
        return self


class FieldDef(QuestionDef):
    """A field of one form. `fact` ties it to a value shared across the visit."""

    required: bool = False
    fact: Annotated[str, Field(pattern=FACT_KEY)] | None = None
    place: Placement

    def fact_key(self, procedure_id: str) -> str:
        """The visit-wide key of this field's value: shared facts by name, others per form."""
        return self.fact or f"{procedure_id}.{self.id}"


class RowField(Strict):
    """One column of a row block: a fact of the row's person, at x within the row."""

    id: Annotated[str, Field(pattern=IDENT)]
    type: FieldType
    label: str = Field(min_length=1)
    person: Annotated[str, Field(pattern=IDENT)]  # a name of household.PERSON_VARS
    required: bool = False
    choices: tuple[Choice, ...] = ()
    x: float = Field(ge=0, le=210)
    dy: float = Field(0, ge=0, le=60)  # from the row's top
    w: float = Field(gt=0, le=210)
    h: float = Field(gt=0, le=60)
    size: float = Field(9, ge=5, le=24)

    @model_validator(mode="after")
    def _fits(self) -> RowField:
        if self.x + self.w > 210.01:
            raise ValueError("印字位置がA4用紙の幅(210mm)からはみ出しています")
        if self.type is FieldType.CHOICE and not self.choices and self.person not in ("sex",):
            raise ValueError("choice 型には choices が必要です")
        return self


class RowBlock(Strict):
    """Repeating rows over a filtered set of the visit's persons (as ODK/XLSForm repeat
    groups): one row per person the `persons` condition selects, `count` rows printed on the
    form at `pitch` mm from `y`, the rest on a numbered continuation page (別紙)."""

    id: Annotated[str, Field(pattern=IDENT)]
    label: str = Field(min_length=1)
    persons: str = Field(min_length=1)  # a condition over household.PERSON_VARS and the visit's facts
    page: int = Field(1, ge=1, le=4)
    y: float = Field(ge=0, le=297)
    pitch: float = Field(gt=3, le=60)
    count: int = Field(ge=1, le=20)
    min_rows: int = Field(0, ge=0, le=20)  # fewer selected persons is a problem (e.g. 1 insured)
    fields: tuple[RowField, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _inside(self) -> RowBlock:
        if self.y + self.pitch * self.count > 297.01:
            raise ValueError(f"{self.count} 行 × {self.pitch}mm がA4用紙(297mm)からはみ出しています")
        seen: set[str] = set()
        for f in self.fields:
            if f.id in seen:
                raise ValueError(f"行の項目IDが重複しています: {f.id}")
            seen.add(f.id)
            if f.dy + f.h > self.pitch + 0.01:
                raise ValueError(f"{f.id}: 高さ(dy+h)が行の間隔 pitch={self.pitch} を超えています")
        return self


class ProcedureDef(Strict):
    id: Annotated[str, Field(pattern=IDENT)]
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    kana: str = ""
    summary: str = ""
    counter: str = ""
    bring: tuple[str, ...] = ()
    addressee: str = "登米市長"
    needs_my_number: bool = False
    date_style: Literal["wareki", "seireki"] = "wareki"
    pages: int = Field(1, ge=1, le=4)
    fee: int = Field(0, ge=0, le=100000)  # 手数料 in yen, per application (0: none)
    fields: tuple[FieldDef, ...] = Field(min_length=1)
    rows: tuple[RowBlock, ...] = ()
    statics: tuple[StaticText, ...] = ()

    @model_validator(mode="after")
    def _unique_fields(self) -> ProcedureDef:
        seen: set[str] = set()
        for f in self.fields:
            if f.id in seen:
                raise ValueError(f"項目IDが重複しています: {f.id}")
            seen.add(f.id)
            if f.place.page > self.pages:
                raise ValueError(f"{f.id}: page {f.place.page} は pages={self.pages} を超えています")
        for block in self.rows:
            if block.id in seen:
                raise ValueError(f"行ブロックIDが項目IDと重複しています: {block.id}")
            seen.add(block.id)
            if block.page > self.pages:
                raise ValueError(f"rows.{block.id}: page {block.page} は pages={self.pages} を超えています")
        if sum(1 for st in self.statics if st.signature) > 1:
            raise ValueError("署名欄(signature: true)は1つの書類に1つまでです")
        return self

    def block(self, block_id: str) -> RowBlock:
        for b in self.rows:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    def field(self, field_id: str) -> FieldDef:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


class EventProcedure(Strict):
    procedure: Annotated[str, Field(pattern=IDENT)]
    when: str | None = None
    reason: str = ""


class EventDef(Strict):
    """A life event (転入, 出生 …) that expands into procedures by conditions."""

    id: Annotated[str, Field(pattern=IDENT)]
    title: str = Field(min_length=1)
    kana: str = ""
    summary: str = ""
    questions: tuple[Annotated[str, Field(pattern=IDENT)], ...] = ()
    # What the event already says (転入 ⇒ 届出の種類 転入): fact key → value, filled as a
    # final prefill (not a suggestion) that a person's answer still replaces.
    presets: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")],
                  str | int | bool] = Field(default_factory=dict)
    procedures: tuple[EventProcedure, ...] = Field(min_length=1)


class FactsFile(Strict):
    questions: tuple[QuestionDef, ...]


def parse_prefill(spec: str) -> tuple[str, str]:
    """Split a prefill spec into (kind, argument): kind is ref, const or a function name."""
    m = _PREFILL.match(spec)
    if not m:
        raise ValueError(spec)
    if m.group("fn"):
        return m.group("fn"), m.group("arg")
    if m.group("ref"):
        return "ref", m.group("ref")
    if m.group("expr") is not None:
        return "expr", m.group("expr").strip()
    return "const", m.group("const")
