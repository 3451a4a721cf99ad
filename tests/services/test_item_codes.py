"""A survey item's code names one item of its survey on every write path (one record, an
edit, several edited at once, a batch, a register file, put back by undo), read as the
response import reads it (case, width and spacing folded); the import refuses a code that
names two items of a file written before the rule."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.services.exchange import ExchangeError
from qms_desktop.services.register_exchange import export_register, import_register
from qms_desktop.storage.models import SurveyItemRecord
from qms_desktop.storage.workspace import Workspace

DAY = dt.date(2026, 3, 2)
TAKEN_EN = "The survey already has an item with the code “T1”"
TAKEN_ZH = "本调查已有代码为“T1”的题项"


def _survey(ws: Workspace, title: str = "Guests") -> int:
    survey, _ = rs.add_record(ws, "t", "survey", {"title": title, "starts_on": DAY,
                                                  "scale": "7", "asks": "perception_only"})  # fmt: skip
    return survey.id


def _item(ws: Workspace, survey: int, code: str) -> int:
    item, _ = rs.add_record(ws, "t", "survey_item", {"survey": survey, "code": code,
                                                     "statement": f"Item {code}",
                                                     "dimension": "tangibles"})  # fmt: skip
    return item.id


def _codes(ws: Workspace) -> list[str]:
    return sorted(str(r.values["code"]) for r in rs.list_records(ws, "survey_item"))


def test_adding_an_item_under_a_code_taken_in_its_survey_is_refused(workspace: Workspace):
    sid, other = _survey(workspace), _survey(workspace, "Staff")
    _item(workspace, sid, "T1")
    for code in ("T1", "t1", "Ｔ１", " t 1 "):  # as the import would read them
        with pytest.raises(ValidationError) as exc:
            _item(workspace, sid, code)
        assert exc.value.field == "code"
        assert exc.value.message.text("en").startswith(TAKEN_EN)
        assert exc.value.message.text("zh_CN").startswith(TAKEN_ZH)
    _item(workspace, other, "T1")  # another survey may use it
    _item(workspace, sid, "T2")
    assert _codes(workspace) == ["T1", "T1", "T2"]


def test_an_edit_or_a_bulk_edit_cannot_take_a_code_either(workspace: Workspace):
    sid = _survey(workspace)
    first, second, third = (_item(workspace, sid, c) for c in ("T1", "T2", "T3"))
    with pytest.raises(ValidationError, match="already has an item"):
        rs.update_record(workspace, "t", "survey_item", second, code="t1")
    rs.update_record(workspace, "t", "survey_item", first, code="T1")  # its own code: fine
    rs.update_record(workspace, "t", "survey_item", first, statement="Kept")
    with pytest.raises(ValidationError, match="already has an item"):  # two set to one code
        rs.update_records(workspace, "t", "survey_item", [(second, {"code": "X"}),
                                                          (third, {"code": "x"})])  # fmt: skip
    assert _codes(workspace) == ["T1", "T2", "T3"]
    with pytest.raises(ValidationError, match="already has an item"):  # moved into a survey
        other = _survey(workspace, "Staff")  # holding the code already
        _item(workspace, other, "T2")
        rs.update_record(workspace, "t", "survey_item", second, survey=other)


def test_undo_of_a_delete_cannot_bring_back_a_code_taken_since(workspace: Workspace):
    sid = _survey(workspace)
    gone = _item(workspace, sid, "T1")
    _item(workspace, sid, "T2")  # the new item gets another id than the one deleted
    removed, _ = rs.delete_records(workspace, "t", "survey_item", [gone])
    _item(workspace, sid, "T1")
    with pytest.raises(ValidationError, match="already has an item"):
        rs.restore_records(workspace, "t", removed)
    assert _codes(workspace) == ["T1", "T2"]


def test_a_batch_is_refused_whole_naming_the_record(workspace: Workspace):
    sid = _survey(workspace)
    _item(workspace, sid, "T1")

    def row(code: str) -> dict[str, object]:
        return {"survey": sid, "code": code, "statement": code, "dimension": "empathy"}

    with pytest.raises(QmsError) as exc:  # against a stored item
        operate.add_records(workspace, "t", "survey_item", [row("E1"), row("t1")])
    assert exc.value.message.text("en").startswith("Record 2: " + TAKEN_EN)
    with pytest.raises(QmsError) as exc:  # two of the batch
        operate.add_records(workspace, "t", "survey_item", [row("E1"), row("E2"), row("e-2")])
    assert "Record 3:" in exc.value.message.text("en")
    assert "“E2”" in exc.value.message.text("zh_CN")
    assert _codes(workspace) == ["T1"]
    operate.add_records(workspace, "t", "survey_item", [row("E1"), row("E2")])
    assert _codes(workspace) == ["E1", "E2", "T1"]


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Record ID", "Survey", "Code", "Statement", "SERVQUAL dimension"])
        w.writerows(rows)
    return path


def test_a_register_file_is_refused_naming_the_row(workspace: Workspace, tmp_path: Path):
    sid = _survey(workspace)
    kept = _item(workspace, sid, "T1")
    with pytest.raises(ExchangeError) as exc:  # a new row under a stored code
        import_register(workspace, "t", "survey_item", _sheet(tmp_path / "a.csv", [
            ["", "Guests", "R1", "Kept promise", "reliability"],
            ["", "Guests", "t1", "Clean rooms", "tangibles"]]))  # fmt: skip
    text = exc.value.message.text("en")
    assert "row 3" in text and "Code" in text and "“T1”" in text, text
    with pytest.raises(ExchangeError) as exc:  # two rows of the file
        import_register(workspace, "t", "survey_item", _sheet(tmp_path / "b.csv", [
            ["", "Guests", "R1", "Kept promise", "reliability"],
            ["", "Guests", "R2", "On time", "reliability"],
            ["", "Guests", "r 1", "Again", "reliability"]]))  # fmt: skip
    assert "row 4" in exc.value.message.text("en")
    assert "第 4 行" in exc.value.message.text("zh_CN")
    with pytest.raises(ExchangeError):  # a stored item changed to another's code
        _item(workspace, sid, "T2")
        out = tmp_path / "items.csv"
        export_register(workspace, "survey_item", out, lang="en")
        text = out.read_text(encoding="utf-8").replace(",T2,", ",T1,")
        out.write_text(text, encoding="utf-8")
        import_register(workspace, "t", "survey_item", out)
    assert _codes(workspace) == ["T1", "T2"]
    import_register(workspace, "t", "survey_item", _sheet(tmp_path / "c.csv", [
        [str(kept), "Guests", "T1", "Clean rooms", "tangibles"],
        ["", "Guests", "R1", "Kept promise", "reliability"]]))  # fmt: skip
    assert _codes(workspace) == ["R1", "T1", "T2"]


def test_the_response_import_refuses_a_code_naming_two_items(workspace: Workspace, tmp_path: Path):
    sid = _survey(workspace)
    _item(workspace, sid, "T1")
    with workspace.editing("t") as s:  # a file written before the rule
        s.add(SurveyItemRecord(survey=sid, code="t1", statement="Twin", dimension="tangibles",
                               standard=None, position=9))  # fmt: skip
    path = tmp_path / "r.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Respondent", "Item", "Perception"], ["A", "T1", "5"]])
    with pytest.raises(QmsError) as exc:
        operate.import_survey_responses(workspace, "t", sid, path)
    text = exc.value.message.text("en")
    assert "row 2" in text and "names 2 items" in text, text
    assert "对应本调查的 2 个题项" in exc.value.message.text("zh_CN")
    with workspace.reading() as s:
        assert s.scalar(select(func.count()).select_from(SurveyItemRecord)) == 2


def test_a_response_names_an_item_of_its_own_survey(workspace: Workspace):
    sid, other = _survey(workspace), _survey(workspace, "Staff")
    foreign = _item(workspace, other, "S1")
    answer = {"survey": sid, "respondent": "A", "item": foreign, "perception": 5}
    with pytest.raises(ValidationError, match="belongs to another survey"):
        rs.add_record(workspace, "t", "survey_response", answer)
    with pytest.raises(QmsError, match="Record 1: .*belongs to another survey"):
        operate.add_records(workspace, "t", "survey_response", [answer])
