"""Alembic migrations of the incident database (run by ``incidents.store.engine.upgrade``)."""
