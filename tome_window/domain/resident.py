"""The resident's basic facts (基本4情報), from the card, a JSON file or staff's typing.

One type for every source, so that the visit never cares whether the card was read; the
individual number is optional and only present when a chosen procedure needed it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tome_window.domain import my_number
from tome_window.domain.errors import ResidentDataError

Source = Literal["card", "manual", "file"]
SEX_CODES = {"0": "不明", "1": "男", "2": "女", "9": "適用不能"}
_POSTAL = re.compile(r"^\d{3}-?\d{4}$")


@dataclass(frozen=True)
class Resident:
    name: str
    address: str
    birth_date: dt.date
    sex: str
    name_kana: str = ""
    postal_code: str = ""
    my_number: str | None = field(default=None, repr=False)
    source: Source = "manual"

    def facts(self) -> dict[str, Any]:
        """The resident.* facts of a visit (the individual number only when it was read)."""
        values: dict[str, Any] = {
            "resident.name": self.name,
            "resident.address": self.address,
            "resident.birth_date": self.birth_date.isoformat(),
            "resident.sex": self.sex,
        }
        if self.name_kana:
            values["resident.name_kana"] = self.name_kana
        if self.postal_code:
            values["resident.postal_code"] = self.postal_code
        if self.my_number:
            values["resident.my_number"] = self.my_number
        return values

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["birth_date"] = self.birth_date.isoformat()
        if not self.my_number:
            data.pop("my_number")
        return data

    @classmethod
    def from_json(cls, data: Any, source: Source = "file") -> Resident:
        """Build from the documented resident JSON; every problem is named in Japanese."""
        if not isinstance(data, dict):
            raise ResidentDataError("住民情報は JSON のオブジェクト({...})で指定してください",
                                    "resident data must be a JSON object")
        problems: list[str] = []
        name = _text(data, "name", "氏名", problems)
        address = _text(data, "address", "住所", problems)
        birth = _birth(data.get("birth_date"), problems)
        sex = str(data.get("sex", "")).strip()
        if sex not in SEX_CODES:
            problems.append("性別(sex)は \"1\"(男) \"2\"(女) \"9\"(適用不能) のいずれかです")
        postal = str(data.get("postal_code") or "").strip()
        if postal and not _POSTAL.match(postal):
            problems.append(f"郵便番号(postal_code)の形式が正しくありません: {postal}")
        kana = str(data.get("name_kana") or "").strip()
        mn = my_number.normalize(str(data.get("my_number") or ""))
        if mn and (trouble := my_number.problem(mn)):
            problems.append(f"個人番号(my_number): {trouble}")
        if problems or birth is None:
            raise ResidentDataError("住民情報に誤りがあります: " + " / ".join(problems),
                                    f"invalid resident data ({len(problems)} problems)")
        return cls(name=name, address=address, birth_date=birth, sex=sex, name_kana=kana,
                   postal_code=_format_postal(postal), my_number=mn or None,
                   source=source)


def _text(data: dict[str, Any], key: str, label: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{label}({key})がありません")
        return ""
    return value.strip()


def _birth(value: Any, problems: list[str]) -> dt.date | None:
    if not isinstance(value, str) or not value:
        problems.append("生年月日(birth_date)がありません (YYYY-MM-DD)")
        return None
    try:
        born = dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"生年月日(birth_date)が正しい日付ではありません: {value}")
        return None
    if born > dt.date.today():
        problems.append(f"生年月日(birth_date)が未来の日付です: {value}")
        return None
    return born


def _format_postal(postal: str) -> str:
    digits = postal.replace("-", "")
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else postal
