"""The store's contract on both backends: SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tome_window.services.config import Settings
from tome_window.services.storage import (
    AuditRow,
    StorageError,
    VisitNotFound,
    VisitRow,
    VisitStore,
    keystore,
    migrate,
    open_store,
)
from tome_window.services.storage.models import MetaRecord

NAME = "登米 太郎"
ADDRESS = "宮城県登米市迫町佐沼字中江二丁目6番地1"
MY_NUMBER = "123456789018"


def payload(name: str = NAME) -> dict[str, object]:
    return {"date": "2025-04-01", "office": "登米市役所",
            "facts": {"resident.name": {"value": name, "origin": "card", "confirmed": True},
                      "resident.address": {"value": ADDRESS, "origin": "card"},
                      "resident.my_number": {"value": MY_NUMBER, "origin": "card"},
                      "juminhyo.copies": {"value": 2, "origin": "answer"}}}


def save(store: VisitStore, vid: str, status: str = "open", name: str = NAME) -> None:
    store.save_visit(vid, branch="本庁舎", staff="counter-1", status=status,
                     event_id="tennyu", procedure_ids=["juminhyo_koufu", "kokuho_idou"],
                     payload=payload(name))


@pytest.fixture
def store(make_settings: Callable[..., Settings]) -> Iterator[VisitStore]:
    s = open_store(make_settings())
    yield s
    s.close()


def test_round_trip(store: VisitStore) -> None:
    vid = store.new_visit_id()
    assert len(vid) == 32 and int(vid, 16) >= 0
    save(store, vid)
    row, data = store.load_visit(vid)
    assert isinstance(row, VisitRow)
    assert data == payload()
    assert (row.id, row.branch, row.staff, row.status, row.event_id) == (
        vid, "本庁舎", "counter-1", "open", "tennyu")
    assert row.procedure_ids == ("juminhyo_koufu", "kokuho_idou")
    assert row.created_at.tzinfo is not None and row.created_at == row.updated_at
    assert abs(row.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_save_is_an_upsert_keeping_created_at(store: VisitStore) -> None:
    vid = store.new_visit_id()
    save(store, vid)
    first, _ = store.load_visit(vid)
    for status in ("confirmed", "exported", "closed"):
        save(store, vid, status=status, name="登米 花子")
    row, data = store.load_visit(vid)
    assert row.status == "closed" and row.created_at == first.created_at
    assert row.updated_at >= first.updated_at
    assert data["facts"]["resident.name"]["value"] == "登米 花子"
    assert [v.id for v in store.list_visits()] == [vid]


def test_list_newest_first_with_status_filter_and_limit(store: VisitStore) -> None:
    ids = [store.new_visit_id() for _ in range(4)]
    for vid in ids:
        save(store, vid)
    save(store, ids[1], status="closed")
    listed = store.list_visits()
    assert [v.id for v in listed] == ids[::-1]
    assert [v.id for v in store.list_visits(limit=2)] == ids[:1:-1]
    assert [v.id for v in store.list_visits(status="closed")] == [ids[1]]
    assert [v.id for v in store.list_visits(status="open")] == [ids[3], ids[2], ids[0]]
    with pytest.raises(ValueError):
        store.list_visits(status="lost")


def test_bad_arguments_are_refused_before_the_database(store: VisitStore) -> None:
    with pytest.raises(ValueError):
        save(store, store.new_visit_id(), status="done")
    with pytest.raises(TypeError):
        store.save_visit(store.new_visit_id(), branch="b", staff="s", status="open",
                         event_id=None, procedure_ids=[], payload={"when": dt.date.today()})
    assert store.list_visits() == []


def test_missing_visit_is_a_keyerror_like_storage_error(store: VisitStore) -> None:
    with pytest.raises(VisitNotFound) as info:
        store.load_visit("0" * 32)
    assert isinstance(info.value, StorageError) and isinstance(info.value, KeyError)
    assert "見つかりません" in info.value.message_ja and info.value.kind == "not_found"


def test_audit_rows_hold_no_personal_values(store: VisitStore) -> None:
    vid = store.new_visit_id()
    save(store, vid)
    store.record_audit("card_read", actor="counter-1", visit_id=vid,
                       detail={"fields": ["resident.name", "resident.address"], "tries_left": 3})
    store.record_audit("print", actor="counter-1", visit_id=vid, detail={"forms": 2})
    store.record_audit("export", actor="counter-1", detail={"format": "pdf"})
    for bad in ({"name": NAME}, {"resident.address": ADDRESS}, {"birthDate": "1990-01-01"},
                {"x": {"my_number": MY_NUMBER}}, {"pin": "1234"}, {"note": MY_NUMBER}):
        with pytest.raises(ValueError):
            store.record_audit("fill", actor="counter-1", visit_id=vid, detail=bad)
    rows = store.audit_log()
    assert all(isinstance(r, AuditRow) for r in rows)
    assert [r.action for r in rows] == ["export", "print", "card_read"]
    assert [r.action for r in store.audit_log(visit_id=vid)] == ["print", "card_read"]
    assert rows[-1].detail == {"fields": ["resident.name", "resident.address"], "tries_left": 3}
    text = repr(rows)
    for secret in (NAME, ADDRESS, MY_NUMBER, "登米 太郎"):
        assert secret not in text


def test_purge_expired_keeps_audit(store: VisitStore) -> None:
    old, other = store.new_visit_id(), store.new_visit_id()
    save(store, old)
    save(store, other)
    store.record_audit("print", actor="counter-1", visit_id=old, detail={"forms": 1})
    now = dt.datetime.now(dt.UTC)
    assert store.purge_expired(now=now + dt.timedelta(days=29)) == 0
    assert store.purge_expired(now=now + dt.timedelta(days=31)) == 2
    assert store.list_visits() == []
    with pytest.raises(VisitNotFound):
        store.load_visit(old)
    assert [r.action for r in store.audit_log(visit_id=old)] == ["print"]
    purges = [r for r in store.audit_log() if r.action == "purge"]
    assert [p.detail["count"] for p in purges] == [2, 0]
    assert purges[0].detail["retention_days"] == 30


def test_reopening_runs_no_migration(make_settings: Callable[..., Settings],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings()
    first = open_store(settings)
    vid = first.new_visit_id()
    save(first, vid)
    first.close()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("migrations ran again")

    monkeypatch.setattr(migrate, "upgrade", fail)
    with open_store(settings) as again:
        assert again.load_visit(vid)[1] == payload()


def test_wrong_key_is_refused(make_settings: Callable[..., Settings],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        vid = store.new_visit_id()
        save(store, vid)
    monkeypatch.setenv("TOME_WINDOW_KEY", Fernet.generate_key().decode())
    with pytest.raises(StorageError) as info:
        open_store(settings)
    assert info.value.kind == "key" and "暗号鍵" in info.value.message_ja


def test_wrong_key_on_load_is_a_storage_error(make_settings: Callable[..., Settings],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A database without a key check (as if older) still fails cleanly on decrypt."""
    settings = make_settings()
    with open_store(settings) as store:
        vid = store.new_visit_id()
        save(store, vid)
        with Session(store._engine) as session, session.begin():
            session.execute(delete(MetaRecord))
    monkeypatch.setenv("TOME_WINDOW_KEY", Fernet.generate_key().decode())
    with open_store(settings) as store:
        assert [v.id for v in store.list_visits()] == [vid]  # metadata needs no key
        with pytest.raises(StorageError) as info:
            store.load_visit(vid)
    assert info.value.kind == "key" and "復号" in info.value.message_ja


def test_missing_key_for_existing_data_is_refused(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        save(store, store.new_visit_id())
        database_id = store._cipher.database_id
    assert database_id is not None
    keystore.delete(database_id)
    with pytest.raises(StorageError) as info:
        open_store(settings)
    assert info.value.kind == "key" and "鍵" in info.value.message_ja
    assert keystore.load(database_id) is None  # no new key that would orphan the old visits


def test_key_from_environment_and_rotation(make_settings: Callable[..., Settings],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = make_settings()
    monkeypatch.setenv("TOME_WINDOW_KEY", old)
    with open_store(settings) as store:
        vid = store.new_visit_id()
        save(store, vid)
    assert not settings.key_path.exists()
    monkeypatch.setenv("TOME_WINDOW_KEY", f"{new},{old}")
    with open_store(settings) as store:
        assert store.load_visit(vid)[1] == payload()
    monkeypatch.setenv("TOME_WINDOW_KEY", "not a key")
    with pytest.raises(StorageError, match="Fernet"):
        open_store(settings)
