"""Printing the finished applications through the operating system's spooler (no Qt here)."""

from tome_window.services.printing.cups import PrinterInfo, parse_status
from tome_window.services.printing.errors import PrintError
from tome_window.services.printing.service import PrintJob, PrintService, job_title

__all__ = ["PrintError", "PrintJob", "PrintService", "PrinterInfo", "job_title", "parse_status"]
