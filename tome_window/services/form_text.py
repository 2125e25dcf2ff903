"""Curated translations of what a resident reads about a form: titles, labels, help, choices.

The official forms stay Japanese; a resident checks them on the tablet in their own language
with wording a person wrote and the city reviewed, never machine translation of labels. The
Japanese definitions in forms/ are the source, so every method answers None for Japanese and
for anything not (yet) translated, and the caller shows the Japanese text. A broken or
missing language file is reported and skipped: a translation never takes a counter down.

Files (translations/forms/<lang>/): procedures/<id>.yaml, facts.yaml, events.yaml and
messages.yaml; their shape is in translations/forms/README.md.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tome_window.domain.catalog import Catalog
from tome_window.domain.errors import DefinitionError
from tome_window.domain.languages import BY_CODE, SOURCE
from tome_window.domain.validation import MESSAGES_JA, Checked, placeholders, render
from tome_window.services.forms_loader import read_mapping

log = logging.getLogger(__name__)

STR = "str"
LIST = "list"
_ITEM = {"label": STR, "help": STR, "choices": {"*": STR}}
# a row block (rows: in a procedure): its label and its columns' labels and choices
_ROWS = {"label": STR, "fields": {"*": {"label": STR, "choices": {"*": STR}}}}
SCHEMAS: dict[str, dict[str, Any]] = {
    "procedure": {"title": STR, "summary": STR, "counter": STR, "bring": LIST,
                  "next_steps": STR, "fields": {"*": _ITEM}, "rows": {"*": _ROWS}},
    "facts": {"questions": {"*": _ITEM}},
    "events": {"events": {"*": {"title": STR, "summary": STR, "reasons": {"*": STR}}}},
    "messages": {"messages": {"*": STR}},
    "documents": {"guide": {"*": STR}, "reading_aid": {"*": STR}},
}
_SHARED_FILES = (("facts", "facts.yaml", "questions"), ("events", "events.yaml", "events"),
                 ("messages", "messages.yaml", "messages"))


def default_text_dir() -> Path:
    """translations/forms beside the package, as forms/ is for the definitions."""
    return Path(__file__).resolve().parents[2] / "translations" / "forms"


class LanguageTexts:
    """One language's files after loading: only well-formed, non-empty texts survive."""

    def __init__(self) -> None:
        self.procedures: dict[str, dict[str, Any]] = {}
        self.questions: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, str] = {}
        self.documents: dict[str, dict[str, str]] = {}
        self.files: set[str] = set()


class FormText:
    def __init__(self, root: Path, catalog: Catalog | None = None) -> None:
        self.root = root
        self.problems: list[DefinitionError] = []
        self.languages: dict[str, LanguageTexts] = {}
        self._catalog = catalog
        self._catalog_lock = threading.Lock()

    @classmethod
    def load(cls, root: Path | None = None, catalog: Catalog | None = None) -> FormText:
        """Read every language folder now, so that later look-ups never touch the disk."""
        text = cls(Path(root) if root else default_text_dir(), catalog)
        if not text.root.is_dir():
            log.info("no form translations at %s: everything shows in Japanese", text.root)
            return text
        for folder in sorted(p for p in text.root.iterdir() if p.is_dir()):
            if folder.name == SOURCE or folder.name not in BY_CODE:
                text._problem(folder, "-", "言語コードが正しくありません(languages.py の言語のみ)",
                              "unknown language folder")
                continue
            text.languages[folder.name] = text._load_language(folder)
        return text

    # -- loading ------------------------------------------------------------------------
    def _load_language(self, folder: Path) -> LanguageTexts:
        texts = LanguageTexts()
        for kind, name, top in _SHARED_FILES:
            data = self._read(folder / name, SCHEMAS[kind])
            if data is not None:
                texts.files.add(name)
                setattr(texts, top, data.get(top, {}))
        documents = self._read(folder / "documents.yaml", SCHEMAS["documents"])
        if documents is not None:
            texts.files.add("documents.yaml")
            texts.documents = documents
        for path in sorted((folder / "procedures").glob("*.y*ml")):
            data = self._read(path, SCHEMAS["procedure"])
            if data is not None:
                texts.files.add(f"procedures/{path.stem}.yaml")
                texts.procedures[path.stem] = data
        return texts

    def _read(self, path: Path, schema: dict[str, Any]) -> dict[str, Any] | None:
        if not path.exists():
            log.info("form translation missing: %s", path)
            return None
        try:
            data = read_mapping(path, "内容が空か、形式が違います", "empty or not a mapping")
        except DefinitionError as problem:
            log.warning("form translation skipped: %s", problem.message_en)
            self.problems.append(problem)
            return None
        return _clean(data, schema, "", lambda key, ja, en: self._problem(path, key, ja, en))

    def _problem(self, path: Path, key: str, reason_ja: str, reason_en: str) -> None:
        problem = DefinitionError(str(path), key or "-", reason_ja, reason_en)
        log.warning("form translation skipped: %s", problem.message_en)
        self.problems.append(problem)

    def _texts(self, lang: str) -> LanguageTexts | None:
        return None if lang == SOURCE else self.languages.get(lang)

    def catalog(self) -> Catalog:
        """The definitions, loaded on first need when the caller did not pass them."""
        with self._catalog_lock:
            if self._catalog is None:
                from tome_window.services.forms_loader import load_catalog
                self._catalog = load_catalog()
            return self._catalog

    # -- procedures ---------------------------------------------------------------------
    def _procedure(self, lang: str, procedure_id: str) -> dict[str, Any]:
        texts = self._texts(lang)
        return texts.procedures.get(procedure_id, {}) if texts else {}

    def procedure_title(self, lang: str, procedure_id: str) -> str | None:
        return self._procedure(lang, procedure_id).get("title")

    def counter(self, lang: str, procedure_id: str) -> str | None:
        return self._procedure(lang, procedure_id).get("counter")

    def next_steps(self, lang: str, procedure_id: str) -> str | None:
        return self._procedure(lang, procedure_id).get("next_steps")

    def bring(self, lang: str, procedure_id: str) -> list[str] | None:
        """None unless the list matches the Japanese item for item, so nothing is dropped."""
        items = self._procedure(lang, procedure_id).get("bring")
        if not items:
            return None
        proc = self.catalog().procedures.get(procedure_id)
        if proc is None or len(proc.bring) != len(items):
            return None
        return list(items)

    def _field_text(self, lang: str, procedure_id: str, field_id: str) -> dict[str, Any] | None:
        fields = self._procedure(lang, procedure_id).get("fields", {})
        if field_id in fields:
            return dict(fields[field_id])
        question = self._shared_question(procedure_id, field_id)
        if question is None:
            return None
        texts = self._texts(lang)
        return dict(texts.questions.get(question, {})) if texts else None

    def _shared_question(self, procedure_id: str, field_id: str) -> str | None:
        proc = self.catalog().procedures.get(procedure_id)
        if proc is None:
            return None
        try:
            fact = proc.field(field_id).fact
        except KeyError:
            return None
        return fact if fact and "." not in fact else None

    def field_label(self, lang: str, procedure_id: str, field_id: str) -> str | None:
        if self._texts(lang) is None:
            return None
        return (self._field_text(lang, procedure_id, field_id) or {}).get("label")

    def field_help(self, lang: str, procedure_id: str, field_id: str) -> str | None:
        if self._texts(lang) is None:
            return None
        return (self._field_text(lang, procedure_id, field_id) or {}).get("help")

    def choice(self, lang: str, procedure_id: str, field_id: str, value: str) -> str | None:
        if self._texts(lang) is None:
            return None
        choices = (self._field_text(lang, procedure_id, field_id) or {}).get("choices", {})
        return choices.get(str(value))

    # -- row blocks (a form's table of persons) -----------------------------------------
    def _row_block(self, lang: str, procedure_id: str, block_id: str) -> dict[str, Any]:
        return dict(self._procedure(lang, procedure_id).get("rows", {}).get(block_id, {}))

    def row_label(self, lang: str, procedure_id: str, block_id: str) -> str | None:
        """The label of a row block (e.g. 異動する方), not of one of its columns."""
        return self._row_block(lang, procedure_id, block_id).get("label")

    def row_field_label(self, lang: str, procedure_id: str, block_id: str,
                        field_id: str) -> str | None:
        """A column of a row block: its own text, never a form field's of the same id."""
        fields = self._row_block(lang, procedure_id, block_id).get("fields", {})
        return fields.get(field_id, {}).get("label")

    def row_choice(self, lang: str, procedure_id: str, block_id: str, field_id: str,
                   value: str) -> str | None:
        fields = self._row_block(lang, procedure_id, block_id).get("fields", {})
        return fields.get(field_id, {}).get("choices", {}).get(str(value))

    # -- shared questions, events, messages ---------------------------------------------
    def _question(self, lang: str, question_id: str) -> dict[str, Any]:
        texts = self._texts(lang)
        return texts.questions.get(question_id, {}) if texts else {}

    def question_label(self, lang: str, question_id: str) -> str | None:
        return self._question(lang, question_id).get("label")

    def question_help(self, lang: str, question_id: str) -> str | None:
        return self._question(lang, question_id).get("help")

    def question_choice(self, lang: str, question_id: str, value: str) -> str | None:
        return self._question(lang, question_id).get("choices", {}).get(str(value))

    def _event(self, lang: str, event_id: str) -> dict[str, Any]:
        texts = self._texts(lang)
        return texts.events.get(event_id, {}) if texts else {}

    def event_title(self, lang: str, event_id: str) -> str | None:
        return self._event(lang, event_id).get("title")

    def event_summary(self, lang: str, event_id: str) -> str | None:
        return self._event(lang, event_id).get("summary")

    def event_reason(self, lang: str, event_id: str, procedure_id: str) -> str | None:
        return self._event(lang, event_id).get("reasons", {}).get(procedure_id)

    def message(self, lang: str, code: str, /, **params: Any) -> str | None:
        """A validation message in `lang`; None (show the Japanese) when a parameter is absent."""
        texts = self._texts(lang)
        template = texts.messages.get(code) if texts else None
        return render(template, params) if template else None

    def document_text(self, lang: str, document: str, key: str) -> str | None:
        """A sentence of a printed document ("guide", "reading_aid") in `lang`."""
        texts = self._texts(lang)
        return texts.documents.get(document, {}).get(key) if texts else None

    def problem_text(self, lang: str, checked: Checked) -> str | None:
        """The resident's wording of a Checked problem, or None to show `checked.error`."""
        if checked.ok or checked.code is None:
            return None
        return self.message(lang, checked.code, **dict(checked.params))

    # -- checks for translators and tests -----------------------------------------------
    def completeness(self, lang: str, catalog: Catalog) -> list[str]:
        """Every key the Japanese definitions need and `lang` lacks, as `FILE: KEY`."""
        if lang == SOURCE:
            return []
        return _missing(self._texts(lang) or LanguageTexts(), catalog)

    def unknown_keys(self, lang: str, catalog: Catalog) -> list[str]:
        """Keys in `lang` that no Japanese definition has (renamed or deleted since)."""
        texts = self._texts(lang)
        return _unknown(texts, catalog) if texts else []

    def placeholder_mismatches(self, lang: str) -> list[str]:
        texts = self._texts(lang)
        return _placeholder_mismatches(texts.messages) if texts else []



# -- shape and completeness ---------------------------------------------------------------
Report = Callable[[str, str, str], None]


def _clean(node: Any, schema: Any, key: str, report: Report) -> Any:
    """Keep what matches the schema, report the rest by key path: one bad text, not the file."""
    if schema == STR:
        if isinstance(node, bool) or not isinstance(node, str | int | float):
            report(key, "文字列を書いてください", "expected text")
            return None
        if not str(node).strip():
            report(key, "空にできません", "empty text")
            return None
        return str(node).strip()
    if schema == LIST:
        if not isinstance(node, list) or not node:
            report(key, "リストを書いてください", "expected a list of texts")
            return None
        items = [_clean(item, STR, f"{key}[{i}]", report) for i, item in enumerate(node)]
        return None if None in items else items
    if not isinstance(node, dict):
        report(key, "項目の集まり(key: value)を書いてください", "expected a mapping")
        return None
    cleaned: dict[str, Any] = {}
    for raw_key, value in node.items():
        name = str(raw_key)
        where = f"{key}.{name}" if key else name
        sub = schema.get(name, schema.get("*"))
        if sub is None:
            report(where, "定義にない項目です(綴りを確認してください)", "unknown key")
            continue
        value = _clean(value, sub, where, report)
        if value is not None:
            cleaned[name] = value
    return cleaned


def _item_missing(where: str, text: dict[str, Any], label: str, help_: str,
                  choices: tuple[Any, ...]) -> list[str]:
    out = [f"{where}.label"] if label and "label" not in text else []
    if help_ and "help" not in text:
        out.append(f"{where}.help")
    have = text.get("choices", {})
    out += [f"{where}.choices.{c.value}" for c in choices if c.value not in have]
    return out


def _missing(texts: LanguageTexts, catalog: Catalog) -> list[str]:
    out: list[str] = []
    for proc in catalog.procedures.values():
        name = f"procedures/{proc.id}.yaml"
        if proc.id not in texts.procedures:
            out.append(f"{name}: (file)")
            continue
        text = texts.procedures[proc.id]
        wanted = {"title": proc.title, "summary": proc.summary, "counter": proc.counter,
                  "bring": proc.bring}
        out += [f"{name}: {key}" for key, ja in wanted.items() if ja and key not in text]
        if proc.bring and "bring" in text and len(text["bring"]) != len(proc.bring):
            out.append(f"{name}: bring ({len(text['bring'])} items, Japanese has "
                       f"{len(proc.bring)})")
        fields = text.get("fields", {})
        for f in proc.fields:
            out += [f"{name}: {key}" for key in _item_missing(
                f"fields.{f.id}", fields.get(f.id, {}), f.label, f.help, f.choices)]
        rows = text.get("rows", {})
        for block in proc.rows:
            btext = rows.get(block.id, {})
            if "label" not in btext:
                out.append(f"{name}: rows.{block.id}.label")
            columns = btext.get("fields", {})
            for rf in block.fields:
                out += [f"{name}: {key}" for key in _item_missing(
                    f"rows.{block.id}.fields.{rf.id}", columns.get(rf.id, {}), rf.label, "",
                    rf.choices)]
    for q in catalog.questions.values():
        out += [f"facts.yaml: {key}" for key in _item_missing(
            f"questions.{q.id}", texts.questions.get(q.id, {}), q.label, q.help, q.choices)]
    for event in catalog.events.values():
        text = texts.events.get(event.id, {})
        where = f"events.yaml: events.{event.id}"
        out += [f"{where}.{key}" for key, ja in (("title", event.title),
                                                  ("summary", event.summary))
                if ja and key not in text]
        reasons = text.get("reasons", {})
        out += [f"{where}.reasons.{e.procedure}" for e in event.procedures
                if e.reason and e.procedure not in reasons]
    out += [f"messages.yaml: messages.{code}" for code in MESSAGES_JA
            if code not in texts.messages]
    return out


def _item_unknown(where: str, text: dict[str, Any], help_: str,
                  choices: tuple[Any, ...]) -> list[str]:
    out = [f"{where}.help"] if "help" in text and not help_ else []
    values = {c.value for c in choices}
    return out + [f"{where}.choices.{v}" for v in text.get("choices", {}) if v not in values]


def _unknown(texts: LanguageTexts, catalog: Catalog) -> list[str]:
    out: list[str] = []
    for pid, text in texts.procedures.items():
        name = f"procedures/{pid}.yaml"
        proc = catalog.procedures.get(pid)
        if proc is None:
            out.append(f"{name}: (no such procedure)")
            continue
        if "counter" in text and not proc.counter:
            out.append(f"{name}: counter")
        known = {f.id: f for f in proc.fields}
        for fid, ftext in text.get("fields", {}).items():
            f = known.get(fid)
            out += ([f"{name}: fields.{fid}"] if f is None else
                    [f"{name}: {k}" for k in _item_unknown(f"fields.{fid}", ftext, f.help,
                                                           f.choices)])
        blocks = {b.id: b for b in proc.rows}
        for bid, btext in text.get("rows", {}).items():
            block = blocks.get(bid)
            if block is None:
                out.append(f"{name}: rows.{bid}")
                continue
            columns = {rf.id: rf for rf in block.fields}
            for fid, ftext in btext.get("fields", {}).items():
                rf = columns.get(fid)
                out += ([f"{name}: rows.{bid}.fields.{fid}"] if rf is None else
                        [f"{name}: {k}" for k in _item_unknown(f"rows.{bid}.fields.{fid}", ftext,
                                                               "", rf.choices)])
    for qid, qtext in texts.questions.items():
        q = catalog.questions.get(qid)
        out += ([f"facts.yaml: questions.{qid}"] if q is None else
                [f"facts.yaml: {k}" for k in _item_unknown(f"questions.{qid}", qtext, q.help,
                                                           q.choices)])
    for eid, etext in texts.events.items():
        event = catalog.events.get(eid)
        if event is None:
            out.append(f"events.yaml: events.{eid}")
            continue
        named = {e.procedure for e in event.procedures if e.reason}
        out += [f"events.yaml: events.{eid}.reasons.{pid}" for pid in etext.get("reasons", {})
                if pid not in named]
    out += [f"messages.yaml: messages.{code}" for code in texts.messages
            if code not in MESSAGES_JA]
    return out


def _placeholder_mismatches(messages: dict[str, str]) -> list[str]:
    return [f"messages.yaml: messages.{code}: {{{', '.join(sorted(placeholders(text)))}}} "
            f"but Japanese has {{{', '.join(sorted(placeholders(MESSAGES_JA[code])))}}}"
            for code, text in messages.items()
            if code in MESSAGES_JA and placeholders(text) != placeholders(MESSAGES_JA[code])]
