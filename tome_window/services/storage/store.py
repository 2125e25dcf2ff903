"""VisitStore: save a visit at every step, list it, audit it, purge it after the retention.

Every public method is one short transaction on a fresh session, so a failure leaves the
database as it was and the next call (a retry from the GUI) starts clean. Failures surface as
StorageError with a Japanese message; the caller keeps its in-memory visit, so nothing typed
is lost. The personal payload is sealed (crypto.py) before a session is even opened.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from tome_window.services.config import Settings, load_settings
from tome_window.services.storage import audit_chain, crypto, keys
from tome_window.services.storage.audit import check_action, check_detail
from tome_window.services.storage.engine import (
    create_sqlite_file,
    file_identity,
    make_engine,
    sqlite_file,
)
from tome_window.services.storage.errors import StorageError, VisitNotFound, failure, translated
from tome_window.services.storage.models import (
    ID_LENGTH,
    NAME_LENGTH,
    UTC,
    AuditRecord,
    VisitRecord,
    utcnow,
)
from tome_window.services.storage.redact import without_individual_numbers

STATUSES: tuple[str, ...] = ("open", "confirmed", "exported", "closed")
FINAL_STATUS = "closed"
KEY_CHECK = keys.KEY_CHECK


@dataclass(frozen=True)
class VisitRow:
    """A visit's non-personal metadata: listable without decrypting anything."""

    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    branch: str
    staff: str
    status: str  # "open" | "confirmed" | "exported" | "closed"
    event_id: str | None
    procedure_ids: tuple[str, ...]


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    action: str
    visit_id: str | None
    detail: dict[str, Any]


_VISIT_COLUMNS = (VisitRecord.id, VisitRecord.created_at, VisitRecord.updated_at,
                  VisitRecord.branch, VisitRecord.staff, VisitRecord.status,
                  VisitRecord.event_id, VisitRecord.procedure_ids)


def _visit_row(values: Sequence[Any]) -> VisitRow:
    vid, created, updated, branch, staff, status, event_id, procedures = values
    return VisitRow(vid, created, updated, branch, staff, status, event_id,
                    tuple(procedures or ()))


class VisitStore:
    """Visits and the audit log in one database (SQLite file or a shared server)."""

    def __init__(self, engine: Engine, cipher: crypto.PayloadCipher, *, retention_days: int,
                 sqlite_path: Path | None = None) -> None:
        self._engine = engine
        self._cipher = cipher
        self.retention_days = retention_days
        self._sqlite_path = sqlite_path
        self._sqlite_id = file_identity(sqlite_path) if sqlite_path else None
        self._closed = False

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @staticmethod
    def new_visit_id() -> str:
        """A random id: a counter would tell anyone how many residents came."""
        return uuid.uuid4().hex

    def save_visit(self, visit_id: str, *, branch: str, staff: str, status: str,
                   event_id: str | None, procedure_ids: Sequence[str],
                   payload: dict[str, Any]) -> None:
        """Insert or update the visit in one transaction; call it at every step of the visit.

        `payload` is the personal part (resident facts, answers): plain JSON data, sealed
        with the key before it reaches the database. On StorageError nothing was changed.
        A closed visit is kept without the individual number (redact.py): once the visit is
        finished nothing needs it, and 番号法 allows keeping it no longer than needed.
        """
        _check_text("visit_id", visit_id, ID_LENGTH)
        _check_text("branch", branch, NAME_LENGTH)
        _check_text("staff", staff, NAME_LENGTH)
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
        if event_id is not None:
            _check_text("event_id", event_id, NAME_LENGTH)
        if isinstance(procedure_ids, str):
            raise TypeError("procedure_ids must be a sequence of ids, not one string")
        procedures = [str(p) for p in procedure_ids]
        if not isinstance(payload, Mapping):
            raise TypeError("payload must be a dict")
        data = without_individual_numbers(payload) if status == FINAL_STATUS else dict(payload)
        sealed = self._cipher.seal(visit_id, data)
        now = utcnow()
        with self._session("受付の保存", "saving the visit", keeps_input=True) as session:
            record = session.get(VisitRecord, visit_id)
            if record is None:
                record = VisitRecord(id=visit_id, created_at=now)
                session.add(record)
            record.updated_at = now
            record.branch, record.staff, record.status = branch, staff, status
            record.event_id, record.procedure_ids, record.payload = event_id, procedures, sealed

    def load_visit(self, visit_id: str) -> tuple[VisitRow, dict[str, Any]]:
        """The visit's metadata and decrypted payload; VisitNotFound when there is none."""
        with self._session("受付の読み込み", "loading the visit") as session:
            found = session.execute(
                select(*_VISIT_COLUMNS, VisitRecord.payload).where(VisitRecord.id == visit_id)
            ).first()
        if found is None:
            raise VisitNotFound(visit_id)
        return _visit_row(found[:-1]), self._cipher.open(visit_id, found[-1])

    def list_visits(self, *, limit: int = 100, status: str | None = None) -> list[VisitRow]:
        """Newest first (by creation); decrypts nothing."""
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
        query = select(*_VISIT_COLUMNS).order_by(VisitRecord.created_at.desc(),
                                                 VisitRecord.id.desc()).limit(max(0, limit))
        if status is not None:
            query = query.where(VisitRecord.status == status)
        with self._session("受付一覧の取得", "listing visits") as session:
            return [_visit_row(row) for row in session.execute(query)]

    def record_audit(self, action: str, *, actor: str, visit_id: str | None = None,
                     detail: dict[str, Any] | None = None) -> None:
        """Record who did what (card_read, print, export, fill …) without personal values.

        ValueError when `detail` has a key named like a personal fact (name, address, birth,
        my_number, pin …) or a value that looks like an individual number.
        """
        check_action(action)
        _check_text("actor", actor, NAME_LENGTH)
        if visit_id is not None:
            _check_text("visit_id", visit_id, ID_LENGTH)
        clean = check_detail(detail)
        with self._session("操作記録(監査ログ)の保存", "recording the audit entry") as session:
            audit_chain.append(session, AuditRecord(at=utcnow(), actor=actor, action=action,
                                                    visit_id=visit_id, detail=clean))

    def audit_log(self, *, visit_id: str | None = None, limit: int = 1000) -> list[AuditRow]:
        """Newest first; of one visit when `visit_id` is given (also after its purge)."""
        query = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(max(0, limit))
        if visit_id is not None:
            query = query.where(AuditRecord.visit_id == visit_id)
        with self._session("操作記録(監査ログ)の取得", "reading the audit log") as session:
            return [AuditRow(r.id, r.at, r.actor, r.action, r.visit_id, dict(r.detail or {}))
                    for r in session.scalars(query)]

    def purge_expired(self, *, now: dt.datetime | None = None, actor: str = "system") -> int:
        """Delete visits not updated for `retention_days`; their audit rows stay.

        Records an audit "purge" with the count in the same transaction and returns it.
        """
        reference = (now or utcnow()).astimezone(UTC)
        cutoff = reference - dt.timedelta(days=self.retention_days)
        with self._session("期限切れ受付データの削除", "purging expired visits") as session:
            result = session.execute(delete(VisitRecord).where(VisitRecord.updated_at < cutoff))
            count = int(getattr(result, "rowcount", 0) or 0)
            detail = {"count": count, "retention_days": self.retention_days,
                      "cutoff": cutoff.isoformat(timespec="seconds")}
            audit_chain.append(session, AuditRecord(at=utcnow(), actor=actor, action="purge",
                                                    visit_id=None, detail=detail))
        if count and self._sqlite_path is not None:
            self._checkpoint()
        return count

    def rotate_key(self, *, actor: str) -> int:
        """Re-encrypt every stored visit with a new key (keys.py); returns the visit count."""
        _check_text("actor", actor, NAME_LENGTH)
        with translated("暗号鍵の入れ替え", "rotating the data key"):
            self._guard("暗号鍵の入れ替え", "rotating the data key", False)
            self._cipher, count = keys.rotate(self._engine, self._cipher, actor=actor)
        return count

    def close(self) -> None:
        self._closed = True
        self._engine.dispose()

    def __enter__(self) -> VisitStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _session(self, action_ja: str, action_en: str, *,
                 keeps_input: bool = False) -> Iterator[Session]:
        with translated(action_ja, action_en, keeps_input=keeps_input):
            self._guard(action_ja, action_en, keeps_input)
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                yield session

    def _guard(self, action_ja: str, action_en: str, keeps_input: bool) -> None:
        """Refuse to work on a closed store or a SQLite file that was removed or replaced."""
        if self._closed:
            raise StorageError("データベースは既に閉じられています。", "the store is closed",
                               kind="closed")
        if self._sqlite_path is None:
            return
        try:
            ident = file_identity(self._sqlite_path)
        except OSError as exc:
            # Pooled connections still write to the unlinked file, where nobody would find it.
            self._engine.dispose()
            raise failure("unavailable", action_ja, action_en, keeps_input=keeps_input,
                          detail=f"database file {self._sqlite_path} is gone") from exc
        if ident != self._sqlite_id:  # restored or replaced: reconnect to the file now there
            self._engine.dispose()
            self._sqlite_id = ident

    def _checkpoint(self) -> None:
        """Fold the WAL into the file so purged payload pages do not linger in it."""
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - best effort; the next checkpoint does the same
            pass


def _check_text(name: str, value: Any, max_length: int) -> None:
    if not isinstance(value, str) or not value or len(value) > max_length:
        raise ValueError(f"{name} must be a non-empty string of at most {max_length} characters")


def open_store(settings: Settings | None = None) -> VisitStore:
    """Open (and create or migrate) the database of `settings`, loading them if None.

    Creates the data folder (0700) and the SQLite file (0600); the key comes from
    TOME_WINDOW_KEY or the OS key store, and is made only for a database that never had one
    (keys.py). A missing key store or key is a StorageError of kind "key".
    """
    from tome_window.services.storage.migrate import ensure_schema  # kept out of package import

    settings = settings or load_settings()
    with translated("データベースの準備", "opening the database"):
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = sqlite_file(settings.db_url)
        if path is not None:
            create_sqlite_file(path)
        engine = make_engine(settings.db_url)
        try:
            ensure_schema(engine)
            cipher = keys.cipher_for(engine, settings.key_path)
            return VisitStore(engine, cipher, retention_days=settings.retention_days,
                              sqlite_path=path)
        except BaseException:
            engine.dispose()
            raise


def verify_audit(settings: Settings | None = None) -> audit_chain.ChainReport:
    """Check the audit log's hash chain (audit_chain.py); needs no data key, decrypts nothing."""
    from tome_window.services.storage.migrate import ensure_schema

    settings = settings or load_settings()
    with translated("操作記録(監査ログ)の検証", "verifying the audit log"):
        path = sqlite_file(settings.db_url)
        if path is not None and not path.exists():
            raise failure("unavailable", "操作記録(監査ログ)の検証", "verifying the audit log",
                          detail=f"database file {path} does not exist")
        engine = make_engine(settings.db_url)
        try:
            ensure_schema(engine)
            return audit_chain.verify(engine)
        finally:
            engine.dispose()

