"""Alembic migrations on both backends: fresh upgrade, downgrade to base, models in step."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from tome_window.services.config import Settings
from tome_window.services.storage import migrate, open_store
from tome_window.services.storage.engine import create_sqlite_file, make_engine, sqlite_file
from tome_window.services.storage.models import Base

TABLES = {"visits", "audit_log", "store_meta", "alembic_version"}


def _engine(settings: Settings) -> Engine:
    path = sqlite_file(settings.db_url)
    if path is not None:
        create_sqlite_file(path)
    return make_engine(settings.db_url)


def test_head_constant_matches_scripts() -> None:
    assert migrate.head_of_scripts() == migrate.HEAD


def test_upgrade_fresh_and_downgrade_to_base(make_settings: Callable[..., Settings]) -> None:
    engine = _engine(make_settings())
    try:
        assert migrate.current_revision(engine) is None
        assert migrate.ensure_schema(engine) is True
        assert migrate.current_revision(engine) == migrate.HEAD
        assert TABLES <= set(inspect(engine).get_table_names())
        assert migrate.ensure_schema(engine) is False
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.HEAD
    finally:
        engine.dispose()


def test_models_match_migrations(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    open_store(settings).close()
    engine = make_engine(settings.db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
