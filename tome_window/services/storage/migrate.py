"""Alembic migrations run from code, with a fast path for the usual case.

The migrations ship inside the package (`migrations/`, with `env.py` and `versions/`), so an
installed terminal needs no alembic.ini: the Config is built here. At every start
`ensure_schema` reads `alembic_version` with one query and returns at once when it equals
HEAD; only an old or new database pays for importing Alembic's command machinery, which the
GUI's cold-start benchmark would otherwise see each time.

When adding a revision, set HEAD to its id (a test checks HEAD against the scripts). For IT
staff and developers:

    python -m tome_window.services.storage.migrate current|upgrade|downgrade REV|sql [URL]
    python -m tome_window.services.storage.migrate revision "message"   (autogenerate)

`sql` prints the upgrade as SQL for a DBA who applies PostgreSQL changes by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from tome_window.services.storage.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0002"
MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "alembic_version"


def current_revision(engine: Engine) -> str | None:
    """The database's revision, None for a database Alembic never touched."""
    with engine.connect() as conn:
        if not conn.dialect.has_table(conn, VERSION_TABLE):
            return None
        rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all()
    if len(rows) != 1:
        return None if not rows else ",".join(sorted(str(r[0]) for r in rows))
    return str(rows[0][0])


def ensure_schema(engine: Engine) -> bool:
    """Bring the database to HEAD; True when migrations ran, False on the fast path."""
    if current_revision(engine) == HEAD:
        return False
    upgrade(engine, "head")
    return True


def alembic_config(url: str | URL | None = None) -> Config:
    """A Config pointing at the packaged migrations; no ini file, no logging setup."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_table", VERSION_TABLE)
    if url is not None:
        text = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
        cfg.set_main_option("sqlalchemy.url", text.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one transaction on the store's engine (PostgreSQL: under an advisory lock)."""
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade; `base` drops every table, personal data and audit log included."""
    _run(engine, "downgrade", revision)


def _run(engine: Engine, name: str, revision: str) -> None:
    from alembic import command
    from alembic.util import CommandError

    cfg = alembic_config(engine.url)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, name)(cfg, revision)
    except CommandError as exc:
        raise StorageError(
            "データベースの版がこのプログラムと合いません。データベースがより新しい版で更新された"
            "可能性があります。プログラムを更新するか、情報政策担当に連絡してください。",
            f"database schema does not match this program: {exc}", kind="schema") from exc


def head_of_scripts() -> str | None:
    """The head revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in {"current", "upgrade", "downgrade", "sql", "revision"}:
        print(__doc__)
        return 2
    from tome_window.services.config import load_settings
    from tome_window.services.storage.engine import create_sqlite_file, make_engine, sqlite_file
    from tome_window.services.storage.errors import translated

    verb = args.pop(0)
    if verb == "revision":
        return _revision(" ".join(args) or "change")
    rev = args.pop(0) if verb == "downgrade" and args else None
    if verb == "downgrade" and not rev:
        print(__doc__)
        return 2
    url = args[0] if args else load_settings().db_url
    try:
        with translated("データベースの移行", f"migration ({verb})"):
            if verb == "sql":
                from alembic import command

                command.upgrade(alembic_config(url), "head", sql=True)
                return 0
            path = sqlite_file(url)
            if path is not None and verb == "upgrade":
                create_sqlite_file(path)
            engine = make_engine(url)
            try:
                if verb == "current":
                    print(current_revision(engine) or "(none)")
                elif verb == "upgrade":
                    upgrade(engine, "head")
                else:
                    downgrade(engine, rev or "")
            finally:
                engine.dispose()
    except StorageError as exc:
        print(exc.message_ja, file=sys.stderr)
        return 1
    return 0


def _revision(message: str) -> int:
    """Autogenerate a revision against a scratch SQLite database at HEAD."""
    import tempfile

    from alembic import command

    from tome_window.services.storage.engine import create_sqlite_file, make_engine

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scratch.sqlite3"
        create_sqlite_file(path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine, "head")
            cfg: Any = alembic_config(engine.url)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=message, autogenerate=True)
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
