"""Files written whole or not at all, and the one way a write failure is told to staff.

Every document the counter hands out (applications, guide, reading aid, JSON, CSV) is written
under a temporary name and renamed, so a full disk or a pulled USB stick never leaves a half
file that looks complete; the message says what was not saved, names a full disk as such,
and reminds staff that what they typed is still on screen.

They hold personal data (the individual number too, where a form needs it), so a document is
readable by its owner only (0600) and a folder made for them is 0700, whatever the umask:
another account on the terminal must not read a resident's application.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tome_window.domain.errors import TomeError


def write_error(path: Path, what: str, exc: OSError,
                kind: type[TomeError] = TomeError) -> TomeError:
    if exc.errno == errno.ENOSPC:
        return kind(f"ディスクの空き容量が足りないため、{what}を保存できませんでした。"
                    "空きを作ってからもう一度出力してください(入力内容は残っています)。",
                    f"disk full while writing {path}")
    return kind(f"{what}を保存できませんでした({path})。保存先を確認してください(入力内容は残っています)。",
                f"cannot write {path}: {exc}")


def make_dir(path: Path, what: str, kind: type[TomeError] = TomeError) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(path, what, exc, kind) from exc
    return path


@contextmanager
def written_whole(path: Path, what: str, kind: type[TomeError] = TomeError) -> Iterator[Path]:
    """Yields a temporary path to write; renamed to `path` only when the block succeeds."""
    tmp = path.with_name(path.name + ".part")
    try:
        yield tmp
        os.chmod(tmp, 0o600)  # before it gets its real name
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_error(path, what, exc, kind) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, what: str, kind: type[TomeError] = TomeError) -> None:
    with written_whole(path, what, kind) as tmp:
        tmp.write_bytes(data)
