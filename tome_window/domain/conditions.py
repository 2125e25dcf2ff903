"""Relevance conditions written by staff in definitions, evaluated safely (simpleeval, no eval).

A condition sees the visit's facts by name (`has_children`, `moving_reason`), the resident and
visit as objects (`resident.birth_date`, `visit.date`), the current form's own fields by id,
and a few helpers (`age`, `years_since`, `empty`). Names are checked at load time, so a typo in
a definition is reported with its file instead of silently hiding a field at the counter.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import Any

from simpleeval import EvalWithCompoundTypes, InvalidExpression

from tome_window.domain.errors import ConditionError


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def age(birth: Any, on: Any = None) -> int:
    """Age in full years on a date (today by default); -1 when the birth date is unknown."""
    born = _as_date(birth)
    when = _as_date(on) or dt.date.today()
    if born is None:
        return -1
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def empty(value: Any) -> bool:
    return value is None or value == "" or value is False


FUNCTIONS = {"age": age, "empty": empty, "len": len, "int": int, "str": str}


def names_in(expr: str) -> set[str]:
    """Top-level names an expression reads (for load-time checks); raises on bad syntax."""
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        raise ConditionError(f"条件式の構文が正しくありません: {expr}",
                             f"condition syntax error: {expr} ({exc.msg})") from exc
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ConditionError(f"条件式に使えない属性があります: {node.attr}",
                                 f"forbidden attribute in condition: {node.attr}")
    return found - set(FUNCTIONS) - {"True", "False", "None"}


def check_names(expr: str, known: Iterable[str]) -> None:
    unknown = sorted(names_in(expr) - set(known))
    if unknown:
        raise ConditionError(f"条件式に未定義の名前があります: {', '.join(unknown)}",
                             f"unknown names in condition: {', '.join(unknown)}")


def evaluate(expr: str | None, facts: Mapping[str, Any],
             local: Mapping[str, Any] | None = None) -> bool:
    """True when the condition holds; an absent condition always holds.

    Unanswered names read as None, so a question not yet answered never fails the visit
    (`children_count > 0` is then false, `not kokuho_member` true).
    """
    if not expr:
        return True
    return bool(value_of(expr, facts, local))


def value_of(expr: str, facts: Mapping[str, Any], local: Mapping[str, Any] | None = None) -> Any:
    """The value of an expression (a computed prefill); None when a name is not answered."""
    evaluator = EvalWithCompoundTypes(names=_namespace(facts, local or {}), functions=FUNCTIONS)
    try:
        return evaluator.eval(expr)
    except (InvalidExpression, SyntaxError) as exc:
        raise ConditionError(f"式を評価できません: {expr}", f"cannot evaluate {expr}: {exc}") from exc
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None


def _namespace(facts: Mapping[str, Any], local: Mapping[str, Any]) -> dict[str, Any]:
    resident: dict[str, Any] = {}
    visit: dict[str, Any] = {}
    names: dict[str, Any] = {}
    for key, value in facts.items():
        head, _, tail = key.partition(".")
        if head == "resident" and tail:
            resident[tail] = value
        elif head == "visit" and tail:
            visit[tail] = value
        elif not tail:
            names[key] = value
    names.update(local)
    names["resident"] = _Facts(resident)
    names["visit"] = _Facts(visit)
    return _Unanswered(names)


class _Unanswered(dict[str, Any]):
    """A question not answered yet reads as None (names were checked when loading)."""

    def __missing__(self, key: str) -> Any:
        return None


class _Facts(SimpleNamespace):
    """Attribute access that yields None for facts not known yet."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(**values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return None
