"""Audit hash chain: prev_hash and row_hash on every audit row, the head in store_meta.

Rows already in the log are chained here, in id order, so `tome-window audit verify` covers
them from now on (it cannot tell what happened to them before this revision).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tome_window.services.storage.audit_chain import GENESIS, HEAD, row_hash
from tome_window.services.storage.models import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_audit = sa.table("audit_log", sa.column("id", sa.Integer()), sa.column("at", UTCDateTime()),
                  sa.column("actor", sa.String()), sa.column("action", sa.String()),
                  sa.column("visit_id", sa.String()), sa.column("detail", sa.JSON()),
                  sa.column("prev_hash", sa.String()), sa.column("row_hash", sa.String()))
_meta = sa.table("store_meta", sa.column("name", sa.String()), sa.column("value", sa.Text()))


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(64), nullable=True))
    conn = op.get_bind()
    prev, last = GENESIS, 0
    rows = conn.execute(sa.select(_audit.c.id, _audit.c.at, _audit.c.actor, _audit.c.action,
                                  _audit.c.visit_id, _audit.c.detail).order_by(_audit.c.id)).all()
    for row_id, at, actor, action, visit_id, detail in rows:
        digest = row_hash(prev, row_id, at, actor, action, visit_id, detail or {})
        conn.execute(sa.update(_audit).where(_audit.c.id == row_id)
                     .values(prev_hash=prev, row_hash=digest))
        prev, last = digest, row_id
    conn.execute(sa.delete(_meta).where(_meta.c.name == HEAD))
    conn.execute(sa.insert(_meta).values(name=HEAD, value=f"{last}:{prev}"))


def downgrade() -> None:
    op.get_bind().execute(sa.delete(_meta).where(_meta.c.name == HEAD))
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
