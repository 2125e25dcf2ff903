"""Storage of visits and the audit log: SQLAlchemy 2 + Alembic, SQLite or PostgreSQL.

    store = open_store()                 # settings from tome_window.services.config
    vid = store.new_visit_id()
    store.save_visit(vid, branch=..., staff=..., status="open", event_id=None,
                     procedure_ids=[...], payload=visit.to_payload())   # at every step
    store.record_audit("card_read", actor=staff, visit_id=vid, detail={"fields": 4})

Personal data lives only in the Fernet-sealed payload; failures raise StorageError with
`message_ja` for the screen (the caller keeps its state and offers a retry).
"""

from tome_window.services.storage.errors import StorageError, VisitNotFound
from tome_window.services.storage.store import (
    STATUSES,
    AuditRow,
    VisitRow,
    VisitStore,
    open_store,
    verify_audit,
)

__all__ = ["STATUSES", "AuditRow", "StorageError", "VisitNotFound", "VisitRow", "VisitStore",
           "open_store", "verify_audit"]
