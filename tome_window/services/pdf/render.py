"""Draw one completed application per procedure, where the definition places each value.

Layout is data (forms/*.yaml), so a city moves a field without code. A row block prints its
persons as a table on the form and the persons beyond its rows on numbered 別紙 pages after the
form's own pages (services.pdf.rows owns where). Files are written to a
temporary name and renamed, so a full disk never leaves a half PDF that looks complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth as _rl_string_width
from reportlab.pdfgen.canvas import Canvas

from tome_window.domain.definitions import FieldType, RowBlock, StaticText
from tome_window.domain.prefill import FieldState, FormState, choices_of, display_value
from tome_window.domain.text import base_text
from tome_window.domain.visit import Visit
from tome_window.domain.wareki import format_iso
from tome_window.services.files import make_dir, written_whole
from tome_window.services.pdf.codes import draw_codes
from tome_window.services.pdf.fonts import FontSet, GaijiHit, PdfError, find_gaiji, load_fonts
from tome_window.services.pdf.marks import FieldMark, draw_marks, field_marks
from tome_window.services.pdf.rows import (
    HEADER_GAP,
    HEADER_SIZE,
    NUMBER_W,
    TABLE_HEADER_H,
    TABLE_LEFT,
    TABLE_RIGHT,
    TABLE_ROW_H,
    TABLE_TOP,
    Sheet,
    block_extent,
    columns,
    page_blocks,
    placed_fields,
    printed_rows,
    sheet_row_top,
    sheets,
)

PAGE_W, PAGE_H = A4
LABEL_SIZE = 6.5
MIN_SIZE = 7.0  # smallest value size on paper; a value that needs less is a problem, never cut silently


@dataclass
class RenderedForm:
    path: Path
    procedure_id: str
    version: int
    pages: int  # the form's own pages and its 別紙
    gaiji: list[GaijiHit] = field(default_factory=list)
    marks: list[FieldMark] = field(default_factory=list)  # 要確認 / 外字 notes on the paper


@lru_cache(maxsize=8192)
def _unit_width(ch: str, font: str) -> float:
    return _rl_string_width(ch, font, 1000.0)


def stringWidth(text: str, font: str, size: float) -> float:  # noqa: N802 - reportlab's name
    """reportlab's width, one cached lookup per character: TrueType widths simply add up."""
    return sum(_unit_width(ch, font) for ch in text) * size / 1000.0


def field_text(fs: FieldState, style: str) -> str:
    """What the page shows: variation selectors dropped (the base glyph prints; the data
    keeps the exact sequence)."""
    return base_text(display_value(fs.field, fs.value, date_format=lambda value: format_iso(value, style)))


def form_gaiji(form: FormState, fonts: FontSet | None = None) -> list[GaijiHit]:
    """Characters the font lacks in every value printed: the form's fields and every row,
    on the form or on a 別紙."""
    style = form.procedure.date_style
    return find_gaiji(((fs.ref, field_text(fs, style)) for fs in form.all_fields), fonts)


def render_bundle(forms: Sequence[FormState], visit: Visit, out_dir: Path) -> list[RenderedForm]:
    fonts = load_fonts()
    out_dir = make_dir(Path(out_dir), "PDFの保存先フォルダ", PdfError)
    return [render_form(form, visit, out_dir / f"{i:02d}_{form.procedure.id}.pdf", fonts)
            for i, form in enumerate(forms, start=1)]


def render_form(form: FormState, visit: Visit, path: Path, fonts: FontSet | None = None) -> RenderedForm:
    fonts = fonts or load_fonts()
    proc = form.procedure
    gaiji = form_gaiji(form, fonts)
    marks = field_marks(form, visit.overrides, gaiji)
    with written_whole(path, "PDF", PdfError) as tmp:
        canvas = Canvas(str(tmp), pagesize=A4, pageCompression=1)
        canvas.setTitle(f"{proc.title}")
        canvas.setAuthor(visit.office or "登米市")
        canvas.setSubject(f"{proc.id} v{proc.version}")
        canvas.setCreator("Tome Window")
        extra = sheets(form)
        total = proc.pages + len(extra)
        for page in range(1, proc.pages + 1):
            _draw_page(canvas, form, visit, page, fonts, marks, total)
            canvas.showPage()
        placed = placed_fields(form)
        for sheet in extra:
            _draw_sheet(canvas, form, visit, sheet, placed, fonts, marks, total)
            canvas.showPage()
        canvas.save()
    return RenderedForm(path, proc.id, proc.version, total, gaiji, marks)


def _y(top_mm: float) -> float:
    return PAGE_H - top_mm * mm


def _draw_page(c: Canvas, form: FormState, visit: Visit, page: int, fonts: FontSet,
               marks: Sequence[FieldMark] = (), total: int | None = None) -> None:
    proc = form.procedure
    if page == 1:
        c.setFont(fonts.mincho, 17)
        c.drawCentredString(PAGE_W / 2, _y(20), fonts.printable(proc.title))
        c.setFont(fonts.mincho, 12)
        c.drawString(15 * mm, _y(38), fonts.printable(f"{proc.addressee}　様"))
        draw_codes(c, form, visit, fonts, PAGE_H)  # the application as data, for the back office
    for st in proc.statics:
        if st.page != page:
            continue
        if st.box and st.w and st.h:
            c.setLineWidth(0.6)
            c.rect(st.x * mm, _y(st.y + st.h), st.w * mm, st.h * mm)
        c.setFont(fonts.gothic, st.size)
        width = (st.w or (195 - st.x)) * mm - (3 * mm if st.box else 0)
        lines = _wrap(fonts.printable(st.text), fonts.gothic, st.size, width)
        top = st.y + (2 if st.box else 0)
        for i, line in enumerate(lines):
            c.drawString((st.x + (1.5 if st.box else 0)) * mm,
                         _y(top) - st.size * (0.9 + 1.25 * i), line)
        if st.signature and visit.signature is not None:
            _draw_signature(c, st, visit, len(lines), fonts, proc.date_style)
    for fs in form.fields:
        if fs.field.place.page == page:
            _draw_field(c, fs, proc.date_style, fonts)
    extra = sheets(form)
    for block in page_blocks(proc, page):
        _draw_block(c, form, block, [s for s in extra if s.block.id == block.id], fonts)
    draw_marks(c, marks, page, fonts.gothic, PAGE_H, stringWidth)  # beside the boxes, in the margin
    _footer(c, form, visit, page, total or proc.pages + len(extra), fonts)


SIGNATURE_DATE_SIZE = 7.0


def _draw_signature(c: Canvas, st: StaticText, visit: Visit, label_lines: int,
                    fonts: FontSet, style: str = "wareki") -> None:
    """The resident's tablet signature in the form's 署名 box, aspect kept, never over its
    label (which stays readable), with the signing date in the form's date style at the
    right. Of two places the larger fit wins: under the label (the date on the label's
    line when it fits there) or beside a short label at full height (the date at the
    bottom right)."""
    signature = visit.signature
    assert signature is not None and st.w and st.h
    image = ImageReader(BytesIO(signature.png))
    iw, ih = image.getSize()
    left, right = (st.x + 1.5) * mm, (st.x + st.w - 1.5) * mm
    bottom, top = _y(st.y + st.h) + 0.6 * mm, _y(st.y) - 0.6 * mm
    label_y = _y(st.y + 2) - st.size * 0.9
    label_bottom = _y(st.y + 2) - st.size * (0.9 + 1.25 * (label_lines - 1)) - st.size * 0.3
    date = fonts.printable(format_iso(signature.signed_on.isoformat(), style))
    date_w = stringWidth(date, fonts.gothic, SIGNATURE_DATE_SIZE)
    label_end = left + (stringWidth(fonts.printable(st.text), fonts.gothic, st.size)
                        if label_lines == 1 else st.w * mm)
    date_on_label = label_end + 2 * mm + date_w <= right
    # (x0, y0, x1, y1) of each place, with where the date goes for it
    places = [((left, bottom, right if date_on_label else right - date_w - 2 * mm, label_bottom),
               date_on_label),
              ((label_end + 2 * mm, bottom, right - date_w - 2 * mm, top), False)]

    def scale(area: tuple[float, float, float, float]) -> float:
        w, h = area[2] - area[0], area[3] - area[1]
        return min(w / iw, h / ih) if w > 0 and h > 0 else 0.0

    (x0, y0, x1, y1), on_label = max(places, key=lambda p: scale(p[0]))
    c.setFont(fonts.gothic, SIGNATURE_DATE_SIZE)
    c.drawRightString(right, label_y if on_label else bottom + 0.4 * mm, date)
    k = scale((x0, y0, x1, y1))
    if k <= 0:
        return
    w, h = iw * k, ih * k
    c.drawImage(image, x0 + (x1 - x0 - w) / 2, y0 + (y1 - y0 - h) / 2, w, h, mask="auto")


def _footer(c: Canvas, form: FormState, visit: Visit, page: int, total: int,
            fonts: FontSet) -> None:
    proc = form.procedure
    c.setFont(fonts.gothic, 7)
    c.setFillGray(0.35)
    c.drawString(15 * mm, 8 * mm, fonts.printable(
        f"{proc.id} 第{proc.version}版 ・ 受付 {visit.id[:8]} ・ {visit.branch}"))
    c.drawRightString(195 * mm, 8 * mm, f"{page} / {total}")
    c.setFillGray(0)


def _fitted_label(c: Canvas, text: str, font: str, size: float, room: float) -> float:
    """The size (down to 5 pt) at which a column header fits its column; sets the font."""
    while size > 5.0 and stringWidth(text, font, size) > room:
        size -= 0.5
    c.setFont(font, size)
    return size


def _draw_block(c: Canvas, form: FormState, block: RowBlock, extra: Sequence[Sheet],
                fonts: FontSet) -> None:
    """A row block on the form: column headers once, a ruled row per printed row, each
    person's values in their cells, the empty rows up to `count` ruled and empty."""
    style = form.procedure.date_style
    x0, x1 = block_extent(block)
    head_top = block.y - HEADER_GAP
    c.saveState()
    c.setLineWidth(0.3)
    c.line(x0 * mm, _y(head_top - 0.5), x1 * mm, _y(head_top - 0.5))
    for i in range(block.count + 1):  # the row rules: the table reads as a table
        c.line(x0 * mm, _y(block.y + i * block.pitch), x1 * mm, _y(block.y + i * block.pitch))
    c.line(x0 * mm, _y(head_top - 0.5), x0 * mm, _y(block.y + block.count * block.pitch))
    c.line(x1 * mm, _y(head_top - 0.5), x1 * mm, _y(block.y + block.count * block.pitch))
    for f in block.fields:  # the header's column separators, in line with the cells
        if f.x > x0 + 0.01:
            c.line(f.x * mm, _y(head_top - 0.5), f.x * mm, _y(block.y))
    last_label = x0
    for f in block.fields:
        label = fonts.printable(f.label)
        size = _fitted_label(c, label, fonts.gothic, HEADER_SIZE, (f.w - 1.5) * mm)
        c.drawString((f.x + 1.0) * mm, _y(head_top) - size * 0.88, label)
        last_label = max(last_label, f.x + 1.0 + stringWidth(label, fonts.gothic, size) / mm)
    if extra:  # where the others are, so the clerk turns to the 別紙
        note = fonts.printable(f"{block.count + 1}人目からは別紙{extra[0].number}")
        width = stringWidth(note, fonts.gothic, HEADER_SIZE) / mm
        if x1 - 1.0 - width > last_label + 1.5:
            c.setFont(fonts.gothic, HEADER_SIZE)
            c.drawRightString((x1 - 1.0) * mm, _y(head_top) - HEADER_SIZE * 0.88, note)
    c.restoreState()
    rows = printed_rows(form, block)
    for row in rows:
        for fs in row.fields:
            _draw_field(c, fs, style, fonts)
    c.setLineWidth(0.5)
    for index in range(len(rows), block.count):  # empty rows: the cells, ruled and empty
        for f in block.fields:
            top = block.y + index * block.pitch + f.dy
            c.rect(f.x * mm, _y(top + f.h), f.w * mm, f.h * mm)


def _draw_sheet(c: Canvas, form: FormState, visit: Visit, sheet: Sheet,
                placed: Sequence[FieldState], fonts: FontSet, marks: Sequence[FieldMark],
                total: int) -> None:
    """One 別紙: the form's title and the visit reference, then a table of the block's
    continued rows, numbered as on the form's series."""
    proc, block = form.procedure, sheet.block
    title = fonts.printable(f"{proc.title} 別紙{sheet.number}({block.label}のつづき)")
    size = 15.0
    while size > 10 and stringWidth(title, fonts.mincho, size) > (TABLE_RIGHT - TABLE_LEFT) * mm:
        size -= 0.5
    c.setFont(fonts.mincho, size)
    c.drawCentredString(PAGE_W / 2, _y(20), title)
    c.setFont(fonts.gothic, 9)
    c.drawString(TABLE_LEFT * mm, _y(30), fonts.printable(f"受付 {visit.id[:8]} ・ {visit.branch}"))
    day = format_iso(visit.date.isoformat(), proc.date_style)
    c.drawRightString(TABLE_RIGHT * mm, _y(30),
                      fonts.printable(f"{day}　別紙 {sheet.number} / {sheet.total}"))
    c.setFont(fonts.gothic, 8)
    c.drawString(TABLE_LEFT * mm, _y(35.5), fonts.printable(
        f"{block.label}: 申請書の{block.count}人の欄のつづき、{sheet.first}人目から"
        f"{sheet.last}人目まで({len(sheet.rows)}人)"))
    # the header row
    top, bottom = TABLE_TOP, TABLE_TOP + TABLE_HEADER_H
    c.setLineWidth(0.5)
    c.setFillGray(0.9)
    c.rect(TABLE_LEFT * mm, _y(bottom), (TABLE_RIGHT - TABLE_LEFT) * mm, TABLE_HEADER_H * mm,
           stroke=1, fill=1)
    c.setFillGray(0)
    heads = [("No.", TABLE_LEFT, NUMBER_W)] + [
        (f.label, x, w) for f, (x, w) in zip(block.fields, columns(block), strict=True)]
    for label, x, w in heads:
        label = fonts.printable(label)
        size = _fitted_label(c, label, fonts.gothic, 8.0, (w - 1.5) * mm)
        c.drawCentredString((x + w / 2) * mm, _y(top + TABLE_HEADER_H / 2) - size * 0.35, label)
        if x > TABLE_LEFT:
            c.line(x * mm, _y(top), x * mm, _y(bottom))
    # the rows: the number, then the person's values in their cells
    here = [fs for fs in placed if fs.row and fs.field.place.page == sheet.page]
    for slot, row in enumerate(sheet.rows):
        row_top = sheet_row_top(slot)
        c.setLineWidth(0.5)
        c.rect(TABLE_LEFT * mm, _y(row_top + TABLE_ROW_H), NUMBER_W * mm, TABLE_ROW_H * mm)
        c.setFont(fonts.gothic, 9)
        c.drawCentredString((TABLE_LEFT + NUMBER_W / 2) * mm, _y(row_top + TABLE_ROW_H / 2) - 3,
                            str(row.index + 1))
    for fs in here:
        _draw_field(c, fs, proc.date_style, fonts)
    draw_marks(c, marks, sheet.page, fonts.gothic, PAGE_H, stringWidth)
    _footer(c, form, visit, sheet.page, total, fonts)


def _draw_field(c: Canvas, fs: FieldState, style: str, fonts: FontSet) -> None:
    p = fs.field.place
    x, top, w, h = p.x * mm, _y(p.y), p.w * mm, p.h * mm
    c.setLineWidth(0.5)
    c.rect(x, top - h, w, h)
    inner_top = top
    kind = fs.field.type
    if kind is FieldType.CHECKBOX:  # in a row, the column header says what it affirms
        _draw_checkbox(c, fs, x, top, w, h, p.size, fonts, label=not fs.row)
        return
    if p.show_label:
        c.setFont(fonts.gothic, LABEL_SIZE)
        c.drawString(x + 1.2 * mm, top - LABEL_SIZE - 1, fonts.printable(fs.field.label))
        inner_top = top - LABEL_SIZE - 1.5
    if kind is FieldType.CHOICE:
        _draw_choices(c, fs, x, inner_top, w, top - h, p.size, fonts)
    else:
        _draw_value(c, _value_text(fs, style, fonts), x + 2 * mm, inner_top, w - 4 * mm,
                    inner_top - (top - h), p.size, fonts)


def _value_text(fs: FieldState, style: str, fonts: FontSet) -> str:
    text = fonts.printable(field_text(fs, style))
    return "〒" + text if fs.field.type is FieldType.POSTAL_CODE and text else text


def _value_box(fs: FieldState) -> tuple[float, float]:
    """Width and height (points) that a text value has inside its box, as _draw_field draws."""
    p = fs.field.place
    label = LABEL_SIZE + 1.5 if p.show_label else 0.0
    return p.w * mm - 4 * mm, p.h * mm - label


def fit_value(text: str, font: str, size: float, w: float, h: float) -> tuple[float, list[str], bool]:
    """The size and lines a value prints with: shrunk and wrapped down to MIN_SIZE; `cut` is
    True when even that does not hold it (the gate then refuses the visit)."""
    while size > MIN_SIZE and stringWidth(text, font, size) > w and h < size * 2.4:
        size -= 0.5
    lines = _wrap(text, font, size, w)
    max_lines = max(1, int(h // (size * 1.2)))
    while size > MIN_SIZE and len(lines) > max_lines:
        size -= 0.5
        lines = _wrap(text, font, size, w)
        max_lines = max(1, int(h // (size * 1.2)))
    return size, lines[:max_lines], len(lines) > max_lines


def form_overflow(form: FormState, fonts: FontSet | None = None) -> list[FieldState]:
    """Text values that would not fit their box even at MIN_SIZE: the form's fields, each
    printed row in its cells on the form, each continued row in its 別紙 table's column.
    The fields returned are the form's own (a continued row's as in FormState.rows)."""
    fonts = fonts or load_fonts()
    style = form.procedure.date_style
    cut = []
    for fs, own in zip(placed_fields(form), form.all_fields, strict=True):
        if fs.field.type in (FieldType.CHECKBOX, FieldType.CHOICE):
            continue
        text = _value_text(fs, style, fonts)
        if text and fit_value(text, fonts.mincho, fs.field.place.size, *_value_box(fs))[2]:
            cut.append(own)
    return cut


def _draw_value(c: Canvas, text: str, x: float, top: float, w: float, h: float, size: float,
                fonts: FontSet) -> None:
    if not text:
        return
    font = fonts.mincho
    size, lines, cut = fit_value(text, font, size, w, h)
    if cut:  # allowed by staff: the cut is visible on paper, never silent
        lines[-1] = lines[-1][:-1] + "…"
    c.setFont(font, size)
    block = len(lines) * size * 1.2
    y = top - (h - block) / 2 - size
    for line in lines:
        c.drawString(x, y + 1, line)
        y -= size * 1.2


def _draw_choices(c: Canvas, fs: FieldState, x: float, top: float, w: float, bottom: float,
                  size: float, fonts: FontSet) -> None:
    size = min(size, 9.5)
    c.setFont(fonts.gothic, size)
    cx, cy = x + 2 * mm, bottom + (top - bottom - size) / 2 + 1
    for i, choice in enumerate(choices_of(fs.field), start=1):
        label = fonts.printable(f"{i}.{choice.label}")
        width = stringWidth(label, fonts.gothic, size)
        if cx + width > x + w - 1 * mm and cx > x + 2 * mm:
            break
        c.drawString(cx, cy, label)
        if fs.value is not None and str(fs.value) == choice.value:
            c.setLineWidth(0.9)
            c.roundRect(cx - 1.2 * mm, cy - 1.3 * mm, width + 2.4 * mm, size + 2.2 * mm,
                        (size + 2.2 * mm) / 2)
            c.setLineWidth(0.5)
        cx += width + 4 * mm


def _draw_checkbox(c: Canvas, fs: FieldState, x: float, top: float, w: float, h: float,
                   size: float, fonts: FontSet, *, label: bool = True) -> None:
    """A box, ticked or not, followed by the statement it affirms (centred alone in a row's
    cell, whose column header is the statement)."""
    box = 3.2 * mm
    bx, by = (x + 2 * mm if label else x + w / 2 - box / 2), top - h / 2 - box / 2
    c.rect(bx, by, box, box)
    if fs.value:
        c.setLineWidth(1.1)
        path = c.beginPath()
        path.moveTo(bx + 0.6 * mm, by + 1.6 * mm)
        path.lineTo(bx + 1.4 * mm, by + 0.6 * mm)
        path.lineTo(bx + 2.8 * mm, by + 2.8 * mm)
        c.drawPath(path, stroke=1, fill=0)
        c.setLineWidth(0.5)
    if not label:
        return
    size = min(size, 9.0)
    text = fonts.printable(fs.field.label)
    room = w - box - 5 * mm
    while size > MIN_SIZE and stringWidth(text, fonts.gothic, size) > room:
        size -= 0.5
    c.setFont(fonts.gothic, size)
    c.drawString(bx + box + 1.5 * mm, by + 0.6, text)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Japanese wraps anywhere; keep closing punctuation off the start of a line."""
    lines: list[str] = []
    limit = width * 1000.0 / size
    for para in text.split("\n"):
        line, used = "", 0.0
        for ch in para:
            w = _unit_width(ch, font)
            if line and used + w > limit and ch not in "、。）」":
                lines.append(line)
                line, used = ch, w
            else:
                line += ch
                used += w
        lines.append(line)
    return lines
