"""The tablet signature: checked, kept encrypted with the visit, audited without the image,
voided by a change, and drawn into every form's 署名 box (with the date) or left for a pen."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from sqlalchemy import select

from tome_window.domain.errors import SignatureError
from tome_window.domain.resident import Resident
from tome_window.services.signature import MAX_BYTES, check_png
from tome_window.services.storage.models import VisitRecord
from tome_window.services.visits import VisitService

TODAY = dt.date(2026, 12, 7)


def _png(width: int = 400, height: int = 120, *, ink: bool = True) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    if ink:
        draw = ImageDraw.Draw(image)
        draw.line([(10, 90), (120, 20), (220, 100), (390, 30)], fill=(0, 0, 0, 255), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _resident() -> Resident:
    return Resident(name="登米　太郎", address="宮城県登米市迫町佐沼字中江二丁目6番地1",
                    birth_date=dt.date(1985, 4, 12), sex="1", source="manual")


@pytest.fixture
def service():  # noqa: ANN201
    svc = VisitService.open()
    yield svc
    svc.store.close()


def _visit(service: VisitService, procedures: list[str] | None = None):  # noqa: ANN202
    visit = service.new_visit(procedure_ids=procedures or ["juminhyo_koufu"], today=TODAY)
    service.set_resident(visit, _resident())
    return visit


def _stored_blob(service: VisitService, visit_id: str) -> bytes:
    with service.store._engine.connect() as conn:
        return bytes(conn.execute(select(VisitRecord.payload)
                                  .where(VisitRecord.id == visit_id)).scalar_one())


# -- the service's own check -------------------------------------------------------------
@pytest.mark.parametrize("bad", [
    b"", b"GIF89a not a png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,  # header, then rubbish
    _png(ink=False),  # a blank image
    _png(4, 4),  # too small to be anything
])
def test_check_png_refuses_with_japanese(bad: bytes) -> None:
    with pytest.raises(SignatureError) as caught:
        check_png(bad)
    assert "署名" in caught.value.message_ja


def test_check_png_refuses_too_large() -> None:
    with pytest.raises(SignatureError) as caught:
        check_png(_png() + b"\x00" * MAX_BYTES)
    assert "大きすぎます" in caught.value.message_ja


def test_check_png_accepts_ink() -> None:
    assert check_png(_png()) == (400, 120)


# -- stored encrypted, round trip, audit ----------------------------------------------------
def test_signature_stored_encrypted_and_round_trips(service: VisitService) -> None:
    visit = _visit(service)
    png = _png()
    service.set_signature(visit, png, today=TODAY)
    blob = _stored_blob(service, visit.id)
    assert png not in blob and png[8:40] not in blob
    assert base64.b64encode(png)[:40] not in blob
    again = service.load(visit.id)
    assert again.signature is not None
    assert again.signature.png == png and again.signature.signed_on == TODAY


def test_audit_records_presence_never_the_image(service: VisitService) -> None:
    visit = _visit(service)
    png = _png()
    service.set_signature(visit, png, today=TODAY)
    rows = [r for r in service.store.audit_log(visit_id=visit.id) if r.action == "signature"]
    assert [r.detail for r in rows] == [{"present": True, "bytes": len(png), "voided": False}]
    text = repr([r.detail for r in service.store.audit_log(visit_id=visit.id)])
    assert base64.b64encode(png)[:16].decode() not in text


def test_refused_image_changes_nothing(service: VisitService) -> None:
    visit = _visit(service)
    with pytest.raises(SignatureError):
        service.set_signature(visit, b"not a png")
    assert visit.signature is None
    assert not [r for r in service.store.audit_log(visit_id=visit.id) if r.action == "signature"]


def test_a_change_after_signing_voids_the_signature(service: VisitService) -> None:
    visit = _visit(service)
    service.confirm(visit)
    service.set_signature(visit, _png(), today=TODAY)
    assert visit.status == "confirmed" and visit.signature is not None
    service.answer(visit, "phone", "0220-22-2111")  # the resident saw none of it
    assert visit.status == "open" and visit.signature is None
    assert service.load(visit.id).signature is None
    last = [r for r in service.store.audit_log(visit_id=visit.id) if r.action == "signature"][0]
    assert last.detail == {"present": False, "bytes": 0, "voided": True}


def test_other_forms_chosen_void_the_signature(service: VisitService) -> None:
    visit = _visit(service)
    service.set_signature(visit, _png(), today=TODAY)
    service.choose(visit, event_id=None, procedure_ids=["juminhyo_koufu", "juumin_idou"])
    assert visit.signature is None


def test_taking_it_back_leaves_paper_for_a_pen(service: VisitService) -> None:
    visit = _visit(service)
    service.set_signature(visit, _png(), today=TODAY)
    service.set_signature(visit, None)
    assert visit.signature is None
    details = [r.detail for r in service.store.audit_log(visit_id=visit.id) if r.action == "signature"]
    assert details[0] == {"present": False, "bytes": 0, "voided": False}


# -- on paper ------------------------------------------------------------------------------
def _box(service: VisitService, pid: str):  # noqa: ANN202
    [box] = [st for st in service.catalog.procedures[pid].statics if st.signature]
    return box


def _images(path: Path) -> list[str]:
    page = PdfReader(path).pages[0]
    xobjects = page["/Resources"].get("/XObject") or {}
    return [k for k, v in xobjects.items() if v.get_object()["/Subtype"] == "/Image"]


def _ink_in(path: Path, box, tmp_path: Path) -> float:  # noqa: ANN001
    """Share of dark pixels inside the box's image area (below its label), at 100 dpi."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-gray", "-png", str(path),
                    str(out)], check=True)
    image = Image.open(next(tmp_path.glob(f"{path.stem}*.png"))).convert("L")
    px = 100 / 25.4
    area = image.crop((int((box.x + 2) * px), int((box.y + box.h * 0.55) * px),
                       int((box.x + box.w * 0.6) * px), int((box.y + box.h - 1) * px)))
    dark = sum(1 for v in area.get_flattened_data() if v < 128) if hasattr(area, "get_flattened_data") \
        else sum(1 for v in area.getdata() if v < 128)
    return dark / (area.width * area.height)


def test_signature_drawn_into_every_signature_box_with_the_date(service: VisitService,
                                                                 tmp_path: Path) -> None:
    procedures = ["juminhyo_koufu", "juumin_idou"]
    visit = _visit(service, procedures)
    service.set_signature(visit, _png(), today=TODAY)
    done = service.export(visit, {"pdf"}, tmp_path / "signed", allow_incomplete=True)
    assert len(done.pdfs) == 2
    for path, pid in zip(done.pdfs, done.procedures, strict=True):
        assert _images(path), f"{pid}: no signature image on the page"
        text = (PdfReader(path).pages[0].extract_text() or "").replace(" ", "")
        assert "令和8年12月7日" in text
        assert _ink_in(path, _box(service, pid), tmp_path) > 0.01


def test_no_signature_leaves_the_box_empty_for_a_pen(service: VisitService,
                                                      tmp_path: Path) -> None:
    visit = _visit(service)
    done = service.export(visit, {"pdf"}, tmp_path / "paper", allow_incomplete=True)
    [path] = done.pdfs
    assert not _images(path)
    assert _ink_in(path, _box(service, "juminhyo_koufu"), tmp_path) < 0.002


def test_every_resident_signature_box_is_marked(service: VisitService) -> None:
    """Each form whose paper has a box the resident signs marks it; a guarantor's does not."""
    for pid, proc in service.catalog.procedures.items():
        own = [st for st in proc.statics if st.box and "署名" in st.text and "保証人" not in st.text]
        assert [st.signature for st in own] == [True] * len(own), pid
        assert not [st for st in proc.statics if st.signature and "保証人" in st.text], pid
