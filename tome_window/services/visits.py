"""One place where a visit is opened, filled, saved, exported and closed.

The GUI and `tome-window fill` both go through this service, so a visit made either way is
stored, audited and exportable in exactly the same way. Saving happens after every step;
audit records say who did what to which visit, never the personal values themselves.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tome_window.domain.catalog import Catalog
from tome_window.domain.prefill import FormState, Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Visit
from tome_window.services.config import Settings, load_settings
from tome_window.services.forms_loader import load_catalog
from tome_window.services.lookups import OfflineLookups

log = logging.getLogger(__name__)


@dataclass
class FillStats:
    total: int = 0
    prefilled: int = 0
    answered: int = 0
    missing_required: list[str] = field(default_factory=list)
    doubtful: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "prefilled": self.prefilled, "answered": self.answered,
                "missing_required": self.missing_required}


def stats_of(forms: Iterable[FormState]) -> FillStats:
    stats = FillStats()
    for form in forms:
        for fs in form.fields:
            stats.total += 1
            if fs.origin == "answer":
                stats.answered += 1
            elif fs.origin is not None:
                stats.prefilled += 1
            if fs.missing:
                stats.missing_required.append(fs.ref)
            if fs.doubtful:
                stats.doubtful.append(fs.ref)
    return stats


class VisitService:
    def __init__(self, settings: Settings, catalog: Catalog, store: Any) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.prefiller = Prefiller(catalog, OfflineLookups())

    @classmethod
    def open(cls, settings: Settings | None = None, catalog: Catalog | None = None) -> VisitService:
        from tome_window.services.storage import open_store

        settings = settings or load_settings()
        catalog = catalog or load_catalog(settings.forms_dir)
        for problem in catalog.problems:
            log.warning("definition refused: %s", problem.message_en)
        return cls(settings, catalog, open_store(settings))

    # -- lifecycle ----------------------------------------------------------------------
    def new_visit(self, *, event_id: str | None = None, procedure_ids: Sequence[str] = (),
                  today: dt.date | None = None) -> Visit:
        visit = Visit(id=self.store.new_visit_id(), date=today or dt.date.today(),
                      branch=self.settings.branch, office=self.settings.office,
                      staff=self.settings.staff, event_id=event_id,
                      procedure_ids=list(procedure_ids))
        self.save(visit)
        self.audit("visit_open", visit, event=event_id, procedures=list(procedure_ids))
        return visit

    def save(self, visit: Visit) -> None:
        """Persist the whole visit now (called after every step); raises StorageError."""
        self.store_snapshot(self.snapshot(visit))

    def snapshot(self, visit: Visit) -> dict[str, Any]:
        """A copy of everything to save, taken on the caller's thread so that a background
        save never reads a visit that the screen is changing."""
        import copy

        return {"visit_id": visit.id, "branch": visit.branch, "staff": visit.staff,
                "status": visit.status, "event_id": visit.event_id,
                "procedure_ids": [p.id for p, _ in self.prefiller.bundle(visit)]
                or list(visit.procedure_ids),
                "payload": copy.deepcopy(visit.to_payload())}

    def store_snapshot(self, snapshot: dict[str, Any]) -> None:
        snap = dict(snapshot)
        self.store.save_visit(snap.pop("visit_id"), **snap)

    def load(self, visit_id: str) -> Visit:
        row, payload = self.store.load_visit(visit_id)
        return Visit.from_payload(row.id, branch=row.branch, staff=row.staff, status=row.status,
                                  event_id=row.event_id, procedure_ids=list(row.procedure_ids),
                                  payload=payload)

    def set_resident(self, visit: Visit, resident: Resident) -> None:
        visit.set_resident(resident)
        self.save(visit)
        self.audit("resident_" + resident.source, visit,
                   number_read=bool(resident.my_number))

    def answer(self, visit: Visit, key: str, raw: Any) -> str | None:
        return self.prefiller.answer(visit, key, raw)

    def forms(self, visit: Visit) -> list[FormState]:
        return self.prefiller.forms(visit)

    def export_pdfs(self, visit: Visit, out_dir: Path, forms: list[FormState] | None = None) -> list[Any]:
        from tome_window.services.pdf import render_bundle

        forms = forms if forms is not None else self.forms(visit)
        rendered = render_bundle(forms, visit, out_dir)
        visit.mark_exported()
        self.save(visit)
        self.audit("export_pdf", visit, procedures=[r.procedure_id for r in rendered],
                   files=len(rendered), gaiji=sum(len(r.gaiji) for r in rendered))
        return rendered

    def purge_expired(self) -> int:
        """Drop visits and exported PDFs older than the retention period (番号法: keep no
        personal data longer than needed)."""
        import shutil

        removed = self.store.purge_expired()
        exports = self.settings.data_dir / "exports"
        cutoff = dt.date.today() - dt.timedelta(days=self.settings.retention_days)
        if exports.is_dir():
            for day_dir in exports.iterdir():
                try:
                    day = dt.date.fromisoformat(day_dir.name)
                except ValueError:
                    continue
                if day < cutoff:
                    shutil.rmtree(day_dir, ignore_errors=True)
        return removed

    def audit(self, action: str, visit: Visit | None, **detail: Any) -> None:
        self.store.record_audit(action, actor=self.settings.staff,
                                visit_id=visit.id if visit else None, detail=detail)
