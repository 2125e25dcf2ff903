"""The bundled definitions in forms/: they load, their pages are drawable, their events expand.

These tests read the real data files, so a staff edit that moves a field onto another, names
a fact that does not exist or breaks a life-event rule fails here before it reaches a counter.
"""

from __future__ import annotations

import itertools
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from tome_window.domain.catalog import Catalog
from tome_window.domain.conditions import evaluate, names_in
from tome_window.domain.definitions import FieldDef, FieldType, ProcedureDef
from tome_window.domain.household import HOUSEHOLD_VALUES, PERSON_VARS
from tome_window.services.forms_loader import load_catalog

FORMS = Path(__file__).resolve().parents[1] / "forms"

PROCEDURES = {"juminhyo_koufu", "juumin_idou", "inkan_touroku", "inkan_shoumei",
              "koseki_shoumei", "shotoku_shoumei", "kokuho_shikaku", "jidou_teate",
              "koki_koureisha", "kodomo_iryou", "kokumin_nenkin", "kaigo_hoken"}
EVENTS = {"tennyu", "tenshutsu", "tenkyo", "shussei", "konin", "okuyami"}

TOLERANCE = 0.1  # mm: rectangles that only share an edge do not overlap
HEADER_GAP = 3.5  # mm: a row block's column headers stand this far above its first row
PRINTABLE = (10.0, 10.0, 200.0, 287.0)  # x0, y0, x1, y1 in mm


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FORMS)


def _rect(place: Any) -> tuple[float, float, float, float]:
    return place.x, place.y, place.x + place.w, place.y + place.h


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
            and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)


def _candidates(name: str, proc: ProcedureDef, catalog: Catalog) -> list[Any] | None:
    """Every value worth trying for a name a condition reads; None when it cannot be enumerated."""
    definition: Any = None
    for f in proc.fields:
        if f.id == name:
            definition = f
            break
    if definition is None:
        definition = catalog.questions.get(name)
    if definition is None:
        return None
    if definition.type is FieldType.CHOICE:
        return [c.value for c in definition.choices] + [None]
    if definition.type is FieldType.CHECKBOX:
        return [True, False, None]
    if definition.type is FieldType.NUMBER:
        return [None, 0, 1, 2, 3, 4, 5]
    return None


def _mutually_exclusive(a: FieldDef, b: FieldDef, proc: ProcedureDef, catalog: Catalog) -> bool:
    """True when no combination of answers makes both fields relevant (so they may share a place)."""
    if not a.relevant or not b.relevant:
        return False
    names = sorted(names_in(a.relevant) | names_in(b.relevant))
    values = []
    for name in names:
        options = _candidates(name, proc, catalog)
        if options is None:
            return False
        values.append(options)
    for combo in itertools.product(*values):
        facts = dict(zip(names, combo, strict=True))
        if evaluate(a.relevant, facts, facts) and evaluate(b.relevant, facts, facts):
            return False
    return True


# -- the catalog ------------------------------------------------------------------------------
def test_catalog_loads_without_problems(catalog: Catalog) -> None:
    assert [str(p) for p in catalog.problems] == []
    assert set(catalog.procedures) == PROCEDURES
    assert set(catalog.events) == EVENTS


def test_my_number_only_where_the_procedure_needs_it(catalog: Catalog) -> None:
    for proc in catalog.procedures.values():
        uses = [f.id for f in proc.fields if f.fact == "resident.my_number"]
        if uses:
            assert proc.needs_my_number, f"{proc.id}: {uses} read the individual number"
    assert catalog.procedures["kokuho_shikaku"].needs_my_number
    assert catalog.procedures["jidou_teate"].needs_my_number


def test_every_procedure_has_counter_summary_and_reading(catalog: Catalog) -> None:
    for proc in catalog.procedures.values():
        assert proc.counter.strip(), proc.id
        assert proc.summary.strip(), proc.id
        assert proc.kana.strip(), proc.id
        assert proc.bring, proc.id


# -- the printed page -------------------------------------------------------------------------
@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_fields_do_not_overlap(catalog: Catalog, proc_id: str) -> None:
    proc = catalog.procedures[proc_id]
    clashes = []
    for a, b in itertools.combinations(proc.fields, 2):
        if a.place.page != b.place.page or not _overlap(_rect(a.place), _rect(b.place)):
            continue
        if _mutually_exclusive(a, b, proc, catalog):
            continue  # e.g. 異動日 / 転出予定日: exactly one is ever printed
        clashes.append(f"{a.id} × {b.id}")
    assert clashes == []


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_boxes_do_not_overlap_fields_or_each_other(catalog: Catalog, proc_id: str) -> None:
    proc = catalog.procedures[proc_id]
    boxes = [s for s in proc.statics if s.box]
    clashes = []
    for s in boxes:
        assert s.w and s.h, f"{proc_id}: box '{s.text[:12]}' needs w and h"
        rect = (s.x, s.y, s.x + s.w, s.y + s.h)
        clashes += [f"'{s.text[:12]}' × {f.id}" for f in proc.fields
                    if f.place.page == s.page and _overlap(rect, _rect(f.place))]
    for s, t in itertools.combinations(boxes, 2):
        if s.page == t.page and _overlap((s.x, s.y, s.x + (s.w or 0), s.y + (s.h or 0)),
                                         (t.x, t.y, t.x + (t.w or 0), t.y + (t.h or 0))):
            clashes.append(f"'{s.text[:12]}' × '{t.text[:12]}'")
    assert clashes == []


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_everything_inside_the_printable_area(catalog: Catalog, proc_id: str) -> None:
    proc = catalog.procedures[proc_id]
    x0, y0, x1, y1 = PRINTABLE
    outside = [f.id for f in proc.fields
               if f.place.x < x0 or f.place.y < y0
               or f.place.x + f.place.w > x1 or f.place.y + f.place.h > y1]
    outside += [s.text[:12] for s in proc.statics
                if s.x < x0 or s.y < y0 or (s.w and s.x + s.w > x1) or (s.h and s.y + s.h > y1)]
    assert outside == []


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_fields_clear_of_title_and_addressee(catalog: Catalog, proc_id: str) -> None:
    """The renderer draws the title at y≈12–22 mm and 「登米市長 様」 at x 15–60, y≈30–38 mm."""
    proc = catalog.procedures[proc_id]
    title, addressee = (15, 10, 195, 24), (15, 29, 60, 38.5)
    hits = [f.id for f in proc.fields if f.place.page == 1
            and (_overlap(_rect(f.place), title) or _overlap(_rect(f.place), addressee))]
    assert hits == []


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_required_fields_without_a_source_are_explained(catalog: Catalog, proc_id: str) -> None:
    """A required field the resident must answer needs a label, and one telling it apart."""
    proc = catalog.procedures[proc_id]
    asked = [f for f in proc.fields if f.required and not f.prefill and not f.fact]
    for f in asked:
        assert f.label.strip() or f.help.strip(), f"{proc_id}.{f.id} has neither label nor help"
    labels = [f.label for f in asked if not f.help.strip()]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    assert repeated == [], f"{proc_id}: same label on several fields without help: {repeated}"


@pytest.fixture(scope="module")
def fonts() -> Any:
    from tome_window.services.pdf.fonts import PdfError, load_fonts

    try:
        return load_fonts()
    except PdfError as exc:  # pragma: no cover - a machine without Japanese fonts
        pytest.skip(f"no Japanese font: {exc.message_en}")


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_choices_and_notes_fit_on_the_page(catalog: Catalog, fonts: Any, proc_id: str) -> None:
    """Measured with the printing font: every choice fits its row (the renderer drops the ones
    that do not), notes stay on one line, boxed text stays inside its box."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pt = 25.4 / 72  # mm per point
    proc = catalog.procedures[proc_id]
    problems = []
    for f in proc.fields:
        if f.type is not FieldType.CHOICE:
            continue
        size = min(f.place.size, 9.5)
        cx = f.place.x + 2
        for i, c in enumerate(f.choices, start=1):
            width = stringWidth(f"{i}.{c.label}", fonts.gothic, size) * pt
            if cx + width > f.place.x + f.place.w - 1:
                problems.append(f"{f.id}: choice {c.label} does not fit")
                break
            cx += width + 4
    for st in proc.statics:
        room = (st.w or (195 - st.x)) - (3 if st.box else 0)
        lines = 0
        for para in st.text.split("\n"):
            width = stringWidth(para, fonts.gothic, st.size) * pt
            lines += max(1, math.ceil(width / room))
        if not st.box and lines > 1:
            problems.append(f"note wraps: {st.text[:20]}")
        if st.box and st.h and 2 + lines * st.size * 1.25 * pt > st.h:
            problems.append(f"box text overflows: {st.text[:20]}")
    assert problems == []


def test_shared_facts_have_one_meaning(catalog: Catalog) -> None:
    """Fields sharing a choice fact offer the same values as the shared question."""
    for proc in catalog.procedures.values():
        for f in proc.fields:
            q = catalog.questions.get(f.fact or "")
            if q is not None and f.type is FieldType.CHOICE:
                assert [c.value for c in f.choices] == [c.value for c in q.choices], \
                    f"{proc.id}.{f.id}"


# -- life events ------------------------------------------------------------------------------
SAMPLES: list[dict[str, Any]] = [
    {},
    {"children_count": 2, "employer_insurance": False, "kokuho_member": True,
     "want_seal_registration": True, "need_residence_certificate": True,
     "need_tax_certificate": True, "need_koseki_certificate": True,
     "need_seal_certificate": True, "moving_with_marriage": True,
     "joining_spouse_insurance": True, "moving_kind": "tennyu"},
    {"children_count": 0, "employer_insurance": True, "kokuho_member": False,
     "want_seal_registration": False, "need_residence_certificate": False,
     "need_tax_certificate": False, "need_koseki_certificate": False,
     "need_seal_certificate": False, "moving_with_marriage": False,
     "joining_spouse_insurance": False, "moving_kind": "tenshutsu"},
    {"children_count": None, "resident.birth_date": "1950-01-01", "visit.date": "2026-04-01"},
]


def expand(catalog: Catalog, event_id: str, facts: dict[str, Any]) -> list[str]:
    return [item.procedure for item in catalog.events[event_id].procedures
            if evaluate(item.when, facts)]


@pytest.mark.parametrize("event_id", sorted(EVENTS))
def test_event_conditions_evaluate(catalog: Catalog, event_id: str) -> None:
    event = catalog.events[event_id]
    for item in event.procedures:
        assert item.reason.strip(), f"{event_id}: {item.procedure} has no reason"
        for facts in SAMPLES:
            evaluate(item.when, facts)  # raises ConditionError when it cannot be evaluated
    for q in event.questions:
        assert q in catalog.questions
    read = set().union(*(names_in(i.when) for i in event.procedures if i.when))
    assert read <= set(event.questions) | {"resident", "visit"} | set(HOUSEHOLD_VALUES), \
        f"{event_id}: conditions read questions the event does not ask"


def test_tennyu_with_children_and_no_employer_insurance(catalog: Catalog) -> None:
    got = expand(catalog, "tennyu", {"children_count": 2, "employer_insurance": False})
    assert got[0] == "juumin_idou"
    assert {"jidou_teate", "kokuho_shikaku"} <= set(got)
    assert "inkan_touroku" not in got and "juminhyo_koufu" not in got


def test_tennyu_without_children_with_employer_insurance(catalog: Catalog) -> None:
    got = expand(catalog, "tennyu", {"children_count": 0, "employer_insurance": True})
    assert "juumin_idou" in got
    assert "jidou_teate" not in got and "kokuho_shikaku" not in got


def test_tennyu_seal_and_certificate_on_request(catalog: Catalog) -> None:
    got = expand(catalog, "tennyu", {"employer_insurance": True, "want_seal_registration": True,
                                     "need_residence_certificate": True})
    assert {"juumin_idou", "inkan_touroku", "juminhyo_koufu"} <= set(got)


def test_other_events(catalog: Catalog) -> None:
    assert expand(catalog, "tenshutsu", {"kokuho_member": True})[:2] == ["juumin_idou", "kokuho_shikaku"]
    assert expand(catalog, "tenshutsu", {"kokuho_member": False}) == ["juumin_idou"]
    assert expand(catalog, "tenkyo", {}) == ["juumin_idou"]
    assert expand(catalog, "shussei", {"kokuho_member": False}) == ["jidou_teate", "kodomo_iryou"]
    assert "kokuho_shikaku" in expand(catalog, "shussei", {"kokuho_member": True})
    assert expand(catalog, "konin", {"employer_insurance": True}) == []
    married = expand(catalog, "konin", {"moving_with_marriage": True, "employer_insurance": False,
                                        "kokuho_member": False, "need_koseki_certificate": True})
    assert {"juumin_idou", "kokuho_shikaku", "koseki_shoumei"} <= set(married)
    assert "kokuho_shikaku" in expand(catalog, "konin", {
        "moving_with_marriage": False, "employer_insurance": True,
        "kokuho_member": True, "joining_spouse_insurance": True})
    assert expand(catalog, "okuyami", {}) == ["koseki_shoumei", "juminhyo_koufu"]
    assert set(expand(catalog, "okuyami", {"kokuho_member": True, "need_tax_certificate": True})) \
        == {"koseki_shoumei", "juminhyo_koufu", "kokuho_shikaku", "shotoku_shoumei"}


def test_household_events(catalog: Catalog) -> None:
    """Life events expand by the household: 転入 with a 72-year-old parent adds 介護保険, with a
    76-year-old 後期高齢者医療; a deceased of 92 goes to 後期高齢者医療, not 国保."""
    family = {"employer_insurance": False, "children_count": 2, "household_size": 4,
              "household_children": 2, "household_aged_40_64": 0, "household_aged_65": 0,
              "household_aged_75": 0}
    got = set(expand(catalog, "tennyu", family))
    assert {"juumin_idou", "kokuho_shikaku", "jidou_teate", "kodomo_iryou"} <= got
    assert not got & {"kaigo_hoken", "koki_koureisha"}
    with_72 = {**family, "household_size": 5, "household_aged_65": 1}
    assert "kaigo_hoken" in expand(catalog, "tennyu", with_72)
    with_76 = {**family, "household_size": 5, "household_aged_65": 1, "household_aged_75": 1}
    assert {"kaigo_hoken", "koki_koureisha", "kokuho_shikaku"} <= set(expand(catalog, "tennyu", with_76))
    alone_76 = {"employer_insurance": False, "household_size": 1, "household_aged_65": 1,
                "household_aged_75": 1}
    got = expand(catalog, "tennyu", alone_76)
    assert "koki_koureisha" in got and "kokuho_shikaku" not in got
    employed = {"employer_insurance": True, "household_size": 2, "household_aged_40_64": 2}
    assert not set(expand(catalog, "tennyu", employed)) & {"kokuho_shikaku", "kaigo_hoken"}
    died_92 = {"kokuho_member": True, "household_deceased": 1, "household_deceased_75": 1}
    got = expand(catalog, "okuyami", died_92)
    assert "koki_koureisha" in got and "kaigo_hoken" in got and "kokuho_shikaku" not in got
    died_60 = {"kokuho_member": True, "household_deceased": 1, "household_deceased_75": 0}
    got = expand(catalog, "okuyami", died_60)
    assert "kokuho_shikaku" in got and "koki_koureisha" not in got and "kaigo_hoken" not in got
    aged_52 = {**family, "household_size": 5, "household_aged_40_64": 1}  # 第2号: through 国保
    assert "kaigo_hoken" not in expand(catalog, "tennyu", aged_52)
    assert "kaigo_hoken" in expand(catalog, "okuyami", {**died_60, "deceased_kaigo": True})


# -- row blocks ---------------------------------------------------------------------------------
def _row_rects(proc: ProcedureDef) -> list[tuple[str, int, tuple[float, float, float, float]]]:
    """Every printed cell of every row block: (block.row.field, page, rect)."""
    out = []
    for block in proc.rows:
        for i in range(block.count):
            top = block.y + i * block.pitch
            out += [(f"{block.id}.{i}.{f.id}", block.page, (f.x, top + f.dy, f.x + f.w, top + f.dy + f.h))
                    for f in block.fields]
    return out


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_rows_clear_of_fields_boxes_and_each_other(catalog: Catalog, proc_id: str) -> None:
    """Row cells stay in the printable area, apart from each other and from the form's fields
    and boxes (a box drawn with no text around the table is its frame)."""
    proc = catalog.procedures[proc_id]
    cells = _row_rects(proc)
    x0, y0, x1, y1 = PRINTABLE
    problems = [name for name, _, r in cells if r[0] < x0 or r[1] < y0 or r[2] > x1 or r[3] > y1]
    problems += [f"{a[0]} × {b[0]}" for a, b in itertools.combinations(cells, 2)
                 if a[1] == b[1] and _overlap(a[2], b[2])]
    for block in proc.rows:  # the column headers the renderer draws just above the first row
        x0b = min(f.x for f in block.fields)
        x1b = max(f.x + f.w for f in block.fields)
        cells.append((f"{block.id}.header", block.page, (x0b, block.y - HEADER_GAP, x1b, block.y)))
        assert len({f.x for f in block.fields}) == len(block.fields), \
            f"{proc_id}.{block.id}: two columns start at one x (their headers would overprint)"
    for name, page, r in cells:
        problems += [f"{name} × {f.id}" for f in proc.fields
                     if f.place.page == page and _overlap(r, _rect(f.place))]
        problems += [f"{name} × '{s.text[:12]}'" for s in proc.statics
                     if s.box and s.text and s.page == page and s.w and s.h
                     and _overlap(r, (s.x, s.y, s.x + s.w, s.y + s.h))]
    assert problems == []


@pytest.mark.parametrize("proc_id", sorted(PROCEDURES))
def test_row_choices_fit_their_cells(catalog: Catalog, fonts: Any, proc_id: str) -> None:
    """A row's choice cell shows every choice (the renderer drops the ones that do not fit,
    which would hide a person's answer): measured as for the form's own fields."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pt = 25.4 / 72
    problems = []
    for block in catalog.procedures[proc_id].rows:
        for f in block.fields:
            if f.type is not FieldType.CHOICE:
                continue
            choices = [c.label for c in f.choices] or ["男", "女", "適用不能"]
            size, cx = min(f.size, 9.5), f.x + 2
            for i, label in enumerate(choices, start=1):
                width = stringWidth(f"{i}.{label}", fonts.gothic, size) * pt
                if cx + width > f.x + f.w - 1:
                    problems.append(f"{block.id}.{f.id}: choice {label} does not fit")
                    break
                cx += width + 4
    assert problems == []


def test_row_blocks_read_person_facts(catalog: Catalog) -> None:
    for proc in catalog.procedures.values():
        for block in proc.rows:
            assert block.min_rows <= block.count, f"{proc.id}.{block.id}"
            for f in block.fields:
                assert f.person in PERSON_VARS, f"{proc.id}.{block.id}.{f.id}"


def _person(**kw: Any) -> dict[str, Any]:
    base = {"moving": True, "deceased": False, "newborn": False, "applicant": False,
            "employer_insured": False, "age": 40, "birth_date": "1986-01-01"}
    return {**base, **kw}


def _selects(proc: ProcedureDef, block_id: str, form: dict[str, Any], person: dict[str, Any],
             facts: dict[str, Any] | None = None) -> bool:
    facts = {"visit.date": "2026-12-06", **(facts or {})}
    return evaluate(proc.block(block_id).persons, facts, {**form, **person})


def test_row_blocks_choose_the_right_persons(catalog: Catalog) -> None:
    kokuho = catalog.procedures["kokuho_shikaku"]
    joining = {"change_kind": "get", "reason_get": "tennyu"}
    assert _selects(kokuho, "insured", joining, _person(applicant=True))
    assert not _selects(kokuho, "insured", joining, _person(age=76))  # 後期高齢者医療
    assert not _selects(kokuho, "insured", joining, _person(employer_insured=True))
    birth = {"change_kind": "get", "reason_get": "birth"}
    assert _selects(kokuho, "insured", birth, _person(newborn=True, age=0))
    assert not _selects(kokuho, "insured", birth, _person(applicant=True))  # not the father
    death = {"change_kind": "lose", "reason_lose": "death"}
    assert _selects(kokuho, "insured", death, _person(deceased=True, age=70))
    assert not _selects(kokuho, "insured", death, _person(applicant=True))  # never 本人
    koki = catalog.procedures["koki_koureisha"]
    assert _selects(koki, "insured", death, _person(deceased=True, age=92))
    assert not _selects(koki, "insured", death, _person(applicant=True, age=80))
    assert _selects(koki, "insured", joining, _person(age=76))
    assert not _selects(koki, "insured", joining, _person(age=74))
    kaigo = catalog.procedures["kaigo_hoken"]
    assert _selects(kaigo, "insured", joining, _person(age=72))
    assert not _selects(kaigo, "insured", joining, _person(age=50))  # 第2号: through 国保
    assert not _selects(kaigo, "insured", joining, _person(age=64))
    assert not _selects(kaigo, "insured", joining, _person(age=30))
    movers = catalog.procedures["juumin_idou"]
    assert _selects(movers, "movers", {}, _person(applicant=True))
    assert not _selects(movers, "movers", {}, _person(moving=False))
    teate = catalog.procedures["jidou_teate"]
    claim = {"claim_kind": "nintei"}
    assert _selects(teate, "children", claim, _person(age=8, birth_date="2018-03-01"))
    assert _selects(teate, "children", claim, _person(age=18, birth_date="2008-05-01"))  # 高校3年
    assert not _selects(teate, "children", claim, _person(age=19, birth_date="2007-05-01"))
    assert not _selects(teate, "children", claim, _person(applicant=True, birth_date="1990-01-01"))
    more = {"claim_kind": "gaku_kaitei"}
    assert _selects(teate, "children", more, _person(newborn=True, birth_date="2026-11-30"))
    assert not _selects(teate, "children", more, _person(birth_date="2018-03-01"))
    iryou = catalog.procedures["kodomo_iryou"]
    assert _selects(iryou, "children", {}, _person(birth_date="2018-03-01"))
    assert not _selects(iryou, "children", {}, _person(birth_date="2018-03-01"),
                        {"household_newborns": 1})
    assert _selects(iryou, "children", {}, _person(newborn=True, birth_date="2026-11-30"),
                    {"household_newborns": 1})


# -- broken definitions are refused one by one ------------------------------------------------
_FIELD_HEAD = """id: {pid}
version: 1
title: 壊れた様式
fields:
"""

BROKEN: dict[str, tuple[str, str | None, str, str]] = {
    # case: (file name, content, expected field in the message, expected words in the reason)
    "wrong_type": ("bad_type.yaml", _FIELD_HEAD.format(pid="bad_type") + """\
  - id: birth
    type: text
    label: 生年月日
    fact: resident.birth_date
    place: {x: 15, y: 50, w: 80, h: 9}
""", "fields.birth", "型 text"),
    "unknown_fact": ("bad_fact.yaml", _FIELD_HEAD.format(pid="bad_fact") + """\
  - id: pet
    type: text
    label: ペットの名前
    fact: pet_name
    place: {x: 15, y: 50, w: 80, h: 9}
""", "fields.pet", "pet_name"),
    "bad_condition": ("bad_condition.yaml", _FIELD_HEAD.format(pid="bad_condition") + """\
  - id: note
    type: text
    label: 備考
    relevant: moving_kind == 'tennyu' and no_such_question
    place: {x: 15, y: 50, w: 80, h: 9}
""", "fields.note.relevant", "no_such_question"),
    "condition_syntax": ("bad_syntax_condition.yaml", _FIELD_HEAD.format(pid="bad_syntax_condition") + """\
  - id: note
    type: text
    label: 備考
    relevant: "moving_kind =="
    place: {x: 15, y: 50, w: 80, h: 9}
""", "fields.note.relevant", "構文"),
    "yaml_syntax": ("bad_yaml.yaml", "id: bad_yaml\nversion: 1\ntitle: [閉じていない\nfields:\n  - id: x\n",
                    "行目", "YAML"),
    "duplicate_id": ("zz_duplicate.yaml", None, "id", "重複"),
    "unknown_key": ("bad_key.yaml", _FIELD_HEAD.format(pid="bad_key") + """\
  - id: note
    type: text
    label: 備考
    lable: 綴り間違い
    place: {x: 15, y: 50, w: 80, h: 9}
""", "fields.note.lable", "定義にない項目"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_definition_is_refused_and_the_rest_loads(tmp_path: Path, case: str) -> None:
    root = tmp_path / "forms"
    shutil.copytree(FORMS, root)
    name, content, where, reason = BROKEN[case]
    target = root / "procedures" / name
    if content is None:  # a copy of a real form under another file name keeps the same id
        content = (root / "procedures" / "juminhyo_koufu.yaml").read_text(encoding="utf-8")
    target.write_text(content, encoding="utf-8")

    catalog = load_catalog(root)

    mine = [p for p in catalog.problems if Path(p.file) == target]
    assert mine, f"{case}: not refused; problems: {[str(p) for p in catalog.problems]}"
    assert len(mine) == len(catalog.problems), [str(p) for p in catalog.problems]
    p = mine[0]
    assert p.field.endswith(where) or where in p.field, p.message_ja
    assert reason in p.message_ja, p.message_ja
    assert p.message_ja.startswith(f"{target}: {p.field}: ")
    assert set(catalog.procedures) == PROCEDURES
    assert set(catalog.events) == EVENTS
    assert target.stem not in catalog.procedures


def test_broken_event_is_refused_and_the_rest_loads(tmp_path: Path) -> None:
    root = tmp_path / "forms"
    shutil.copytree(FORMS, root)
    target = root / "events" / "bad_event.yaml"
    target.write_text("id: bad_event\ntitle: 壊れた出来事\nquestions: [no_such_question]\n"
                      "procedures:\n  - procedure: no_such_procedure\n    when: children_count >\n",
                      encoding="utf-8")
    catalog = load_catalog(root)
    fields = sorted(p.field for p in catalog.problems)
    assert all(Path(p.file) == target for p in catalog.problems)
    assert fields == ["procedures[0]", "procedures[0].when", "questions.no_such_question"]
    assert set(catalog.events) == EVENTS
    assert set(catalog.procedures) == PROCEDURES
