"""Many Operate records added at once (services.operate.add_records): one transaction, each
record validated as add_record validates it, all or none with the bad record named, and the
audit trail the same as adding them one by one; and the demo's year of operating records,
in both languages, written that way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.errors import QmsError
from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.services.demo import write_demo
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import AuditRecord, ComplaintRecord
from qms_desktop.storage.workspace import Workspace

DAY = dt.date(2026, 3, 2)


def _complaint(n: int, **over: object) -> dict[str, object]:
    return {"received_on": DAY, "description": f"Complaint {n}", "severity": "disappointed",
            "status": "open", **over}  # fmt: skip


def _created(ws: Workspace, entity: str) -> dict[str, dict[str, object]]:
    with ws.reading() as s:
        rows = s.execute(
            select(AuditRecord.entity_id, AuditRecord.new_value).where(
                AuditRecord.entity == entity, AuditRecord.action == "create"
            )
        ).all()
    return {i: json.loads(v) for i, v in rows}


def test_a_batch_is_stored_in_order_with_the_same_trail_as_one_by_one(workspace: Workspace):
    one, _ = rs.add_record(workspace, "t", "complaint", _complaint(0, site="Riverside"))
    with workspace.reading() as s:
        before = s.scalar(select(func.count()).select_from(AuditRecord))
    records, changes = operate.add_records(
        workspace, "t", "complaint", [_complaint(n, site="Riverside") for n in range(1, 6)]
    )
    assert [r.values["description"] for r in records] == [f"Complaint {n}" for n in range(1, 6)]
    assert changes.registers == frozenset({"complaint"}) and "operate" in changes.steps
    listed = rs.list_records(workspace, "complaint")
    assert [r.id for r in listed] == [one.id, *(r.id for r in records)]
    assert listed[1].values == records[0].values
    with workspace.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)) == before + 5
    trail = _created(workspace, "complaint")
    first, batched = trail[str(one.id)], trail[str(records[0].id)]
    assert {k: v for k, v in batched.items() if k not in ("id", "position", "description")} == {
        k: v for k, v in first.items() if k not in ("id", "position", "description")
    }
    assert int(batched["position"]) == int(first["position"]) + 1
    report = check_workspace(workspace.path)
    assert report.findings == (), report.problem_texts()


def test_one_bad_record_refuses_the_batch_naming_it(workspace: Workspace):
    rows = [_complaint(n) for n in range(10)]
    rows[6]["severity"] = "furious"
    with pytest.raises(QmsError) as caught:
        operate.add_records(workspace, "t", "complaint", rows)
    assert caught.value.code == "operate.batch_record"
    assert "Record 7" in caught.value.message.text("en")
    assert "第 7 条记录" in caught.value.message.text("zh_CN")
    rows[6]["severity"] = "angered"
    rows[3]["received_on"] = dt.date.today() + dt.timedelta(days=2)  # a date in the future
    with pytest.raises(QmsError, match="Record 4"):
        operate.add_records(workspace, "t", "complaint", rows)
    assert rs.list_records(workspace, "complaint") == []


def test_a_reference_to_nothing_refuses_the_batch(workspace: Workspace):
    c, _ = rs.add_record(workspace, "t", "complaint", _complaint(0))
    cases = [{"complaint": c.id, "apology_on": DAY}, {"complaint": c.id + 99, "apology_on": DAY}]
    with pytest.raises(QmsError, match="Record 2"):
        operate.add_records(workspace, "t", "recovery", cases)
    assert rs.list_records(workspace, "recovery") == []
    with workspace.reading() as s:
        assert s.scalar(select(func.count()).select_from(ComplaintRecord)) == 1


def test_a_person_who_left_is_not_picked(workspace: Workspace):
    p, _ = rs.add_record(
        workspace, "t", "person", {"name": "Ann", "role": "Clerk", "state": "left"}
    )
    with pytest.raises(QmsError, match="Record 1"):
        operate.add_records(workspace, "t", "feedback_channel",
                            [{"name": "Cards", "kind": "comment_card", "owner": p.id}])  # fmt: skip
    assert rs.list_records(workspace, "feedback_channel") == []


# -- the demo ---------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["en", "zh_CN"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "demo.qms"
    write_demo(path, request.param)
    return path


def test_the_demo_has_a_year_of_operating_records(demo: Path):
    with Workspace.open(demo, read_only=True) as ws:
        complaints = rs.list_records(ws, "complaint")
        assert len(complaints) == 60
        assert len({c.values["site"] for c in complaints}) == 3
        assert len({c.values["moment"] for c in complaints}) >= 3
        assert len(rs.list_records(ws, "recovery")) == 60
        assert operate.recovery_warnings(ws)  # a few angered cases lack steps
        claims = operate.claims_summary(ws)
        assert claims.claims == 3 and claims.payout_total > 0
        spring, autumn = (s.id for s in rs.list_records(ws, "survey"))
        assert operate.survey_scores(ws, spring).scores.respondents == 400
        change = {d: delta for d, _, _, delta in operate.compare_surveys(ws, spring, autumn)}
        assert change["responsiveness"] is not None and change["responsiveness"] > 0.8
        targets = operate.results_against_targets(ws)
        assert len(targets) == 3 + 5  # the objectives and the satisfaction standards
        assert all(len(t.trend) == 12 and t.met for t in targets)  # met by the latest month
        assert {t.target.comparator for t in targets if t.target} == {">=", "<="}
        for s in (spring, autumn):  # an item's code names one item of its survey
            codes = [i.values["code"] for i in rs.list_records(ws, "survey_item")
                     if i.values["survey"] == s]  # fmt: skip
            assert len(codes) == len(set(codes)) == 10
        assert len(operate.retention(ws)) == 12
        zh = "zh_CN" in str(demo.parent)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in complaints[0].values["description"]) == zh  # type: ignore[union-attr]
    report = check_workspace(demo)
    assert report.findings == (), report.problem_texts()
