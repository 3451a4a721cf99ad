"""`Workspace.schema_problems` decides a sound schema without Alembic (schema_shape against
model_shape) and leaves every difference to Alembic's comparison, word for word as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import autogenerate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from qms_desktop.storage.models import Base
from qms_desktop.storage.workspace import Workspace, model_shape, schema_shape


def _alembic_problems(path: Path) -> list[str]:
    """What schema_problems said before it had a way without Alembic (the differences)."""
    with Workspace.open(path, read_only=True) as ws, ws.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True})
        return [
            f"schema differs from this version: {d!r}" for d in compare_metadata(ctx, Base.metadata)
        ]


def _without_alembic(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Alembic was asked")

    monkeypatch.setattr(autogenerate, "compare_metadata", refuse)


def test_a_new_workspace_is_sound_without_asking_alembic(
    workspace_file: Path, monkeypatch: pytest.MonkeyPatch
):
    conn = sqlite3.connect(workspace_file)
    assert schema_shape(conn) == model_shape(Base.metadata)
    conn.close()
    assert _alembic_problems(workspace_file) == []  # as Alembic says
    _without_alembic(monkeypatch)
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert ws.schema_problems() == []


def test_a_workspace_upgraded_from_the_first_format_is_sound_without_asking_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "v1.qms"
    Workspace.create(path, revision="0001").close()
    Workspace.open(path).close()  # upgraded through every migration
    assert _alembic_problems(path) == []
    _without_alembic(monkeypatch)
    with Workspace.open(path, read_only=True) as ws:
        assert ws.schema_problems() == []


CHANGES = {
    "a column dropped": "ALTER TABLE library DROP COLUMN source",
    "a column added": "ALTER TABLE lesson ADD COLUMN extra TEXT",
    "an index dropped": "DROP INDEX {index}",
    "an index added": "CREATE INDEX ix_extra ON person (name)",
    "a table added": "CREATE TABLE extra (id INTEGER PRIMARY KEY)",
    "a table dropped": "DROP TABLE lesson",
    "a type changed": (
        "CREATE TABLE t2 AS SELECT * FROM organisation",
        "DROP TABLE organisation",
        "CREATE TABLE organisation (id TEXT PRIMARY KEY, name TEXT)",
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_schema_is_described_by_alembic_as_before(workspace_file: Path, change: str):
    conn = sqlite3.connect(workspace_file)
    index = next(
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    )
    statements = CHANGES[change]
    for statement in [statements] if isinstance(statements, str) else statements:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(statement.format(index=index))
    conn.commit()
    assert schema_shape(conn) != model_shape(Base.metadata)
    conn.close()
    expected = _alembic_problems(workspace_file)
    assert expected, change  # Alembic sees a difference...
    with Workspace.open(workspace_file, read_only=True) as ws:
        problems = ws.schema_problems()
    assert problems[: len(expected)] == expected  # ...and says it as it did
