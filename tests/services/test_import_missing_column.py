"""A new record in a register file needs a value the file has no column for: the refusal
names that column in the user's language (it said only "row 2: This field is required.",
found by exploratory testing), and nothing is written."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from qms_desktop.services.exchange import ExchangeError
from qms_desktop.services.register_exchange import import_register
from qms_desktop.storage.workspace import Workspace


@pytest.fixture
def demo(demo_file: Path):
    with Workspace.open(demo_file) as ws:
        yield ws


def test_a_required_column_missing_for_a_new_record_is_named(demo: Workspace, tmp_path: Path):
    path = tmp_path / "lessons.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [["Source", "What happened", "Lesson!"], ["Incident", "Late check-in", "Open earlier"]]
        )
    digest = hashlib.sha256(demo.path.read_bytes()).hexdigest()
    with pytest.raises(ExchangeError) as exc:
        import_register(demo, "tester", "lesson", path)
    english, chinese = exc.value.text("en"), exc.value.text("zh_CN")
    assert "lessons.csv, row 2" in english
    assert "“Experience or lesson”" in english and "no column" in english
    assert "“经验或教训”" in chinese and "Experience or lesson" not in chinese
    assert hashlib.sha256(demo.path.read_bytes()).hexdigest() == digest


def test_a_column_the_file_has_is_still_named_as_written(demo: Workspace, tmp_path: Path):
    path = tmp_path / "lessons.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                ["Source", "What happened", "Experience or lesson"],
                ["Incident", "Late check-in", ""],
            ]
        )
    with pytest.raises(ExchangeError) as exc:
        import_register(demo, "tester", "lesson", path)
    assert "row 2, column Experience or lesson" in exc.value.text("en")


def test_missing_columns_are_listed_in_the_users_language(demo: Workspace, tmp_path: Path):
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Nom", "Rôle"], ["X", "Y"]])
    with pytest.raises(ExchangeError) as exc:
        import_register(demo, "tester", "person", path)
    assert "Name" in exc.value.text("en") and "Role" in exc.value.text("en")
    chinese = exc.value.text("zh_CN")
    assert "姓名" in chinese and "岗位" in chinese and "Role" not in chinese


def test_a_plan_made_before_someone_changed_the_record_is_refused(demo: Workspace, tmp_path):
    from qms_desktop.services import registers
    from qms_desktop.services.register_exchange import (
        apply_register_import,
        export_register,
        plan_register_import,
    )

    path = tmp_path / "people.csv"
    export_register(demo, "person", path, lang="en")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[1][1] = "From the file"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    plan = plan_register_import(demo, "person", path)
    record_id = plan.updated[0].record_id
    registers.update_record(demo, "someone", "person", record_id, name="Meanwhile")
    digest = hashlib.sha256(demo.path.read_bytes()).hexdigest()
    with pytest.raises(ExchangeError) as exc:
        apply_register_import(demo, "tester", plan)
    assert exc.value.code == "exchange.changed_meanwhile"
    assert "读取文件后" in exc.value.text("zh_CN")
    assert hashlib.sha256(demo.path.read_bytes()).hexdigest() == digest
    stored = {r.id: r for r in registers.list_records(demo, "person")}[record_id]
    assert stored.values["name"] == "Meanwhile"
