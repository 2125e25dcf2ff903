"""The offline look-ups the prefill rules use, bundled for the domain's Lookups protocol."""

from __future__ import annotations

from collections.abc import Callable

from tome_window.services import furigana, postal


class OfflineLookups:
    """With `in_background`, a reading not yet cached is requested there and None returned
    for now, so a screen never waits half a second for the furigana dictionary."""

    def __init__(self, in_background: Callable[[str], None] | None = None) -> None:
        self.in_background = in_background

    def furigana(self, text: str) -> str | None:
        if self.in_background is None:
            return furigana.suggest(text)
        hit, reading = furigana.cached(text)
        if not hit:
            self.in_background(text)
        return reading

    def postal_address(self, code: str) -> str | None:
        return postal.suggested_address(code)

    def postal_exists(self, code: str) -> bool:
        return postal.exists(code)
