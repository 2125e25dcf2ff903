"""2-D codes on the printed applications: decodable from a scan, equal to the exported JSON."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tome_window.services.pdf import codes

from .conftest import export_visit

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")


def scan(pdf: Path, dpi: int = 200) -> list[str]:
    """Page 1 as a scanner sees it: rasterised by poppler, read by zxing-cpp."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-gray", "-png",
                    str(pdf), str(prefix)], check=True)
    png = next(pdf.parent.glob(prefix.name + "-*1.png"))
    found = zxingcpp.read_barcodes(Image.open(png))
    png.unlink()
    return [b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]


def test_every_form_carries_its_json(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit()
    files = export_visit(service, visit.id, {"pdf", "json"}, tmp_path)
    pdfs = sorted(f for f in files if f.suffix == ".pdf")
    assert len(pdfs) == 8
    for pdf in pdfs:
        texts = scan(pdf)
        assert texts, f"{pdf.name}: no code read"
        exported = pdf.with_suffix(".json").read_text(encoding="utf-8")
        assert codes.join_parts(texts) == exported, pdf.name


def test_large_form_splits_into_numbered_codes(make_visit, tmp_path: Path) -> None:  # noqa: ANN001
    service, visit = make_visit(["jidou_teate"], long=True, extra={"children_count": 4})
    files = export_visit(service, visit.id, ["pdf", "json"], tmp_path)
    pdf = next(f for f in files if f.suffix == ".pdf")
    exported = pdf.with_suffix(".json").read_text(encoding="utf-8")
    assert len(exported.encode("utf-8")) > 1200
    texts = scan(pdf, 300)
    assert len(texts) >= 3
    heads = sorted(t.split(":")[0] for t in texts)
    assert heads == [f"TW{i}/{len(texts)}" for i in range(1, len(texts) + 1)]
    assert codes.join_parts(texts[::-1]) == exported


def test_parts_of_different_applications_are_not_mixed() -> None:
    a = codes.split_payload("あ" * 400, 300)
    b = codes.split_payload("い" * 400, 300)
    assert codes.join_parts(a) == "あ" * 400
    with pytest.raises(ValueError):
        codes.join_parts([a[0], *b[1:]])


def test_codes_fit_every_form_without_overlap(make_visit) -> None:  # noqa: ANN001
    """With every text at its longest, every bundled form has room for its codes, clear of
    fields, notes, title and footer, and the codes do not overlap each other."""
    from tome_window.services.pdf.fonts import load_fonts

    font = load_fonts().gothic
    service, visit = make_visit(long=True, extra={"children_count": 5})
    for form in service.forms(visit):
        proc = form.procedure
        placed = codes.layout(codes.payload(form, visit), proc, font)
        assert placed, f"{proc.id}: no room for its codes"
        taken = codes.obstacles(proc, font)
        boxes = [(p.rect[0], p.rect[1] - codes.CAPTION_MM, p.rect[2], p.rect[3]) for p in placed]
        for box in boxes:
            assert codes.AREA[0] <= box[0] and box[2] <= codes.AREA[2]
            assert codes.AREA[1] <= box[1] and box[3] <= codes.AREA[3]
            assert codes._clear(box, taken), f"{proc.id}: code over the layout"
        for a, b in itertools.combinations(boxes, 2):
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=900), st.integers(60, 300))
def test_parts_are_balanced_never_a_tiny_tail(text: str, max_bytes: int) -> None:
    texts = codes.split_payload(text, max_bytes)
    if len(texts) == 1:
        assert texts == [text] and len(text.encode("utf-8")) <= max_bytes
        return
    assert codes.join_parts(texts) == text
    sizes = [len(t.split(":", 2)[2].encode("utf-8")) for t in texts]
    assert all(len(t.encode("utf-8")) <= max_bytes for t in texts)
    assert max(sizes) - min(sizes) <= 8  # a UTF-8 character or two: no part of a few bytes
