"""Translations a resident can trust: no Japanese repeated inside another language, one term per
concept (translations/glossary/<lang>.yaml), and short sentences in やさしい日本語.

One term per concept: translations/glossary/required_terms.yaml owns the list of concepts (and
`aliases:`, other Japanese spellings such as 国保 for 国民健康保険). Every language's glossary
has exactly those keys under `terms:`, each with the one rendering used in that language, and
optionally `variants:` (term → a few inflected or compound forms, e.g. pt-BR "mudança" /
"mudar"). For every source string that contains a term (the longest term wins: 被保険者 is
not 保険者, マイナンバーカード is not マイナンバー), the translation must contain the rendering
or one of its variants, ignoring case. This covers the Qt catalogs and the form texts under
translations/forms/<lang>/ (untranslated strings are test_catalogs's to report).

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


def required() -> dict[str, Any]:
    return yaml.safe_load((GLOSSARY / "required_terms.yaml").read_text(encoding="utf-8"))


def terms_in(source: str, terms: list[str], aliases: dict[str, str]) -> list[str]:
    """The glossary terms a Japanese source contains, longest match first (an alias counts as
    its term); a shorter term inside a longer one (保険者 in 被保険者) does not count."""
    found: list[str] = []
    for ja in sorted([*terms, *aliases], key=len, reverse=True):
        if ja in source:
            term = aliases.get(ja, ja)
            if term not in found:
                found.append(term)
            source = source.replace(ja, "\0")
    return found


def missing_terms(lang: str, source: str, text: str, g: dict[str, Any] | None = None,
                  req: dict[str, Any] | None = None) -> list[str]:
    """Terms of `source` whose rendering (or a listed variant) `text` lacks, as "term → rendering"."""
    g = g or glossary(lang)
    req = req or required()
    renderings, variants = g["terms"], g.get("variants") or {}
    folded = text.casefold()
    return [f"{ja} → {renderings[ja]!r}" for ja in terms_in(source, req["terms"], req.get("aliases") or {})
            if not any(r.casefold() in folded for r in [renderings[ja], *variants.get(ja, [])])]


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
            found.append((f"tome_window_{lang}.ts {name}: {source[:40]}", source,
                          message.findtext("translation") or ""))
    sources = japanese_sources()
    folder = TRANSLATIONS / "forms" / lang
    for path in sorted(folder.rglob("*.yaml")):
        rel = path.relative_to(folder).as_posix()
        for where, text in _walk(yaml.safe_load(path.read_text(encoding="utf-8")), rel):
            found.append((f"translations/forms/{lang}/{where}", sources.get(where, ""), text))
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


def test_every_glossary_has_exactly_the_required_terms() -> None:
    req = required()
    wanted = set(req["terms"])
    assert len(wanted) == len(req["terms"]), "required_terms.yaml lists a term twice"
    assert set(req.get("aliases") or {}).isdisjoint(wanted)
    assert set((req.get("aliases") or {}).values()) <= wanted
    for lang in LANGS:
        g = glossary(lang)
        have = set(g["terms"])
        assert have == wanted, f"{lang}: missing {sorted(wanted - have)}, not required {sorted(have - wanted)}"
        assert all(isinstance(r, str) and r.strip() for r in g["terms"].values()), lang
        variants = g.get("variants") or {}
        assert set(variants) <= wanted, f"{lang}: variants for unknown terms {sorted(set(variants) - wanted)}"
        assert all(len(v) <= 4 for v in variants.values()), f"{lang}: keep variants few (<= 4 per term)"
        assert not [r for r in g["terms"].values() if stray_japanese(lang, r)], f"{lang}: Japanese in a rendering"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_used(lang: str) -> None:
    g, req = glossary(lang), required()
    bad = []
    for where, source, text in translations(lang):
        if not text.strip():
            continue  # untranslated: test_catalogs's to report
        for miss in missing_terms(lang, source, text, g, req):
            bad.append(f"{where}\n    source: {source}\n    translation: {text}\n    missing: {miss}")
    assert not bad, f"{lang}: {len(bad)} translations not using the glossary term:\n" + "\n".join(bad)


def test_missing_glossary_term_is_caught() -> None:
    # en: 本籍 is "registered domicile"; the old "Permanent domicile" must fail
    assert missing_terms("en", "本籍", "Permanent domicile") == ["本籍 → 'registered domicile'"]
    assert missing_terms("en", "本籍", "Registered domicile") == []
    # the longest term wins: 被保険者 asks for "insured person", not "insurer"
    assert terms_in("被保険者の氏名", required()["terms"], {}) == ["被保険者"]
    # an alias needs its term's rendering
    assert missing_terms("en", "個人番号を入力", "Enter your Individual Number") == ["マイナンバー → 'My Number'"]
    bad = [("translations/forms/en/x.yaml", "転出証明書を持参", "Bring a moving-out paper")]
    assert [m for _, s, t in bad for m in missing_terms("en", s, t)]


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
