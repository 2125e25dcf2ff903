"""A validation problem found on a form can be shown in the resident's language."""

import datetime as dt

from tome_window.domain.prefill import NoLookups, Prefiller
from tome_window.domain.visit import Visit
from tome_window.services.form_text import FormText


def test_phone_problem_in_english_and_japanese(catalog) -> None:  # noqa: ANN001
    prefiller = Prefiller(catalog, NoLookups())
    visit = Visit(id="v", date=dt.date(2026, 11, 22), branch="本庁舎", office="登米市役所",
                  staff="s", procedure_ids=["juminhyo_koufu"])
    prefiller.answer(visit, "phone", "12")
    phone = next(fs for fs in prefiller.forms(visit)[0].fields if fs.key == "phone")
    assert phone.problem is not None and phone.problem.code == "phone_format"
    texts = FormText.load(catalog=catalog)
    english = texts.problem_text("en", phone.problem)
    assert english and english != phone.error and "phone" in english.lower()
    assert texts.problem_text("ja", phone.problem) is None  # Japanese: the message itself
