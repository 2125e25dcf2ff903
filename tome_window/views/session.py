"""The GUI's hold on the current visit: pages read and change it only through this object.

It keeps the visit in memory (the truth while the resident is at the counter) and saves a
snapshot in the background after every change, so a crash or a lost database never loses
what was typed: a failed save is reported and retried with the next change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from tome_window.views.tasks import message_of, run_task

if TYPE_CHECKING:  # the window paints before the domain (pydantic) and catalogs load
    from tome_window.domain.prefill import FormState, Prefiller, Question
    from tome_window.domain.resident import Resident
    from tome_window.domain.visit import Visit
    from tome_window.views.i18n import LanguageService

log = logging.getLogger(__name__)


class VisitSession(QObject):
    ready = Signal()
    failed_to_start = Signal(str)
    changed = Signal()
    message = Signal(str)
    save_failed = Signal(str)
    language_changed = Signal(str)

    def __init__(self, open_service: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_service = open_service
        self.service: Any = None
        self.visit: Visit | None = None
        self.unsaved = False
        # The resident's reading language: not personal data, yet kept in memory only and
        # back to Japanese at the end of every visit.
        self._languages: LanguageService | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(150)
        self._save_timer.timeout.connect(self._save_now)

    # -- start-up ---------------------------------------------------------------------
    def start(self) -> None:
        """Open storage and load definitions off the GUI thread, after the first paint."""
        run_task(self._open_service, self._opened, lambda e: self.failed_to_start.emit(message_of(e)))

    def _opened(self, service: Any) -> None:
        from tome_window.services.lookups import OfflineLookups

        self.service = service
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
        return self.service.prefiller

    @property
    def catalog(self) -> Any:
        return self.service.catalog

    # -- the visit --------------------------------------------------------------------
    def begin(self, *, event_id: str | None, procedure_ids: list[str]) -> None:
        if self.visit is None:
            from tome_window.domain.visit import Visit

            self.visit = Visit(id=self.service.store.new_visit_id(), date=_today(),
                               branch=self.service.settings.branch,
                               office=self.service.settings.office,
                               staff=self.service.settings.staff)
            self._audit("visit_open")
        self.visit.event_id = event_id
        self.visit.procedure_ids = list(procedure_ids)
        self.touch()

    def set_resident(self, resident: Resident) -> None:
        assert self.visit is not None
        self.visit.set_resident(resident)
        if hasattr(self, "_reading"):
            self._read_later(resident.name)  # the furigana suggestion, ready by the next step
        self._audit("resident_" + resident.source, number_read=bool(resident.my_number))
        self.touch()

    def answer(self, key: str, raw: Any) -> str | None:
        assert self.visit is not None
        error = self.prefiller.answer(self.visit, key, raw)
        self.touch()
        return error

    def confirm_suggestion(self, key: str) -> None:
        assert self.visit is not None
        fact = self.visit.facts.get(key)
        if fact is not None:
            fact.confirmed = True
            self.touch()

    def forms(self) -> list[FormState]:
        return self.prefiller.forms(self.visit) if self.visit else []

    def questions(self) -> list[Question]:
        return self.prefiller.questions(self.visit) if self.visit else []

    def needs_my_number(self) -> bool:
        return bool(self.visit) and self.prefiller.needs_my_number(self.visit)  # type: ignore[arg-type]

    def set_status(self, status: str, action: str) -> None:
        assert self.visit is not None
        self.visit.status = status  # type: ignore[assignment]
        self._audit(action)
        self.touch()

    def export(self, out_dir: Any, on_done: Callable[[Any], None],
               on_error: Callable[[str], None]) -> None:
        """Render the PDFs in the background from the forms as they are on screen; the status
        and the audit are recorded here, and saved like any other change."""
        assert self.visit is not None
        visit, forms = self.visit, self.forms()

        def work() -> Any:
            from tome_window.services.pdf import render_bundle

            return render_bundle(forms, visit, Path(out_dir))

        def done(rendered: Any) -> None:
            if self.visit is visit:
                visit.mark_exported()
                self._audit("export_pdf", procedures=[r.procedure_id for r in rendered],
                            files=len(rendered), gaiji=sum(len(r.gaiji) for r in rendered))
                self.touch()
            on_done(rendered)

        run_task(work, done, lambda e: on_error(message_of(e)))

    def reading_aid(self, out_dir: Any, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None:
        """The printed explanation in the resident's language, made in the background."""
        assert self.visit is not None
        visit, forms, code = self.visit, self.forms(), self.language

        def work() -> Any:
            from tome_window.services.pdf.reading_aid import render_reading_aid
            from tome_window.views.i18n import form_text

            return render_reading_aid(visit, forms, code,
                                      Path(out_dir) / f"00_reading_aid_{code}.pdf", form_text())

        def done(path: Any) -> None:
            self._audit("export_reading_aid", language=code, forms=len(forms))
            on_done(path)

        run_task(work, done, lambda e: on_error(message_of(e)))

    def export_data(self, out_dir: Any, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None:
        """JSON and CSV for the back office, from the forms as they are on screen now."""
        assert self.visit is not None
        visit, forms = self.visit, self.forms()

        def work() -> Any:
            from tome_window.services.export.bundle import write_exports

            return write_exports(visit, forms, {"json", "csv"}, Path(out_dir))

        def done(paths: Any) -> None:
            self._audit("export", formats=["csv", "json"], files=len(paths),
                        procedures=[f.procedure.id for f in forms])
            on_done(paths)

        run_task(work, done, lambda e: on_error(message_of(e)))

    def guide(self, out_dir: Any, on_done: Callable[[Any], None],
              on_error: Callable[[str], None]) -> None:
        """The procedure guide (手続き案内票), in Japanese plus the resident's language."""
        assert self.visit is not None
        visit, code = self.visit, self.language
        procedures = [f.procedure for f in self.forms()]
        forms_dir = self.service.settings.forms_dir

        def work() -> Any:
            from tome_window.services.form_text import default_text_dir
            from tome_window.services.forms_loader import default_forms_dir
            from tome_window.services.pdf.guide import file_translations, load_offices, render_guide

            return render_guide(procedures, visit, Path(out_dir) / "00_guide.pdf",
                                offices=load_offices(forms_dir or default_forms_dir()),
                                language=code, translate=file_translations(default_text_dir()))

        def done(path: Any) -> None:
            self._audit("export_guide", language=code, procedures=len(procedures))
            on_done(path)

        run_task(work, done, lambda e: on_error(message_of(e)))

    def record_print(self, paths: list[Any], printer: str) -> None:
        self._audit("print", printer=printer, files=len(paths))

    def finish(self) -> None:
        """Close the visit and forget it: nothing of this resident stays in memory here."""
        if self.visit is not None:
            self.visit.status = "closed"
            self._audit("visit_close")
            self._save_now()
        self.visit = None
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
        if self.visit is None or self.service is None:
            return
        snapshot = self.service.snapshot(self.visit)
        run_task(lambda: self.service.store_snapshot(snapshot), self._saved,
                 lambda e: self.save_failed.emit(message_of(e)), lane="storage")

    def _saved(self, _: Any) -> None:
        self.unsaved = False

    def _audit(self, action: str, **detail: Any) -> None:
        if self.service is None or self.visit is None:
            return
        visit_id, actor, store = self.visit.id, self.service.settings.staff, self.service.store
        run_task(lambda: store.record_audit(action, actor=actor, visit_id=visit_id, detail=detail),
                 None, lambda e: log.warning("audit failed: %s", e), lane="storage")


def _today():  # noqa: ANN202
    import datetime as dt

    return dt.date.today()
