"""Errors the domain raises, each with a Japanese message for staff and English for logs."""

from __future__ import annotations


class TomeError(Exception):
    """Base error: carries a Japanese message for the screen and an English one for logs."""

    def __init__(self, message_ja: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_ja)
        self.message_ja = message_ja
        self.message_en = message_en or message_ja


class DefinitionError(TomeError):
    """A form or life-event definition that cannot be used, with file and field."""

    def __init__(self, file: str, field: str, reason_ja: str, reason_en: str | None = None) -> None:
        self.file = file
        self.field = field
        self.reason = reason_ja
        super().__init__(f"{file}: {field}: {reason_ja}", f"{file}: {field}: {reason_en or reason_ja}")


class ResidentDataError(TomeError):
    """Resident facts that are missing or malformed (a bad JSON file, an impossible date)."""


class ConditionError(TomeError):
    """A relevance condition that cannot be evaluated."""


class HouseholdError(ResidentDataError):
    """A household that cannot be right as a whole (two heads, a child older than its parent)."""


class SignatureError(TomeError):
    """A signature image that cannot be kept: not a PNG, too large, unreadable, blank."""
