"""The offline look-ups the prefill rules use, bundled for the domain's Lookups protocol."""

from __future__ import annotations

from tome_window.services import furigana, postal


class OfflineLookups:
    def furigana(self, text: str) -> str | None:
        return furigana.suggest(text)

    def postal_address(self, code: str) -> str | None:
        return postal.suggested_address(code)

    def postal_exists(self, code: str) -> bool:
        return postal.exists(code)
