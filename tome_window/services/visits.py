"""The one lifecycle of a visit: open, persons, answers, confirm, documents, print, close.

The GUI and every command (`fill`, `export`, `guide`, `print`) go through this service, so a
visit made either way is stored, audited and exported in exactly the same way. Each step
changes the visit, then tells the recorder: the default recorder saves and audits at once
(commands); the GUI's session installs one that saves in the background, debounced, and
audits on the storage lane. Audit actions and their detail keys are listed in AUDIT_ACTIONS
and nowhere else; a detail never holds a personal value.

Documents are made in two halves (DocumentJob): `work` reads only a copy of the visit and
may run on any thread; `finish` records the result on the owner's thread. Commands run both
at once (`job.run()`); the GUI runs `work` on a worker.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from tome_window.domain.catalog import Catalog
from tome_window.domain.errors import HouseholdError
from tome_window.domain.household import Person, household_problems
from tome_window.domain.prefill import FormState, Prefiller, Question
from tome_window.domain.resident import Resident
from tome_window.domain.visit import OVERRIDE_REASONS, Override, Signature, Visit
from tome_window.services.config import Settings, load_settings
from tome_window.services.forms_loader import load_catalog
from tome_window.services.gate import GateProblem, IncompleteVisit, form_problems
from tome_window.services.lookups import OfflineLookups

if TYPE_CHECKING:
    from tome_window.services.pdf.fonts import GaijiHit
    from tome_window.services.printing import PrintJob, PrintService

log = logging.getLogger(__name__)

# Every audit action a visit records, with the detail keys it carries (one shape per action).
AUDIT_ACTIONS: dict[str, tuple[str, ...]] = {
    "visit_open": ("event", "procedures"),
    "visit_choose": ("event", "procedures"),
    "resident_card": ("number_read",),
    "resident_manual": ("number_read",),
    "resident_file": ("number_read",),
    "household": ("persons", "sources", "numbers_read"),
    "override": ("field", "reason", "kinds"),
    "override_removed": ("field",),
    "resident_confirm": ("procedures",),
    # The tablet signature: that there is one and its size, never the image; `voided` when a
    # change of what the resident saw dropped it.
    "signature": ("present", "bytes", "voided"),
    "export": ("formats", "files", "procedures", "gaiji", "overridden"),
    "export_guide": ("language", "procedures"),
    "export_reading_aid": ("language", "procedures"),
    "print": ("printer", "files", "copies", "procedures"),
    "print_failed": ("printer", "reason"),
    "visit_close": ("procedures",),
}

T = TypeVar("T")


class Recorder(Protocol):
    """Where the service's changes go: saving the visit and writing the audit trail."""

    def changed(self, service: VisitService, visit: Visit) -> None: ...

    def audit(self, service: VisitService, action: str, visit_id: str | None,
              detail: dict[str, Any]) -> None: ...


class DirectRecorder:
    """Save and audit now, on the caller's thread (the commands)."""

    def changed(self, service: VisitService, visit: Visit) -> None:
        service.save(visit)

    def audit(self, service: VisitService, action: str, visit_id: str | None,
              detail: dict[str, Any]) -> None:
        service.store.record_audit(action, actor=service.settings.staff, visit_id=visit_id,
                                   detail=detail)


@dataclass
class DocumentJob(Generic[T]):
    """A document to make: `work` on any thread, then `finish` on the visit owner's thread."""

    work: Callable[[], T]
    finish: Callable[[T], T]

    def run(self) -> T:
        return self.finish(self.work())


@dataclass
class Exported:
    files: list[Path]
    procedures: list[str]
    pages: dict[Path, int] = field(default_factory=dict)
    gaiji: list[GaijiHit] = field(default_factory=list)

    @property
    def pdfs(self) -> list[Path]:
        return [p for p in self.files if p.suffix == ".pdf"]


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
        for fs in form.all_fields:
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
    def __init__(self, settings: Settings, catalog: Catalog, store: Any,
                 recorder: Recorder | None = None) -> None:
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.recorder: Recorder = recorder or DirectRecorder()
        self.prefiller = Prefiller(catalog, OfflineLookups())
        self._text: Any = None
        self._text_lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings | None = None, catalog: Catalog | None = None) -> VisitService:
        from tome_window.services.storage import open_store

        settings = settings or load_settings()
        catalog = catalog or load_catalog(settings.forms_dir)
        for problem in catalog.problems:
            log.warning("definition refused: %s", problem.message_en)
        return cls(settings, catalog, open_store(settings))

    # -- opening and choosing -------------------------------------------------------------
    def new_visit(self, *, event_id: str | None = None, procedure_ids: Sequence[str] = (),
                  today: dt.date | None = None) -> Visit:
        visit = Visit(id=self.store.new_visit_id(), date=today or dt.date.today(),
                      branch=self.settings.branch, office=self.settings.office,
                      staff=self.settings.staff, event_id=event_id,
                      procedure_ids=list(procedure_ids))
        self._changed(visit)
        self.audit("visit_open", visit, event=event_id, procedures=list(procedure_ids))
        return visit

    def choose(self, visit: Visit, *, event_id: str | None, procedure_ids: Sequence[str]) -> None:
        """The life event or the procedures changed (the GUI's choose page)."""
        if visit.event_id == event_id and visit.procedure_ids == list(procedure_ids):
            return
        visit.event_id = event_id
        visit.procedure_ids = list(procedure_ids)
        self._void_signature(visit)  # it signed other forms
        self._changed(visit)
        self.audit("visit_choose", visit, event=event_id, procedures=list(procedure_ids))

    # -- persons and answers --------------------------------------------------------------
    def set_resident(self, visit: Visit, resident: Resident) -> None:
        visit.set_resident(resident)
        self._unconfirm(visit)
        self._changed(visit)
        self.audit("resident_" + resident.source, visit, number_read=bool(resident.my_number))

    def set_household(self, visit: Visit, persons: Sequence[Person]) -> None:
        """The other persons of the visit, in order (added, edited, reordered or removed);
        refused whole, with every problem named in Japanese, so nothing half-applies. Overrides
        of rows no longer on a form simply stop matching; the gate sees the rows anew."""
        problems = household_problems(visit.resident(), list(persons), visit.date)
        if problems:
            raise HouseholdError("世帯の内容に誤りがあります: " + " / ".join(problems),
                                 f"household refused ({len(problems)} problems)")
        if list(persons) == visit.persons:
            return
        visit.persons = list(persons)
        self._unconfirm(visit)
        self._changed(visit)
        self.audit("household", visit, persons=len(visit.persons),
                   sources=sorted({p.source for p in visit.persons}),
                   numbers_read=sum(1 for p in visit.persons if p.my_number))

    def answer(self, visit: Visit, key: str, raw: Any) -> str | None:
        """Record a person's answer or correction; the Japanese reason when it is refused."""
        before = visit.value(key)
        error = self.prefiller.answer(visit, key, raw)
        if error is None and visit.value(key) != before:
            self._unconfirm(visit)
        self._changed(visit)
        return error

    def confirm_suggestion(self, visit: Visit, key: str) -> None:
        fact = visit.facts.get(key)
        if fact is not None and not fact.confirmed:
            fact.confirmed = True
            self._changed(visit)

    def override(self, visit: Visit, ref: str, reason: str, note: str = "") -> None:
        """Staff let one field go to paper as it is; the page marks it 要確認."""
        if reason not in OVERRIDE_REASONS:
            raise ValueError(f"unknown override reason {reason!r}")
        kinds = sorted({p.kind for p in self.problems(visit, overridden=False) if p.field == ref})
        visit.overrides[ref] = Override(reason, note.strip())
        self._changed(visit)
        self.audit("override", visit, field=ref, reason=reason, kinds=kinds)

    def remove_override(self, visit: Visit, ref: str) -> None:
        if visit.overrides.pop(ref, None) is not None:
            self._changed(visit)
            self.audit("override_removed", visit, field=ref)

    # -- reading ---------------------------------------------------------------------------
    def forms(self, visit: Visit) -> list[FormState]:
        return self.prefiller.forms(visit)

    def questions(self, visit: Visit) -> list[Question]:
        return self.prefiller.questions(visit)

    def problems(self, visit: Visit, forms: list[FormState] | None = None, *,
                 overridden: bool = True) -> list[GateProblem]:
        """What stops this visit from going to paper (the gate), less what staff overrode."""
        forms = forms if forms is not None else self.forms(visit)
        return form_problems(forms, visit.overrides if overridden else None)

    def text(self) -> Any:
        """The curated translations (translations/forms), loaded once for every document."""
        with self._text_lock:
            if self._text is None:
                from tome_window.services.form_text import FormText, default_text_dir

                self._text = FormText.load(default_text_dir(), self.catalog)
            return self._text

    # -- the resident's confirmation and the end -------------------------------------------
    def confirm(self, visit: Visit) -> None:
        """The resident checked the forms and said they are right."""
        visit.status = "confirmed"
        self._changed(visit)
        self.audit("resident_confirm", visit, procedures=self._procedures(visit))

    def set_signature(self, visit: Visit, png: bytes | None, *,
                      today: dt.date | None = None) -> None:
        """The resident signed on the tablet (a PNG of the strokes), or the signature is
        taken back (None: the forms' 署名 boxes stay empty for a pen). SignatureError with a
        Japanese message when the image is refused (services.signature.check_png)."""
        from tome_window.services.signature import check_png

        if png is None:
            if self._void_signature(visit, voided=False):
                self._changed(visit)
            return
        check_png(png)
        visit.signature = Signature(bytes(png), today or dt.date.today())
        self._changed(visit)
        self.audit("signature", visit, present=True, bytes=len(png), voided=False)

    def close(self, visit: Visit) -> None:
        visit.status = "closed"
        self._changed(visit)
        self.audit("visit_close", visit, procedures=self._procedures(visit))

    # -- documents ---------------------------------------------------------------------------
    def export_job(self, visit: Visit, formats: Iterable[str], out_dir: Path, *,
                   allow_incomplete: bool = False) -> DocumentJob[Exported]:
        """PDF / JSON / CSV of the visit's applications. Raises IncompleteVisit (the gate)
        now, on the caller's thread, unless `allow_incomplete`."""
        from tome_window.services.export.bundle import parse_formats, write_exports
        from tome_window.services.pdf.render import form_gaiji

        chosen = parse_formats(formats)
        forms = self.forms(visit)
        if not allow_incomplete:
            problems = self.problems(visit, forms)
            if problems:
                raise IncompleteVisit(visit.id, problems)
        frozen = copy.deepcopy(visit)

        def work() -> Exported:
            files = write_exports(frozen, forms, chosen, Path(out_dir))
            pdfs = [p for p in files if p.suffix == ".pdf"]
            pages = {p: f.procedure.pages + f.continuation_pages()
                     for p, f in zip(pdfs, forms, strict=False)}
            gaiji = [hit for f in forms for hit in form_gaiji(f)] if "pdf" in chosen else []
            return Exported(files, [f.procedure.id for f in forms], pages, gaiji)

        def finish(done: Exported) -> Exported:
            visit.mark_exported()
            self._changed(visit)
            self.audit("export", visit, formats=sorted(chosen), files=len(done.files),
                       procedures=done.procedures, gaiji=len(done.gaiji),
                       overridden=len(visit.overrides))
            log.info("exported visit %s: %d files (%s)", visit.id, len(done.files),
                     ",".join(sorted(chosen)))
            return done

        return DocumentJob(work, finish)

    def export(self, visit: Visit, formats: Iterable[str], out_dir: Path, *,
               allow_incomplete: bool = False) -> Exported:
        return self.export_job(visit, formats, out_dir, allow_incomplete=allow_incomplete).run()

    def guide_job(self, visit: Visit, out_path: Path, language: str | None) -> DocumentJob[Path]:
        """The procedure guide (手続き案内票), in Japanese plus the resident's language."""
        from tome_window.services.forms_loader import default_forms_dir
        from tome_window.services.pdf.guide import load_offices, render_guide, text_translations

        procedures = [f.procedure for f in self.forms(visit)]
        frozen, code = copy.deepcopy(visit), language or "ja"
        forms_dir = self.settings.forms_dir or default_forms_dir()

        def work() -> Path:
            return render_guide(procedures, frozen, Path(out_path), offices=load_offices(forms_dir),
                                language=code, translate=text_translations(self.text()))

        def finish(path: Path) -> Path:
            self.audit("export_guide", visit, language=code, procedures=[p.id for p in procedures])
            return path

        return DocumentJob(work, finish)

    def reading_aid_job(self, visit: Visit, out_path: Path, language: str) -> DocumentJob[Path]:
        """The printed explanation in the resident's language, beside the Japanese forms."""
        from tome_window.services.pdf.reading_aid import render_reading_aid

        forms, frozen = self.forms(visit), copy.deepcopy(visit)

        def work() -> Path:
            return render_reading_aid(frozen, forms, language, Path(out_path), self.text())

        def finish(path: Path) -> Path:
            self.audit("export_reading_aid", visit, language=language,
                       procedures=[f.procedure.id for f in forms])
            return path

        return DocumentJob(work, finish)

    # -- printing --------------------------------------------------------------------------
    def print_visit(self, visit: Visit, printing: PrintService, out_dir: Path, *,
                    printer: str | None = None, copies: int = 1,
                    allow_incomplete: bool = False) -> list[PrintJob]:
        """Make the PDFs (through the gate) and send them to the printer; PrintError as is."""
        from tome_window.services.printing import PrintError

        done = self.export(visit, {"pdf"}, out_dir, allow_incomplete=allow_incomplete)
        try:
            jobs = printing.print_pdfs(done.pdfs, printer, copies, label=visit.id[:8])
        except PrintError as exc:
            self.print_failed(visit, exc.printer, exc.code)
            raise
        self.printed(visit, jobs[0].printer if jobs else (printer or ""), files=len(jobs),
                     copies=copies, procedures=done.procedures)
        return jobs

    def printed(self, visit: Visit, printer: str, *, files: int, copies: int,
                procedures: list[str]) -> None:
        self.audit("print", visit, printer=printer, files=files, copies=copies,
                   procedures=procedures)

    def print_failed(self, visit: Visit, printer: str | None, reason: str) -> None:
        self.audit("print_failed", visit, printer=printer or "", reason=reason)

    # -- storage -----------------------------------------------------------------------------
    def save(self, visit: Visit) -> None:
        """Persist the whole visit now; raises StorageError."""
        self.store_snapshot(self.snapshot(visit))

    def snapshot(self, visit: Visit) -> dict[str, Any]:
        """A copy of everything to save, taken on the caller's thread so that a background
        save never reads a visit that the screen is changing."""
        return {"visit_id": visit.id, "branch": visit.branch, "staff": visit.staff,
                "status": visit.status, "event_id": visit.event_id,
                "procedure_ids": self._procedures(visit),
                "payload": copy.deepcopy(visit.to_payload())}

    def store_snapshot(self, snapshot: dict[str, Any]) -> None:
        snap = dict(snapshot)
        self.store.save_visit(snap.pop("visit_id"), **snap)

    def load(self, visit_id: str) -> Visit:
        row, payload = self.store.load_visit(visit_id)
        return Visit.from_payload(row.id, branch=row.branch, staff=row.staff, status=row.status,
                                  event_id=row.event_id, procedure_ids=list(row.procedure_ids),
                                  payload=payload)

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
        keys = AUDIT_ACTIONS.get(action)
        if keys is not None and set(detail) != set(keys):
            raise ValueError(f"audit {action}: detail keys {sorted(detail)} != {sorted(keys)}")
        self.recorder.audit(self, action, visit.id if visit else None, detail)

    # -- internals -------------------------------------------------------------------------
    def _changed(self, visit: Visit) -> None:
        self.recorder.changed(self, visit)

    def _unconfirm(self, visit: Visit) -> None:
        """A resident's confirmation covers what they saw: a later change needs a new one,
        and so does their signature (it signs what they saw), in every status."""
        if visit.status == "confirmed":
            visit.status = "open"
        self._void_signature(visit)

    def _void_signature(self, visit: Visit, *, voided: bool = True) -> bool:
        """Drop the signature and audit it (`voided`: a change dropped it, not staff);
        False when there was none."""
        if visit.signature is None:
            return False
        visit.signature = None
        self.audit("signature", visit, present=False, bytes=0, voided=voided)
        return True

    def _procedures(self, visit: Visit) -> list[str]:
        return [p.id for p, _ in self.prefiller.bundle(visit)] or list(visit.procedure_ids)
