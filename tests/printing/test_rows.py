"""Row blocks on paper: the persons of a household in a table on the form, the persons beyond
its rows on numbered 別紙 pages, never dropped; read back from real PDFs."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tome_window.domain.definitions import ProcedureDef
from tome_window.domain.household import Person
from tome_window.domain.prefill import CONTINUATION_ROWS, FormState
from tome_window.domain.resident import Resident
from tome_window.services.forms_loader import load_catalog
from tome_window.services.gate import form_problems
from tome_window.services.pdf import codes, rows
from tome_window.services.pdf.guide import render_guide
from tome_window.services.pdf.reading_aid import render_reading_aid
from tome_window.services.pdf.render import form_overflow, render_form

DATA = Path(__file__).resolve().parents[1] / "data"
PID = "test_idou"
TODAY = dt.date(2026, 4, 1)
BLOCK_Y, PITCH = 100.0, 10.0


def definition(count: int = 2, **extra: Any) -> ProcedureDef:
    """A small 異動届 with a 異動者 table of `count` rows (as forms/*.yaml would declare it)."""
    return ProcedureDef.model_validate({
        "id": PID, "version": 1, "title": "テスト異動届", "counter": "市民課",
        "fields": [{"id": "applicant", "type": "text", "label": "届出人", "fact": "resident.name",
                    "place": {"x": 15, "y": 50, "w": 100, "h": 10}}],
        "rows": [{"id": "movers", "label": "異動者", "persons": "moving", "page": 1,
                  "y": BLOCK_Y, "pitch": PITCH, "count": count, "fields": [
                      {"id": "name", "type": "text", "label": "氏名", "person": "name",
                       "x": 15, "w": 55, "h": 10, "size": 10},
                      {"id": "kana", "type": "kana", "label": "フリガナ", "person": "name_kana",
                       "x": 70, "w": 50, "h": 10},
                      {"id": "born", "type": "date", "label": "生年月日", "person": "birth_date",
                       "x": 120, "w": 40, "h": 10},
                      {"id": "relation", "type": "text", "label": "続柄", "person": "relationship",
                       "x": 160, "w": 35, "h": 10}]}],
        **extra})


def person(n: int, name: str | None = None) -> Person:
    return Person(name=name or f"登米　次郎{n:02d}", name_kana="トメ　ジロウ",
                  birth_date=dt.date(1990, 1, 1) + dt.timedelta(days=n), sex="1",
                  relationship="子")


@pytest.fixture
def make_form() -> Iterator[Callable[..., tuple[FormState, Any]]]:
    """(form, visit): the resident at the counter and `persons`, through VisitService."""
    from tome_window.services.visits import VisitService

    services: list[Any] = []

    def make(persons: list[Person], proc: ProcedureDef | None = None) -> tuple[FormState, Any]:
        catalog = load_catalog()
        proc = proc or definition()
        catalog.procedures[proc.id] = proc
        service = VisitService.open(catalog=catalog)
        services.append(service)
        visit = service.new_visit(procedure_ids=[proc.id], today=TODAY)
        resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
        resident["name_kana"] = "トメ　タロウ"
        service.set_resident(visit, Resident.from_json(resident, source="file"))
        visit.persons = list(persons)
        forms = service.forms(visit)
        assert [f.procedure.id for f in forms] == [proc.id]
        return forms[0], visit

    yield make
    for service in services:
        service.store.close()


def pages_text(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [(page.extract_text() or "").replace("\u3000", " ") for page in doc.pages]


def words_at(pdf: Path, page: int) -> list[dict[str, Any]]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page - 1].extract_words(keep_blank_chars=True)


def top_mm(word: dict[str, Any]) -> float:
    return float(word["top"]) * 25.4 / 72


def test_first_rows_on_the_form_the_rest_on_a_bessi(make_form, tmp_path: Path) -> None:
    household = [person(1, "登米花子"), person(2, "登米一郎"), person(3, "登米桜")]
    form, visit = make_form(household)
    assert [r.person for r in form.rows] == [-1, 0, 1, 2]
    done = render_form(form, visit, tmp_path / "idou.pdf")
    text = pages_text(done.path)
    assert done.pages == len(text) == form.procedure.pages + form.continuation_pages() == 2

    # page 1: the resident and the first household person, each in their own row
    first = text[0]
    assert "登米 太郎" in first and "登米花子" in first
    assert "登米一郎" not in first and "登米桜" not in first
    for label in ("氏名", "フリガナ", "生年月日", "続柄"):  # the column headers, once
        assert first.count(label) == 1, label
    words = words_at(done.path, 1)
    for index, name in ((0, "登米"), (1, "登米")):
        row_top = BLOCK_Y + index * PITCH
        assert any(w["text"].startswith(name) and row_top <= top_mm(w) <= row_top + PITCH
                   and w["x0"] < 70 / 25.4 * 72 for w in words), index
    hanako = next(w for w in words if "花子" in w["text"])
    assert BLOCK_Y + PITCH <= top_mm(hanako) <= BLOCK_Y + 2 * PITCH
    assert "3人目からは別紙1" in first
    assert "1 / 2" in first

    # the 別紙: the form's title, the visit, its number, and persons 3 and 4 numbered as such
    bessi = text[1]
    assert "テスト異動届 別紙1(異動者のつづき)" in bessi
    assert f"受付 {visit.id[:8]}" in bessi
    assert "別紙 1 / 1" in bessi and "2 / 2" in bessi
    assert "登米一郎" in bessi and "登米桜" in bessi
    assert "登米 太郎" not in bessi and "登米花子" not in bessi
    numbers = [w["text"] for w in words_at(done.path, 2) if w["x0"] < 25 / 25.4 * 72
               and top_mm(w) > rows.TABLE_TOP]
    assert numbers[:3] == ["No.", "3", "4"]
    assert "トメ ジロウ" in bessi and "平成2年1月4日" in bessi  # the whole row, not the name only

    # nothing dropped: every person once in the whole PDF
    whole = "\n".join(text)
    for name in ("登米 太郎", "登米花子", "登米一郎", "登米桜"):
        assert whole.count(name) == 1 + (name == "登米 太郎"), name  # 届出人 is the resident too


def test_25_continued_rows_fill_two_bessi_pages(make_form, tmp_path: Path) -> None:
    household = [person(n) for n in range(1, 27)]  # with the resident: 27 rows, 2 on the form
    form, visit = make_form(household)
    assert sum(r.continued for r in form.rows) == 25
    done = render_form(form, visit, tmp_path / "many.pdf")
    text = pages_text(done.path)
    assert done.pages == len(text) == 3 == 1 + form.continuation_pages()
    assert "別紙1(異動者のつづき)" in text[1] and "別紙 1 / 2" in text[1]
    assert "別紙2(異動者のつづき)" in text[2] and "別紙 2 / 2" in text[2]
    assert "3人目から22人目まで(20人)" in text[1] and "23人目から27人目まで(5人)" in text[2]
    assert "3 / 3" in text[2]
    for n in range(1, 27):
        where = [i for i, page in enumerate(text) if f"次郎{n:02d}" in page]
        assert where == [0 if n == 1 else 1 if n <= 21 else 2], (n, where)
    assert CONTINUATION_ROWS == 20


def test_a_name_too_long_for_its_bessi_column_is_cut(make_form) -> None:
    long_name = "登米" + "寿限無寿限無五劫の擦り切れ海砂利水魚" * 4
    form, _ = make_form([person(1), person(2), person(3, long_name)])
    cut = [fs.ref for fs in form_overflow(form)]
    assert cut == [f"{PID}.movers.3.name"]
    assert any(p.kind == "cut" and p.field == f"{PID}.movers.3.name" for p in form_problems([form]))
    # a long name that wraps within its 別紙 column, at the minimum size or above, is not cut
    fits = "登米" + "寿限無寿限無五劫の擦り切れ" * 2
    form, _ = make_form([person(1), person(2), person(3, fits)])
    assert form_overflow(form) == []


def test_a_too_long_name_on_the_form_row_is_cut(make_form) -> None:
    form, _ = make_form([person(1, "登米" + "寿限無寿限無五劫の擦り切れ海砂利水魚" * 4)])
    assert [fs.ref for fs in form_overflow(form)] == [f"{PID}.movers.1.name"]


def test_empty_rows_up_to_count_and_no_bessi(make_form, tmp_path: Path) -> None:
    form, visit = make_form([], definition(count=4))
    done = render_form(form, visit, tmp_path / "one.pdf")
    text = pages_text(done.path)
    assert done.pages == len(text) == 1
    assert "別紙" not in text[0] and "1 / 1" in text[0]
    with pdfplumber.open(done.path) as doc:  # 4 rows × 4 cells, ruled, the empty ones too
        cells = [r for r in doc.pages[0].rects
                 if abs(r["height"] - PITCH / 25.4 * 72) < 0.5 and r["top"] * 25.4 / 72 >= BLOCK_Y - 0.1]
    assert len(cells) == 16


def test_marks_stand_by_the_row_on_the_form_and_on_the_bessi(make_form, tmp_path: Path) -> None:
    form, visit = make_form([person(1), person(2), person(3)])
    visit.overrides.clear()
    from tome_window.domain.visit import Override

    visit.overrides[f"{PID}.movers.1.relation"] = Override("verified", "")
    visit.overrides[f"{PID}.movers.3.relation"] = Override("verified", "")
    done = render_form(form, visit, tmp_path / "marks.pdf")
    by_ref = {m.ref: m for m in done.marks}
    on_form, on_bessi = by_ref[f"{PID}.movers.1.relation"], by_ref[f"{PID}.movers.3.relation"]
    assert on_form.page == 1 and on_form.box[1] == BLOCK_Y + PITCH
    assert on_bessi.page == 2 and on_bessi.box[1] == rows.sheet_row_top(1)
    text = pages_text(done.path)
    assert "要確認" in text[0] and "要確認" in text[1]


def test_codes_are_never_placed_over_the_rows(make_form) -> None:
    proc = definition(count=8)
    form, visit = make_form([person(n) for n in range(1, 4)], proc)
    font = "Helvetica"
    codes._cache.clear()  # the spot is cached per id and version; other tests' blocks differ
    taken = codes.obstacles(proc, font)
    area = rows.block_area(proc.rows[0])
    assert area in taken and area[1] < BLOCK_Y - rows.HEADER_GAP
    placed = codes.layout(codes.payload(form, visit), proc, font)
    assert placed
    for item in placed:
        x0, y0, x1, y1 = item.rect
        assert x1 <= area[0] or x0 >= area[2] or y1 <= area[1] or y0 - codes.CAPTION_MM >= area[3]


def test_the_guide_shows_each_fee_and_the_total(tmp_path: Path) -> None:
    from tome_window.domain.visit import Visit

    visit = Visit(id="abcdef0123456789", date=TODAY, branch="本庁", office="登米市", staff="s")
    certificate = definition(fee=300).model_copy(update={"id": "cert", "title": "証明書"})
    other = definition(fee=450).model_copy(update={"id": "other", "title": "別の証明書"})
    free = definition().model_copy(update={"id": "free", "title": "転入届"})
    path = render_guide([certificate, free, other], visit, tmp_path / "guide.pdf")
    text = re.sub(r"\s+", "", "".join(pages_text(path)))
    assert "手数料:300円" in text and "手数料:450円" in text
    assert text.count("手数料:") == 2  # none for the free procedure
    assert "手数料の合計(目安)750円" in text
    path = render_guide([free], visit, tmp_path / "free.pdf")
    assert "手数料" not in "".join(pages_text(path))



def test_the_reading_aid_lists_every_row(make_form, tmp_path: Path) -> None:
    form, visit = make_form([person(1), person(2), person(3, "登米桜")])
    path = render_reading_aid(visit, [form], "en", tmp_path / "aid.pdf")
    text = "".join(pages_text(path))
    assert "登米桜" in text and "次郎01" in text and "次郎02" in text
    assert "異動者 4" in text
