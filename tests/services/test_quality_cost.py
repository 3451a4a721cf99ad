"""Quality cost and the quality appraisal through the services: the workspace's one currency
(kept on the organisation, pinned at creation, upgraded workspaces given their language's),
amounts in another currency refused on every road (form, bulk edit, import) with nothing
stored, the external failure read from recovery tokens and payouts (no double entry), the
import all or nothing with the bad row named, the veto proposed from the period's records and
applied only with a reason."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.services import quality_cost as qcs
from qms_desktop.services.register_exchange import import_register
from qms_desktop.services.registers import add_record, list_records, update_record, update_records
from qms_desktop.services.workspaces import check_workspace, create_workspace
from qms_desktop.storage.workspace import Workspace

ACTOR = "tester"
JAN = dt.date(2026, 1, 1)


def _cost(ws: Workspace, amount: object, **kw: object) -> int:
    values = {"period": JAN, "category": "appraisal", "amount": amount, **kw}
    return add_record(ws, ACTOR, "quality_cost", values)[0].id


def test_the_currency_follows_the_language_until_amounts_are_held(tmp_path: Path) -> None:
    from qms_desktop.services.profile import update_profile

    create_workspace(tmp_path / "zh.qms", "酒店", lang="zh_CN", actor=ACTOR).close()
    with Workspace.open(tmp_path / "zh.qms") as ws:
        assert qcs.workspace_currency(ws) == "CNY"
        update_profile(ws, ACTOR, default_language="en")  # nothing held yet: it follows
        assert qcs.workspace_currency(ws) == "EUR"
        _cost(ws, "€10")
        update_profile(ws, ACTOR, default_language="zh_CN")  # amounts held: they keep theirs
        assert qcs.workspace_currency(ws) == "EUR"
    assert check_workspace(tmp_path / "zh.qms").sound


def test_another_currency_is_refused_on_every_road_and_nothing_is_stored(
    workspace: Workspace,
) -> None:
    assert qcs.workspace_currency(workspace) == "EUR"
    qcs.set_currency(workspace, ACTOR, "cny")
    assert qcs.workspace_currency(workspace) == "CNY"
    first = _cost(workspace, "¥1,200.50")
    assert list_records(workspace, "quality_cost")[0].values["amount"] == 1200.5
    for typed in ("$120", "120 USD", "€9"):
        with pytest.raises(ValidationError) as caught:
            _cost(workspace, typed)
        assert caught.value.code == "cost.other_currency" and "CNY" in caught.value.text("en")
    with pytest.raises(ValidationError) as caught:
        _cost(workspace, "twelve")
    assert caught.value.code == "cost.amount_not_number"
    with pytest.raises(ValidationError):
        update_record(workspace, ACTOR, "quality_cost", first, amount="US$5")
    with pytest.raises(ValidationError):
        update_records(workspace, ACTOR, "quality_cost", [(first, {"amount": "5 GBP"})])
    with pytest.raises(ValidationError):
        add_record(workspace, ACTOR, "cost_period", {"period": JAN, "revenue": "$9000"})
    assert [r.values["amount"] for r in list_records(workspace, "quality_cost")] == [1200.5]
    assert list_records(workspace, "cost_period") == []
    # amounts held: the currency is not changed from under them
    with pytest.raises(QmsError) as refused:
        qcs.set_currency(workspace, ACTOR, "USD")
    assert refused.value.code == "cost.currency_in_use" and "CNY" in refused.value.text("zh_CN")
    assert qcs.workspace_currency(workspace) == "CNY"
    with pytest.raises(ValidationError):
        qcs.set_currency(workspace, ACTOR, "XXX")


def _complaint(ws: Workspace, day: dt.date, site: str, severity: str = "angered") -> int:
    values = {"received_on": day, "site": site, "description": "Cold room, rude answer",
              "severity": severity, "status": "open"}  # fmt: skip
    return add_record(ws, ACTOR, "complaint", values)[0].id


def test_recovery_tokens_and_payouts_are_external_failure_without_a_second_entry(
    workspace: Workspace,
) -> None:
    c = _complaint(workspace, dt.date(2026, 1, 10), "Front office")
    add_record(workspace, ACTOR, "recovery", {"complaint": c, "apology_on": dt.date(2026, 2, 2),
                                              "token": "Dinner", "token_value": 80})  # fmt: skip
    add_record(workspace, ACTOR, "commitment_claim",
               {"complaint": c, "claimed_on": dt.date(2026, 1, 11), "payout": 20})  # fmt: skip
    _cost(workspace, 500, category="external_failure", department="Front office")
    s = qcs.cost_summary(workspace)
    jan, feb = s.periods
    assert jan.by_category["external_failure"] == 520.0 and jan.derived_external == 20.0
    assert feb.by_category["external_failure"] == 80.0  # dated by the apology
    assert s.derived_external == 100.0
    assert len(list_records(workspace, "quality_cost")) == 1  # nothing copied into the ledger
    sources = sorted(e.source_register for e in qcs.cost_entries(workspace) if e.derived)
    assert sources == ["commitment_claim", "recovery"]
    add_record(workspace, ACTOR, "cost_period", {"period": dt.date(2026, 1, 15), "revenue": 10400})
    s = qcs.cost_summary(workspace)
    assert s.periods[0].ratio == pytest.approx(520 / 10400)
    assert s.months_without_revenue == (dt.date(2026, 2, 1),)


def test_the_import_reads_the_currency_and_is_all_or_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    qcs.set_currency(workspace, ACTOR, "CNY")
    good = tmp_path / "costs.csv"
    good.write_text(
        "Month,Category,Department,Amount,Description or source\n"
        '2026-01-01,Prevention,Quality office,"¥1,200",Training\n'
        "2026-01-31,Internal failure,Kitchen,300 元,Spoiled food\n",
        encoding="utf-8",
    )
    done, _ = import_register(workspace, ACTOR, "quality_cost", good)
    assert len(done.added) == 2
    rows = list_records(workspace, "quality_cost")
    assert [(r.values["amount"], r.values["period"]) for r in rows] == [(1200.0, JAN), (300.0, JAN)]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Month,Category,Amount\n2026-02-01,Appraisal,400\n2026-02-01,Appraisal,$120\n",
        encoding="utf-8",
    )
    with pytest.raises(QmsError) as caught:
        import_register(workspace, ACTOR, "quality_cost", bad)
    text = caught.value.text("en")
    assert "3" in text and "Amount" in text and "CNY" in text and "$" in text
    assert "CNY" in caught.value.text("zh_CN")
    assert len(list_records(workspace, "quality_cost")) == 2  # nothing of the bad file


def test_the_veto_is_proposed_from_the_period_and_applied_only_with_a_reason(
    workspace: Workspace,
) -> None:
    person = add_record(workspace, ACTOR, "person",
                        {"name": "Wang Fang", "role": "Manager", "department": "Front office"})  # fmt: skip
    appraisal = add_record(workspace, ACTOR, "appraisal",
                           {"period": JAN, "person": person[0].id, "score": 88})[0].id  # fmt: skip
    other = add_record(workspace, ACTOR, "appraisal",
                       {"period": JAN, "department": "Kitchen", "score": 90})[0].id  # fmt: skip
    proposals = qcs.veto_proposals(workspace)
    assert not proposals[appraisal].proposed and not proposals[appraisal].triggers_defined
    assert "Veto triggers" in qcs.proposal_text(proposals[appraisal], "en")[0]
    add_record(
        workspace, ACTOR, "veto_trigger", {"name": "Angry guest", "kind": "serious_complaint"}
    )
    add_record(workspace, ACTOR, "veto_trigger", {"name": "Injury", "kind": "safety_incident"})
    _complaint(workspace, dt.date(2026, 1, 20), "front office")
    _complaint(workspace, dt.date(2026, 2, 20), "Kitchen")  # next month: not Kitchen's January
    proposals = qcs.veto_proposals(workspace)
    assert proposals[appraisal].proposed and not proposals[other].proposed
    lines = qcs.proposal_text(proposals[appraisal], "zh_CN")
    assert "建议否决" in lines[0] and "Angry guest" in lines[0] and "安全事故" in lines[-1]
    with pytest.raises(ValidationError) as caught:
        update_record(workspace, ACTOR, "appraisal", appraisal, veto_applied="yes")
    assert caught.value.code == "cost.veto_needs_reason"
    assert list_records(workspace, "appraisal")[0].values["veto_applied"] == ""
    update_record(workspace, ACTOR, "appraisal", appraisal, veto_applied="yes",
                  veto_reason="Angry guest on 20 January", economic_effect="Bonus withheld")  # fmt: skip
    history = qcs.appraisal_history(workspace)
    assert [r.id for r in history["Front office"]] == [appraisal]
    assert history["Front office"][0].values["veto_applied"] == "yes"


def test_a_workspace_of_format_14_upgrades_and_takes_costs_in_its_language_currency(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v14.qms"
    Workspace.create(path, revision="0014").close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO organisation (id, name, short_name, address, scope, services, sites,"
        " industry, doc_prefix, management_representative, default_language)"
        " VALUES (1, '酒店', '', '', '', '', '', '', '', '', 'zh_CN')"
    )
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None and ws.schema_problems() == []
        assert qcs.workspace_currency(ws) == "CNY"
        _cost(ws, "¥10")
        assert [r.values["amount"] for r in list_records(ws, "quality_cost")] == [10.0]


def test_a_new_workspace_with_costs_passes_the_check(workspace_file: Path) -> None:
    with Workspace.open(workspace_file) as ws:
        qcs.set_currency(ws, ACTOR, "CNY")
        qcs.set_currency(ws, ACTOR, "EUR")
        _cost(ws, "€12")
        add_record(ws, ACTOR, "veto_trigger", {"name": "Claim", "kind": "broken_commitment"})
        add_record(ws, ACTOR, "appraisal", {"period": JAN, "department": "Front office"})
    report = check_workspace(workspace_file)
    assert report.sound, report.problems


def test_a_major_nonconformity_of_the_owner_department_proposes_the_veto(
    workspace: Workspace,
) -> None:
    from qms_desktop.services import actions
    from qms_desktop.services import checklist as cl
    from tests.checklist_data import add_test_library

    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, ACTOR, "Audit", JAN, ["test-iso"])
    major, minor = (r.item_id for r in cl.checklist_rows(workspace, info.id)[:2])
    for item, grade in ((major, "major"), (minor, "minor")):
        cl.assess_requirement(workspace, ACTOR, item, status="nonconforming", grade=grade,
                              gap=f"{grade} finding")  # fmt: skip
        actions.raise_from_item(workspace, ACTOR, item,
                                {"owner": "Kitchen", "raised_on": dt.date(2026, 1, 8)})  # fmt: skip
    add_record(workspace, ACTOR, "veto_trigger",
               {"name": "Major nonconformity", "kind": "major_nonconformity"})  # fmt: skip
    kitchen = add_record(workspace, ACTOR, "appraisal", {"period": JAN, "department": "Kitchen"})
    p = qcs.veto_proposals(workspace)[kitchen[0].id]
    assert [h.event.kind for h in p.hits] == ["major_nonconformity"]  # the minor one is not
    assert "major finding" in qcs.proposal_text(p, "en")[0]
