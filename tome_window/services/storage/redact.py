"""Dropping the individual number (個人番号) from a finished visit's stored payload.

番号法 lets a counter keep 特定個人情報 only while the procedure needs it. Once a visit is
closed its forms are printed and handed in, so the stored visit (kept for the retention
period for reprints and questions) must no longer hold the number. The store applies this to
every save with the final status, whoever calls it, so no caller can forget.

The payload is the domain's JSON (`Visit.to_payload`): the number sits in the fact
`resident.my_number` and in each household person's `my_number`. Rather than knowing that
layout, every mapping entry whose key is `my_number` or ends in `.my_number`, at any depth,
is removed; a new place for the number is covered without a change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NUMBER_KEY = "my_number"


def is_number_key(key: object) -> bool:
    return isinstance(key, str) and (key == NUMBER_KEY or key.endswith("." + NUMBER_KEY))


def without_individual_numbers(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `payload` with every individual-number entry removed."""
    result = _strip(payload)
    assert isinstance(result, dict)
    return result


def _strip(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _strip(v) for k, v in value.items() if not is_number_key(k)}
    if isinstance(value, (list, tuple)):
        return [_strip(v) for v in value]
    return value
