"""Alembic migration environment shipped with the package (no alembic.ini needed)."""
