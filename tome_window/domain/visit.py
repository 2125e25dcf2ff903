"""One counter visit: what the resident came for and every fact gathered for it.

Facts are keyed once per visit (resident.name, moving_date, juminhyo_koufu.copies) and every
form reads them from here, so a value is typed once and corrected once. Each fact remembers
where it came from, because staff must see which values are the card's, which were typed
and which are only suggestions to check.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from tome_window.domain.household import Person
from tome_window.domain.resident import Resident

Origin = Literal["card", "manual", "file", "visit", "prefill", "suggestion", "answer"]
Status = Literal["open", "confirmed", "exported", "closed"]
FROM_RESIDENT: frozenset[str] = frozenset({"card", "manual", "file"})
COMPUTED: frozenset[str] = frozenset({"prefill", "suggestion"})


@dataclass
class FactValue:
    value: Any
    origin: Origin
    confirmed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "origin": self.origin, "confirmed": self.confirmed}


OVERRIDE_REASONS: dict[str, str] = {
    "checked_document": "書類で確認済み",
    "handwrite": "窓口で手書きで補記する",
    "later": "後日確認・提出",
    "other": "その他",
}


@dataclass(frozen=True)
class Override:
    """Why staff let one field go to paper as it is; the note stays in the encrypted visit,
    the audit keeps only the reason code."""

    reason: str  # a key of OVERRIDE_REASONS
    note: str = ""

    def to_json(self) -> dict[str, str]:
        return {"reason": self.reason, "note": self.note}


@dataclass(frozen=True)
class Signature:
    """The resident's own signature, drawn on the tablet: a PNG of the strokes (checked by
    services.signature before it gets here) and the day it was given. Kept only in the
    encrypted visit; the audit says that there is one, never what it looks like."""

    png: bytes
    signed_on: dt.date

    def to_json(self) -> dict[str, str]:
        return {"png": base64.b64encode(self.png).decode("ascii"),
                "date": self.signed_on.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        return cls(base64.b64decode(data["png"], validate=True),
                   dt.date.fromisoformat(data["date"]))


@dataclass
class Visit:
    id: str
    date: dt.date
    branch: str
    office: str
    staff: str
    event_id: str | None = None
    procedure_ids: list[str] = field(default_factory=list)
    facts: dict[str, FactValue] = field(default_factory=dict)
    status: Status = "open"
    resident_source: str | None = None
    # Staff's deliberate "print it anyway" per form field (ref → Override): the gate lets the
    # field pass and the page marks it 要確認 so whoever handles the paper checks it.
    overrides: dict[str, Override] = field(default_factory=dict)
    # The other persons of the household (domain.household); the resident is not among them.
    persons: list[Person] = field(default_factory=list)
    # The resident's signature from the tablet, drawn into every form's 署名 box; None when
    # there is none (the box stays empty for a pen) or after a change voided it.
    signature: Signature | None = None

    def __post_init__(self) -> None:
        for key, value in (("visit.date", self.date.isoformat()), ("visit.branch", self.branch),
                           ("visit.office", self.office)):
            self.facts.setdefault(key, FactValue(value, "visit"))

    def value(self, key: str) -> Any:
        fact = self.facts.get(key)
        return fact.value if fact else None

    def values(self) -> dict[str, Any]:
        return {k: f.value for k, f in self.facts.items()}

    def set(self, key: str, value: Any, origin: Origin = "answer", *, confirmed: bool = True) -> None:
        """Set a fact; an empty value removes it so that prefill may suggest again."""
        if value is None or value == "":
            self.facts.pop(key, None)
            return
        self.facts[key] = FactValue(value, origin, confirmed)

    def set_resident(self, resident: Resident) -> None:
        """Replace the resident facts; answers stay, suggestions derived from the old ones go."""
        for key in [k for k in self.facts if k.startswith("resident.")]:
            del self.facts[key]
        for key in [k for k, f in self.facts.items() if f.origin in COMPUTED and not f.confirmed]:
            del self.facts[key]
        for key, value in resident.facts().items():
            self.facts[key] = FactValue(value, resident.source, confirmed=resident.source != "file")
        self.resident_source = resident.source

    def mark_exported(self) -> None:
        """Made into documents; a closed visit stays closed."""
        if self.status in ("open", "confirmed"):
            self.status = "exported"

    @property
    def has_resident(self) -> bool:
        return "resident.name" in self.facts

    def to_payload(self) -> dict[str, Any]:
        """Everything personal, for encrypted storage."""
        return {
            "date": self.date.isoformat(), "office": self.office,
            "resident_source": self.resident_source,
            "facts": {k: f.to_json() for k, f in self.facts.items()},
            "overrides": {k: o.to_json() for k, o in self.overrides.items()},
            "persons": [p.to_json() for p in self.persons],
            "signature": self.signature.to_json() if self.signature else None,
        }

    @classmethod
    def from_payload(cls, visit_id: str, *, branch: str, staff: str, status: str,
                     event_id: str | None, procedure_ids: list[str],
                     payload: dict[str, Any]) -> Visit:
        visit = cls(id=visit_id, date=dt.date.fromisoformat(payload["date"]), branch=branch,
                    office=payload.get("office", ""), staff=staff, event_id=event_id,
                    procedure_ids=list(procedure_ids), status=status,  # type: ignore[arg-type]
                    resident_source=payload.get("resident_source"))
        for key, data in payload.get("facts", {}).items():
            visit.facts[key] = FactValue(data["value"], data["origin"], data.get("confirmed", False))
        for ref, data in payload.get("overrides", {}).items():
            visit.overrides[ref] = Override(data["reason"], data.get("note", ""))
        visit.persons = [Person.from_payload(p) for p in payload.get("persons", [])]
        if payload.get("signature"):
            visit.signature = Signature.from_json(payload["signature"])
        return visit

    def resident(self) -> Resident | None:
        """The resident at the counter as a person (for household rules), if known."""
        if not self.has_resident:
            return None
        try:
            born = dt.date.fromisoformat(str(self.value("resident.birth_date")))
        except ValueError:
            return None
        return Resident(name=str(self.value("resident.name")),
                        address=str(self.value("resident.address") or ""), birth_date=born, sex=str(self.value("resident.sex") or ""),
                        name_kana=str(self.value("resident.name_kana") or ""),
                        my_number=self.value("resident.my_number"),
                        source=self.resident_source or "manual")  # type: ignore[arg-type]
