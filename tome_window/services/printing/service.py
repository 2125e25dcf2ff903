"""Send the finished applications, as the very PDFs staff previewed, to the branch printer.

The vector PDF goes to the operating system's spooler untouched (CUPS `lp` on Linux, a
configured command such as SumatraPDF's silent print on Windows): no re-rendering, so the
paper matches the preview and the PDF files exactly. One job per application, because each
is signed and handed over on its own, cups-pdf and many drivers handle only the first document
of a multi-file job, and one failed application can be printed again alone.

Job titles carry only a visit id prefix and the file's procedure name, never a resident's
name: titles are visible to anyone who can list the queue.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tome_window.services.printing.cups import CupsTools, PrinterInfo
from tome_window.services.printing.errors import PrintError

log = logging.getLogger(__name__)

_UNSAFE_TITLE = re.compile(r"[^A-Za-z0-9_.+-]+")


@dataclass(frozen=True)
class PrintJob:
    """One application handed to the spooler; job_id is None for a print command."""

    path: Path
    printer: str
    title: str
    job_id: str | None = None
    state: str = "accepted"  # accepted (queued/printing) or completed

    def to_json(self) -> dict[str, Any]:
        return {"file": self.path.name, "printer": self.printer, "title": self.title,
                "job": self.job_id, "state": self.state}


def job_title(label: str, path: Path) -> str:
    """ASCII only: procedure file names and visit ids are ASCII, personal names never are."""
    raw = f"tome-{label}-{path.stem}" if label else f"tome-{path.stem}"
    return _UNSAFE_TITLE.sub("_", raw)[:80]


class PrintService:
    """Printers and their state, and printing PDFs; blocking, so views call it via run_task."""

    def __init__(self, printer: str = "", print_command: str = "", *,
                 env: Mapping[str, str] | None = None, accept_wait_s: float = 0.3,
                 timeout_s: float = 15.0) -> None:
        self.configured = printer.strip()
        self.print_command = print_command.strip()
        self.cups = CupsTools(env, timeout_s)
        self.accept_wait_s = accept_wait_s
        self.timeout_s = timeout_s

    @classmethod
    def from_settings(cls, settings: Any) -> PrintService:
        return cls(getattr(settings, "printer", ""), getattr(settings, "print_command", ""))

    @property
    def uses_command(self) -> bool:
        return bool(self.print_command) or sys.platform == "win32"

    # -- printers -----------------------------------------------------------------------
    def printers(self) -> list[PrinterInfo]:
        """Every queue with its state; with a print command only the configured printer."""
        if self.uses_command:
            return [PrinterInfo(self.configured, is_default=True)] if self.configured else []
        return list(self.cups.status().printers.values())

    def printer_name(self, printer: str | None = None) -> str:
        """The printer to use: the one asked for, the configured one, the spooler default."""
        name = (printer or self.configured).strip()
        if name:
            return name
        if not self.uses_command:
            default = self.cups.status().default
            if default:
                return default
        raise PrintError("no_printer")

    def check(self, printer: str | None = None) -> PrinterInfo:
        """The printer's state; raises PrintError when it cannot print now."""
        name = self.printer_name(printer)
        if self.uses_command:
            return PrinterInfo(name, is_default=True)
        return self._ready(name)

    def _ready(self, name: str) -> PrinterInfo:
        """The spooler's view of the printer, or the PrintError that says why it cannot print."""
        info = self.cups.status().printers.get(name)
        if info is None:
            raise PrintError("missing", name)
        problem = info.problem()
        if problem:
            raise PrintError(problem, name, " ".join(info.reasons) or info.message)
        return info

    # -- printing -----------------------------------------------------------------------
    def print_pdfs(self, paths: Sequence[Path], printer: str | None = None, copies: int = 1,
                   label: str = "") -> list[PrintJob]:
        """Submit each PDF as one job and wait briefly for the spooler to take it.

        Raises PrintError before anything is queued when the printer cannot print, and
        cancels what was queued when the printer fails right after, so that printing again
        never yields a second set of papers later.
        """
        files = [Path(p).resolve() for p in paths]
        missing = [p for p in files if not p.is_file()]
        if missing:
            raise PrintError("no_file", detail=", ".join(p.name for p in missing))
        if copies < 1:
            raise ValueError("copies must be at least 1")
        info = self.check(printer)
        if self.uses_command:
            return [self._run_command(path, info.name, copies, job_title(label, path))
                    for path in files]
        jobs: list[PrintJob] = []
        try:
            for path in files:
                title = job_title(label, path)
                job_id = self.cups.submit(path, info.name, copies, title)
                log.info("queued %s on %s as %s", path.name, info.name, job_id)
                jobs.append(PrintJob(path, info.name, title, job_id))
            return self._settle(jobs)
        except PrintError:
            for job in jobs:
                if job.job_id:
                    self.cups.cancel(job.job_id)
            raise

    def _settle(self, jobs: list[PrintJob]) -> list[PrintJob]:
        """Watch the queue for a moment: a printer that stops right away is reported now."""
        if not jobs:
            return jobs
        printer = jobs[0].printer
        deadline = time.monotonic() + self.accept_wait_s
        while True:
            pending = self.cups.not_completed(printer)
            if not any(j.job_id in pending for j in jobs):
                return [PrintJob(j.path, j.printer, j.title, j.job_id, "completed") for j in jobs]
            self._ready(printer)
            if time.monotonic() >= deadline:
                return jobs
            time.sleep(0.05)

    def pending(self, jobs: Sequence[PrintJob]) -> list[PrintJob]:
        """Jobs still waiting or printing (lpstat -W not-completed)."""
        by_printer: dict[str, set[str]] = {}
        out = []
        for job in jobs:
            if job.job_id is None:
                continue
            if job.printer not in by_printer:
                by_printer[job.printer] = self.cups.not_completed(job.printer)
            if job.job_id in by_printer[job.printer]:
                out.append(job)
        return out

    def _run_command(self, path: Path, printer: str, copies: int, title: str) -> PrintJob:
        """Windows (or any spooler without lp): the configured template, once per file.

        Placeholders: {printer}, {file}, {copies}, {title}. Without {copies} in the template
        the command runs once per copy.
        """
        template = self.print_command
        if not template:
            raise PrintError("no_command", printer, "print_command is empty")
        posix = os.name != "nt"
        values = {"printer": printer, "file": str(path), "copies": str(copies), "title": title}
        try:
            argv = [_unquote(tok, posix).format(**values)
                    for tok in shlex.split(template, posix=posix)]
        except (ValueError, KeyError, IndexError) as exc:
            raise PrintError("no_command", printer, f"bad print_command: {exc}") from None
        runs = 1 if "{copies}" in template else copies
        for _ in range(runs):
            try:
                proc = subprocess.run(argv, capture_output=True, text=True, check=False,
                                      timeout=self.timeout_s * 4)
            except FileNotFoundError:
                raise PrintError("no_command", printer, f"{argv[0]} not found") from None
            except subprocess.TimeoutExpired:
                raise PrintError("timeout", printer, argv[0]) from None
            except OSError as exc:
                raise PrintError("no_command", printer, f"{argv[0]}: {exc.strerror}") from None
            if proc.returncode != 0:
                detail = (proc.stderr or proc.stdout).strip()[:300] or f"exit {proc.returncode}"
                raise PrintError("command_failed", printer, detail)
        return PrintJob(path, printer, title, None, "submitted")


def _unquote(token: str, posix: bool) -> str:
    if not posix and len(token) >= 2 and token[0] == token[-1] == '"':
        return token[1:-1]
    return token
