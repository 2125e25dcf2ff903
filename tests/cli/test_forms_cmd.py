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
