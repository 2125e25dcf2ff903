"""What an audit record may say: who did what, to which visit, never the personal values.

The audit log is kept after visits are purged and is read by more people than the visits
themselves (auditors, IT), so it must not become a second, unencrypted copy of residents'
data. The store cannot know every personal value, but it can refuse the obvious mistakes:
keys named after personal facts (at any depth) and values that look like an individual
number. Callers record ids, counts, form ids, printer names under other keys, and outcomes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# Words that, as a whole part of a key, mean the value is personal. Matching whole parts
# (split at "_", ".", "-", spaces and camelCase) keeps "mapping" or "spinner" allowed.
PERSONAL_WORDS: frozenset[str] = frozenset({
    "name", "names", "kana", "furigana", "address", "addr", "birth", "birthday", "birthdate",
    "dob", "sex", "gender", "pin", "password", "phone", "tel", "email", "mynumber",
    "facts", "payload", "answers",
})
PERSONAL_PHRASES: tuple[str, ...] = ("my_number", "individual_number", "kojin_bango")

MAX_DETAIL_BYTES = 4000
ACTION_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
# A standalone 12-digit token (not part of a hex visit id, which often has such runs).
_TWELVE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{4}[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])")
_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def key_words(key: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(key) if w]


def is_personal_key(key: str) -> bool:
    lowered = re.sub(r"[^a-z0-9]+", "_", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower())
    if any(phrase in lowered for phrase in PERSONAL_PHRASES):
        return True
    return any(word in PERSONAL_WORDS for word in key_words(key))


def check_action(action: str) -> str:
    if not isinstance(action, str) or not ACTION_RE.match(action):
        raise ValueError(f"audit action must be a short lowercase word like 'card_read', "
                         f"got {action!r}")
    return action


def check_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return a JSON-safe copy of `detail`, or raise ValueError naming the offending key."""
    if detail is None:
        return {}
    if not isinstance(detail, Mapping):
        raise ValueError("audit detail must be a dict")
    _walk(detail, "detail")
    try:
        text = json.dumps(detail, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"audit detail must be plain JSON data: {exc}") from None
    if len(text.encode("utf-8")) > MAX_DETAIL_BYTES:
        raise ValueError(f"audit detail is larger than {MAX_DETAIL_BYTES} bytes; "
                         "record ids and counts, not documents")
    result: dict[str, Any] = json.loads(text)
    return result


def _walk(value: Any, where: str) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"audit detail keys must be strings ({where})")
            if is_personal_key(key):
                raise ValueError(f"audit detail must not hold personal data: key {key!r} in "
                                 f"{where} is named like a personal fact")
            _walk(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _walk(item, f"{where}[{index}]")
    elif isinstance(value, str) and _TWELVE_DIGITS.search(value):
        raise ValueError(f"audit detail must not hold personal data: {where} looks like an "
                         "individual number (12 digits)")
