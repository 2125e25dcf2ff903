"""`tome-window fill` makes real PDFs and records the visit exactly as the GUI does."""

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tome_window.cli.main import main
from tome_window.services.storage import open_store

DATA = Path(__file__).resolve().parents[1] / "data"


def fill(capsys, *args: str) -> tuple[int, dict]:  # noqa: ANN001
    code = main(["fill", *args, "--json", "--allow-incomplete"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_tennyu_bundle(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, data = fill(capsys, "--event", "tennyu", "--resident", str(DATA / "resident_tennyu.json"),
                      "--answers", str(DATA / "answers_tennyu.json"), "--out", str(tmp_path))
    assert code == 0
    names = [Path(f).name for f in data["files"]]
    assert names[0] == "01_juumin_idou.pdf"
    assert any("jidou_teate" in n for n in names) and any("kokuho_shikaku" in n for n in names)
    for f in data["files"]:
        assert PdfReader(f).pages, f
        assert Path(f).stat().st_mode & 0o077 == 0, f  # personal data: the owner's alone
    fields = data["fields"]
    assert fields["total"] >= fields["prefilled"] + fields["answered"]
    assert fields["prefilled"] > fields["answered"] > 0
    assert all(ref.count(".") == 1 for ref in fields["missing_required"])
    # recorded like a GUI visit: findable, exportable, audited without personal values
    store = open_store()
    row, payload = store.load_visit(data["visit_id"])
    assert row.status == "exported" and row.event_id == "tennyu"
    assert "juumin_idou" in row.procedure_ids
    assert payload["facts"]["resident.name"]["value"] == "登米　太郎"
    actions = [a.action for a in store.audit_log(visit_id=data["visit_id"])]
    assert actions[::-1] == ["visit_open", "visit_choose", "resident_file", "export"]
    for entry in store.audit_log(visit_id=data["visit_id"]):
        assert "登米" not in json.dumps(entry.detail, ensure_ascii=False)
    store.close()


def test_counts_follow_answers(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, data = fill(capsys, "--procedure", "juminhyo_koufu", "--resident",
                      str(DATA / "resident_tennyu.json"), "--out", str(tmp_path))
    assert code == 0 and data["fields"]["answered"] == 0
    assert "juminhyo_koufu.phone" in data["fields"]["missing_required"]
    assert "juminhyo_koufu.kind" in data["fields"]["missing_required"]


@pytest.mark.parametrize(("resident", "fragment"), [
    ({"name": "登米　太郎", "address": "宮城県登米市", "birth_date": "1985-02-30", "sex": "1"}, "正しい日付ではありません"),
    ({"name": "登米　太郎", "address": "宮城県登米市", "birth_date": "1985-02-01", "sex": "m"}, "性別"),
    ({"address": "宮城県登米市", "birth_date": "1985-02-01", "sex": "1"}, "氏名"),
    ("not an object", "オブジェクト"),
])
def test_bad_resident_file_is_named(tmp_path: Path, capsys, resident, fragment: str) -> None:  # noqa: ANN001
    path = tmp_path / "r.json"
    path.write_text(json.dumps(resident, ensure_ascii=False), encoding="utf-8")
    code, data = fill(capsys, "--procedure", "juminhyo_koufu", "--resident", str(path),
                      "--out", str(tmp_path / "out"))
    assert code == 1 and fragment in data["error"]
    assert not (tmp_path / "out").exists()


def test_broken_json_and_missing_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "r.json"
    path.write_text("{name: ", encoding="utf-8")
    code, data = fill(capsys, "--procedure", "juminhyo_koufu", "--resident", str(path), "--out", str(tmp_path))
    assert code == 1 and "JSON" in data["error"]
    code, data = fill(capsys, "--procedure", "juminhyo_koufu", "--resident", str(tmp_path / "none.json"),
                      "--out", str(tmp_path))
    assert code == 1 and "ありません" in data["error"]


def test_bad_answers_are_reported_not_fatal(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"moving_kind": "tennyu", "moving_date": "2026-02-30",
                                   "new_postal_code": "999-9999"}), encoding="utf-8")
    code, data = fill(capsys, "--procedure", "juumin_idou", "--resident", str(DATA / "resident_tennyu.json"),
                      "--answers", str(answers), "--out", str(tmp_path / "o"))
    assert code == 0  # --allow-incomplete: written, yet every problem is listed
    problems = {p["field"]: p["message"] for p in data["problems"]}
    assert "日付はありません" in problems["moving_date"]
    assert "存在しません" in problems["new_postal_code"]


def test_unknown_procedure(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, data = fill(capsys, "--procedure", "nope", "--resident", str(DATA / "resident_tennyu.json"),
                      "--out", str(tmp_path))
    assert code == 1 and "nope" in data["error"]


def test_visits_list_finds_a_filled_visit_without_personal_data(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, data = fill(capsys, "--event", "tennyu", "--resident", str(DATA / "resident_tennyu.json"),
                      "--answers", str(DATA / "answers_tennyu.json"), "--out", str(tmp_path))
    assert code == 0
    assert main(["visits", "list", "--json"]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out)
    assert rows[0]["id"] == data["visit_id"] and rows[0]["status"] == "exported"
    assert "登米" not in out.replace("登米市", "")  # branch names may say 登米市; residents never


def test_purge_removes_old_exports(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import datetime as dt

    from tome_window.services.visits import VisitService

    service = VisitService.open()
    old = service.settings.data_dir / "exports" / (dt.date.today() - dt.timedelta(days=400)).isoformat()
    fresh = service.settings.data_dir / "exports" / dt.date.today().isoformat()
    for d in (old, fresh):
        d.mkdir(parents=True)
        (d / "a.pdf").write_bytes(b"%PDF")
    service.purge_expired()
    assert not old.exists() and fresh.exists()
    service.store.close()


def _gate(capsys, tmp_path: Path, answers: dict, resident: dict | None = None,
          *extra: str) -> tuple[int, dict]:  # noqa: ANN001
    a = tmp_path / "a.json"
    a.write_text(json.dumps(answers), encoding="utf-8")
    r = tmp_path / "r.json"
    base = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    r.write_text(json.dumps(resident if resident is not None else base), encoding="utf-8")
    code = main(["fill", "--procedure", "juminhyo_koufu", "--resident", str(r), "--answers", str(a),
                 "--out", str(tmp_path / "o"), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


COMPLETE = {"juminhyo_koufu.kind": "household_all", "juminhyo_koufu.purpose": "work",
            "phone": "0220-22-2111", "applicant_relation": "self"}


def test_gate_refuses_an_incomplete_visit_with_exit_3(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    answers = dict(COMPLETE)
    del answers["phone"]
    code, data = _gate(capsys, tmp_path, answers)
    assert code == 3 and data["files"] == [] and data["complete"] is False
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())
    kinds = {(p["kind"], p["field"]) for p in data["problems"]}
    assert ("missing", "juminhyo_koufu.phone") in kinds
    assert ("doubtful", "juminhyo_koufu.applicant_kana") in kinds  # a furigana guess is not final
    code, data = _gate(capsys, tmp_path, answers, None, "--allow-incomplete")
    assert code == 0 and len(data["files"]) == 1


def test_gate_passes_a_complete_visit(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    resident["name_kana"] = "トメ　タロウ"
    code, data = _gate(capsys, tmp_path, COMPLETE, resident)
    assert (code, data["problems"], data["complete"]) == (0, [], True)
    assert len(data["files"]) == 1 and PdfReader(data["files"][0]).pages


def test_gate_names_gaiji(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    resident.update(name="\U00020BB7野　太郎", name_kana="ヨシノ　タロウ")
    code, data = _gate(capsys, tmp_path, COMPLETE, resident)
    gaiji = [p for p in data["problems"] if p["kind"] == "gaiji"]
    assert code == 3 and gaiji and all("U+20BB7" in p["message"] for p in gaiji)


def test_unknown_and_shadowed_answer_keys_are_reported(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    resident["name_kana"] = "トメ　タロウ"
    answers = dict(COMPLETE, no_such_question=1, **{"juminhyo_koufu.applicant_name": "別人　花子"})
    code, data = _gate(capsys, tmp_path, answers, resident)
    kinds = {p["field"]: p["kind"] for p in data["problems"]}
    assert code == 3
    assert kinds["no_such_question"] == "unknown_answer"
    assert kinds["juminhyo_koufu.applicant_name"] == "shared_fact_answer"


def test_gate_names_a_value_that_does_not_fit(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    resident = json.loads((DATA / "resident_tennyu.json").read_text(encoding="utf-8"))
    resident.update(name_kana="トメ　タロウ", address="宮城県登米市迫町佐沼字中江二丁目6番地1" * 12)
    code, data = _gate(capsys, tmp_path, COMPLETE, resident)
    cut = [p for p in data["problems"] if p["kind"] == "cut"]
    assert code == 3 and cut and all("収まりません" in p["message"] for p in cut)
    code, data = _gate(capsys, tmp_path, COMPLETE, resident, "--allow-incomplete")
    text = "".join(page.extract_text() for page in PdfReader(data["files"][0]).pages)
    assert code == 0 and "…" in text  # the cut shows on paper
