"""Alembic environment for Tome Window's store.

Run through tome_window.services.storage.migrate, which hands over the store's own
connection (config.attributes["connection"]) so that SQLite pragmas and PostgreSQL settings
are the same as at run time. Logging is left alone: the program configures it, an ini must not.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from tome_window.services.storage.models import Base

# Any constant shared by every terminal: serialises concurrent upgrades of one PostgreSQL DB.
PG_LOCK_KEY = 0x70_6D_65_57  # "tmeW"

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(target_metadata=target_metadata, compare_type=True,
                      version_table=config.get_main_option("version_table") or "alembic_version",
                      **kwargs)  # type: ignore[arg-type]


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
               dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run_with(connection: Connection) -> None:
    # SQLite cannot ALTER most things: batch mode copies the table instead. The store's
    # connections have foreign_keys=ON; a batch revision on a table that others reference
    # must take that into account (the PRAGMA cannot change inside the transaction).
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several terminals may start at once after an update; one migrates, the others
            # wait here and then find nothing left to do.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    from tome_window.services.storage.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as conn:
            _run_with(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
