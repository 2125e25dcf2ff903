"""The audit log's hash chain: an edited, deleted or truncated row is found and named."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tome_window.services.config import Settings
from tome_window.services.storage import VisitStore, migrate, open_store, verify_audit
from tome_window.services.storage.audit_chain import GENESIS
from tome_window.services.storage.models import AuditRecord


def _log(store: VisitStore, n: int = 5) -> list[int]:
    vid = store.new_visit_id()
    for i in range(n):
        store.record_audit("card_read", actor="counter-1", visit_id=vid, detail={"fields": i})
    return sorted(r.id for r in store.audit_log())


def _sql(store: VisitStore, statement: sa.Executable) -> None:
    with Session(store._engine) as session, session.begin():
        session.execute(statement)


def test_intact_chain_verifies(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        ids = _log(store)
        store.purge_expired()  # the store's own audit rows are chained too
    report = verify_audit(settings)
    assert report.ok and report.rows == len(ids) + 1


def test_edited_row_is_named(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        ids = _log(store)
        _sql(store, sa.update(AuditRecord).where(AuditRecord.id == ids[2])
             .values(actor="someone-else"))
    report = verify_audit(settings)
    assert not report.ok and report.bad_id == ids[2] and report.rows == 2
    assert "書き換え" in report.reason_ja


def test_edited_detail_is_named(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        ids = _log(store)
        _sql(store, sa.update(AuditRecord).where(AuditRecord.id == ids[0])
             .values(detail={"fields": 99}))
    assert verify_audit(settings).bad_id == ids[0]


def test_deleted_row_is_named_by_the_row_after_it(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        ids = _log(store)
        _sql(store, sa.delete(AuditRecord).where(AuditRecord.id == ids[1]))
    report = verify_audit(settings)
    assert report.bad_id == ids[2] and "削除" in report.reason_ja


def test_deleted_newest_rows_are_noticed(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        ids = _log(store)
        _sql(store, sa.delete(AuditRecord).where(AuditRecord.id >= ids[3]))
    report = verify_audit(settings)
    assert not report.ok and report.bad_id is None and report.rows == 3
    assert str(ids[-1]) in report.reason_ja


def test_rows_from_before_the_chain_are_chained_by_the_migration(
        make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    with open_store(settings) as store:
        _log(store, 3)
        engine = store._engine
        migrate.downgrade(engine, "0001")
        with engine.begin() as conn:  # an audit row written by the previous version
            conn.execute(sa.text("INSERT INTO audit_log (at, actor, action, visit_id, detail) "
                                 "VALUES (:at, 'old', 'print', NULL, :d)"),
                         {"at": "2026-01-05 09:00:00.000000", "d": '{"copies": 1}'})
        migrate.upgrade(engine)
        with Session(engine) as session:
            first = session.scalars(sa.select(AuditRecord).order_by(AuditRecord.id)).first()
            assert first is not None and first.prev_hash == GENESIS
        store.record_audit("print", actor="new", detail={"copies": 2})
    report = verify_audit(settings)
    assert report.ok and report.rows == 5
