"""The GUI's hold on the current visit: pages read and change it only through this object.

Every step of the visit is VisitService's (the same lifecycle, audit and documents as the
commands); this object holds which visit is open, moves documents off the GUI thread and
installs a recorder that saves a snapshot in the background, debounced, after every change,
so a crash or a lost database never loses what was typed: a failed save is reported and
retried with the next change. It never reaches into storage itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from tome_window.views.tasks import message_of, run_task

if TYPE_CHECKING:  # the window paints before the domain (pydantic) and catalogs load
    from tome_window.domain.catalog import Catalog
    from tome_window.domain.household import Person
    from tome_window.domain.prefill import FormState, Prefiller, Question
    from tome_window.domain.resident import Resident
    from tome_window.domain.visit import Visit
    from tome_window.services.gate import GateProblem
    from tome_window.services.visits import DocumentJob, Exported, VisitService
    from tome_window.views.i18n import LanguageService

log = logging.getLogger(__name__)


class VisitSession(QObject):
    ready = Signal()
    failed_to_start = Signal(str)
    changed = Signal()
    message = Signal(str)
    save_failed = Signal(str)
    saved = Signal()  # a snapshot reached storage (a save failure shown before is over)
    language_changed = Signal(str)

    def __init__(self, open_service: Callable[[], VisitService],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_service = open_service
        self.service: VisitService | None = None
        self.visit: Visit | None = None
        self.unsaved = False
        # The resident's reading language: not personal data, yet kept in memory only and
        # back to Japanese at the end of every visit.
        self._languages: LanguageService | None = None
        # What was made of the open visit, as the audit records it (in memory, this visit
        # only): procedure id → {"pdf", "json", "csv", "print"}, and the extras made.
        self._made: dict[str, set[str]] = {}
        self._extras: set[str] = set()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(150)
        self._save_timer.timeout.connect(self._save_now)

    # -- start-up ---------------------------------------------------------------------
    def start(self) -> None:
        """Open storage and load definitions off the GUI thread, after the first paint."""
        run_task(self._open_service, self._opened, lambda e: self.failed_to_start.emit(message_of(e)))

    def _opened(self, service: VisitService) -> None:
        from tome_window.services.lookups import OfflineLookups

        self.service = service
        service.recorder = _SessionRecorder(self)
        service.prefiller.lookups = OfflineLookups(in_background=self._read_later)
        self._reading: set[str] = set()
        from tome_window.views.i18n import form_text

        run_task(form_text)  # the curated form text loads off the GUI thread (~0.4 s)
        self.ready.emit()

    def _read_later(self, name: str) -> None:
        """Look a furigana reading up off the GUI thread, then refresh what shows it."""
        if name in self._reading:
            return
        self._reading.add(name)
        from tome_window.services import furigana

        def done(_: Any) -> None:
            self._reading.discard(name)
            if self.visit is not None:
                self.touch()

        run_task(lambda: furigana.suggest(name), done, lambda e: self._reading.discard(name))

    @property
    def languages(self) -> LanguageService:
        """Created on first use: the window paints before the catalogs' machinery loads."""
        if self._languages is None:
            from tome_window.views.i18n import LanguageService

            self._languages = LanguageService(self)
        return self._languages

    @property
    def language(self) -> str:
        return self.languages.code

    def set_language(self, code: str) -> None:
        """Switch the resident screens now; an unloadable catalog leaves them Japanese."""
        before = self.languages.code
        self.languages.apply(code)
        if self.languages.code != before:
            self.language_changed.emit(self.languages.code)

    @property
    def prefiller(self) -> Prefiller:
        return self.svc.prefiller

    @property
    def catalog(self) -> Catalog:
        return self.svc.catalog

    @property
    def svc(self) -> VisitService:
        """The service, once started (pages are only shown after `ready`)."""
        assert self.service is not None, "the visit service is not open yet"
        return self.service

    @property
    def current(self) -> Visit:
        assert self.visit is not None, "no visit is open"
        return self.visit

    # -- the visit: every step is the service's; this object only holds the current one --
    def begin(self, *, event_id: str | None, procedure_ids: list[str]) -> None:
        if self.visit is None:
            self.visit = self.svc.new_visit(event_id=event_id, procedure_ids=procedure_ids)
        else:
            self.svc.choose(self.visit, event_id=event_id, procedure_ids=procedure_ids)

    def set_resident(self, resident: Resident) -> None:
        self.svc.set_resident(self.current, resident)
        if hasattr(self, "_reading"):
            self._read_later(resident.name)  # the furigana suggestion, ready by the next step

    def set_household(self, persons: list[Person]) -> None:
        """The visit's other persons, whole and in order; HouseholdError (its message_ja
        names the person and the field) when refused, and then nothing changed."""
        self.svc.set_household(self.current, persons)

    def answer(self, key: str, raw: Any) -> str | None:
        return self.svc.answer(self.current, key, raw)

    def confirm_suggestion(self, key: str) -> None:
        self.svc.confirm_suggestion(self.current, key)

    def override(self, ref: str, reason: str, note: str = "") -> None:
        self.svc.override(self.current, ref, reason, note)

    def remove_override(self, ref: str) -> None:
        self.svc.remove_override(self.current, ref)

    def forms(self) -> list[FormState]:
        return self.svc.forms(self.visit) if self.visit else []

    def questions(self) -> list[Question]:
        return self.svc.questions(self.visit) if self.visit else []

    def problems(self) -> list[GateProblem]:
        return self.svc.problems(self.visit) if self.visit else []

    def needs_my_number(self) -> bool:
        return self.visit is not None and self.prefiller.needs_my_number(self.visit)

    def confirm(self) -> None:
        self.svc.confirm(self.current)

    def set_signature(self, png: bytes | None) -> None:
        """The resident's tablet signature (PNG), or None to take it back; SignatureError
        (message_ja) when the service refuses the image, and then nothing changed."""
        self.svc.set_signature(self.current, png)

    @property
    def signature_present(self) -> bool:
        """The open visit has the resident's tablet signature (a later change voids it)."""
        return self.visit is not None and self.visit.signature is not None

    def _run(self, job: DocumentJob[Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None]) -> None:
        """The job's work on a worker; its finish (status, save, audit) back here, and only
        while the same visit is still open."""
        visit = self.visit

        def done(result: Any) -> None:
            if self.visit is visit:
                result = job.finish(result)
            on_done(result)

        run_task(job.work, done, lambda e: on_error(message_of(e)))

    def export(self, formats: set[str], out_dir: Path, on_done: Callable[[Exported], None],
               on_error: Callable[[str], None]) -> None:
        """Files from the visit as it is on screen now; IncompleteVisit (the gate) is raised
        here, before anything runs, so the page can show what is wrong."""
        self._run(self.svc.export_job(self.current, formats, out_dir), on_done, on_error)

    def reading_aid(self, out_dir: Path, on_done: Callable[[Path], None],
                    on_error: Callable[[str], None]) -> None:
        code = self.language
        job = self.svc.reading_aid_job(self.current, out_dir / f"00_reading_aid_{code}.pdf", code)
        self._run(job, on_done, on_error)

    def guide(self, out_dir: Path, on_done: Callable[[Path], None],
              on_error: Callable[[str], None]) -> None:
        job = self.svc.guide_job(self.current, out_dir / "00_guide.pdf", self.language)
        self._run(job, on_done, on_error)

    def printed(self, paths: list[Path], printer: str, copies: int = 1) -> None:
        procedures = [f.procedure.id for f in self.forms()]
        self.svc.printed(self.current, printer, files=len(paths), copies=copies,
                         procedures=procedures)

    def print_failed(self, printer: str, reason: str) -> None:
        self.svc.print_failed(self.current, printer, reason)

    def made(self) -> dict[str, frozenset[str]]:
        """What the open visit's forms became so far, from the audit actions recorded for it:
        procedure id → the formats exported ("pdf", "json", "csv") and "print" once sent to
        a printer. Read-only; forgotten at the end of the visit."""
        return {pid: frozenset(kinds) for pid, kinds in self._made.items()}

    def extras_made(self) -> frozenset[str]:
        """The documents beside the forms made in this visit: "guide", "reading_aid"."""
        return frozenset(self._extras)

    def _note(self, action: str, visit_id: str | None, detail: dict[str, Any]) -> None:
        """The audit says what was made; kept for the finish summary of the open visit."""
        if self.visit is None or visit_id != self.visit.id:
            return
        if action == "export":
            kinds = {str(f) for f in detail.get("formats", ())}
        elif action == "print":
            kinds = {"print"}
        else:
            extra = {"export_guide": "guide", "export_reading_aid": "reading_aid"}.get(action)
            if extra is not None:
                self._extras.add(extra)
            return
        for pid in detail.get("procedures", ()):
            self._made.setdefault(str(pid), set()).update(kinds)

    def finish(self) -> None:
        """Close the visit and forget it: nothing of this resident stays in memory here."""
        if self.visit is not None:
            self.svc.close(self.visit)
            self.flush()
        self.visit = None
        self._made = {}
        self._extras = set()
        self.unsaved = False
        self.set_language("ja")
        self.changed.emit()

    # -- saving -----------------------------------------------------------------------
    def touch(self) -> None:
        self.unsaved = True
        self._save_timer.start()
        self.changed.emit()

    def flush(self) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_now()

    def _save_now(self) -> None:
        service = self.service
        if self.visit is None or service is None:
            return
        snapshot = service.snapshot(self.visit)
        run_task(lambda: service.store_snapshot(snapshot), self._saved,
                 lambda e: self.save_failed.emit(message_of(e)), lane="storage")

    def _saved(self, _: Any) -> None:
        self.unsaved = False

    def corrections(self) -> set[str]:
        """Refs of the rows the resident asked staff to correct (the confirmation page marks
        them, the review shows them); for the open visit only, a new visit starts with none."""
        key = self.visit.id if self.visit is not None else None
        if getattr(self, "_corrections_of", None) != key or not hasattr(self, "_corrections"):
            self._corrections_of, self._corrections = key, set[str]()
        return self._corrections
        self.saved.emit()


class _SessionRecorder:
    """The GUI's recorder: a change saves debounced in the background, an audit record goes
    to the storage lane at once (in order with the saves)."""

    def __init__(self, session: VisitSession) -> None:
        self.session = session

    def changed(self, service: VisitService, visit: Visit) -> None:
        self.session.touch()

    def audit(self, service: VisitService, action: str, visit_id: str | None,
              detail: dict[str, Any]) -> None:
        self.session._note(action, visit_id, detail)
        store, actor = service.store, service.settings.staff
        run_task(lambda: store.record_audit(action, actor=actor, visit_id=visit_id, detail=detail),
                 None, lambda e: log.warning("audit %s failed: %s", action, e), lane="storage")
