"""Engines for SQLite files and shared servers, set up so that failures are loud, not silent.

Creating an engine opens nothing (SQLAlchemy connects lazily), so the GUI's cold start pays
only for the first query. For SQLite:

- WAL lets the GUI read while a save is being written; `synchronous=FULL` makes a committed
  save survive a power cut, which matters more at a counter than a millisecond per save;
- foreign keys are on (SQLite leaves them off by default);
- every transaction on a file starts with `BEGIN IMMEDIATE`, which takes the write lock at
  once and so waits (up to the busy timeout) for another process's save. A deferred `BEGIN`
  would read first and upgrade to a write later; when a neighbour committed in between, the
  upgrade fails at once with "database is locked" and the busy timeout never helps. Reads wait
  too, but a save is a few milliseconds. So the GUI and the command line, or a few processes
  on one file, wait for each other instead of failing. Shared use across terminals is still
  PostgreSQL's job: SQLite over a network share has unreliable locks;
- the file is opened with `mode=rw`, never `rwc`: if the file or its folder disappears (USB
  drive pulled, folder removed) the next save fails instead of writing to a fresh empty
  database that nobody will ever look at. The file is created once, by `open_store`, 0600.

For PostgreSQL `pool_pre_ping` replaces connections the server or network dropped, and a
connect timeout keeps a dead network from freezing the counter.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from tome_window.services.storage.errors import StorageError

CONNECT_TIMEOUT_S = 5
BUSY_TIMEOUT_S = 5.0


def sqlite_file(url: str | URL) -> Path | None:
    """The database file of a SQLite URL, or None for memory databases and other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def create_sqlite_file(path: Path) -> None:
    """Create the database file once, readable by the owner only (0700 folder, 0600 file)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(
            f"データベースファイル {path} を作れません({exc.strerror})。保存先の設定を確認して"
            "ください。", f"cannot create database file {path}: {exc}",
            kind="read_only" if isinstance(exc, PermissionError) else "unavailable") from exc
    os.close(fd)


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`; nothing is connected until the first query."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    kwargs: dict[str, Any] = {"pool_pre_ping": True, "future": True}
    if backend == "postgresql":
        kwargs["pool_recycle"] = 1800
        if "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(parsed, **kwargs)


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_file(url)
    if path is None:  # memory database: one shared connection, or each would see an empty one
        engine = create_engine(url, poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": BUSY_TIMEOUT_S})
        posix = path.absolute().as_posix()
        posix = posix if posix.startswith("/") else "/" + posix  # C:/... on Windows
        uri = "file://" + quote(posix, safe="/:") + "?mode=rw"

        @event.listens_for(engine, "do_connect")
        def _open_existing_only(dialect: Any, conn_rec: Any, cargs: list[Any],
                                cparams: dict[str, Any]) -> None:
            cargs[:] = [uri]
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, conn_rec: Any) -> None:
        # pysqlite's own transaction handling begins only before DML, so a save's read and
        # write, or a migration's DDL, would not be atomic; SQLAlchemy emits BEGIN instead.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            if path is not None:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Purged payloads are overwritten, not left readable in free pages.
            cursor.execute("PRAGMA secure_delete=ON")
        finally:
            cursor.close()

    begin = "BEGIN" if path is None else "BEGIN IMMEDIATE"  # memory: one connection, no rival

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def file_identity(path: Path) -> tuple[int, int]:
    """(device, inode) of the database file, to notice it was removed or replaced."""
    st = path.stat()
    return st.st_dev, st.st_ino
