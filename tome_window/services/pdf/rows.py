"""Where the rows of a row block go on paper: on the form, and on the continuation pages (別紙).

A row block (definitions.RowBlock) prints `count` rows on the form at `pitch` mm from `y`,
with its column headers once above the first row. Persons beyond `count` are never dropped
and never squeezed into free text: they go, in order, on numbered 別紙 pages appended after
the form's own pages, CONTINUATION_ROWS rows a page, as a table with a column per row field
(widths proportional to the field's `w`, scaled to the 180 mm column) and the row's number
in the form's series (index + 1).

One owner of that geometry, read by the renderer (drawing), the gate's measurements
(render.form_overflow / form_gaiji), the 要確認 / 外字 marks and the 2-D codes' obstacles, so
what is measured is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tome_window.domain.definitions import Placement, ProcedureDef, RowBlock
from tome_window.domain.prefill import FieldState, FormState, RowState

HEADER_GAP = 3.5  # mm above a block's first row: where its column headers stand
HEADER_SIZE = 7.0  # pt
# The 別紙 table, mm from the page's top-left, inside the 15–195 mm column of every form.
TABLE_LEFT, TABLE_RIGHT = 15.0, 195.0
TABLE_TOP = 40.0
TABLE_HEADER_H = 7.0
TABLE_ROW_H = 11.0  # 20 rows: 40 + 7 + 220 = 267 mm, clear of the footer
NUMBER_W = 10.0  # the row number column ("No.")


@dataclass(frozen=True)
class Sheet:
    """One 別紙 page: the continued rows of one block that it holds."""

    block: RowBlock
    number: int  # 1-based among the form's 別紙
    total: int  # how many 別紙 the form has
    page: int  # its page number in the form's PDF (after the form's own pages)
    rows: tuple[RowState, ...]

    @property
    def first(self) -> int:
        return self.rows[0].index + 1

    @property
    def last(self) -> int:
        return self.rows[-1].index + 1


def sheets(form: FormState) -> list[Sheet]:
    """The form's 別紙, block by block in definition order, each block's continued rows in
    row order (FormState.continued_chunks owns the split)."""
    chunks = form.continued_chunks()
    base = form.procedure.pages
    return [Sheet(block, n, len(chunks), base + n, tuple(rows))
            for n, (block, rows) in enumerate(chunks, start=1)]


def total_pages(form: FormState) -> int:
    """The form's own pages and its 別紙."""
    return form.procedure.pages + len(sheets(form))


def columns(block: RowBlock) -> list[tuple[float, float]]:
    """(x, w) in mm of each row field's column in the 別紙 table, after the number column."""
    room = TABLE_RIGHT - TABLE_LEFT - NUMBER_W
    scale = room / sum(f.w for f in block.fields)
    out: list[tuple[float, float]] = []
    x = TABLE_LEFT + NUMBER_W
    for f in block.fields:
        out.append((x, f.w * scale))
        x += f.w * scale
    return out


def sheet_row_top(slot: int) -> float:
    """The top (mm) of the `slot`-th row of a 別紙 table (0-based)."""
    return TABLE_TOP + TABLE_HEADER_H + slot * TABLE_ROW_H


def block_extent(block: RowBlock) -> tuple[float, float]:
    """Left and right edge (mm) of a block's columns on the form."""
    return min(f.x for f in block.fields), max(f.x + f.w for f in block.fields)


def block_area(block: RowBlock) -> tuple[float, float, float, float]:
    """What a block takes on its page, headers included: x0, y0, x1, y1 in mm."""
    x0, x1 = block_extent(block)
    return x0, block.y - HEADER_GAP - 0.5, x1, block.y + block.count * block.pitch


def _sheet_place(fs: FieldState, sheet: Sheet, slot: int) -> Placement:
    ids = [f.id for f in sheet.block.fields]
    x, w = columns(sheet.block)[ids.index(fs.field.id)]
    size = fs.field.place.size
    return Placement.model_construct(page=sheet.page, x=x, y=sheet_row_top(slot), w=w,
                                     h=TABLE_ROW_H, size=size, show_label=False)


def placed_fields(form: FormState) -> list[FieldState]:
    """Every field of the form where it is drawn: the form's own fields and the printed rows
    as they are placed, each continued row's fields moved to their cell on its 別紙."""
    out = list(form.fields)
    moved: dict[int, FieldState] = {}
    for sheet in sheets(form):
        for slot, row in enumerate(sheet.rows):
            for fs in row.fields:
                place = _sheet_place(fs, sheet, slot)
                moved[id(fs)] = replace(fs, field=fs.field.model_copy(update={"place": place}))
    for row in form.rows:
        out.extend(moved.get(id(fs), fs) for fs in row.fields)
    return out


def printed_rows(form: FormState, block: RowBlock) -> list[RowState]:
    return [r for r in form.rows if r.block.id == block.id and not r.continued]


def page_blocks(proc: ProcedureDef, page: int) -> list[RowBlock]:
    return [b for b in proc.rows if b.page == page]
