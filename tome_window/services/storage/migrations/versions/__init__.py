"""Alembic revisions; Alembic ignores this file."""
