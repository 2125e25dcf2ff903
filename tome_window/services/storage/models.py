"""The tables, as SQLAlchemy 2 typed declarative models.

Only the `payload` column holds personal data, and only as a Fernet token: everything staff
need to list visits (branch, staff, status, procedures, times) stays in clear columns so a
list never decrypts anything. The audit log has no foreign key to visits on purpose: visits
are purged after the retention, their audit trail must stay.

The migrations in `migrations/versions/` are the source of truth for the schema; these
models must match them (a test compares the two with Alembic's autogenerate).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Dialect,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

UTC = dt.UTC

# Named constraints, so that batch migrations on SQLite can find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 64
NAME_LENGTH = 200


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend.

    SQLite keeps no zone and PostgreSQL answers in the session's zone; comparing the two kinds
    would either fail or be silently off by nine hours, so everything is stored and returned as
    UTC and naive values from callers are taken as local time.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class VisitRecord(Base):
    """One visit: clear metadata for lists, the personal part sealed in `payload`."""

    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    branch: Mapped[str] = mapped_column(String(NAME_LENGTH))
    staff: Mapped[str] = mapped_column(String(NAME_LENGTH))
    status: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    procedure_ids: Mapped[list[str]] = mapped_column(JSON)
    payload: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        Index("ix_visits_created_at", "created_at"),
        Index("ix_visits_updated_at", "updated_at"),
        Index("ix_visits_status", "status"),
    )


class AuditRecord(Base):
    """Who did what to which visit and when; never the personal values themselves."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    action: Mapped[str] = mapped_column(String(64))
    visit_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The hash chain (audit_chain.py): the previous row's hash and this row's own.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_visit_id", "visit_id"),
        Index("ix_audit_log_at", "at"),
    )


class MetaRecord(Base):
    """Small facts about the database itself, such as the key check token."""

    __tablename__ = "store_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
