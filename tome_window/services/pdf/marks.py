"""Which mark a field gets on paper, and where it goes: the one owner of 「要確認」 and 「外字」.

The rule is "every value on paper is right or visibly marked". A field gets 「要確認」 when
staff overrode it (`Visit.overrides`: printed anyway, on purpose) or when it still has a gate
problem at print time (missing, invalid, doubtful, cut: a visit printed with
`--allow-incomplete`); it gets 「外字」 with each code point when a character the font lacks
printed as 〓. A clean field gets nothing.

The note stands in the page margin beside the box (left margin for a box in the left half,
right margin otherwise), never over a box: every form keeps its fields, notes and 2-D codes
in the 15–195 mm column, so the margins hold only marks. A marked box gets a second outline just
inside its own, so the clerk sees which box in a row the note is about. Black on white with a thin
frame (要確認 reversed, white on black): nothing relies on colour, so a mono printer keeps it.
Notes that would overlap stack downwards in their margin, each kept whole and readable.
Marks change nothing else: values, the data and the 2-D codes are drawn as without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tome_window.domain.prefill import FormState
from tome_window.services.pdf.fonts import GaijiHit
from tome_window.services.pdf.rows import placed_fields

CHECK = "要確認"
GAIJI = "外字"
CHECK_KINDS = frozenset({"missing", "invalid", "doubtful", "cut"})  # gate kinds that print 要確認
NOTE_SIZE = 6.5  # pt; legible on a counter printer, and 「U+20BB7」 fits the 15 mm margin
COLUMN = (15.0, 195.0)  # mm: the column of every form's boxes, notes and codes (codes.AREA)
PAGE_W_MM = 210.0
GAP_MM = 0.8  # between the column (or the box) and a note, and between stacked notes
PAD_MM = 0.6
OUTLINE = 0.9  # pt, a second outline just inside a marked box (the form's boxes are 0.5 pt)
INSET_MM = 0.45  # clear of the label, whose glyphs start 1.8 pt below the box's top

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in mm from the page's top-left


@dataclass(frozen=True)
class FieldMark:
    """What one field's note says, and its box (mm from the top-left, as in forms/*.yaml)."""

    ref: str
    label: str
    page: int
    box: tuple[float, float, float, float]  # x, y, w, h
    check: tuple[str, ...] = ()  # why 要確認: "override" and/or gate problem kinds
    gaiji: tuple[str, ...] = ()  # code points (U+XXXX) printed as 〓

    @property
    def lines(self) -> list[str]:
        return ([CHECK] if self.check else []) + ([GAIJI, *self.gaiji] if self.gaiji else [])


@dataclass(frozen=True)
class PlacedNote:
    mark: FieldMark
    side: str  # "left" | "right"
    rect: Rect


def field_marks(form: FormState, overrides: Mapping[str, Any],
                gaiji: Iterable[GaijiHit]) -> list[FieldMark]:
    """The marks of one form's fields and rows, in print order; a clean field has none. A
    row field's mark stands by its cell: on the form, or on the 別紙 that holds its row."""
    from tome_window.services.gate import form_problems  # the gate owns what a problem is

    why: dict[str, list[str]] = {}
    for ref in overrides:
        why.setdefault(ref, []).append("override")
    for problem in form_problems([form], overrides):
        if problem.kind in CHECK_KINDS and problem.kind not in why.get(problem.field, []):
            why.setdefault(problem.field, []).append(problem.kind)
    codes: dict[str, list[str]] = {}
    for hit in gaiji:
        if hit.codepoint not in codes.setdefault(hit.ref, []):
            codes[hit.ref].append(hit.codepoint)
    marks = []
    for fs in placed_fields(form):  # row fields where drawn: on the form, or on their 別紙
        if fs.ref in why or fs.ref in codes:
            p = fs.field.place
            marks.append(FieldMark(fs.ref, fs.field.label, p.page, (p.x, p.y, p.w, p.h),
                                   tuple(why.get(fs.ref, ())), tuple(codes.get(fs.ref, ()))))
    return marks


def place_notes(marks: Sequence[FieldMark], width_mm: Callable[[str], float]) -> list[PlacedNote]:
    """Each note in the margin nearest its box, level with the box's top; notes of one margin
    that would overlap move down (in reading order: top to bottom, nearest the margin first)."""
    line_mm = NOTE_SIZE * 1.2 / 72 * 25.4
    placed: list[PlacedNote] = []
    groups: dict[tuple[int, str], list[FieldMark]] = {}
    for mark in marks:
        x, _, w, _ = mark.box
        groups.setdefault((mark.page, "left" if x + w / 2 < PAGE_W_MM / 2 else "right"), []).append(mark)
    for (_, side), group in groups.items():
        def order(m: FieldMark, side: str = side) -> tuple[float, float]:
            return m.box[1], (m.box[0] if side == "left" else -(m.box[0] + m.box[2]))

        free = 0.0  # the lowest point used so far in this margin
        for mark in sorted(group, key=order):
            x, y, w, _ = mark.box
            width = max(width_mm(line) for line in mark.lines) + 2 * PAD_MM
            height = len(mark.lines) * line_mm + 2 * PAD_MM
            top = max(y + 0.5, free + GAP_MM if free else 0.0)
            if side == "right":
                x0 = max(x + w, COLUMN[1]) + GAP_MM
                rect = (x0, top, x0 + width, top + height)
            else:
                x1 = min(x, COLUMN[0]) - GAP_MM
                rect = (x1 - width, top, x1, top + height)
            placed.append(PlacedNote(mark, side, rect))
            free = rect[3]
    return placed


def draw_marks(c: Canvas, marks: Sequence[FieldMark], page: int, font: str, page_h: float,
               width: Callable[[str, str, float], float]) -> list[PlacedNote]:
    """Draw this page's marks: a second outline inside each marked box, its note in the margin."""
    here = [m for m in marks if m.page == page]
    notes = place_notes(here, lambda text: width(text, font, NOTE_SIZE) / mm)
    c.saveState()
    for note in notes:
        x, y, w, h = note.mark.box
        c.setLineWidth(OUTLINE)  # inside the box, so a neighbour sharing its edge looks unmarked
        c.rect((x + INSET_MM) * mm, page_h - (y + h - INSET_MM) * mm, (w - 2 * INSET_MM) * mm,
               (h - 2 * INSET_MM) * mm)
        _draw_note(c, note, font, page_h)
    c.restoreState()
    return notes


def _draw_note(c: Canvas, note: PlacedNote, font: str, page_h: float) -> None:
    x0, y0, x1, y1 = note.rect
    lines = note.mark.lines
    line_mm = NOTE_SIZE * 1.2 / 72 * 25.4
    c.setLineWidth(0.6)
    c.setStrokeGray(0)
    c.setFillGray(1)
    c.rect(x0 * mm, page_h - y1 * mm, (x1 - x0) * mm, (y1 - y0) * mm, stroke=1, fill=1)
    if lines[0] == CHECK:  # reversed: the word a clerk must not miss, also on a mono printer
        band = PAD_MM + line_mm + (PAD_MM if len(lines) == 1 else 0.0)
        c.setFillGray(0)
        c.rect(x0 * mm, page_h - (y0 + band) * mm, (x1 - x0) * mm, band * mm, stroke=0, fill=1)
    c.setFont(font, NOTE_SIZE)
    for i, text in enumerate(lines):
        c.setFillGray(1 if text == CHECK else 0)
        baseline = y0 + PAD_MM + i * line_mm + line_mm * 0.8
        c.drawCentredString((x0 + x1) / 2 * mm, page_h - baseline * mm, text)
    c.setFillGray(0)
