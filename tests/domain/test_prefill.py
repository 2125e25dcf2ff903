"""One input, many forms: each fact is asked once and lands in every form that uses it."""

import datetime as dt

import pytest

from tome_window.domain.prefill import Prefiller
from tome_window.domain.resident import Resident
from tome_window.domain.visit import Visit


class FakeLookups:
    def __init__(self) -> None:
        self.postal = {"987-0511": "宮城県登米市迫町佐沼"}

    def furigana(self, text: str) -> str | None:
        return {"登米　太郎": "トメ　タロウ"}.get(text)

    def postal_address(self, code: str) -> str | None:
        return self.postal.get(code)

    def postal_exists(self, code: str) -> bool:
        return code in self.postal


RESIDENT = Resident(name="登米　太郎", address="宮城県仙台市青葉区国分町三丁目7番1号",
                    birth_date=dt.date(1985, 4, 12), sex="1", source="card")


@pytest.fixture
def prefiller(catalog):  # noqa: ANN001, ANN201
    return Prefiller(catalog, FakeLookups())


def visit(**kw) -> Visit:  # noqa: ANN003
    return Visit(id="v1", date=dt.date(2026, 11, 22), branch="本庁舎", office="登米市役所", staff="s", **kw)


def test_tennyu_expands_by_answers(prefiller: Prefiller) -> None:
    v = visit(event_id="tennyu")
    prefiller.answer(v, "children_count", 2)
    prefiller.answer(v, "employer_insurance", False)
    ids = [p.id for p, _ in prefiller.bundle(v)]
    assert ids[0] == "juumin_idou"
    assert {"jidou_teate", "kokuho_shikaku"} <= set(ids)
    prefiller.answer(v, "children_count", 0)
    prefiller.answer(v, "employer_insurance", True)
    ids = [p.id for p, _ in prefiller.bundle(v)]
    assert "jidou_teate" not in ids and "kokuho_shikaku" not in ids


def test_a_fact_typed_once_reaches_every_form(prefiller: Prefiller) -> None:
    v = visit(event_id="tennyu", procedure_ids=["juminhyo_koufu"])
    prefiller.answer(v, "children_count", 1)
    v.set_resident(RESIDENT)
    prefiller.answer(v, "phone", "0220-22-2111")
    forms = prefiller.forms(v)
    phones = [fs for f in forms for fs in f.fields if fs.key == "phone"]
    names = [fs for f in forms for fs in f.fields if fs.key == "resident.name"]
    assert len({fs.procedure_id for fs in phones}) >= 3
    assert all(fs.value == "0220-22-2111" and fs.origin == "answer" for fs in phones)
    assert len(forms) >= 4 and len(names) >= 3
    assert all(fs.value == "登米　太郎" for fs in names)
    for form in forms:  # typed once (from the card), the name is on every form of the visit
        assert any(fs.value == "登米　太郎" for fs in form.fields), form.procedure.id
    asked = [q.key for q in prefiller.questions(v)]
    assert asked.count("phone") == 1


def test_suggestions_never_overwrite_people(prefiller: Prefiller) -> None:
    v = visit(procedure_ids=["juumin_idou"])
    v.set_resident(RESIDENT)
    prefiller.answer(v, "new_postal_code", "987-0511")
    prefiller.prefill(v)
    assert v.facts["new_address"].value == "宮城県登米市迫町佐沼"
    assert v.facts["new_address"].origin == "suggestion"  # town only: never final as it is
    assert v.facts["resident.name_kana"].origin == "suggestion"
    address = [fs for form in prefiller.forms(v) for fs in form.fields if fs.key == "new_address"]
    assert address and all(fs.doubtful for fs in address)
    prefiller.answer(v, "new_address", "宮城県登米市迫町佐沼字中江二丁目6番地1")
    prefiller.answer(v, "new_postal_code", "987-0511")
    prefiller.prefill(v)
    assert v.facts["new_address"].value.endswith("6番地1")


def test_suggestion_follows_its_source_until_confirmed(prefiller: Prefiller) -> None:
    prefiller.lookups.postal["987-0702"] = "宮城県登米市登米町寺池"
    v = visit(procedure_ids=["juumin_idou"])
    prefiller.answer(v, "new_postal_code", "987-0511")
    prefiller.prefill(v)
    prefiller.answer(v, "new_postal_code", "987-0702")
    prefiller.prefill(v)
    assert v.facts["new_address"].value == "宮城県登米市登米町寺池"


def test_missing_and_doubtful_are_marked(prefiller: Prefiller) -> None:
    v = visit(procedure_ids=["juminhyo_koufu"])
    v.set_resident(RESIDENT)
    prefiller.answer(v, "juminhyo_koufu.purpose", "other")
    form = prefiller.forms(v)[0]
    missing = {fs.field.id for fs in form.missing}
    assert {"phone", "kind", "purpose_detail"} <= missing
    kana = next(fs for fs in form.fields if fs.key == "resident.name_kana")
    assert kana.suggestion and kana.doubtful
    error = prefiller.answer(v, "phone", "12")
    assert error and "10〜11桁" in error
    phone = next(fs for fs in prefiller.forms(v)[0].fields if fs.key == "phone")
    assert phone.doubtful and not phone.missing


def test_relevance_hides_fields(prefiller: Prefiller) -> None:
    v = visit(procedure_ids=["juminhyo_koufu"])
    prefiller.answer(v, "applicant_relation", "proxy")
    ids = {fs.field.id for fs in prefiller.forms(v)[0].fields}
    assert "with_my_number" not in ids and "purpose_detail" not in ids


def test_my_number_only_when_a_procedure_needs_it(prefiller: Prefiller) -> None:
    v = visit(procedure_ids=["juminhyo_koufu"])
    assert not prefiller.needs_my_number(v)
    v.procedure_ids.append("jidou_teate")
    assert prefiller.needs_my_number(v)


def test_payload_round_trip(prefiller: Prefiller) -> None:
    v = visit(event_id="tennyu")
    v.set_resident(RESIDENT)
    prefiller.answer(v, "moving_date", "R8.11.20")
    back = Visit.from_payload("v1", branch="本庁舎", staff="s", status="open", event_id="tennyu",
                              procedure_ids=[], payload=v.to_payload())
    assert back.values() == v.values()
    assert back.facts["moving_date"].value == "2026-11-20"


def test_moving_in_prints_the_new_address_not_the_cards(prefiller: Prefiller) -> None:
    v = visit(event_id="tennyu")
    prefiller.answer(v, "children_count", 1)
    prefiller.answer(v, "moving_kind", "tennyu")
    v.set_resident(RESIDENT)
    new = "宮城県登米市迫町佐沼字中江二丁目6番地1"
    prefiller.answer(v, "new_address", new)
    forms = {f.procedure.id: f for f in prefiller.forms(v)}
    teate = [fs for fs in forms["jidou_teate"].fields if fs.key == "current_address"]
    assert teate and teate[0].value == new
    idou = {fs.key: fs.value for fs in forms["juumin_idou"].fields}
    assert idou["previous_address"] == RESIDENT.address  # the card's address stays the old one


def test_moving_out_keeps_the_current_address(prefiller: Prefiller) -> None:
    v = visit(event_id="tenshutsu")
    prefiller.answer(v, "kokuho_member", True)
    prefiller.answer(v, "moving_kind", "tenshutsu")
    v.set_resident(RESIDENT)
    prefiller.answer(v, "new_address", "東京都千代田区千代田1番1号")
    prefiller.prefill(v)
    assert v.value("current_address") == RESIDENT.address


def test_expression_prefill_names_are_checked_at_load(tmp_path) -> None:  # noqa: ANN001
    import shutil

    from tests.conftest import REPO
    from tome_window.services.forms_loader import load_catalog

    shutil.copytree(REPO / "forms", tmp_path / "forms")
    facts = tmp_path / "forms" / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace("and new_address else", "and nwe_address else"),
                     encoding="utf-8")
    problems = [p.message_ja for p in load_catalog(tmp_path / "forms").problems]
    assert any("questions.current_address.prefill" in p and "nwe_address" in p for p in problems)


def test_the_event_presets_what_it_already_says(prefiller: Prefiller) -> None:
    v = visit(event_id="tennyu")
    v.set_resident(RESIDENT)
    forms = prefiller.forms(v)
    kind = next(fs for form in forms for fs in form.fields if fs.key == "moving_kind")
    assert kind.value == "tennyu" and kind.origin == "prefill" and not kind.doubtful
    prefiller.answer(v, "moving_kind", "tenkyo")  # a person's answer still wins
    prefiller.prefill(v)
    assert v.facts["moving_kind"].value == "tenkyo" and v.facts["moving_kind"].origin == "answer"


def test_a_preset_naming_nothing_is_refused_at_load(prefiller: Prefiller) -> None:
    from tome_window.domain.catalog import check_event
    from tome_window.domain.definitions import EventDef

    event = EventDef.model_validate({"id": "x", "title": "試験", "procedures": [{"procedure": "juumin_idou"}],
                                     "presets": {"moving_kind": "abroad", "no_such": True}})
    problems = check_event(event, prefiller.catalog, "x.yaml")
    assert [p.field for p in problems] == ["presets.moving_kind", "presets.no_such"]
