"""Marks on paper, read back from real PDFs: 要確認 beside an overridden or still doubtful field,
外字 with its code point beside a field printed with 〓, nothing on a clean field, nothing over a box."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from tests.export.conftest import sample
from tome_window.domain.prefill import FieldState, FormState, Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Override, Visit
from tome_window.services.gate import form_problems
from tome_window.services.lookups import OfflineLookups
from tome_window.services.pdf import render_bundle
from tome_window.services.pdf.marks import CHECK, GAIJI, FieldMark, place_notes

PT_MM = 25.4 / 72
NEAR_MM = 4.0  # a note's word starts within this of its box's edge (or of the column's)
COLUMN = (15.0, 195.0)


def _visit(name: str = "登米　花子") -> Visit:
    v = Visit(id="0123456789abcdef", date=dt.date(2026, 11, 22), branch="本庁舎",
              office="登米市役所", staff="s", procedure_ids=["juminhyo_koufu"])
    v.set_resident(Resident(name=name, address="宮城県登米市迫町佐沼字中江二丁目6番地1",
                            birth_date=dt.date(1985, 4, 12), sex="2", source="manual"))
    return v


def _complete(catalog: Any, v: Visit) -> list[FormState]:  # noqa: ANN401
    """Every relevant field answered and every suggestion confirmed, as staff finish a visit."""
    prefiller = Prefiller(catalog, OfflineLookups())
    for _ in range(3):  # answers can make more fields relevant
        for form in prefiller.forms(v):
            for fs in form.fields:
                if (fs.value in (None, "") or fs.error) and not fs.key.startswith(("resident.", "visit.")):
                    assert prefiller.answer(v, fs.key, sample(fs.field)) is None, fs.ref
    for fact in v.facts.values():
        fact.confirmed = True
    return prefiller.forms(v)


def _field(forms: list[FormState], ref: str) -> FieldState:
    return next(fs for form in forms for fs in form.fields if fs.ref == ref)


def _words(path: Path) -> list[dict[str, Any]]:
    """Words in mm from the page's top-left, as the definitions place boxes."""
    with pdfplumber.open(path) as pdf:
        return [{**w, "x0": w["x0"] * PT_MM, "x1": w["x1"] * PT_MM, "top": w["top"] * PT_MM,
                 "bottom": w["bottom"] * PT_MM, "page": page.page_number}
                for page in pdf.pages for w in page.extract_words()]


def _marks(path: Path, text: str) -> list[dict[str, Any]]:
    return [w for w in _words(path) if text in w["text"]]


def _beside(word: dict[str, Any], fs: FieldState) -> bool:
    """The word is in the margin level with the box and close to its side: not over any box."""
    p = fs.field.place
    level = p.y - 0.5 <= word["top"] and word["bottom"] <= p.y + p.h + NEAR_MM
    left = word["x1"] <= COLUMN[0] and min(p.x, COLUMN[0]) - word["x1"] <= NEAR_MM
    right = word["x0"] >= COLUMN[1] and word["x0"] - max(p.x + p.w, COLUMN[1]) <= NEAR_MM
    return level and (left or right)


def test_clean_complete_form_has_no_mark(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()
    forms = _complete(catalog, v)
    assert form_problems(forms, v.overrides) == []
    [rendered] = render_bundle(forms, v, tmp_path)
    assert rendered.marks == []
    words = _words(rendered.path)
    assert any("登米" in w["text"] for w in words)  # the reading works: the page has text
    text = "".join(w["text"] for w in words)
    assert CHECK not in text and GAIJI not in text and "U+" not in text


def test_override_is_marked_beside_its_box_and_nowhere_else(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()
    forms = _complete(catalog, v)
    ref = "juminhyo_koufu.phone"  # a box in the right half: the note goes to the right margin
    v.overrides[ref] = Override("handwrite", "電話は本人に確認")
    assert form_problems(forms, v.overrides) == []  # the gate lets it pass...
    [rendered] = render_bundle(forms, v, tmp_path)
    assert [m.ref for m in rendered.marks] == [ref]  # ...and the paper says so, only there
    found = _marks(rendered.path, CHECK)
    assert len(found) == 1
    fs = _field(forms, ref)
    assert _beside(found[0], fs), (found[0], fs.field.place)
    assert found[0]["x0"] >= COLUMN[1]
    # not beside a neighbour in another row
    other = _field(forms, "juminhyo_koufu.apply_date")
    assert not _beside(found[0], other)
    assert GAIJI not in "".join(w["text"] for w in _words(rendered.path))
    assert "電話は本人に確認" not in "".join(w["text"] for w in _words(rendered.path))  # the note stays private


def test_left_half_box_is_marked_in_the_left_margin(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()
    forms = _complete(catalog, v)
    ref = "juminhyo_koufu.applicant_kana"  # x 15..115
    v.overrides[ref] = Override("checked_document")
    [rendered] = render_bundle(forms, v, tmp_path)
    [word] = _marks(rendered.path, CHECK)
    assert word["x1"] <= COLUMN[0] and _beside(word, _field(forms, ref))


def test_gaiji_note_names_the_code_point(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit(name="𠮷田　花子")
    forms = _complete(catalog, v)
    [rendered] = render_bundle(forms, v, tmp_path)
    refs = {hit.ref for hit in rendered.gaiji}
    assert refs and "juminhyo_koufu.applicant_name" in refs
    assert {m.ref for m in rendered.marks} == refs
    assert all(m.gaiji == ("U+20BB7",) and not m.check for m in rendered.marks)
    notes = _marks(rendered.path, GAIJI)
    codes = _marks(rendered.path, "U+")
    assert len(notes) == len(codes) == len(refs)
    assert {w["text"] for w in codes} == {"U+20BB7"}
    for ref in refs:
        fs = _field(forms, ref)
        assert any(_beside(w, fs) for w in notes), ref
        assert any(_beside(w, fs) for w in codes), ref
    assert CHECK not in "".join(w["text"] for w in _words(rendered.path))  # 外字 alone: no 要確認


def test_doubtful_value_printed_incomplete_is_marked(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()
    forms = _complete(catalog, v)
    ref = "juminhyo_koufu.applicant_kana"
    v.facts["resident.name_kana"].confirmed = False  # the furigana guess nobody checked
    v.facts["resident.name_kana"].origin = "suggestion"
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    problems = form_problems(forms, v.overrides)
    assert [(p.kind, p.field) for p in problems] == [("doubtful", ref)]
    [rendered] = render_bundle(forms, v, tmp_path)  # what --allow-incomplete prints
    assert [(m.ref, m.check) for m in rendered.marks] == [(ref, ("doubtful",))]
    [word] = _marks(rendered.path, CHECK)
    assert _beside(word, _field(forms, ref))


def test_missing_value_printed_incomplete_is_marked(catalog, tmp_path: Path) -> None:  # noqa: ANN001
    v = _visit()  # nothing answered: several required fields are empty
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    problems = {p.field for p in form_problems(forms, v.overrides) if p.kind != "gaiji"}
    [rendered] = render_bundle(forms, v, tmp_path)
    assert {m.ref for m in rendered.marks} == problems
    found = _marks(rendered.path, CHECK)
    assert len(found) == len(problems)
    for ref in problems:
        assert any(_beside(w, _field(forms, ref)) for w in found), ref


def test_marks_leave_codes_and_boxes_alone(catalog, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Every mark is outside the column of boxes and codes, and the page's codes are the same
    with and without marks."""
    v = _visit(name="𠮷田　花子")
    forms = Prefiller(catalog, OfflineLookups()).forms(v)
    [marked] = render_bundle(forms, v, tmp_path / "marked")
    assert marked.marks
    for word in _words(marked.path):
        if CHECK in word["text"] or GAIJI in word["text"] or "U+" in word["text"]:
            assert word["x1"] <= COLUMN[0] or word["x0"] >= COLUMN[1], word
            assert word["x0"] >= 4.2 and word["x1"] <= 210 - 4.2, word  # inside a printer's reach
    monkeypatch.setattr("tome_window.services.pdf.render.field_marks", lambda *_a: [])
    [plain] = render_bundle(forms, v, tmp_path / "plain")
    assert not plain.marks

    def squares(path: Path) -> list[tuple[float, ...]]:  # the dark modules of the 2-D codes
        with pdfplumber.open(path) as pdf:
            return sorted((round(r["x0"], 2), round(r["top"], 2), round(r["width"], 2))
                          for r in pdf.pages[0].rects if r["fill"] and r["width"] < 3
                          and not r["stroke"])

    assert squares(marked.path) and squares(marked.path) == squares(plain.path)
    assert len(PdfReader(marked.path).pages) == len(PdfReader(plain.path).pages)


def test_competing_notes_stack_without_overlap() -> None:
    """Four marked boxes in one row (as 児童手当's bank row): each note whole, none overlapping,
    each on the side of its box, the first level with the row."""
    row = [(15, 55), (70, 45), (115, 35), (150, 45)]
    marks = [FieldMark(f"p.f{i}", "", 1, (x, 163, w, 9), ("override",), ("U+20BB7",))
             for i, (x, w) in enumerate(row)]
    notes = place_notes(marks, lambda text: len(text) * 1.2)
    assert len(notes) == 4
    for a in notes:
        for b in notes:
            if a is not b:
                assert a.rect[3] <= b.rect[1] or b.rect[3] <= a.rect[1] or \
                    a.rect[2] <= b.rect[0] or b.rect[2] <= a.rect[0], (a, b)
    sides = {n.mark.ref: n.side for n in notes}
    assert sides == {"p.f0": "left", "p.f1": "left", "p.f2": "right", "p.f3": "right"}
    first = {n.side: n for n in notes if n.mark.ref in ("p.f0", "p.f3")}
    assert all(n.rect[1] == pytest.approx(163.5) for n in first.values())
