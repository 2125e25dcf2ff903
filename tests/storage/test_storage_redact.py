"""A closed visit is stored without the individual number (個人番号); open visits keep it."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from tome_window.services.config import Settings
from tome_window.services.storage import open_store
from tome_window.services.storage.models import VisitRecord
from tome_window.services.storage.redact import without_individual_numbers

NUMBER = "123456789018"


def _payload() -> dict[str, object]:
    return {"facts": {"resident.name": {"value": "登米 太郎", "origin": "card"},
                      "resident.my_number": {"value": NUMBER, "origin": "card"}},
            "persons": [{"name": "登米 花子", "my_number": NUMBER, "relationship": "妻"}],
            "overrides": {}}


def test_closing_a_visit_drops_every_individual_number(sqlite_settings: Settings) -> None:
    with open_store(sqlite_settings) as store:
        vid = store.new_visit_id()
        for status in ("open", "confirmed", "exported"):
            store.save_visit(vid, branch="b", staff="s", status=status, event_id=None,
                             procedure_ids=[], payload=_payload())
            assert store.load_visit(vid)[1] == _payload()  # still needed for the forms
        store.save_visit(vid, branch="b", staff="s", status="closed", event_id=None,
                         procedure_ids=[], payload=_payload())
        _, stored = store.load_visit(vid)
        assert stored == {"facts": {"resident.name": {"value": "登米 太郎", "origin": "card"}},
                          "persons": [{"name": "登米 花子", "relationship": "妻"}],
                          "overrides": {}}
        assert NUMBER not in json.dumps(stored)
        with Session(store._engine) as session:  # the sealed row itself, decrypted by hand
            token = session.scalar(select(VisitRecord.payload).where(VisitRecord.id == vid))
        assert NUMBER not in json.dumps(store._cipher.open(vid, token))


def test_closing_through_the_visit_service(sqlite_settings: Settings, catalog: object) -> None:
    """The real finish path (VisitService.close) goes through the same rule."""
    from tome_window.domain.resident import Resident
    from tome_window.services.visits import VisitService

    service = VisitService.open(sqlite_settings, catalog)  # type: ignore[arg-type]
    try:
        visit = service.new_visit(procedure_ids=["juminhyo_koufu"])
        service.set_resident(visit, Resident(name="登米 太郎", address="宮城県登米市迫町佐沼",
                                             birth_date=dt.date(1980, 4, 1), sex="男",
                                             my_number=NUMBER, source="card"))
        service.save(visit)
        assert NUMBER in json.dumps(service.store.load_visit(visit.id)[1])
        service.close(visit)
        service.save(visit)
        row, stored = service.store.load_visit(visit.id)
        assert row.status == "closed" and NUMBER not in json.dumps(stored)
        assert "登米 太郎" in json.dumps(stored, ensure_ascii=False)  # only the number went
    finally:
        service.store.close()


def test_redaction_keeps_other_keys_and_copies() -> None:
    payload = {"my_numbers_read": 2, "a": [{"b.my_number": "x", "c": 1}]}
    assert without_individual_numbers(payload) == {"my_numbers_read": 2, "a": [{"c": 1}]}
    assert payload["a"][0]["b.my_number"] == "x"  # type: ignore[index]
