"""Installing .argosmodel files: good ones land in the program's folder, broken ones are refused
with a reason staff can act on, and nothing half-unpacked is left behind."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tome_window.services.translation import TranslationError
from tome_window.services.translation.store import pairs, scan


def _rezip(src: Path, dst: Path, rename=None, drop=(), add=None) -> Path:  # noqa: ANN001
    """A copy of a package with members renamed, dropped or added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            name = item.filename
            if any(name.endswith(d) for d in drop):
                continue
            zout.writestr(rename(name) if rename else name, zin.read(name))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_install_into_the_programs_own_folder(installed,  # noqa: ANN001
                                              isolated_data_dir: Path) -> None:
    root = isolated_data_dir / "translation-models"
    assert sorted(p.name for p in root.iterdir()) == [
        "translate-en_ja", "translate-en_ko", "translate-ja_en", "translate-ko_en"]
    assert not (Path.home() / ".local/share/argos-translate/packages/translate-ja_en").exists()


def test_reinstall_replaces_the_pair(service, packages) -> None:  # noqa: ANN001
    first = service.install(packages[("ja", "en")])
    second = service.install(packages[("ja", "en")])
    assert first.path == second.path
    assert [m.pair for m in service.installed()] == ["ja->en"]
    assert [p.name for p in service.models_dir.iterdir()] == ["translate-ja_en"]


def _broken(kind: str, good: Path, tmp: Path) -> Path:
    out = tmp / f"{kind}.argosmodel"
    if kind == "not_zip":
        out.write_bytes(b"this is not a zip")
    elif kind == "truncated":
        out.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "no_metadata":
        _rezip(good, out, drop=("metadata.json",))
    elif kind == "bad_metadata":
        _rezip(good, out, drop=("metadata.json",), add={"translate-ja_en-1_0/metadata.json": "{"})
    elif kind == "no_codes":
        _rezip(good, out, drop=("metadata.json",),
               add={"translate-ja_en-1_0/metadata.json": json.dumps({"type": "translate"})})
    elif kind == "two_tops":
        _rezip(good, out, add={"other/readme.txt": "x"})
    elif kind == "flat":
        _rezip(good, out, rename=lambda n: n.split("/", 1)[1] or "x/")
    elif kind == "no_model":
        _rezip(good, out, drop=("model.bin",))
    elif kind == "no_tokenizer":
        _rezip(good, out, drop=("sentencepiece.model",))
    elif kind == "garbage_weights":
        _rezip(good, out, drop=("model.bin",),
               add={"translate-ja_en-1_0/model/model.bin": b"\x00garbage" * 10})
    elif kind == "zip_slip":
        _rezip(good, out, add={"translate-ja_en-1_0/../../evil.txt": "x"})
    return out


@pytest.mark.parametrize(("kind", "reason"), [
    ("not_zip", "ZIP 形式"),
    ("truncated", "ZIP 形式"),
    ("no_metadata", "metadata.json がありません"),
    ("bad_metadata", "metadata.json を読めません"),
    ("no_codes", "from_code"),
    ("two_tops", "フォルダ構成が違います"),
    ("flat", "フォルダ構成が違います"),
    ("no_model", "model/model.bin"),
    ("no_tokenizer", "sentencepiece.model"),
    ("garbage_weights", "モデルを読み込めません"),
    ("zip_slip", "不正なパス"),
])
def test_broken_files_are_refused(service, packages, tmp_path: Path, kind: str,  # noqa: ANN001
                                  reason: str) -> None:
    bad = _broken(kind, packages[("ja", "en")], tmp_path)
    with pytest.raises(TranslationError) as info:
        service.install(bad)
    assert info.value.code == "broken_model"
    assert reason in info.value.message_ja
    assert bad.name in info.value.message_ja
    assert info.value.message_en.isascii() or kind == "zip_slip"
    root = service.models_dir  # nothing half-installed, no staging left
    assert not root.exists() or not any(root.iterdir())
    assert not (tmp_path.parent / "evil.txt").exists()


def test_missing_file(service, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(TranslationError) as info:
        service.install(tmp_path / "nowhere.argosmodel")
    assert info.value.code == "missing_file"


def test_a_broken_folder_does_not_hide_the_others(installed) -> None:  # noqa: ANN001
    (installed.models_dir / "translate-ko_en" / "metadata.json").unlink()
    models, problems = scan(installed.models_dir)
    assert sorted(m.pair for m in models) == ["en->ja", "en->ko", "ja->en"]
    assert len(problems) == 1 and "metadata.json" in problems[0].message_ja


def test_pairs_pivot_only_through_english(installed) -> None:  # noqa: ANN001
    found = {(p.src, p.dst): p.via for p in pairs(installed.installed())}
    assert found == {("ja", "en"): (), ("en", "ja"): (), ("en", "ko"): (), ("ko", "en"): (),
                     ("ja", "ko"): ("en",), ("ko", "ja"): ("en",)}
