"""The internal audit rules: the scope read from written clauses, what lies under a clause,
auditors' independence (matrix, owner text, auditee; the override), completing only with
every nonconforming finding graded, findings counted by grade."""

from __future__ import annotations

import pytest

from qms_desktop.domain import audits as rules
from qms_desktop.domain.assessment import Grade, ItemAssessment, Status
from qms_desktop.domain.errors import QmsError, ValidationError

NAMES = {1: "Lin Wei", 2: "Wu Fang", 3: "Zhao Min"}
TITLES = {2: {"Head chef"}}


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("7.5, 8.2, 8.5.1", ("7.5", "8.2", "8.5.1")),
        ("7.5;8.2  8.5.", ("7.5", "8.2", "8.5")),
        ("7.5、8.2，9.2", ("7.5", "8.2", "9.2")),  # Chinese enumeration and full-width commas
        ("7.5, 7.5", ("7.5",)),
        ("", ()),
        (" , ", ()),
    ],
)
def test_scope_clauses(text: str, clauses: tuple[str, ...]) -> None:
    assert rules.scope_clauses(text) == clauses


def test_a_clause_takes_its_sub_clauses_only() -> None:
    scope = ("8.5", "7.1.5")
    assert rules.in_scope("8.5", scope) and rules.in_scope("8.5.1", scope)
    assert rules.in_scope("7.1.5", scope) and not rules.in_scope("7.1", scope)
    assert not rules.in_scope("8.50", scope) and not rules.in_scope("18.5", scope)


def test_process_owners_are_r_and_a_appointees() -> None:
    cells = [(10, 5, "R"), (11, 5, "A"), (12, 5, "C"), (13, 6, "R"), (14, 5, "I")]
    appointees = {10: 1, 11: 2, 12: 3, 13: 3, 14: None}
    assert rules.process_owners(5, cells, appointees) == frozenset({1, 2})
    assert rules.process_owners(7, cells, appointees) == frozenset()


def test_independence_by_the_matrix_before_the_owner_text() -> None:
    facts = rules.ProcessFacts("Front desk", frozenset({1}), owner_text="Wu Fang")
    found = rules.independence_breaches([1, 3], None, facts, NAMES, TITLES)
    assert found == [rules.Breach(1, "owner")]
    # the text owner is asked only when the matrix names nobody for the process
    assert rules.independence_breaches([2], None, facts, NAMES, TITLES) == []
    by_text = rules.ProcessFacts("Front desk", frozenset(), owner_text="  wu fang ")
    assert rules.independence_breaches([2], None, by_text, NAMES, TITLES) == [
        rules.Breach(2, "owner")
    ]
    by_title = rules.ProcessFacts("Kitchen", frozenset(), owner_text="head CHEF")
    assert rules.independence_breaches([None, 2], None, by_title, NAMES, TITLES)[0].person == 2


def test_the_auditee_may_not_audit_and_each_person_counts_once() -> None:
    found = rules.independence_breaches([3, 3, None], 3, None, NAMES, TITLES)
    assert found == [rules.Breach(3, "auditee")]
    assert rules.independence_breaches([1], 3, None, NAMES, TITLES) == []


def test_breach_refused_naming_auditor_and_process_unless_overridden() -> None:
    breaches = [rules.Breach(1, "owner")]
    with pytest.raises(ValidationError) as exc:
        rules.check_independence(breaches, "  ", NAMES, "Front desk")
    assert exc.value.field == "independence_override"
    assert "Lin Wei" in exc.value.text("en") and "Front desk" in exc.value.text("en")
    assert "Lin Wei" in exc.value.text("zh_CN") and "前台" not in exc.value.text("zh_CN")
    assert "独立性例外理由" in exc.value.text("zh_CN")
    rules.check_independence(breaches, "Only qualified auditor on site", NAMES, "Front desk")
    rules.check_independence([], "", NAMES, "Front desk")
    with pytest.raises(ValidationError) as exc:
        rules.check_independence([rules.Breach(3, "auditee")], "", NAMES, "")
    assert exc.value.code == "audit.not_independent_auditee" and "Zhao Min" in exc.value.text("en")


def _item(ref: str, status: Status, grade: Grade = Grade.NONE) -> ItemAssessment:
    return ItemAssessment("lib", ref, status, grade)


def test_completing_needs_every_nonconforming_finding_graded() -> None:
    items = [
        _item("7.5", Status.CONFORMING),
        _item("8.2", Status.NOT_ASSESSED),  # sampled audits need not cover every clause
        _item("8.5.1", Status.NONCONFORMING),
        _item("8.5.2", Status.PARTIAL),
    ]
    with pytest.raises(QmsError) as exc:
        rules.check_completable("Front desk audit", items)
    assert exc.value.params["count"] == 2 and exc.value.params["ref"] == "8.5.1"
    graded = [*items[:2], _item("8.5.1", Status.NONCONFORMING, Grade.MAJOR),
              _item("8.5.2", Status.PARTIAL, Grade.OBSERVATION)]  # fmt: skip
    rules.check_completable("Front desk audit", graded)


def test_findings_by_grade() -> None:
    items = [
        _item("7.5", Status.CONFORMING, Grade.GOOD_PRACTICE),
        _item("8.5.1", Status.NONCONFORMING, Grade.MAJOR),
        _item("8.5.2", Status.PARTIAL, Grade.MINOR),
        _item("8.6", Status.PARTIAL, Grade.MINOR),
        _item("9.1", Status.CONFORMING),
    ]
    by = rules.findings_by_grade(items)
    assert list(by) == list(rules.REPORT_GRADES)
    assert [i.ref for i in by[Grade.MINOR]] == ["8.5.2", "8.6"]
    assert len(by[Grade.MAJOR]) == 1 and by[Grade.OFI] == []
