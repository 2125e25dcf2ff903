"""Lines that mix scripts (a Nepali sentence quoting 住民異動届), drawn in runs of one font.

No single font covers Japanese, Hangul, Devanagari and Myanmar; a line is split into runs by
script, each run gets a font that has its characters (punctuation a script font lacks goes to
the Japanese font), and scripts that need shaping are shaped with HarfBuzz before drawing.
The reading aid and the procedure guide both draw their resident-language text this way.
"""

from __future__ import annotations

import unicodedata

from reportlab.pdfgen.canvas import Canvas

from tome_window.domain.languages import SOURCE
from tome_window.services.pdf.fonts import FontSet
from tome_window.services.pdf.scripts import coverage_of, first_font, font_for, script_of
from tome_window.services.pdf.scripts import shaped as shape_text


class MixedText:
    """Measure, wrap and draw text in the resident's language (`native`) or in Japanese."""

    def __init__(self, fonts: FontSet, language: str) -> None:
        self.fonts, self.language = fonts, language

    def runs(self, text: str, native: bool) -> list[tuple[str, str]]:
        """(font, text) pieces; spaces, digits and punctuation stay with their neighbour."""
        pieces: list[tuple[str, str]] = []
        for ch in text:
            kind = script_of(ch) if unicodedata.category(ch)[0] in "LM" else ""
            if pieces and (not kind or kind == pieces[-1][0] or not pieces[-1][0]):
                prev, chars = pieces[-1]
                pieces[-1] = (prev or kind, chars + ch)
            else:
                pieces.append((kind, ch))
        language = self.language if native else SOURCE
        out: list[tuple[str, str]] = []
        for kind, chars in pieces:
            font = font_for(chars, language, self.fonts)
            if native and kind == "latin" and language != SOURCE:
                font = first_font("latin") or font  # a proportional face reads better than BIZ UD's
            out.extend(self._split_uncovered(font, chars))
        return out

    def _split_uncovered(self, font: str, chars: str) -> list[tuple[str, str]]:
        """Punctuation the script font lacks (・, —) goes to the Japanese font instead."""
        covered = coverage_of(font)
        out: list[tuple[str, str]] = []
        for ch in chars:
            use = font if ord(ch) in covered or ch.isspace() else self.fonts.gothic
            if out and out[-1][0] == use:
                out[-1] = (use, out[-1][1] + ch)
            else:
                out.append((use, ch))
        return out

    def width(self, text: str, size: float, native: bool) -> float:
        return sum(shape_text(chars, font, size)[1] for font, chars in self.runs(text, native))

    def wrap(self, text: str, size: float, width: float, native: bool) -> list[str]:
        lines: list[str] = []
        for para in text.split("\n"):
            spaced = " " in para
            line = ""
            for word in para.split(" ") if spaced else list(para):
                candidate = f"{line} {word}" if line and spaced else line + word
                if line and self.width(candidate, size, native) > width and word not in "、。，）」)":
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines

    def draw(self, c: Canvas, x: float, y: float, text: str, size: float, gray: float,
             native: bool) -> None:
        c.setFillGray(gray)
        for font, chars in self.runs(text, native):
            if font == self.fonts.gothic or font == self.fonts.mincho:
                chars = self.fonts.printable(chars)  # 外字 as 〓, never an empty box
            shaped, advance = shape_text(chars, font, size)
            c.setFont(font, size)
            c.drawString(x, y, shaped)
            x += advance
        c.setFillGray(0)
