"""Persistence: SQLAlchemy models, the workspace file, migrations and the audit log."""
