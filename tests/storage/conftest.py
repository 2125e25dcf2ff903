"""Fixtures for the storage tests: SQLite in tmp_path, and a real throwaway PostgreSQL server.

The PostgreSQL cluster is created once per session in a temporary folder, listens on a free
loopback TCP port only (no Unix socket), and runs as an unprivileged user when the tests run
as root (PostgreSQL refuses root). Each test gets its own database. Without the server
binaries (Debian package `postgresql`) or psycopg, the PostgreSQL cases are skipped with the
reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import need
from tome_window.services.config import Settings

PG_USER = "tome"
PG_OS_USER = "nobody"


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own TOME_WINDOW_KEY must not leak into the tests."""
    monkeypatch.delenv("TOME_WINDOW_KEY", raising=False)


def _pg_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                        reverse=True)
    for folder in candidates:
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname="postgres",
                             autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        need("psycopg is not installed (pip install -e '.[postgres]')")
    bindir = _pg_bindir()
    if bindir is None:
        need("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                    "apt-get install postgresql")
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="tome-pg-"))
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(root, ignore_errors=True)
            need("running as root without runuser: cannot start PostgreSQL unprivileged")
        entry = pwd.getpwnam(PG_OS_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        as_user = [runuser, "-u", PG_OS_USER, "--"]
    data, log = root / "data", root / "server.log"
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*as_user, *args], capture_output=True, text=True, env=env,
                              cwd=root, timeout=60)

    init = run(str(bindir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust",
               "--encoding=UTF8", "--no-locale", "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr or init.stdout}")
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    start = run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                "-w", "-t", "30", "start")
    if start.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {start.stderr or start.stdout}\n{text}")
    server = PgServer(port)
    try:
        _wait_ready(server)
        yield server
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(server: PgServer, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            server.admin("SELECT 1")
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the session's server."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.admin(f"CREATE DATABASE {name} STRATEGY FILE_COPY")
    try:
        yield pg_server.url(name)
    finally:
        pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_settings(tmp_path: Path, backend: str,
                  request: pytest.FixtureRequest) -> Callable[..., Settings]:
    """Settings for this test's database; call again for a second terminal on the same one."""
    data_dir = tmp_path / "data"
    url = (f"sqlite:///{data_dir / 'tome-window.sqlite3'}" if backend == "sqlite"
           else str(request.getfixturevalue("pg_url")))

    def make(**changes: object) -> Settings:
        values: dict[str, object] = {"data_dir": data_dir, "db_url": url, "retention_days": 30}
        values.update(changes)
        return Settings(**values)  # type: ignore[arg-type]

    return make


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    data_dir = tmp_path / "data"
    return Settings(data_dir=data_dir, db_url=f"sqlite:///{data_dir / 'tome-window.sqlite3'}",
                    retention_days=30)
