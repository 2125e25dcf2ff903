"""Installed translation models: checked on the way in, listed, and combined into pairs.

Models come only from .argosmodel files that IT staff copy to the counter; they go into the
program's own data folder (`<data_dir>/translation-models`), never argos' folder in the
user's home, so that what a counter can translate is exactly what its data folder holds.
argos' own installer unzips anything into place and its listing fails as a whole on one
broken folder; here a file is checked before anything is written (one top-level folder,
metadata.json, model/model.bin, a tokenizer, no path leaving the folder), unpacked beside
the others, loaded once as proof, and only then moved into place, replacing the same pair.
A broken folder found later is reported on its own and the others stay usable.

Pairs are the installed models plus pivots through English (ja→en→ko), as argos chains
them; only English is used as the middle, because that is how the public models are made.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tome_window.services.translation import errors
from tome_window.services.translation.errors import TranslationError

log = logging.getLogger(__name__)

MODELS_SUBDIR = "translation-models"
PIVOT = "en"
TOKENIZERS = ("sentencepiece.model", "bpe.model")


@dataclass(frozen=True)
class ModelInfo:
    """One installed model folder, as its metadata.json describes it."""

    from_code: str
    to_code: str
    path: Path
    version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"


@dataclass(frozen=True)
class Pair:
    """A translation the counter can do: direct, or through the languages in `via`."""

    src: str
    dst: str
    via: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"from": self.src, "to": self.dst, "via": list(self.via)}


def models_dir(data_dir: Path) -> Path:
    return data_dir / MODELS_SUBDIR


def install_model(file: Path, target_dir: Path) -> ModelInfo:
    """Check, unpack, prove loadable and move into place; the old model of the pair is replaced."""
    file = Path(file)
    if not file.is_file():
        raise errors.missing_file(file)
    top, metadata = _check_archive(file)
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=target_dir))
    try:
        try:
            with zipfile.ZipFile(file) as zf:
                zf.extractall(staging)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise errors.broken_model(file, "ZIP の中身を取り出せません",
                                      f"cannot extract: {exc}") from exc
        unpacked = staging / top
        info = _read_info(unpacked, metadata)
        from tome_window.services.translation.engine import check_loadable

        check_loadable(info, shown_as=file)
        final = target_dir / f"translate-{info.from_code}_{info.to_code}"
        old = None
        if final.exists():
            old = target_dir / f".old-{staging.name}"
            final.rename(old)
        unpacked.rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        log.info("installed translation model %s into %s", info.pair, final)
        return _read_info(final, metadata)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_archive(file: Path) -> tuple[str, dict[str, object]]:
    """The archive's top folder and metadata, or a TranslationError saying what is wrong."""
    if not zipfile.is_zipfile(file):
        raise errors.broken_model(file, "ZIP 形式の .argosmodel ファイルではありません",
                                  "not a zip archive")
    try:
        with zipfile.ZipFile(file) as zf:
            names = zf.namelist()
            tops = set()
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
                    raise errors.broken_model(file, f"不正なパス {name} が含まれています",
                                              f"unsafe member path {name!r}")
                if len(parts) == 1 and not name.endswith("/"):
                    raise errors.broken_model(
                        file, "フォルダ構成が違います (最上位にファイルがあります)",
                        f"wrong layout: file {name!r} outside a top-level folder")
                if parts:
                    tops.add(parts[0])
            if len(tops) != 1:
                raise errors.broken_model(
                    file, "フォルダ構成が違います (最上位のフォルダが1つではありません)",
                    f"wrong layout: {len(tops)} top-level folders")
            top = tops.pop()
            if f"{top}/metadata.json" not in names:
                raise errors.broken_model(file, "metadata.json がありません",
                                          "missing metadata.json")
            raw = zf.read(f"{top}/metadata.json")
    except zipfile.BadZipFile as exc:
        raise errors.broken_model(file, "ZIP ファイルが壊れています", str(exc)) from exc
    metadata = _parse_metadata(file, raw)
    if f"{top}/model/model.bin" not in names:
        raise errors.broken_model(file, "フォルダ構成が違います (model/model.bin がありません)",
                                  "wrong layout: no model/model.bin")
    if not any(f"{top}/{tok}" in names for tok in TOKENIZERS):
        raise errors.broken_model(
            file, "フォルダ構成が違います (sentencepiece.model も bpe.model もありません)",
            "wrong layout: no sentencepiece.model or bpe.model")
    return top, metadata


def _parse_metadata(where: Path, raw: bytes) -> dict[str, object]:
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise errors.broken_model(where, "metadata.json を読めません",
                                  f"metadata.json is not JSON: {exc}") from exc
    if not isinstance(metadata, dict):
        raise errors.broken_model(where, "metadata.json の形式が違います",
                                  "metadata.json is not an object")
    kind = metadata.get("type", "translate")
    codes = metadata.get("from_code"), metadata.get("to_code")
    if kind != "translate" or not all(isinstance(c, str) and c for c in codes):
        raise errors.broken_model(
            where, "metadata.json に翻訳元・翻訳先の言語 (from_code, to_code) がありません",
            f"metadata.json lacks from_code/to_code or type is {kind!r}")
    return metadata


def _read_info(folder: Path, metadata: dict[str, object] | None = None) -> ModelInfo:
    if metadata is None:
        meta_file = folder / "metadata.json"
        if not meta_file.is_file():
            raise errors.broken_model(folder, "metadata.json がありません", "missing metadata.json")
        metadata = _parse_metadata(folder, meta_file.read_bytes())
    if not (folder / "model" / "model.bin").is_file():
        raise errors.broken_model(folder, "model/model.bin がありません", "no model/model.bin")
    if not any((folder / tok).is_file() for tok in TOKENIZERS):
        raise errors.broken_model(folder, "トークナイザー (sentencepiece.model) がありません",
                                  "no tokenizer file")
    return ModelInfo(
        from_code=str(metadata["from_code"]),
        to_code=str(metadata["to_code"]),
        path=folder,
        version=str(metadata.get("package_version", "")),
        target_prefix=str(metadata.get("target_prefix", "") or ""),
    )


def scan(target_dir: Path) -> tuple[list[ModelInfo], list[TranslationError]]:
    """Every usable model folder, and one problem per broken folder (the others still count)."""
    models: list[ModelInfo] = []
    problems: list[TranslationError] = []
    if not target_dir.is_dir():
        return models, problems
    for folder in sorted(target_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            models.append(_read_info(folder))
        except TranslationError as exc:
            log.warning("%s", exc.message_en)
            problems.append(exc)
    return models, problems


def pairs(models: list[ModelInfo]) -> list[Pair]:
    """Direct pairs first, then pivots through English for pairs no model covers directly."""
    direct = {(m.from_code, m.to_code) for m in models}
    out = [Pair(src, dst) for src, dst in sorted(direct)]
    for src, mid in sorted(direct):
        if mid != PIVOT:
            continue
        for mid2, dst in sorted(direct):
            if mid2 == PIVOT and dst != src and (src, dst) not in direct:
                out.append(Pair(src, dst, (PIVOT,)))
    return out
