"""`tome-window translate` in the three forms staff use, and the proof that it needs no network:
the same commands in a process whose network namespace has no interface at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tome_window.cli.main import main

REPO = Path(__file__).resolve().parents[2]
KO = "안녕하세요."


def _install_all(packages) -> None:  # noqa: ANN001
    files = [str(p) for p in packages.values()]
    assert main(["translate", "install-model", *files]) == 0


def test_install_list_translate(packages, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                isolated_data_dir: Path) -> None:
    _install_all(packages)
    out = capsys.readouterr().out
    assert out.count("導入しました") == 4

    assert main(["translate", "languages", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"from": "ja", "to": "ko", "via": ["en"]} in data["pairs"]
    assert {"from": "ja", "to": "en", "via": []} in data["pairs"]
    assert data["free_text_languages"] == ["en", "ko"]
    assert data["models_dir"] == str(isolated_data_dir / "translation-models")
    assert data["problems"] == []

    assert main(["translate", "languages"]) == 0
    assert "ja → ko (en 経由)" in capsys.readouterr().out

    assert main(["translate", "--from", "ja", "--to", "ko", "住民票をください。"]) == 0
    assert capsys.readouterr().out == KO + "\n"
    # Reserved words are text once --from/--to are given.
    assert main(["translate", "--from", "ja", "--to", "en", "languages"]) == 0
    assert capsys.readouterr().out == "Hello.\n"
    assert main(["translate", "--from", "zh-Hans", "--to", "ja", "你好"]) == 1
    assert "指さし" in capsys.readouterr().err


def test_errors_are_messages_not_tracebacks(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    assert main(["translate", "install-model", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "ZIP 形式" in err and "Traceback" not in err
    assert main(["translate", "install-model", str(bad), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["code"] == "broken_model"
    assert main(["translate", "--from", "ja", "--to", "en", "はい"]) == 1
    assert "翻訳はありません" in capsys.readouterr().err
    assert main(["translate"]) == 2
    assert main(["translate", "install-model"]) == 2


def _unshare_works() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -rn is not permitted here: {probe.stderr.strip()}"
    return None


PROBE = """
import json, sys
from tome_window.cli.main import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules
                if m.split(".")[0] in ("PySide6", "minisbd", "onnxruntime", "spacy", "stanza",
                                       "torch", "requests", "urllib3")
                or m in ("argostranslate.settings", "argostranslate.sbd",
                         "argostranslate.translate", "argostranslate.networking"))
sys.stderr.write("MODULES " + json.dumps(loaded) + "\\n")
sys.exit(code)
"""


def _offline(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["unshare", "-rn", sys.executable, "-c", PROBE, *args],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=60,
                          stdin=subprocess.DEVNULL)


def test_everything_works_with_the_network_cut(packages, isolated_data_dir: Path,  # noqa: ANN001
                                               tmp_path: Path) -> None:
    reason = _unshare_works()
    if reason:
        pytest.skip(reason)
    home = tmp_path / "home"  # a fresh home: proves nothing is written to argos' folders there
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "",
           "XDG_CACHE_HOME": ""}
    env = {k: v for k, v in env.items() if v != "" or not k.startswith("XDG_")}
    files = [str(p) for p in packages.values()]
    runs = [
        ["translate", "install-model", *files],
        ["translate", "languages", "--json"],
        ["translate", "--from", "ja", "--to", "ko", "住民票をください。転入はどこですか？"],
    ]
    results = [_offline(args, env) for args in runs]
    for result in results:
        assert result.returncode == 0, result.stderr
        modules = [ln for ln in result.stderr.splitlines() if ln.startswith("MODULES ")]
        assert modules and json.loads(modules[0][len("MODULES "):]) == [], result.stderr
    assert {"from": "ja", "to": "ko", "via": ["en"]} in json.loads(results[1].stdout)["pairs"]
    assert results[2].stdout == f"{KO} {KO}\n"
    assert not (home / ".local").exists() and not (home / ".config" / "argos-translate").exists()
    assert (isolated_data_dir / "translation-models" / "translate-ja_en").is_dir()
