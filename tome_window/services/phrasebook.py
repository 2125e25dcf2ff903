"""The pointing phrasebook: what is said most at a counter, curated in every language.

It works with no translation model: staff point at 「少々お待ちください」 and the resident reads
it in their language, and back. The file is translations/phrasebook.yaml beside the package
(as translations/forms/ is for form texts); its shape is described at its top. Loading is
strict: a phrase missing a language, an unknown key or Japanese script inside a non-Japanese
translation refuses the whole file with a Japanese message naming the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tome_window.domain.errors import DefinitionError
from tome_window.domain.languages import LANGUAGES, SOURCE
from tome_window.services.forms_loader import read_mapping

TARGETS = tuple(lang.code for lang in LANGUAGES if lang.code != SOURCE)
JAPANESE_TARGETS = frozenset({"ja-easy"})
SIDES = ("staff", "resident", "both")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_GROUP_KEYS = {"id", "ja", "text", "phrases"}
_PHRASE_KEYS = {"id", "by", "ja", "text"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def default_phrasebook_path() -> Path:
    """translations/phrasebook.yaml beside the package, as translations/forms is."""
    return Path(__file__).resolve().parents[2] / "translations" / "phrasebook.yaml"


def japanese_script(code: str, text: str) -> bool:
    """Whether `text` (a translation into `code`) carries Japanese script: kana anywhere, and
    kanji except in Chinese, whose own characters they are."""
    if code in JAPANESE_TARGETS or code == SOURCE:
        return False
    return bool(KANA.search(text)) or (code != "zh-Hans" and bool(KANJI.search(text)))


@dataclass(frozen=True)
class Phrase:
    id: str
    group: str
    by: str  # staff | resident | both: who points at it
    ja: str
    text: dict[str, str]

    def in_language(self, code: str) -> str:
        return self.ja if code == SOURCE else self.text[code]

    def for_side(self, side: str) -> bool:
        return self.by in (side, "both")


@dataclass(frozen=True)
class Group:
    id: str
    ja: str
    text: dict[str, str]
    phrases: tuple[Phrase, ...]

    def in_language(self, code: str) -> str:
        return self.ja if code == SOURCE else self.text[code]


@dataclass(frozen=True)
class Phrasebook:
    groups: tuple[Group, ...]

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(p for g in self.groups for p in g.phrases)

    def phrase(self, phrase_id: str) -> Phrase:
        for p in self.phrases:
            if p.id == phrase_id:
                return p
        raise KeyError(phrase_id)


def _texts(path: str, where: str, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise DefinitionError(path, where, "text に各言語の訳を書いてください", "text must be a mapping")
    unknown = sorted(set(map(str, raw)) - set(TARGETS))
    if unknown:
        raise DefinitionError(path, where, f"知らない言語コードです: {', '.join(unknown)}",
                              f"unknown language codes: {', '.join(unknown)}")
    missing = [c for c in TARGETS if not isinstance(raw.get(c), str) or not raw[c].strip()]
    if missing:
        raise DefinitionError(path, where, f"訳がありません: {', '.join(missing)}",
                              f"missing translations: {', '.join(missing)}")
    for code, text in raw.items():
        if japanese_script(code, text):
            raise DefinitionError(path, where, f"{code} の訳に日本語の文字があります: {text}",
                                  f"Japanese script inside the {code} translation")
    return {c: raw[c].strip() for c in TARGETS}


def _keys(path: str, where: str, raw: Any, allowed: set[str]) -> None:
    if not isinstance(raw, dict):
        raise DefinitionError(path, where, "形式が違います", "not a mapping")
    unknown = sorted(set(map(str, raw)) - allowed)
    if unknown:
        raise DefinitionError(path, where, f"知らない項目があります: {', '.join(unknown)}",
                              f"unknown keys: {', '.join(unknown)}")
    for key in ("id", "ja"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DefinitionError(path, where, f"{key} がありません", f"{key} is missing")


def parse(data: dict[str, Any], path: str = "phrasebook.yaml") -> Phrasebook:
    """Check and build a phrasebook from its YAML mapping; DefinitionError on any problem."""
    if set(data) != {"groups"} or not isinstance(data["groups"], list) or not data["groups"]:
        raise DefinitionError(path, "-", "groups だけを書いてください", "only a non-empty groups list")
    seen: set[str] = set()
    groups = []
    for n, raw in enumerate(data["groups"], 1):
        _keys(path, f"groups[{n}]", raw, _GROUP_KEYS)
        gid = raw["id"]
        where = f"グループ {gid}"
        if not _ID.match(gid) or gid in seen:
            raise DefinitionError(path, where, "id が正しくないか、重複しています", "bad or duplicate id")
        seen.add(gid)
        text = _texts(path, where, raw.get("text"))
        phrases = []
        for m, item in enumerate(raw.get("phrases") or [], 1):
            name = item.get("id", f"{m}番目") if isinstance(item, dict) else f"{m}番目"
            ja = item.get("ja", "") if isinstance(item, dict) else ""
            pwhere = f"{where} のことば {name}({ja})"
            _keys(path, pwhere, item, _PHRASE_KEYS)
            pid = item["id"]
            if not _ID.match(pid) or pid in seen:
                raise DefinitionError(path, pwhere, "id が正しくないか、重複しています",
                                      "bad or duplicate id")
            seen.add(pid)
            if item.get("by") not in SIDES:
                raise DefinitionError(path, pwhere, "by は staff・resident・both のどれかです",
                                      "by must be staff, resident or both")
            phrases.append(Phrase(pid, gid, item["by"], item["ja"].strip(),
                                  _texts(path, pwhere, item.get("text"))))
        if not phrases:
            raise DefinitionError(path, where, "ことばがありません", "group without phrases")
        groups.append(Group(gid, raw["ja"].strip(), text, tuple(phrases)))
    return Phrasebook(tuple(groups))


def load_phrasebook(path: Path | None = None) -> Phrasebook:
    file = Path(path) if path else default_phrasebook_path()
    return parse(read_mapping(file, "内容が空か、形式が違います", "empty or not a mapping"), str(file))


@lru_cache(maxsize=1)
def phrasebook() -> Phrasebook:
    """The shipped phrasebook, read once."""
    return load_phrasebook()
