"""The persons of a visit besides the resident at the counter: the household.

Most counter visits are about a household (a family moves in, a baby is born, a husband
dies), so a visit holds the resident whose card was read (the person at the counter,
届出人) and a list of other persons, each entered once: from their own card, typed, or from
the resident file. Forms list persons through row blocks (definitions.RowBlock) that select
them by a condition over `person_values`, so roles (moving, newborn, deceased, spouse,
child, insured) are data, not code.

`relationship` is the 続柄 to the resident at the counter in Japanese (妻, 夫, 子, 父, 母 …),
the way families describe themselves; the resident is 本人.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from tome_window.domain import my_number
from tome_window.domain.conditions import age
from tome_window.domain.errors import ResidentDataError
from tome_window.domain.resident import SEX_CODES, Resident
from tome_window.domain.text import to_katakana

Source = Literal["card", "manual", "file"]
MAX_PERSONS = 19  # besides the resident: 20 persons is far beyond any household a counter serves
MAX_TEXT = 100
SPOUSES = frozenset({"妻", "夫", "配偶者"})
CHILDREN = frozenset({"子", "長男", "長女", "二男", "次男", "二女", "次女", "三男", "三女", "養子"})
PARENTS = frozenset({"父", "母", "養父", "養母"})
HEAD_WORDS = frozenset({"世帯主"})
SELF = "本人"
# 住民票の「30条45」区分 (住民基本台帳法第30条の45の表の上欄): who a foreign resident is.
SECTION_30_45 = {"1": "中長期在留者", "2": "特別永住者", "3": "一時庇護許可者",
                 "4": "仮滞在許可者", "5": "出生による経過滞在者", "6": "国籍喪失による経過滞在者"}
_CARD_NUMBER = re.compile(r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$")

# The names a row block's `persons:` condition and a row field's `person:` may read.
PERSON_VARS: dict[str, str] = {
    "name": "text", "name_kana": "kana", "birth_date": "date", "sex": "choice",
    "relationship": "text", "my_number": "text", "death_date": "date",
    "nationality": "text", "residence_status": "text", "residence_card_number": "text",
    "residence_period_end": "date", "tsusho": "text", "section_30_45": "choice",
    "age": "number", "moving": "checkbox", "newborn": "checkbox", "deceased": "checkbox",
    "applicant": "checkbox", "spouse": "checkbox", "child": "checkbox", "parent": "checkbox",
    "foreign": "checkbox", "employer_insured": "checkbox", "index": "number",
}

# Visit-wide values derived from the household, for life-event and relevance conditions
# (転入 with a 76-year-old adds 後期高齢者医療). Counts include the resident; the deceased
# count only in household_deceased*, and the age counts only persons who move.
HOUSEHOLD_VALUES = ("household_size", "household_children", "household_newborns",
                    "household_deceased", "household_deceased_75", "household_aged_40_64",
                    "household_aged_65", "household_aged_65_74", "household_aged_75",
                    "household_spouse")


@dataclass(frozen=True)
class Person:
    name: str
    birth_date: dt.date
    sex: str
    relationship: str
    name_kana: str = ""
    moving: bool = True
    newborn: bool = False
    deceased: bool = False
    death_date: dt.date | None = None
    my_number: str | None = field(default=None, repr=False)
    nationality: str = ""
    residence_status: str = ""
    residence_card_number: str = ""
    residence_period_end: dt.date | None = None
    tsusho: str = ""
    section_30_45: str = ""
    # None: the same as the resident's answer (a family is usually insured together).
    employer_insured: bool | None = None
    source: Source = "manual"
    pid: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("birth_date", "death_date", "residence_period_end"):
            data[key] = data[key].isoformat() if data[key] else None
        if not self.my_number:
            data.pop("my_number")
        return {k: v for k, v in data.items() if v not in (None, "")}

    def without_number(self) -> Person:
        return replace(self, my_number=None)

    @classmethod
    def from_json(cls, data: Any, index: int, *, source: Source = "file",
                  today: dt.date | None = None) -> Person:
        """One household entry of the documented resident JSON; problems name the person."""
        who = f"世帯の{index + 1}人目"
        if not isinstance(data, dict):
            raise ResidentDataError(f"{who}: {{...}} の形で書いてください",
                                    f"household[{index}] must be an object")
        problems: list[str] = []
        name = _text(data, "name", "氏名", problems, required=True)
        if name:
            who = f"{who}({name})"
        relationship = _text(data, "relationship", "続柄", problems, required=True)
        sex = str(data.get("sex", "")).strip()
        if sex not in SEX_CODES:
            problems.append("性別(sex)は \"1\"(男) \"2\"(女) \"9\"(適用不能) のいずれかです")
        born = _date(data, "birth_date", "生年月日", problems, required=True)
        today = today or dt.date.today()
        if born and born > today:
            problems.append(f"生年月日(birth_date)が未来の日付です: {born.isoformat()}")
        flags = {}
        for key, label in (("moving", "異動"), ("newborn", "出生"), ("deceased", "死亡"),
                           ("employer_insurance", "勤務先の健康保険")):
            value = data.get(key)
            if value is not None and not isinstance(value, bool):
                problems.append(f"{label}({key})は true か false です")
                value = None
            flags[key] = value
        death = _date(data, "death_date", "死亡日", problems)
        if death and born and death < born:
            problems.append("死亡日(death_date)が生年月日より前です")
        if death and death > today:
            problems.append(f"死亡日(death_date)が未来の日付です: {death.isoformat()}")
        deceased = bool(flags["deceased"]) or death is not None
        period_end = _date(data, "residence_period_end", "在留期間の満了日", problems)
        card_number = _text(data, "residence_card_number", "在留カード番号", problems).upper()
        if card_number and not _CARD_NUMBER.match(card_number):
            problems.append(f"在留カード番号(residence_card_number)は英字2・数字8・英字2の12文字です: {card_number}")
        section = str(data.get("section_30_45") or "").strip()
        if section and section not in SECTION_30_45:
            problems.append("30条45区分(section_30_45)は " + " ".join(
                f"\"{k}\"({v})" for k, v in SECTION_30_45.items()) + " のいずれかです")
        mn = my_number.normalize(str(data.get("my_number") or ""))
        if mn and (trouble := my_number.problem(mn)):
            problems.append(f"個人番号(my_number): {trouble}")
        kana = _text(data, "name_kana", "フリガナ", problems)
        if problems or born is None:
            raise ResidentDataError(f"{who}: " + " / ".join(problems),
                                    f"invalid household[{index}] ({len(problems)} problems)")
        return cls(name=name, birth_date=born, sex=sex, relationship=relationship,
                   name_kana=to_katakana(kana) if kana else "",
                   moving=flags["moving"] if flags["moving"] is not None else not deceased,
                   newborn=bool(flags["newborn"]), deceased=deceased, death_date=death,
                   my_number=mn or None,
                   nationality=_text(data, "nationality", "国籍・地域", problems),
                   residence_status=_text(data, "residence_status", "在留資格", problems),
                   residence_card_number=card_number, residence_period_end=period_end,
                   tsusho=_text(data, "tsusho", "通称", problems), section_30_45=section,
                   employer_insured=flags["employer_insurance"], source=source)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Person:
        values = dict(data)
        for key in ("birth_date", "death_date", "residence_period_end"):
            values[key] = dt.date.fromisoformat(values[key]) if values.get(key) else None
        return cls(**values)


def household_from_json(data: Any, *, source: Source = "file",
                        today: dt.date | None = None) -> list[Person]:
    """The `household` list of the documented resident JSON (absent: nobody else); every
    entry's problems are collected, so one message names every person to put right."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise ResidentDataError("household は [...] の形(世帯の方の一覧)で書いてください",
                                "household must be a JSON array")
    if len(data) > MAX_PERSONS:
        raise ResidentDataError(f"世帯の人数が多すぎます({len(data)}人)。{MAX_PERSONS}人までです",
                                f"household of {len(data)} persons refused")
    persons: list[Person] = []
    problems: list[str] = []
    for i, entry in enumerate(data):
        try:
            persons.append(Person.from_json(entry, i, source=source, today=today))
        except ResidentDataError as exc:
            problems.append(exc.message_ja)
    if problems:
        raise ResidentDataError(" / ".join(problems), f"household: {len(problems)} persons refused")
    return persons


def household_problems(resident: Resident | None, persons: list[Person],
                       today: dt.date) -> list[str]:
    """What cannot be right about a household as a whole (Japanese, naming the person)."""
    problems: list[str] = []
    if len(persons) > MAX_PERSONS:
        problems.append(f"世帯の人数が多すぎます({len(persons)}人)。{MAX_PERSONS}人までです")
    seen: dict[tuple[str, dt.date], int] = {}
    if resident is not None:
        seen[(_fold(resident.name), resident.birth_date)] = -1
    heads = [p for p in persons if p.relationship in HEAD_WORDS]
    if len(heads) > 1:
        problems.append("世帯主が2人います: " + "、".join(p.name for p in heads))
    for i, p in enumerate(persons):
        who = f"{i + 1}人目({p.name})"
        key = (_fold(p.name), p.birth_date)
        if key in seen:
            other = "届出人" if seen[key] < 0 else f"{seen[key] + 1}人目"
            problems.append(f"{who}: {other}と同じ方が重ねて入っています")
        seen.setdefault(key, i)
        if p.birth_date > today:
            problems.append(f"{who}: 生年月日が未来の日付です")
        if p.newborn and p.birth_date > today:
            problems.append(f"{who}: 出生日が未来の日付です")
        if p.death_date and p.death_date < p.birth_date:
            problems.append(f"{who}: 死亡日が生年月日より前です")
        if resident is not None:
            if p.relationship in CHILDREN and p.birth_date <= resident.birth_date:
                problems.append(f"{who}: 子が届出人より年上(または同じ生年月日)です。続柄か生年月日を確認してください")
            if p.relationship in PARENTS and p.birth_date >= resident.birth_date:
                problems.append(f"{who}: 親が届出人より年下です。続柄か生年月日を確認してください")
    return problems


def person_values(person: Person | Resident, *, on: dt.date, applicant: bool,
                  relationship: str, employer_insured: bool, moving: bool = True) -> dict[str, Any]:
    """The values a row block's condition and row fields read for one person."""
    values: dict[str, Any] = {
        "name": person.name, "name_kana": person.name_kana,
        "birth_date": person.birth_date.isoformat(), "sex": person.sex,
        "relationship": relationship, "my_number": person.my_number,
        "age": age(person.birth_date, on), "applicant": applicant,
        "spouse": relationship in SPOUSES, "child": relationship in CHILDREN,
        "parent": relationship in PARENTS,
        "moving": moving, "newborn": False, "deceased": False, "death_date": None,
        "nationality": "", "residence_status": "", "residence_card_number": "",
        "residence_period_end": None, "tsusho": "", "section_30_45": "", "foreign": False,
        "employer_insured": employer_insured,
    }
    if isinstance(person, Person):
        values.update({
            "moving": person.moving, "newborn": person.newborn, "deceased": person.deceased,
            "death_date": person.death_date.isoformat() if person.death_date else None,
            "nationality": person.nationality, "residence_status": person.residence_status,
            "residence_card_number": person.residence_card_number,
            "residence_period_end": (person.residence_period_end.isoformat()
                                     if person.residence_period_end else None),
            "tsusho": person.tsusho, "section_30_45": person.section_30_45,
            "foreign": bool(person.nationality) and person.nationality not in ("日本", "日本国"),
            "employer_insured": (employer_insured if person.employer_insured is None
                                 else person.employer_insured),
        })
    return values


def household_values(resident: Resident | None, persons: list[Person],
                     on: dt.date) -> dict[str, Any]:
    everyone: list[tuple[int, bool, bool]] = []  # (age, alive, moving)
    if resident is not None:
        everyone.append((age(resident.birth_date, on), True, True))
    everyone += [(age(p.birth_date, on), not p.deceased, p.moving) for p in persons]
    alive = [a for a, living, _ in everyone if living]
    moving = [a for a, living, moves in everyone if living and moves]
    dead = [age(p.birth_date, p.death_date or on) for p in persons if p.deceased]
    return {
        "household_size": len(everyone),
        "household_children": sum(1 for a in alive if 0 <= a < 18),
        "household_newborns": sum(1 for p in persons if p.newborn),
        "household_deceased": len(dead),
        "household_deceased_75": sum(1 for a in dead if a >= 75),
        "household_aged_40_64": sum(1 for a in moving if 40 <= a < 65),
        "household_aged_65": sum(1 for a in moving if a >= 65),
        "household_aged_65_74": sum(1 for a in moving if 65 <= a < 75),
        "household_aged_75": sum(1 for a in moving if a >= 75),
        "household_spouse": any(p.relationship in SPOUSES and not p.deceased for p in persons),
    }


def _fold(name: str) -> str:
    return re.sub(r"[\s\u3000]", "", name)


def _text(data: dict[str, Any], key: str, label: str, problems: list[str], *,
          required: bool = False) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            problems.append(f"{label}({key})がありません")
        return ""
    if not isinstance(value, str):
        problems.append(f"{label}({key})は文字列で書いてください")
        return ""
    text = value.strip()
    if len(text) > MAX_TEXT:
        problems.append(f"{label}({key})が長すぎます({MAX_TEXT}文字まで)")
        return ""
    if any(0xD800 <= ord(ch) <= 0xDFFF or ord(ch) < 0x20 for ch in text):
        problems.append(f"{label}({key})に使えない文字があります")
        return ""
    if required and not text:
        problems.append(f"{label}({key})がありません")
    return text


def _date(data: dict[str, Any], key: str, label: str, problems: list[str], *,
          required: bool = False) -> dt.date | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            problems.append(f"{label}({key})がありません (YYYY-MM-DD)")
        return None
    if not isinstance(value, str):
        problems.append(f"{label}({key})は \"YYYY-MM-DD\" の文字列で書いてください")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{label}({key})が正しい日付ではありません: {value[:20]}")
        return None
