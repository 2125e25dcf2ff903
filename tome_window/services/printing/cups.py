"""The CUPS command-line tools (lp, lpstat, cancel), run and read in the C locale.

The tools rather than an IPP library: they are what every Linux branch PC already has, they
honour the user's CUPS_SERVER and lpoptions exactly as staff's own `lp` does, and they need no
extra dependency. Their output is translated by the user's locale, so every call forces
LC_ALL=C and the parsing below only ever sees the English wording.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tome_window.services.printing.errors import PrintError

log = logging.getLogger(__name__)

# printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9) that mean "this printer cannot print
# now", most specific first. A "-warning" suffix (toner-low-warning) never blocks.
_BLOCKING = (
    ("media-empty", "no_paper"), ("media-needed", "no_paper"), ("input-tray-missing", "no_paper"),
    ("media-jam", "jam"), ("door-open", "cover_open"), ("cover-open", "cover_open"),
    ("toner-empty", "no_toner"), ("marker-supply-empty", "no_toner"),
    ("offline", "off"), ("shutdown", "off"), ("paused", "off"),
)
_STATE_JA = {
    "no_paper": "用紙切れ", "jam": "紙詰まり", "cover_open": "カバーが開いています",
    "no_toner": "トナー切れ", "off": "停止中", "rejecting": "受付停止中",
}


@dataclass(frozen=True)
class PrinterInfo:
    """One print queue as the spooler sees it now."""

    name: str
    enabled: bool = True
    accepting: bool = True
    printing: bool = False
    reasons: tuple[str, ...] = ()
    message: str = ""
    is_default: bool = False

    def problem(self) -> str | None:
        """The PrintError code that stops printing now, or None when the queue can print."""
        for reason in self.reasons:
            if reason.endswith("-warning"):
                continue
            for prefix, code in _BLOCKING:
                if reason.startswith(prefix):
                    return code
        if not self.enabled:
            return "off"
        if not self.accepting:
            return "rejecting"
        return None

    def state_ja(self) -> str:
        problem = self.problem()
        if problem:
            return _STATE_JA[problem]
        return "印刷中" if self.printing else "待機中(印刷できます)"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "enabled": self.enabled, "accepting": self.accepting,
                "printing": self.printing, "reasons": list(self.reasons),
                "message": self.message, "default": self.is_default,
                "problem": self.problem(), "state": self.state_ja()}


@dataclass
class SpoolerStatus:
    running: bool
    default: str | None = None
    printers: dict[str, PrinterInfo] = field(default_factory=dict)


_PRINTER = re.compile(r"^printer (\S+) (?:is idle|now printing (\S+?)\.|disabled since)")
_ACCEPT = re.compile(r"^(\S+) (not )?accepting requests since")
_REQUEST = re.compile(r"request id is (\S+) \(")


def parse_status(text: str) -> SpoolerStatus:
    """Read `lpstat -r -d -a -l -p` output (C locale)."""
    status = SpoolerStatus(running="scheduler is running" in text)
    accepting: dict[str, bool] = {}
    blocks: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    first_indent = False
    for line in text.splitlines():
        if line.startswith("system default destination: "):
            status.default = line.split(": ", 1)[1].strip() or None
        elif m := _ACCEPT.match(line):
            accepting[m.group(1)] = not m.group(2)
        elif m := _PRINTER.match(line):
            current = {"name": m.group(1), "enabled": "disabled since" not in line,
                       "printing": bool(m.group(2)), "reasons": (), "message": ""}
            blocks[current["name"]] = current
            first_indent = True
            continue
        elif current is not None and line.startswith("\t"):
            body = line.strip()
            if body.startswith("Alerts:"):
                reasons = body.removeprefix("Alerts:").split()
                current["reasons"] = tuple(r for r in reasons if r != "none")
            elif first_indent and not line.startswith("\t\t") and not body.startswith("Form mounted:"):
                current["message"] = "" if body == "reason unknown" else body
        elif not line.startswith("\t"):
            current = None
        first_indent = False
    for name, b in blocks.items():
        status.printers[name] = PrinterInfo(
            name=name, enabled=b["enabled"], accepting=accepting.get(name, True),
            printing=b["printing"], reasons=b["reasons"], message=b["message"],
            is_default=name == status.default)
    return status


class CupsTools:
    """Runs the CUPS tools with a timeout and maps "cannot run at all" to PrintError."""

    def __init__(self, env: Mapping[str, str] | None = None, timeout_s: float = 15.0) -> None:
        self.env = dict(os.environ if env is None else env)
        self.env.update(LC_ALL="C", LANG="C", LANGUAGE="C")
        self.timeout_s = timeout_s

    def run(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(list(args), capture_output=True, text=True, env=self.env,
                                  timeout=self.timeout_s, check=False)
        except FileNotFoundError:
            raise PrintError("no_lp", detail=f"{args[0]} not found") from None
        except subprocess.TimeoutExpired:
            raise PrintError("timeout", detail=" ".join(args[:2])) from None
        except OSError as exc:
            raise PrintError("no_lp", detail=f"{args[0]}: {exc.strerror}") from None

    def status(self) -> SpoolerStatus:
        proc = self.run(["lpstat", "-r", "-d", "-a", "-l", "-p"])
        status = parse_status(proc.stdout)
        if not status.running:
            raise PrintError("spooler_down", detail=proc.stderr.strip())
        return status

    def submit(self, path: Path, printer: str, copies: int, title: str) -> str:
        proc = self.run(["lp", "-d", printer, "-n", str(copies), "-t", title, str(path)])
        if proc.returncode == 0 and (m := _REQUEST.search(proc.stdout)):
            return m.group(1)
        error = (proc.stderr or proc.stdout).strip()
        log.warning("lp refused %s on %s: %s", path.name, printer, error)
        if "does not exist" in error or "Unknown destination" in error:
            raise PrintError("missing", printer, error)
        if "not accepting" in error:
            raise PrintError("rejecting", printer, error)
        if "unable to access" in error:
            raise PrintError("no_file", printer, error)
        if "Scheduler is not running" in error or "Connection refused" in error:
            raise PrintError("spooler_down", printer, error)
        raise PrintError("failed", printer, error or f"lp exit {proc.returncode}")

    def not_completed(self, printer: str) -> set[str]:
        """Ids of jobs on this queue that are still pending, held or printing."""
        proc = self.run(["lpstat", "-W", "not-completed", "-o", printer])
        return {line.split()[0] for line in proc.stdout.splitlines() if line.strip()}

    def cancel(self, job_id: str) -> None:
        proc = self.run(["cancel", job_id])
        if proc.returncode != 0:
            log.warning("cancel %s failed: %s", job_id, proc.stderr.strip())
