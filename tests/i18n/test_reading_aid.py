"""The printed reading aid: the resident's language, their own values, the right fonts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DATA
from tome_window.domain.prefill import NoLookups, Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Visit
from tome_window.services.pdf.reading_aid import render_reading_aid


@pytest.fixture(scope="module")
def tennyu(catalog):  # noqa: ANN001, ANN201
    prefiller = Prefiller(catalog, NoLookups())
    visit = Visit(id="a" * 32, date=dt.date(2026, 11, 22), branch="本庁舎", office="登米市役所",
                  staff="counter-1", event_id="tennyu")
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    visit.set_resident(Resident.from_json(resident, source="file"))
    for key, value in json.loads((DATA / "answers_tennyu.json").read_text(encoding="utf-8")).items():
        prefiller.answer(visit, key, value)
    return visit, prefiller.forms(visit)


@pytest.fixture(scope="module")
def form_text():  # noqa: ANN201
    try:
        from tome_window.services.form_text import FormText
    except ImportError:
        return None
    return FormText.load()


def fonts_of(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_english_aid_names_the_resident(tennyu, form_text, tmp_path) -> None:  # noqa: ANN001
    visit, forms = tennyu
    path = render_reading_aid(visit, forms, "en", tmp_path / "aid_en.pdf", form_text)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Reading aid" in text and "What happens next" in text
    assert "登米" in text and "太郎" in text  # the name as entered, never translated
    assert "2026-11-20" in text and "令和8年11月20日" in text  # both calendars
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(("code", "family"), [
    ("ko", ("Nanum", "Malgun", "CJKkr", "CJK KR")),
    ("zh-Hans", ("WenQuanYi", "YaHei", "SimSun", "CJKsc", "CJK SC")),
    ("vi", ("NotoSans-", "DejaVu", "Segoe", "Arial")),
    ("ne", ("Devanagari", "Nirmala")),
    ("my", ("Myanmar", "mmrtext")),
])
def test_each_script_gets_its_font(tennyu, form_text, tmp_path, code, family) -> None:  # noqa: ANN001
    visit, forms = tennyu
    path = render_reading_aid(visit, forms, code, tmp_path / f"aid_{code}.pdf", form_text)
    fonts = fonts_of(path)
    assert any(any(f in name for f in family) for name in fonts), fonts
    assert any("BIZ" in name or "IPA" in name for name in fonts), fonts  # Japanese values
    assert "Helvetica" not in fonts  # nothing falls back to an unembedded base font


def test_unknown_language_is_refused(tennyu, tmp_path) -> None:  # noqa: ANN001
    from tome_window.services.pdf.fonts import PdfError

    visit, forms = tennyu
    with pytest.raises(PdfError):
        render_reading_aid(visit, forms, "xx", tmp_path / "aid.pdf", None)
