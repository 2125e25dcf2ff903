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
