"""Curated form translations: complete, consistent with the Japanese, and safe to load.

Every language folder under translations/forms/ is checked, including ones added later, so
that a resident never meets a half-translated form or a message that cannot be filled in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tome_window.domain.catalog import Catalog
from tome_window.domain.definitions import Choice, FieldType, QuestionDef, Validation
from tome_window.domain.languages import BY_CODE
from tome_window.domain.validation import MESSAGES_JA, check, placeholders, render
from tome_window.services.form_text import FormText, default_text_dir
from tome_window.services.forms_loader import load_catalog

ROOT = default_text_dir()
LANGS = sorted(p.name for p in ROOT.iterdir()
               if p.is_dir() and p.name in BY_CODE and p.name != "ja") if ROOT.is_dir() else []
SAMPLE = {"n": 40, "now": 45, "era": "令和", "date": "R8.2.30", "text": "abc", "code": "987-0000"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_catalog()
    assert not loaded.problems
    return loaded


@pytest.fixture(scope="module")
def text(catalog: Catalog) -> FormText:
    return FormText.load(catalog=catalog)


def test_language_folders_are_known_codes(text: FormText) -> None:
    assert "en" in LANGS
    assert not [p for p in text.problems if p.field == "-" and "unknown language" in p.message_en]


@pytest.mark.parametrize("lang", LANGS)
def test_files_load_without_problems(text: FormText, lang: str) -> None:
    folder = str(ROOT / lang)
    assert [p.message_en for p in text.problems if p.file.startswith(folder)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_japanese_key_is_translated(text: FormText, catalog: Catalog, lang: str) -> None:
    assert text.completeness(lang, catalog) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_keys_the_japanese_lacks(text: FormText, catalog: Catalog, lang: str) -> None:
    assert text.unknown_keys(lang, catalog) == []


@pytest.mark.parametrize("lang", LANGS)
def test_message_placeholders_match_japanese(text: FormText, lang: str) -> None:
    assert text.placeholder_mismatches(lang) == []
    for code, template in MESSAGES_JA.items():
        params = {name: SAMPLE[name] for name in placeholders(template)}
        rendered = text.message(lang, code, **params)
        assert rendered is not None and "{" not in rendered, code


@pytest.mark.parametrize("lang", LANGS)
def test_bring_lists_match_japanese(text: FormText, catalog: Catalog, lang: str) -> None:
    for proc in catalog.procedures.values():
        if proc.bring:
            items = text.bring(lang, proc.id)
            assert items is not None and len(items) == len(proc.bring), proc.id


def test_japanese_and_missing_languages_answer_none(text: FormText) -> None:
    assert text.procedure_title("en", "juminhyo_koufu")
    for lang in ("ja", "xx"):
        assert text.procedure_title(lang, "juminhyo_koufu") is None
        assert text.bring(lang, "juminhyo_koufu") is None
        assert text.field_label(lang, "juminhyo_koufu", "kind") is None
        assert text.choice(lang, "juminhyo_koufu", "kind", "removed") is None
        assert text.question_label(lang, "phone") is None
        assert text.event_reason(lang, "tennyu", "juumin_idou") is None
        assert text.message(lang, "number") is None
    assert FormText.load(Path("/nonexistent/forms")).procedure_title("en", "juminhyo_koufu") is None


def test_unknown_ids_answer_none(text: FormText) -> None:
    assert text.field_label("en", "juminhyo_koufu", "no_such_field") is None
    assert text.choice("en", "juminhyo_koufu", "kind", "no_such_value") is None
    assert text.event_title("en", "no_such_event") is None
    assert text.message("en", "no_such_code") is None
    assert text.message("en", "max_length", n=40) is None  # a missing parameter shows Japanese


def _write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def test_broken_files_are_reported_and_the_rest_loads(tmp_path: Path, catalog: Catalog) -> None:
    _write(tmp_path / "en" / "facts.yaml", "questions: {phone: {label: [oops\n")
    _write(tmp_path / "en" / "messages.yaml", "messages:\n  number: ''\n  choice: Pick one.\n")
    _write(tmp_path / "en" / "procedures" / "juminhyo_koufu.yaml",
           "title: Residence\nfields:\n  kind:\n    label: What\n    colour: red\n"
           "  copies: just text\n")
    _write(tmp_path / "en" / "events.yaml", "- not a mapping\n")
    _write(tmp_path / "klingon" / "facts.yaml", "questions: {}\n")
    text = FormText.load(tmp_path, catalog)
    found = {(Path(p.file).name, p.field) for p in text.problems}
    assert any(name == "facts.yaml" and key.endswith("行目") for name, key in found)
    assert ("messages.yaml", "messages.number") in found
    assert ("juminhyo_koufu.yaml", "fields.kind.colour") in found
    assert ("juminhyo_koufu.yaml", "fields.copies") in found
    assert ("events.yaml", "-") in found
    assert ("klingon", "-") in found
    assert all(str(p).count(": ") >= 2 for p in text.problems)  # FILE: KEY: reason
    assert text.procedure_title("en", "juminhyo_koufu") == "Residence"
    assert text.field_label("en", "juminhyo_koufu", "kind") == "What"
    assert text.message("en", "choice") == "Pick one."
    assert text.message("en", "number") is None
    assert text.question_label("en", "phone") is None
    assert text.event_title("en", "tennyu") is None
    assert "messages.yaml: messages.number" in text.completeness("en", catalog)


def test_field_label_falls_back_to_shared_question(tmp_path: Path, catalog: Catalog) -> None:
    _write(tmp_path / "en" / "facts.yaml",
           "questions:\n  phone: {label: Phone, help: We may call.}\n"
           "  applicant_relation: {label: Who, choices: {self: Me}}\n")
    _write(tmp_path / "en" / "procedures" / "juminhyo_koufu.yaml", "title: Residence\n")
    text = FormText.load(tmp_path, catalog)
    assert text.field_label("en", "juminhyo_koufu", "phone") == "Phone"
    assert text.field_help("en", "juminhyo_koufu", "phone") == "We may call."
    assert text.choice("en", "juminhyo_koufu", "applicant_relation", "self") == "Me"
    assert text.field_label("en", "juminhyo_koufu", "kind") is None  # form-only field
    assert text.bring("en", "juminhyo_koufu") is None


def test_row_blocks_have_their_own_texts(tmp_path: Path, catalog: Catalog) -> None:
    """A row block's label and its columns are translated apart from the form's fields: a
    column `name` is not the form field `name`, and a missing or stray row text is named."""
    _write(tmp_path / "en" / "procedures" / "juumin_idou.yaml",
           "fields:\n  notify_date: {label: Date of notification}\n"
           "rows:\n  movers:\n    label: Persons moving\n    fields:\n"
           "      name: {label: Name}\n      sex: {label: Sex, choices: {'1': Male}}\n"
           "      height: {label: Height}\n"
           "  pets: {label: Pets}\n")
    text = FormText.load(tmp_path, catalog)
    assert text.row_label("en", "juumin_idou", "movers") == "Persons moving"
    assert text.row_field_label("en", "juumin_idou", "movers", "name") == "Name"
    assert text.row_choice("en", "juumin_idou", "movers", "sex", "1") == "Male"
    assert text.row_field_label("en", "juumin_idou", "foreigners", "name") is None
    assert text.row_field_label("ja", "juumin_idou", "movers", "name") is None
    assert text.field_label("en", "juumin_idou", "name") is None  # not the column's text
    missing = text.completeness("en", catalog)
    assert "procedures/juumin_idou.yaml: rows.movers.fields.sex.choices.2" in missing
    assert "procedures/juumin_idou.yaml: rows.movers.fields.name_kana.label" in missing
    assert "procedures/juumin_idou.yaml: rows.foreigners.label" in missing
    assert "procedures/juumin_idou.yaml: rows.movers.label" not in missing
    unknown = text.unknown_keys("en", catalog)
    assert "procedures/juumin_idou.yaml: rows.movers.fields.height" in unknown
    assert "procedures/juumin_idou.yaml: rows.pets" in unknown


def test_bring_of_another_length_is_not_shown(tmp_path: Path, catalog: Catalog) -> None:
    _write(tmp_path / "en" / "procedures" / "juminhyo_koufu.yaml", "bring: [only one]\n")
    text = FormText.load(tmp_path, catalog)
    assert text.bring("en", "juminhyo_koufu") is None
    assert any("bring (1 items" in m for m in text.completeness("en", catalog))


def q(kind: str, **kw: object) -> QuestionDef:
    return QuestionDef(id="x", type=FieldType(kind), label="X", **kw)  # type: ignore[arg-type]


CASES = [
    (q("text", validation=Validation(min_length=3)), "ab", "min_length"),
    (q("text", validation=Validation(max_length=3)), "abcd", "max_length"),
    (q("text", validation=Validation(pattern=r"\d+")), "ab", "pattern"),
    (q("kana"), "登米", "kana"),
    (q("date"), "R0.1.1", "date_year_zero"),
    (q("date"), "H31.5.1", "date_outside_era"),
    (q("date"), "someday", "date_unreadable"),
    (q("date"), "2026-02-30", "date_impossible"),
    (q("date", validation=Validation(not_future=True)), "2099-01-01", "date_future"),
    (q("postal_code"), "98705", "postal_format"),
    (q("phone"), "12345", "phone_format"),
    (q("choice", choices=(Choice(value="a", label="あ"),)), "b", "choice"),
    (q("number"), "three", "number"),
    (q("number", validation=Validation(min=1)), "0", "number_min"),
    (q("number", validation=Validation(max=20)), "21", "number_max"),
    (q("address"), "登米", "address_short"),
]


@pytest.mark.parametrize(("defn", "raw", "code"), CASES, ids=[c[2] for c in CASES])
def test_checked_carries_code_and_params(text: FormText, defn: QuestionDef, raw: str,
                                         code: str) -> None:
    checked = check(defn, raw, today=dt.date(2026, 11, 22))
    assert checked.code == code
    assert render(MESSAGES_JA[code], checked.params) == checked.error
    assert set(checked.params) == placeholders(MESSAGES_JA[code])
    assert text.problem_text("en", checked)
    assert text.problem_text("ja", checked) is None


def test_postal_and_my_number_codes(text: FormText) -> None:
    unknown = check(q("postal_code"), "999-9999", postal_exists=lambda code: False)
    assert (unknown.code, dict(unknown.params)) == ("postal_unknown", {"code": "999-9999"})
    assert text.problem_text("en", unknown) == (
        "The postal code 999-9999 does not exist. Please check the number.")
    number = QuestionDef.model_validate({"id": "n", "type": "text", "label": "番号"})
    field = number.model_copy(update={"fact": "resident.my_number"})
    assert check(field, "1234").code == "my_number_length"
    assert check(field, "123456789012").code == "my_number_check_digit"
    assert check(q("text"), "ok").code is None


def test_field_pattern_message_stays_japanese_with_generic_code() -> None:
    d = q("text", validation=Validation(pattern=r"\d+", pattern_message="数字だけ"))
    checked = check(d, "ab")
    assert (checked.error, checked.code) == ("数字だけ", "pattern")
