"""Load the definitions in forms/ into a Catalog, refusing broken files one by one.

Staff and IT edit these files without a programmer, so each problem is reported as
`FILE: FIELD: reason` in Japanese and the rest of the catalog still loads: one bad file must
never take the counter down.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from tome_window.domain.catalog import Catalog, check_event, check_procedure, check_questions
from tome_window.domain.definitions import EventDef, FactsFile, ProcedureDef
from tome_window.domain.errors import DefinitionError

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_REASONS = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "定義にない項目です(綴りを確認してください)",
    "string_pattern_mismatch": "IDは半角英小文字・数字・_ で、英字から始めてください",
    "string_too_short": "空にできません",
    "too_short": "1つ以上必要です",
    "enum": "使えない値です",
    "literal_error": "使えない値です",
    "int_parsing": "整数を書いてください",
    "int_type": "整数を書いてください",
    "float_parsing": "数値を書いてください",
    "bool_parsing": "true か false を書いてください",
    "string_type": "文字列を書いてください",
    "greater_than": "値が小さすぎます",
    "greater_than_equal": "値が小さすぎます",
    "less_than_equal": "値が大きすぎます",
    "model_type": "項目の集まり(key: value)を書いてください",
    "tuple_type": "リストを書いてください",
}


def default_forms_dir() -> Path:
    """forms/ beside the package (a source checkout or installer bundle), or TOME_WINDOW_FORMS."""
    env = os.environ.get("TOME_WINDOW_FORMS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "forms"


def load_catalog(root: Path | None = None) -> Catalog:
    root = Path(root) if root else default_forms_dir()
    catalog = Catalog()
    facts_file = root / "facts.yaml"
    if facts_file.exists():
        facts = _parse(facts_file, FactsFile, catalog)
        if isinstance(facts, FactsFile):
            catalog.questions = {q.id: q for q in facts.questions}
            catalog.problems.extend(check_questions(catalog, str(facts_file)))
    else:
        catalog.problems.append(DefinitionError(str(facts_file), "-", "ファイルがありません",
                                                "file is missing"))
    for path in sorted((root / "procedures").glob("*.y*ml")):
        proc = _parse(path, ProcedureDef, catalog)
        if isinstance(proc, ProcedureDef):
            _add(catalog, catalog.procedures, proc, path, check_procedure(proc, catalog, str(path)))
    for path in sorted((root / "events").glob("*.y*ml")):
        event = _parse(path, EventDef, catalog)
        if isinstance(event, EventDef):
            _add(catalog, catalog.events, event, path, check_event(event, catalog, str(path)))
    return catalog


def validate_paths(paths: list[Path]) -> list[DefinitionError]:
    """Problems in the given files or folders, checked against the forms they belong to."""
    problems: list[DefinitionError] = []
    for path in paths:
        root = _forms_root(path)
        catalog = load_catalog(root)
        target = path.resolve()
        problems.extend(p for p in catalog.problems
                        if path.is_dir() or Path(p.file).resolve() == target)
        if not path.exists():
            problems.append(DefinitionError(str(path), "-", "ファイルがありません", "no such file"))
    return problems


def _forms_root(path: Path) -> Path:
    path = path.resolve()
    if path.is_dir() and (path / "procedures").is_dir():
        return path
    for parent in path.parents:
        if (parent / "facts.yaml").exists() or (parent / "procedures").is_dir():
            return parent
    return path.parent


def _add(catalog: Catalog, table: dict[str, Any], item: Any, path: Path,
         problems: list[DefinitionError]) -> None:
    if problems:
        catalog.problems.extend(problems)
        return
    if item.id in table:
        catalog.problems.append(DefinitionError(
            str(path), "id", f"ID {item.id} は {catalog.sources[item.id]} と重複しています",
            f"id {item.id} duplicates {catalog.sources[item.id]}"))
        return
    table[item.id] = item
    catalog.sources[item.id] = str(path)


def read_mapping(path: Path, empty_ja: str = "定義が空か、形式が違います",
                 empty_en: str = "definition is empty or not a mapping") -> dict[str, Any]:
    """A YAML file that staff edit, as a mapping; DefinitionError names file, line and reason."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe loader
    except UnicodeDecodeError:
        raise DefinitionError(str(path), "-", "UTF-8 で保存してください", "file is not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}行目" if mark else "-"
        raise DefinitionError(str(path), where, "YAMLの書き方に誤りがあります",
                              f"YAML syntax error: {exc}") from None
    except OSError as exc:
        raise DefinitionError(str(path), "-", "ファイルを読めません", f"cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise DefinitionError(str(path), "-", empty_ja, empty_en)
    return data


def _parse(path: Path, model: type[BaseModel], catalog: Catalog) -> BaseModel | None:
    try:
        data = read_mapping(path)
    except DefinitionError as problem:
        catalog.problems.append(problem)
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            catalog.problems.append(DefinitionError(
                str(path), _location(err["loc"], data), _reason(err), err["msg"]))
        return None


def _location(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """fields.3.label → fields.name.label: staff know fields by id, not by index."""
    parts: list[str] = []
    node: Any = data
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and item < len(node):
            entry = node[item]
            node = entry
            ident = entry.get("id") if isinstance(entry, dict) else None
            parts.append(str(ident) if ident else f"[{item}]")
            continue
        parts.append(str(item))
        node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts) or "-"


def _reason(err: Any) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"使えない値です(使える値: {expected})"
    return _REASONS.get(kind, err["msg"])
