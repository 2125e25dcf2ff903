"""Real PDFs, read back: the Japanese text is there, the fonts are embedded, 外字 are reported."""

import datetime as dt
import errno
from pathlib import Path

import pytest
from pypdf import PdfReader

from tome_window.domain.prefill import Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Visit
from tome_window.services.lookups import OfflineLookups
from tome_window.services.pdf import PdfError, render_bundle


def _visit(name: str = "登米　太郎") -> Visit:
    v = Visit(id="0123456789abcdef", date=dt.date(2026, 11, 22), branch="本庁舎",
              office="登米市役所", staff="s", procedure_ids=["juminhyo_koufu", "juumin_idou"])
    v.set_resident(Resident(name=name, address="宮城県登米市迫町佐沼字中江二丁目6番地1",
                            birth_date=dt.date(1985, 4, 12), sex="1", source="manual"))
    return v


def _text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages).replace(" ", "")


def _fonts(path: Path) -> list[dict]:
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                d = desc.get_object().get("/FontDescriptor")
                if d is not None:
                    found.append(d.get_object())
    return found


def test_pdf_has_name_address_and_wareki(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    rendered = render_bundle(forms, v, tmp_path)
    assert [r.path.name for r in rendered] == ["01_juminhyo_koufu.pdf", "02_juumin_idou.pdf"]
    for r in rendered:
        text = _text(r.path)
        assert "登米太郎" in text.replace("\u3000", "")
        assert "宮城県登米市迫町佐沼字中江二丁目6番地1" in text
        assert "昭和60年4月12日" in text and "令和8年11月22日" in text
        assert PdfReader(r.path).pages[0].mediabox.width == pytest.approx(595.27, abs=0.5)
        descriptors = _fonts(r.path)
        assert descriptors and all("/FontFile2" in d for d in descriptors), "fonts must be embedded"
        assert not r.gaiji


def test_gaiji_reported_and_never_drawn_as_a_box(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit(name="𠮷田　花子")
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    rendered = render_bundle(forms[:1], v, tmp_path)
    hits = rendered[0].gaiji
    assert hits and {h.char for h in hits} == {"𠮷"}
    assert hits[0].codepoint == "U+20BB7" and "juminhyo_koufu." in hits[0].ref
    text = _text(rendered[0].path)
    assert "〓田" in text and "𠮷" not in text


def test_full_disk_is_a_clear_message(catalog, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    v = _visit()
    forms = Prefiller(catalog, OfflineLookups()).forms(v)

    def full(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tome_window.services.files.os.replace", full)
    with pytest.raises(PdfError) as info:
        render_bundle(forms[:1], v, tmp_path)
    assert "空き容量" in info.value.message_ja
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.part"))


def test_every_document_names_a_full_disk(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Guide, reading aid and JSON share the one write path: a full disk is said as such."""
    from tome_window.domain.errors import TomeError
    from tome_window.services import files

    def full(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(TomeError) as info:
        files.write_bytes(tmp_path / "a.json", b"{}", "JSON")
    assert "空き容量" in info.value.message_ja and "JSON" in info.value.message_ja
    assert not list(tmp_path.iterdir())
    from tome_window.services.pdf.guide import render_guide

    v = _visit()
    with pytest.raises(PdfError) as info:
        render_guide([], v, tmp_path / "guide.pdf")
    assert "空き容量" in info.value.message_ja and "手続き案内票" in info.value.message_ja
    assert not list(tmp_path.iterdir())


def test_variation_selector_prints_the_base_glyph_and_stays_in_the_data(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    ivs = "葛\U000E0100西　花子"  # 葛 with an IVS selector, as a card may carry it
    v = _visit(name=ivs)
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    rendered = render_bundle(forms[:1], v, tmp_path)
    assert rendered[0].gaiji == []  # the selector is not a missing character
    text = _text(rendered[0].path).replace(" ", "")
    assert "葛西" in text and "〓" not in text
    assert v.value("resident.name") == ivs  # the exact sequence is kept


def test_reading_ignores_variation_selectors() -> None:
    from tome_window.services import furigana

    assert furigana.suggest("葛\U000E0100西　花子") == furigana.suggest("葛西　花子") is not None
