"""`fill` with a household: the documented `household` list, checked person by person."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tome_window.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data"
RESIDENT = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
WIFE = {"name": "登米　花子", "name_kana": "トメ　ハナコ", "birth_date": "1987-06-01", "sex": "2",
        "relationship": "妻"}
CHILD = {"name": "登米　一郎", "birth_date": "2018-04-03", "sex": "1", "relationship": "子"}


def run(tmp_path: Path, capsys, household: object, *extra: str) -> tuple[int, dict]:  # noqa: ANN001
    resident = tmp_path / "resident.json"
    resident.write_text(json.dumps(dict(RESIDENT, household=household), ensure_ascii=False),
                        encoding="utf-8")
    code = main(["fill", "--procedure", "juminhyo_koufu", "--resident", str(resident),
                 "--out", str(tmp_path / "out"), "--json", "--allow-incomplete", *extra])
    return code, json.loads(capsys.readouterr().out)


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("household", "phrase"), [
    ([dict(CHILD, name=f"登米　{i}") for i in range(30)], "多すぎます(30人)"),
    ([dict(WIFE, relationship="世帯主"), dict(CHILD, relationship="世帯主")], "世帯主が2人"),
    ([dict(CHILD, birth_date="1970-01-01")], "1人目(登米　一郎): 子が届出人より年上"),
    ([dict(CHILD, newborn=True, birth_date=TOMORROW)], "世帯の1人目(登米　一郎): 生年月日(birth_date)が未来"),
    ([dict(WIFE, birth_date="1950-01-01", death_date="1940-01-01")], "死亡日(death_date)が生年月日より前"),
    ([WIFE, WIFE], "2人目(登米　花子): 1人目と同じ方"),
    ([WIFE, {"name": "登米　三郎"}], "世帯の2人目(登米　三郎): 続柄(relationship)がありません"),
    ({"name": "x"}, "household は [...] の形"),
])
def test_a_wrong_household_is_a_clear_message(tmp_path: Path, capsys, household: object,  # noqa: ANN001
                                              phrase: str) -> None:
    code, data = run(tmp_path, capsys, household)
    assert code == 1 and phrase in data["error"], data
    assert not (tmp_path / "out").exists()


def test_an_empty_household_is_the_resident_alone(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, data = run(tmp_path, capsys, [])
    assert code == 0
    assert data["forms"] == [{"procedure": "juminhyo_koufu", "resident": False, "persons": [],
                              "continuation_pages": 0}]


def _years_ago(years: int, days: int = 30) -> str:
    today = dt.date.today()
    return (today.replace(year=today.year - years) - dt.timedelta(days=days)).isoformat()


def family_fill(tmp_path: Path, capsys, event: str, household: list, answers: dict) -> dict:  # noqa: ANN001
    resident = tmp_path / "resident.json"
    resident.write_text(json.dumps(dict(RESIDENT, household=household), ensure_ascii=False),
                        encoding="utf-8")
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    code = main(["fill", "--event", event, "--resident", str(resident), "--answers", str(answers_file),
                 "--out", str(tmp_path / "out"), "--json", "--allow-incomplete"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0, data
    return data


def _pdf_text(data: dict, procedure: str) -> str:
    from pypdf import PdfReader

    path = next(f for f in data["files"] if procedure in Path(f).name)
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_family_tennyu_lists_every_person_once_on_every_form(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    answers = json.loads((DATA / "answers_tennyu.json").read_text(encoding="utf-8"))
    answers.pop("children_count")  # counted from the household
    kids = [dict(CHILD, birth_date=_years_ago(8)),
            {"name": "登米　二郎", "birth_date": _years_ago(3), "sex": "1", "relationship": "子"}]
    data = family_fill(tmp_path, capsys, "tennyu", [WIFE, *kids], answers)
    forms = {f["procedure"]: f for f in data["forms"]}
    assert forms["juumin_idou"]["resident"] and forms["juumin_idou"]["persons"] == [0, 1, 2]
    assert forms["kokuho_shikaku"]["resident"] and forms["kokuho_shikaku"]["persons"] == [0, 1, 2]
    assert forms["jidou_teate"]["persons"] == [1, 2] and not forms["jidou_teate"]["resident"]
    for procedure in ("juumin_idou", "kokuho_shikaku"):
        text = _pdf_text(data, procedure)
        for name in ("登米　太郎", "登米　花子", "登米　一郎", "登米　二郎"):
            assert name.replace("　", "") in text.replace("　", "").replace(" ", ""), (procedure, name)
    # nobody typed twice: the persons are rows, no form asks for them again as its own fields
    assert all(p["field"].count(".") in (1, 3) for p in data["problems"])
    row_problems = [p for p in data["problems"] if p["field"].count(".") == 3]
    assert row_problems and all(p["kind"] == "doubtful" and p["field"].endswith(".name_kana")
                                for p in row_problems)  # only the readings nobody gave


def test_birth_puts_the_newborn_on_the_forms_not_the_father(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    baby = {"name": "登米　三郎", "birth_date": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
            "sex": "1", "relationship": "子", "newborn": True, "moving": False}
    data = family_fill(tmp_path, capsys, "shussei", [WIFE, baby],
                       {"kokuho_member": True, "phone": "0220-22-2111", "applicant_relation": "self"})
    forms = {f["procedure"]: f for f in data["forms"]}
    assert forms["jidou_teate"]["persons"] == [1]
    assert forms["kokuho_shikaku"]["persons"] == [1] and not forms["kokuho_shikaku"]["resident"]


def test_okuyami_lists_the_deceased_never_the_resident(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    father = {"name": "登米　一郎", "birth_date": _years_ago(92), "sex": "1", "relationship": "父",
              "death_date": (dt.date.today() - dt.timedelta(days=5)).isoformat()}
    data = family_fill(tmp_path, capsys, "okuyami", [father],
                       {"kokuho_member": True, "phone": "0220-22-2111", "applicant_relation": "self"})
    forms = {f["procedure"]: f for f in data["forms"]}
    assert "kokuho_shikaku" not in forms  # 92: 後期高齢者医療, not 国保
    koki = forms["koki_koureisha"]
    assert koki["persons"] == [0] and not koki["resident"]
