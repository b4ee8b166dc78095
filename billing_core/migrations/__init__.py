"""Alembic migrations of billing_core (run by billing_core.db.migrate)."""
