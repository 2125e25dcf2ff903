import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tome_window.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def test_version_through_the_console_script() -> None:
    exe = Path(sys.executable).with_name("tome-window")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip().startswith("tome-window 0.")


def test_forms_list_json_shape(capsys) -> None:  # noqa: ANN001
    assert main(["forms", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    procs = {p["id"]: p for p in data["procedures"]}
    assert {"juumin_idou", "juminhyo_koufu", "inkan_touroku", "inkan_shoumei", "koseki_shoumei",
            "shotoku_shoumei", "kokuho_shikaku", "jidou_teate"} <= set(procs)
    assert all(set(p) == {"id", "title", "version"} for p in data["procedures"])
    events = {e["id"]: e for e in data["events"]}
    assert {"tennyu", "tenshutsu", "tenkyo", "shussei", "konin", "okuyami"} <= set(events)
    assert "juumin_idou" in events["tennyu"]["procedures"]
    assert set(events["tennyu"]) == {"id", "title", "procedures"}


def test_validate_bundled_forms_is_clean(capsys) -> None:  # noqa: ANN001
    assert main(["forms", "validate"]) == 0


def test_validate_reports_file_field_reason(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    forms = tmp_path / "forms"
    shutil.copytree(REPO / "forms", forms)
    bad = forms / "procedures" / "juminhyo_koufu.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type: phone", "type: telephone", 1),
                   encoding="utf-8")
    broken = forms / "procedures" / "broken.yaml"
    broken.write_text("id: broken\nfields: [\n", encoding="utf-8")
    assert main(["forms", "validate", str(bad), str(broken)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith(f"{bad}: fields.phone.type: 使えない値です") for line in lines), lines
    assert any(line.startswith(f"{broken}: ") and "YAML" in line for line in lines), lines
    assert len(lines) == 2
    assert main(["forms", "validate", str(forms / "procedures" / "juumin_idou.yaml")]) == 0


def test_gui_without_a_display_says_so(monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux desktops")
    assert main([]) == 2
    assert "ディスプレイ" in capsys.readouterr().err


def _validate_cli(*paths: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("tome-window")
    return subprocess.run([str(exe), "forms", "validate", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_validate_reads_a_file_outside_any_forms_tree(tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("id: Bad\nversion: x\ntitle: t\nneeds_my_number: maybe\nbogus: 1\n"
                   "fields:\n  - id: a\n    type: text\n    label: A\n"
                   "    place: {x: 1, y: 1, w: 10, h: 5}\n", encoding="utf-8")
    out = _validate_cli(bad)
    assert out.returncode == 1, out
    lines = out.stdout.strip().splitlines()
    assert f"{bad}: id: IDは半角英小文字・数字・_ で、英字から始めてください" in lines, lines
    assert f"{bad}: version: 整数を書いてください" in lines, lines
    assert f"{bad}: needs_my_number: true か false を書いてください" in lines, lines
    assert f"{bad}: bogus: 定義にない項目です(綴りを確認してください)" in lines, lines
    assert "問題はありません" not in out.stderr


def test_validate_outside_file_checks_references_and_kinds(tmp_path: Path) -> None:
    event = tmp_path / "my_event.yaml"
    event.write_text("id: my_event\ntitle: 私の手続\nprocedures:\n  - procedure: no_such_thing\n",
                     encoding="utf-8")
    good = tmp_path / "copy.yaml"
    shutil.copy(REPO / "forms" / "procedures" / "juminhyo_koufu.yaml", good)
    (tmp_path / "shared").mkdir()  # a facts.yaml makes its folder a forms tree of its own
    facts = tmp_path / "shared" / "facts.yaml"
    facts.write_text("questions:\n  - id: q\n    type: text\n    label: Q\n    extra: 1\n",
                     encoding="utf-8")
    neither = tmp_path / "neither.yaml"
    neither.write_text("title: x\n", encoding="utf-8")
    out = _validate_cli(event, good, facts, neither)
    assert out.returncode == 1, out
    lines = out.stdout.strip().splitlines()
    assert lines == [
        f"{event}: procedures[0]: 手続 no_such_thing がありません",
        f"{facts}: questions.q.extra: 定義にない項目です(綴りを確認してください)",
        f"{neither}: -: 手続・ライフイベント・共通質問のどの定義か判別できません"
        "(fields / procedures / questions のいずれかを書いてください)",
    ], lines
    assert _validate_cli(good).returncode == 0


def test_validate_missing_file_says_so_in_japanese(tmp_path: Path) -> None:
    out = _validate_cli(tmp_path / "nope.yaml")
    assert out.returncode == 1
    assert out.stdout.strip() == f"{tmp_path / 'nope.yaml'}: -: ファイルが見つかりません(パスを確認してください)"
    assert "Traceback" not in out.stderr


def test_reasons_are_japanese_for_common_pydantic_codes() -> None:
    from pydantic import ValidationError

    from tome_window.domain.definitions import ProcedureDef
    from tome_window.services.pydantic_ja import reason_ja

    try:
        ProcedureDef.model_validate({"id": "A", "version": 1.5, "needs_my_number": [1],
                                     "fields": "x", "other": 1, "date_style": "ad"})
    except ValidationError as exc:
        errors = exc.errors()
    else:  # pragma: no cover
        raise AssertionError("should not validate")
    kinds = {err["type"] for err in errors}
    assert {"string_pattern_mismatch", "int_from_float", "bool_type", "extra_forbidden",
            "literal_error"} <= kinds, kinds
    for err in errors:
        reason = reason_ja(err)
        assert reason and reason != err["msg"], err
        assert not any(en in reason for en in ("Input should", "Field required", "Extra inputs",
                                                "String should")), (err, reason)
    assert reason_ja({"type": "something_new", "msg": "Input should be x"}) == "値が正しくありません"


@pytest.mark.parametrize(("change", "phrase"), [
    ({"persons": "movng and age < 18"}, "rows.people.persons: 条件式に未定義の名前があります: movng"),
    ({"fields": [{"id": "name", "type": "text", "label": "氏名", "person": "name", "x": 15, "w": 60,
                  "h": 12}]}, "rows.people: name: 高さ(dy+h)が行の間隔"),
    ({"fields": [{"id": "name", "type": "date", "label": "氏名", "person": "name", "x": 15, "w": 60,
                  "h": 8}]}, "型 date が人の項目 name の型 text と違います"),
    ({"count": 40}, "rows.people"),
])
def test_forms_validate_names_a_bad_row_block(tmp_path: Path, capsys, change: dict,  # noqa: ANN001
                                              phrase: str) -> None:
    import yaml

    block = {"id": "people", "label": "対象の方", "persons": "moving", "y": 60, "pitch": 10, "count": 2,
             "fields": [{"id": "name", "type": "text", "label": "氏名", "person": "name", "x": 15,
                         "w": 60, "h": 8}]}
    block.update(change)
    definition = {"id": "demo", "version": 1, "title": "試験の届", "rows": [block],
                  "fields": [{"id": "a", "type": "text", "label": "A",
                              "place": {"x": 15, "y": 30, "w": 50, "h": 8}}]}
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")
    assert main(["forms", "validate", str(path)]) == 1
    out = capsys.readouterr()
    assert phrase in out.out + out.err
