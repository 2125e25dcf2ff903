"""The 2-D codes on each printed application: its data, so the back office scans, not re-keys.

Content: exactly the exported application JSON (export.application.compact_json). When it is
too long for one code of a printable size, it is split into numbered parts, each starting
with a header `TW<i>/<n>:<digest>:` where digest is the first 8 hex digits of the SHA-256 of
the whole JSON: a scanner or RPA strips the headers, joins the parts in order and checks the
digest, so parts of different applications scanned from one pile are never mixed. A single
code has no header and is the JSON itself. Our own header was chosen over QR Structured
Append because every scanner passes it through as text, while Structured Append needs a
scanner that buffers and joins symbols, which many counter and back-office scanners do not.

QR, error correction M, byte mode with a UTF-8 ECI header so decoders do not guess the
character set. Sizes are tried from the most legible (0.35 mm modules, up to version 15,
30 mm with the quiet zone) to the densest a counter printer and a 200 dpi scan still read
(0.30 mm, up to version 20); the first that fits the page wins. The codes of one
application print side by side (in rows when needed), found from the layout: page 1, clear
of every field and note of the definition (relevant or not, so the codes do not move between
visits), every row block's printed rows with their column headers, the title, the addressee
and the footer; lowest first, then rightmost. Vector rectangles, not an image, so the code
stays sharp on any printer.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.prefill import FormState
from tome_window.domain.visit import Visit
from tome_window.services.export.application import compact_json, document
from tome_window.services.pdf.fonts import FontSet
from tome_window.services.pdf.rows import block_area

log = logging.getLogger(__name__)

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in mm from the top-left

QUIET = 4  # modules of white around each code (ISO/IEC 18004)
CAPTION_MM = 3.2
GAP_MM = 1.0  # between a code's quiet zone and anything else
AREA: Rect = (15.0, 10.0, 195.0, 284.0)  # the form's column, above the footer line
# (module size in mm, highest QR version), most legible first; 0.25 mm (six dots of a 600 dpi
# printer, what a 2-D imager reads at a counter) only as the last resort of a crowded page.
SIZES: tuple[tuple[float, int], ...] = ((0.35, 15), (0.30, 20), (0.30, 25), (0.30, 15),
                                        (0.30, 10), (0.30, 7), (0.25, 25), (0.25, 15))
HEADER_RESERVE = 20  # bytes: "TW12/12:0123abcd:" and room to spare
PT = 25.4 / 72
# Bytes per QR version at level M in byte mode with a UTF-8 ECI designator (from segno).
CAPACITY = {1: 13, 2: 25, 3: 41, 4: 61, 5: 83, 6: 105, 7: 121, 8: 151, 9: 179, 10: 212,
            11: 250, 12: 286, 13: 330, 14: 361, 15: 411, 16: 449, 17: 503, 18: 559,
            19: 623, 20: 665, 21: 710, 22: 778, 23: 856, 24: 910, 25: 996}


@dataclass(frozen=True)
class PlacedCode:
    code: segno.QRCode
    rect: Rect  # the code with its quiet zone; the caption sits just above it
    caption: str
    module: float


def payload(form: FormState, visit: Visit) -> str:
    """The document without its review lists: the code says whether the page is final
    (`complete`), the page's 要確認 / 外字 marks say which boxes are not, and the bytes stay
    for the values."""
    doc = document(form, visit)
    doc.pop("problems", None)
    doc.pop("overridden", None)
    return compact_json(doc)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def split_payload(text: str, max_bytes: int) -> list[str]:
    """The texts of the codes: the payload itself when it fits, else numbered parts of about
    equal size, cut between characters so each part is valid UTF-8 on its own."""
    size = len(text.encode("utf-8"))
    if size <= max_bytes:
        return [text]
    room = max_bytes - HEADER_RESERVE
    count = math.ceil(size / room)
    while True:  # balanced cuts at the character boundary nearest each share: no tiny tail
        chunks = _balanced(text, size, count)
        if max(len(c.encode("utf-8")) for c in chunks) <= room:
            break
        count += 1
    tag = digest(text)
    return [f"TW{i}/{len(chunks)}:{tag}:{chunk}" for i, chunk in enumerate(chunks, start=1)]


def _balanced(text: str, size: int, count: int) -> list[str]:
    """`count` parts whose k-th cut lies at the character boundary nearest k·size/count bytes."""
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        share = size * (len(chunks) + 1) / count
        if current and len(chunks) < count - 1 and abs(used + n - share) > abs(used - share):
            chunks.append("".join(current))
            current = []
        current.append(ch)
        used += n
    chunks.append("".join(current))
    return chunks


def join_parts(texts: Sequence[str]) -> str:
    """Inverse of split_payload, for scanners' software and the tests; checks the digest."""
    if len(texts) == 1 and not texts[0].startswith("TW"):
        return texts[0]
    parts: dict[int, str] = {}
    total, tag = 0, ""
    for text in texts:
        head, _, rest = text.partition(":")
        tag_here, _, body = rest.partition(":")
        index, _, count = head[2:].partition("/")
        parts[int(index)] = body
        total, tag = int(count), tag_here
    if sorted(parts) != list(range(1, total + 1)):
        raise ValueError(f"parts missing: have {sorted(parts)} of {total}")
    joined = "".join(parts[i] for i in range(1, total + 1))
    if digest(joined) != tag:
        raise ValueError("digest mismatch: parts of different applications")
    return joined


def encode(text: str, max_version: int) -> list[segno.QRCode]:
    """Codes of one version (so they print alike) for the payload split to fit max_version."""
    texts = split_payload(text, CAPACITY[max_version])
    longest = max(len(t.encode("utf-8")) for t in texts)
    version = min(v for v, cap in CAPACITY.items() if cap >= longest)
    return [segno.make_qr(t, version=version, error="m", mode="byte", encoding="utf-8",
                          eci=True, boost_error=False) for t in texts]


def side_mm(code: segno.QRCode, module: float) -> float:
    return (code.symbol_size(border=0)[0] + 2 * QUIET) * module


# -- where ------------------------------------------------------------------------------
def obstacles(proc: ProcedureDef, font: str) -> list[Rect]:
    """Everything the definition draws on page 1, measured as the renderer draws it."""
    title = stringWidth(proc.title, font, 17) * PT
    addressee = stringWidth(f"{proc.addressee}　様", font, 12) * PT
    rects: list[Rect] = [(105 - title / 2 - 1, 12.5, 105 + title / 2 + 1, 22.5),
                         (15, 33.5, 15 + addressee, 39.5)]
    for f in proc.fields:
        if f.place.page == 1:
            p = f.place
            rects.append((p.x, p.y, p.x + p.w, p.y + p.h))
    for row_block in proc.rows:  # the printed rows and their column headers, empty or not
        if row_block.page == 1:
            rects.append(block_area(row_block))
    for st in proc.statics:
        if st.page != 1:
            continue
        if st.box and st.w and st.h:
            rects.append((st.x, st.y, st.x + st.w, st.y + st.h))
            continue
        room = (st.w or (195 - st.x))
        widths = [stringWidth(line, font, st.size) * PT for line in st.text.split("\n")]
        lines = sum(max(1, math.ceil(w / room)) for w in widths)
        height = st.size * (0.9 + 1.25 * (lines - 1) + 0.3) * PT
        rects.append((st.x, st.y, st.x + min(room, max(widths)), st.y + height))
    return rects


def _clear(r: Rect, others: Sequence[Rect]) -> bool:
    return all(r[2] + GAP_MM <= o[0] or o[2] + GAP_MM <= r[0]
               or r[3] + GAP_MM <= o[1] or o[3] + GAP_MM <= r[1] for o in others)


def find_spot(width: float, height: float, taken: Sequence[Rect]) -> Rect | None:
    """The lowest, then rightmost free rectangle of this size (candidates at obstacle edges)."""
    x0, y0, x1, y1 = AREA
    xs = {x1 - width, x0} | {o[0] - GAP_MM - width for o in taken} | {o[2] + GAP_MM for o in taken}
    ys = {y1 - height, y0} | {o[1] - GAP_MM - height for o in taken} | {o[3] + GAP_MM for o in taken}
    xs = {x for x in xs if x0 <= x <= x1 - width}
    ys = {y for y in ys if y0 <= y <= y1 - height}
    for y in sorted(ys, reverse=True):
        for x in sorted(xs, reverse=True):
            rect = (x, y, x + width, y + height)
            if _clear(rect, taken):
                return rect
    return None


_cache: dict[tuple[str, int, int, float], Rect | None] = {}
_lock = threading.Lock()


def block(proc: ProcedureDef, count: int, side: float, font: str) -> tuple[Rect, int] | None:
    """Where `count` codes of this size go as one block (caption included), and how many
    per row: one row when it fits, else fewer columns. The layout depends only on the
    definition, so it is computed once per procedure version, count and size."""
    taken = obstacles(proc, font)
    for cols in range(count, 0, -1):
        key = (proc.id, proc.version, count * 100 + cols, round(side, 2))
        with _lock:
            cached = key in _cache
            known = _cache.get(key)
        if not cached:
            rows = math.ceil(count / cols)
            width = cols * side + (cols - 1) * GAP_MM
            height = rows * (side + CAPTION_MM) + (rows - 1) * GAP_MM
            known = find_spot(width, height, taken)
            with _lock:
                _cache[key] = known
        if known is not None:
            return known, cols
    return None


def layout(text: str, proc: ProcedureDef, font: str) -> list[PlacedCode]:
    encoded: dict[int, list[segno.QRCode]] = {}
    for module, cap in SIZES:
        codes = encoded.setdefault(cap, encode(text, cap))
        side = side_mm(codes[0], module)
        found = block(proc, len(codes), side, font)
        if found is None:
            continue
        (x0, y0, _, _), cols = found
        n = len(codes)
        placed = []
        for i, code in enumerate(codes):
            x = x0 + (i % cols) * (side + GAP_MM)
            y = y0 + (i // cols) * (side + CAPTION_MM + GAP_MM) + CAPTION_MM
            caption = f"申請内容 ({i + 1}/{n})" if n > 1 else "申請内容"
            placed.append(PlacedCode(code, (x, y, x + side, y + side), caption, module))
        return placed
    log.warning("no free place for the 2-D code on %s v%d", proc.id, proc.version)
    return []


# -- drawing ----------------------------------------------------------------------------
def draw_codes(c: Canvas, form: FormState, visit: Visit, fonts: FontSet, page_h: float) -> int:
    """Draw the application's codes on the current page (page 1); returns how many."""
    placed = layout(payload(form, visit), form.procedure, fonts.gothic)
    for item in placed:
        x0, top, _, _ = item.rect
        c.setFont(fonts.gothic, 6.5)
        c.setFillGray(0.3)
        quiet = QUIET * item.module
        c.drawString((x0 + quiet) * mm, page_h - (top - 0.8) * mm, item.caption)
        c.setFillGray(0)
        _draw_matrix(c, item.code, x0 + quiet, top + quiet, item.module, page_h)
    return len(placed)


def _draw_matrix(c: Canvas, code: segno.QRCode, left_mm: float, top_mm: float,
                 module: float, page_h: float) -> None:
    """One filled path of horizontal runs of dark modules: small files, sharp print."""
    unit = module * mm
    path = c.beginPath()
    for r, row in enumerate(code.matrix_iter(border=0)):
        y = page_h - top_mm * mm - (r + 1) * unit
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(left_mm * mm + start * unit, y, (col - start) * unit, unit)
                start = None
    c.drawPath(path, stroke=0, fill=1)
