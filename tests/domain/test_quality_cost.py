"""Quality cost in the domain: amounts read in the workspace's one currency, totals, shares
and ratio to revenue per month, the external failure read from recovery and payouts, the
trend, and the veto a period's records propose (a person decides, with a reason)."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain import quality_cost as qc
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.registers import REGISTERS, validate_record

JAN, FEB, MAR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)


def entry(period: dt.date, category: str, amount: float, **kw: object) -> qc.CostEntry:
    return qc.CostEntry(period, category, amount, **kw)  # type: ignore[arg-type]


# -- currency ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "currency", "read"),
    [
        ("¥1,200", "CNY", "1,200"),
        ("1200 元", "CNY", "1200"),
        ("RMB 300.50", "CNY", "300.50"),
        ("€ 99", "EUR", "99"),
        ("99 EUR", "EUR", "99"),
        ("1200", "CNY", "1200"),
        (1200.0, "CNY", 1200.0),
        (None, "EUR", None),
    ],
)
def test_the_workspace_currency_sign_is_accepted(
    typed: object, currency: str, read: object
) -> None:
    assert qc.read_amount("amount", typed, currency) == read


@pytest.mark.parametrize(
    ("typed", "currency", "found"),
    [("$120", "CNY", "$"), ("120 USD", "CNY", "USD"), ("€5", "CNY", "€"), ("¥300", "EUR", "¥")],
)
def test_another_currency_is_refused_naming_the_workspace_currency(
    typed: str, currency: str, found: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        qc.read_amount("amount", typed, currency)
    assert caught.value.code == "cost.other_currency" and caught.value.field == "amount"
    assert currency in caught.value.text("en") and found in caught.value.text("en")
    assert currency in caught.value.text("zh_CN") and "其他货币" in caught.value.text("zh_CN")


@pytest.mark.parametrize("typed", ["twelve", "12 apples", "¥"])
def test_what_is_not_an_amount_is_refused_saying_so(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        qc.read_amount("amount", typed, "CNY")
    assert caught.value.code == "cost.amount_not_number"
    assert "CNY" in caught.value.text("en") and "不是金额" in caught.value.text("zh_CN")


def test_default_currency_follows_the_language_and_unknown_codes_are_refused() -> None:
    assert qc.default_currency("zh_CN") == "CNY" and qc.default_currency("en") == "EUR"
    assert qc.check_currency(" usd ") == "USD"
    with pytest.raises(ValidationError) as caught:
        qc.check_currency("XYZ")
    assert caught.value.code == "cost.bad_currency"


# -- the register's own rules --------------------------------------------------------------


def test_the_ledger_keeps_the_month_and_refuses_a_negative_amount() -> None:
    reg = REGISTERS["quality_cost"]
    v = validate_record(reg, {"period": dt.date(2026, 3, 17), "category": "appraisal",
                              "amount": "1,500.5"})  # fmt: skip
    assert v["period"] == MAR and v["amount"] == 1500.5
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {"period": MAR, "category": "appraisal", "amount": -3})
    assert caught.value.code == "cost.negative_amount"
    assert reg.field("category").choices == qc.CATEGORIES
    assert REGISTERS["veto_trigger"].field("kind").choices == qc.VETO_KINDS


def test_applying_the_veto_without_a_reason_is_refused() -> None:
    reg = REGISTERS["appraisal"]
    base = {"period": JAN, "department": "Front office", "score": 82}
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {**base, "veto_applied": "yes", "veto_reason": "  "})
    assert caught.value.field == "veto_reason" and caught.value.code == "cost.veto_needs_reason"
    assert "理由" in caught.value.text("zh_CN")
    done = validate_record(reg, {**base, "veto_applied": "yes", "veto_reason": "Angry guest"})
    assert done["veto_applied"] == "yes"
    assert validate_record(reg, base)["veto_applied"] == ""  # not decided: no reason needed
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {**base, "score": 130})
    assert caught.value.code == "cost.score_out_of_range"
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {**base, "period_to": dt.date(2025, 12, 31)})
    assert caught.value.code == "cost.period_to_before_from"


# -- totals, shares, ratios ----------------------------------------------------------------


def test_totals_shares_and_ratio_per_month_and_overall() -> None:
    entries = [
        entry(JAN, "prevention", 100.0),
        entry(dt.date(2026, 1, 20), "appraisal", 300.0),
        entry(JAN, "internal_failure", 400.0),
        entry(JAN, "external_failure", 200.0),
        entry(FEB, "appraisal", 500.0),
    ]
    s = qc.summarise(entries, {JAN: 20_000.0})
    jan, feb = s.periods
    assert jan.period == JAN and jan.total == 1000.0
    assert jan.shares == {"prevention": 0.1, "appraisal": 0.3, "internal_failure": 0.4,
                          "external_failure": 0.2}  # fmt: skip
    assert jan.ratio == pytest.approx(0.05)
    assert feb.revenue is None and feb.ratio is None  # no revenue: no ratio, said so
    assert s.months_without_revenue == (FEB,)
    assert s.total == 1500.0 and s.by_category["appraisal"] == 800.0
    assert s.shares["appraisal"] == pytest.approx(800 / 1500)
    # the overall ratio holds only the months that have revenue against it
    assert s.revenue == 20_000.0 and s.ratio == pytest.approx(1000 / 20_000)
    assert qc.trend(s) == [(JAN, (100.0, 300.0, 400.0, 200.0)), (FEB, (0.0, 500.0, 0.0, 0.0))]


def test_zero_revenue_gives_no_ratio_and_nothing_gives_no_share() -> None:
    s = qc.summarise([entry(JAN, "prevention", 0.0)], {JAN: 0.0})
    assert s.periods[0].ratio is None and s.ratio is None
    assert s.shares == dict.fromkeys(qc.CATEGORIES)  # a total of zero has no shares
    assert qc.summarise([], {}).periods == ()


def test_recovery_tokens_and_payouts_count_as_external_failure() -> None:
    entries = [
        entry(JAN, "prevention", 100.0),
        entry(dt.date(2026, 1, 9), "external_failure", 80.0, source_register="recovery"),
        entry(dt.date(2026, 1, 12), "external_failure", 20.0, source_register="commitment_claim"),
    ]
    s = qc.summarise(entries, {})
    assert s.by_category["external_failure"] == 100.0 and s.derived_external == 100.0
    assert s.periods[0].derived_external == 100.0
    assert [e.derived for e in entries] == [False, True, True]


def test_months_outside_the_window_are_left_out() -> None:
    entries = [entry(JAN, "prevention", 1.0), entry(MAR, "prevention", 2.0)]
    s = qc.summarise(entries, {}, start=FEB, end=dt.date(2026, 3, 31))
    assert [p.period for p in s.periods] == [MAR]


# -- the veto ------------------------------------------------------------------------------


def _events() -> list[qc.VetoEvent]:
    return [
        qc.VetoEvent("serious_complaint", dt.date(2026, 1, 14), "Front office",
                     "cost.event_complaint", (("date", "2026-01-14"), ("text", "Rude"))),
        qc.VetoEvent("broken_commitment", dt.date(2026, 2, 3), "Restaurant", "cost.event_claim",
                     (("date", "2026-02-03"),)),
    ]  # fmt: skip


TRIGGERS = [
    qc.Trigger(1, "Angry customer", "serious_complaint"),
    qc.Trigger(2, "Commitment broken", "broken_commitment"),
    qc.Trigger(3, "Accident", "safety_incident"),
]


def test_the_veto_is_proposed_when_the_period_hits_a_trigger_in_the_department() -> None:
    p = qc.propose_veto(JAN, None, ["front office "], TRIGGERS, _events())
    assert p.proposed and [h.trigger.record_id for h in p.hits] == [1]
    assert [t.kind for t in p.manual] == ["safety_incident"]  # a person judges those
    # another department, another month: nothing
    assert not qc.propose_veto(JAN, None, ["Restaurant"], TRIGGERS, _events()).proposed
    feb = qc.propose_veto(FEB, None, ["Restaurant"], TRIGGERS, _events())
    assert [h.trigger.name for h in feb.hits] == ["Commitment broken"]
    # a quarter, the whole organisation: both
    whole = qc.propose_veto(JAN, dt.date(2026, 3, 31), [""], TRIGGERS, _events())
    assert len(whole.hits) == 2


def test_no_trigger_defined_for_the_kind_proposes_nothing() -> None:
    only_claims = [qc.Trigger(2, "Commitment broken", "broken_commitment")]
    assert not qc.propose_veto(JAN, None, ["Front office"], only_claims, _events()).proposed
    none = qc.propose_veto(JAN, None, ["Front office"], [], _events())
    assert not none.proposed and not none.triggers_defined


def test_an_appraisal_spans_its_month_unless_it_says_otherwise() -> None:
    assert qc.appraisal_span(dt.date(2026, 12, 5), None) == (
        dt.date(2026, 12, 5),
        dt.date(2026, 12, 31),
    )
    assert qc.appraisal_span(JAN, MAR) == (JAN, MAR)
