"""Translations a resident can trust: no Japanese repeated inside another language, one term per
concept (translations/glossary/<lang>.yaml), and short sentences in やさしい日本語.

The screen already shows the Japanese label beside every translation, so Japanese inside a
translation is noise, except where a resident must match a word printed on a sign or on paper
(office names, names on cards and certificates): those terms are listed under
`allow_japanese:` in the language's glossary and may appear (in brackets).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

TRANSLATIONS = REPO / "translations"
FORMS = REPO / "forms"
GLOSSARY = TRANSLATIONS / "glossary"
LANGS = ["en", "zh-Hans", "ko", "vi", "pt-BR", "fil", "id", "ne", "my"]
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
SENTENCE_MAX = 40


def glossary(lang: str) -> dict[str, Any]:
    return yaml.safe_load((GLOSSARY / f"{lang}.yaml").read_text(encoding="utf-8"))


def _walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def _by_id(items: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {item["id"]: item for item in items or [] if isinstance(item, dict) and "id" in item}


def _field_source(field: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: field[k] for k in ("label", "help") if k in field}
    if field.get("choices"):
        out["choices"] = {str(c["value"]): c["label"] for c in field["choices"]}
    return out


def japanese_sources() -> dict[str, str]:
    """Path (as in the translation files) → Japanese source text, for the form texts."""
    src: dict[str, str] = {}

    def put(prefix: str, node: Any) -> None:
        for where, text in _walk(node, prefix):
            src[where] = text

    for path in sorted((FORMS / "procedures").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        shaped: dict[str, Any] = {k: raw[k] for k in ("title", "summary", "counter", "bring") if k in raw}
        shaped["fields"] = {fid: _field_source(f) for fid, f in _by_id(raw.get("fields")).items()}
        shaped["rows"] = {bid: {"label": b.get("label", ""),
                                "fields": {fid: _field_source(f) for fid, f in _by_id(b.get("fields")).items()}}
                          for bid, b in _by_id(raw.get("rows")).items()}
        put(f"procedures/{path.name}", shaped)
    facts = yaml.safe_load((FORMS / "facts.yaml").read_text(encoding="utf-8"))
    put("facts.yaml.questions", {qid: _field_source(q) for qid, q in _by_id(facts.get("questions")).items()})
    for path in sorted((FORMS / "events").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        put(f"events.yaml.events.{raw['id']}", {
            "title": raw.get("title", ""), "summary": raw.get("summary", ""),
            "reasons": {p["procedure"]: p.get("reason", "") for p in raw.get("procedures") or []}})
    from tome_window.domain.validation import MESSAGES_JA
    from tome_window.services.pdf.guide import LABELS
    from tome_window.services.pdf.reading_aid import TEXTS_JA
    put("messages.yaml.messages", dict(MESSAGES_JA))
    put("documents.yaml.guide", dict(LABELS))
    put("documents.yaml.reading_aid", dict(TEXTS_JA))
    return src


def translations(lang: str) -> list[tuple[str, str, str]]:
    """(where, Japanese source or "", translation) for every .ts message and form text."""
    found = []
    for context in ET.parse(TRANSLATIONS / f"tome_window_{lang}.ts").getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            found.append((f"ts {name}: {source[:40]}", source, message.findtext("translation") or ""))
    sources = japanese_sources()
    folder = TRANSLATIONS / "forms" / lang
    for path in sorted(folder.rglob("*.yaml")):
        rel = path.relative_to(folder).as_posix()
        for where, text in _walk(yaml.safe_load(path.read_text(encoding="utf-8")), rel):
            found.append((where, sources.get(where, ""), text))
    return found


def stray_japanese(lang: str, text: str) -> list[str]:
    """Japanese script in `text` that is not an allowed glossary term."""
    for term in sorted(glossary(lang).get("allow_japanese") or [], key=len, reverse=True):
        text = text.replace(term, "")
    pattern = KANA if lang == "zh-Hans" else JAPANESE
    return pattern.findall(text)


def test_every_language_has_a_glossary() -> None:
    for lang in LANGS:
        g = glossary(lang)
        assert g["language"] == lang
        assert g["terms"], lang
        assert len(set(g["terms"].values())) == len(g["terms"]), f"{lang}: two concepts share a rendering"


@pytest.mark.parametrize("lang", LANGS)
def test_no_japanese_inside_translations(lang: str) -> None:
    bad = [f"{where}: {text!r}" for where, _, text in translations(lang) if stray_japanese(lang, text)]
    assert not bad, f"{lang}: Japanese inside translations (add to allow_japanese only for signs/paper):\n" \
        + "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_used(lang: str) -> None:
    terms = glossary(lang)["terms"]
    bad = []
    for where, source, text in translations(lang):
        for ja, rendering in terms.items():
            # 転出 inside 転出証明書 etc. is a different term: only the bare term counts here
            # (an untranslated string is test_catalogs's to report).
            if text.strip() and source.strip() == ja and rendering.casefold() not in text.casefold():
                bad.append(f"{where}: {ja} → {text!r} (glossary: {rendering!r})")
    assert not bad, f"{lang}: translations not using the glossary term:\n" + "\n".join(bad)


def test_bracketed_japanese_is_caught() -> None:
    assert stray_japanese("fil", "Moving in (転入)")
    assert stray_japanese("zh-Hans", "迁入（てんにゅう）")
    assert not stray_japanese("zh-Hans", "迁入")
    assert not stray_japanese("en", "Citizen Section (市民課)")


def easy_sentences() -> list[tuple[str, str]]:
    folder = TRANSLATIONS / "forms" / "ja-easy"
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        for where, text in _walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name):
            found.append((where, text))
    for context in ET.parse(TRANSLATIONS / "tome_window_ja-easy.ts").getroot().iter("context"):
        for message in context.iter("message"):
            found.append((f"ts {(message.findtext('source') or '')[:30]}", message.findtext("translation") or ""))
    return found


def test_easy_japanese_sentences_are_short() -> None:
    placeholder = re.compile(r"\{[a-z_]+\}")
    reading = re.compile(r"[(（][\u3040-\u309fー ]+[)）]")  # furigana after a kanji is not read twice
    long = []
    for where, text in easy_sentences():
        for sentence in re.split(r"[。\n]", reading.sub("", placeholder.sub("○", text))):
            if len(sentence.strip()) > SENTENCE_MAX:
                long.append(f"{where}: {sentence.strip()}")
    assert not long, f"{len(long)} やさしい日本語 sentences over {SENTENCE_MAX} characters:\n" + "\n".join(long)


def test_easy_japanese_explains_shoukaisho() -> None:
    explained = [t for w, t in easy_sentences() if "照会書" in t and "手紙" in t]
    assert explained, "照会書 is never explained in やさしい日本語"


# One digit style per language: Western digits everywhere (dates, amounts and numbers must match
# the printed Japanese forms and the resident's cards), never Devanagari or Myanmar digits.
NATIVE_DIGITS = {"ne": re.compile(r"[\u0966-\u096f]"), "my": re.compile(r"[\u1040-\u1049]")}


@pytest.mark.parametrize("lang", sorted(NATIVE_DIGITS))
def test_one_digit_style(lang: str) -> None:
    bad = [f"{where}: {text!r}" for where, _, text in translations(lang) if NATIVE_DIGITS[lang].search(text)]
    assert not bad, f"{lang}: native digits (use Western digits 0-9):\n" + "\n".join(bad)
