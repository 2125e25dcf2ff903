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
from tome_window.services.pydantic_ja import reason_ja

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

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
    """Problems in the given files or folders.

    A file the forms tree loads is checked with the rest of its tree (cross-file rules
    included); any other file is read on its own, as a procedure, event or facts file by its
    folder or its keys, and checked against the configured forms.
    """
    problems: list[DefinitionError] = []
    for path in paths:
        if not path.exists():
            problems.append(DefinitionError(str(path), "-", "ファイルが見つかりません(パスを確認してください)",
                                            "no such file"))
            continue
        root = _forms_root(path)
        if path.is_dir():
            problems.extend(load_catalog(root or path).problems)
            continue
        if root is not None and path.resolve() in _tree_files(root):
            target = path.resolve()
            problems.extend(p for p in load_catalog(root).problems
                            if Path(p.file).resolve() == target)
            continue
        problems.extend(validate_file(path, load_catalog(root) if root else None))
    return problems


def validate_file(path: Path, context: Catalog | None = None) -> list[DefinitionError]:
    """One definition file read on its own; `context` (default: the configured forms) supplies
    the shared questions and procedures it may refer to."""
    try:
        data = read_mapping(path)
    except DefinitionError as problem:
        return [problem]
    model = _kind_of(path, data)
    if model is None:
        return [DefinitionError(
            str(path), "-", "手続・ライフイベント・共通質問のどの定義か判別できません"
            "(fields / procedures / questions のいずれかを書いてください)",
            "not a procedure, event or facts definition")]
    scratch = Catalog()
    item = _parse_data(path, data, model, scratch)
    if item is None:
        return scratch.problems
    if context is None:
        from tome_window.services.config import load_settings

        context = load_catalog(load_settings().forms_dir)
    if isinstance(item, ProcedureDef):
        return check_procedure(item, context, str(path))
    if isinstance(item, EventDef):
        return check_event(item, context, str(path))
    assert isinstance(item, FactsFile)
    own = Catalog(questions={q.id: q for q in item.questions})
    return check_questions(own, str(path))


def _kind_of(path: Path, data: dict[str, Any]) -> type[BaseModel] | None:
    folder = path.resolve().parent.name
    if folder == "procedures" or "fields" in data:
        return ProcedureDef
    if folder == "events" or "procedures" in data:
        return EventDef
    if path.stem == "facts" or "questions" in data:
        return FactsFile
    return None


def _tree_files(root: Path) -> set[Path]:
    """The files load_catalog(root) reads."""
    files = {(root / "facts.yaml").resolve()}
    for folder in ("procedures", "events"):
        files.update(p.resolve() for p in (root / folder).glob("*.y*ml"))
    return files


def _forms_root(path: Path) -> Path | None:
    path = path.resolve()
    if path.is_dir() and (path / "procedures").is_dir():
        return path
    for parent in path.parents:
        if (parent / "facts.yaml").exists() or (parent / "procedures").is_dir():
            return parent
    return None


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
    return _parse_data(path, data, model, catalog)


def _parse_data(path: Path, data: dict[str, Any], model: type[BaseModel],
                catalog: Catalog) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            catalog.problems.append(DefinitionError(
                str(path), _location(err["loc"], data), reason_ja(err), err["msg"]))
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

