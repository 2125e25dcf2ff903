"""A hash chain over the audit log, so that an edited or deleted row is noticed.

Each row carries `prev_hash` (the previous row's hash) and `row_hash` = SHA-256 over a
version tag, the previous hash and the row's own content (id, time, actor, action, visit,
detail) in one canonical JSON form. `verify` walks the rows in id order and names the first
one whose content no longer gives its hash (edited) or whose `prev_hash` is not the hash of
the row before it (a row before it was deleted, or rows were reordered). The newest hash is
also kept in `store_meta.audit_head`, so deleting the newest rows is noticed too.

This is tamper-evident, not tamper-proof: someone with write access who recomputes the whole
chain is not caught by the chain alone (a signed or off-site copy of the head would be the
next step). Appending reads and updates the head row under the transaction's lock
(`SELECT … FOR UPDATE` on PostgreSQL, BEGIN IMMEDIATE on SQLite), so concurrent writers
cannot fork the chain. Rows from before the chain existed were chained by migration 0002.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tome_window.services.storage.models import UTC, AuditRecord, MetaRecord

VERSION = "tome-window audit v1"
GENESIS = "0" * 64
HEAD = "audit_head"


def row_hash(prev: str, row_id: int, at: dt.datetime, actor: str, action: str,
             visit_id: str | None, detail: Any) -> str:
    when = at.astimezone(UTC).isoformat(timespec="microseconds")
    content = json.dumps([VERSION, prev, row_id, when, actor, action, visit_id, detail],
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                         allow_nan=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(session: Session, record: AuditRecord) -> None:
    """Add `record` to the session as the chain's next row (call inside the transaction)."""
    head = session.execute(select(MetaRecord).where(MetaRecord.name == HEAD)
                           .with_for_update()).scalar_one_or_none()
    prev = head.value.split(":", 1)[1] if head is not None else GENESIS
    session.add(record)
    session.flush()  # assigns the id, which the hash covers
    record.prev_hash = prev
    record.row_hash = row_hash(prev, record.id, record.at, record.actor, record.action,
                               record.visit_id, record.detail or {})
    value = f"{record.id}:{record.row_hash}"
    if head is None:
        session.add(MetaRecord(name=HEAD, value=value))
    else:
        head.value = value


@dataclass(frozen=True)
class ChainReport:
    """Result of `verify`: `bad_id` is the first row that fails, None when all is intact."""

    rows: int
    bad_id: int | None = None
    reason_ja: str = ""
    reason_en: str = ""

    @property
    def ok(self) -> bool:
        return self.bad_id is None and not self.reason_en


def verify(engine: Engine) -> ChainReport:
    """Recompute the chain from the first row; stop at the first broken link."""
    prev, count, last_id = GENESIS, 0, None
    with Session(engine) as session:
        head = session.get(MetaRecord, HEAD)
        rows = session.execute(select(AuditRecord).order_by(AuditRecord.id)
                               .execution_options(yield_per=500)).scalars()
        for r in rows:
            if r.prev_hash != prev:
                return ChainReport(count, r.id,
                                   f"操作記録 {r.id} の直前の記録が削除または変更されています",
                                   f"audit row {r.id}: the row before it was deleted or changed")
            expected = row_hash(prev, r.id, r.at, r.actor, r.action, r.visit_id, r.detail or {})
            if r.row_hash != expected:
                return ChainReport(count, r.id, f"操作記録 {r.id} の内容が書き換えられています",
                                   f"audit row {r.id}: its content was changed")
            prev, count, last_id = expected, count + 1, r.id
    if head is None:
        return ChainReport(count, None, "操作記録の連鎖の最新情報が削除されています",
                           "the audit chain head (store_meta.audit_head) was deleted")
    if head.value != f"{last_id or 0}:{prev}":
        where = head.value.split(":", 1)[0]
        return ChainReport(count, None, f"最新の操作記録(記録 {where} まで)が削除されています",
                           f"the newest audit rows (up to row {where}) were deleted")
    return ChainReport(count)
