"""Kano in use: the short list of what is missing — basic needs without a standard, moments
of truth without a standard, owner or recovery plan (or, planned by step, without the steps
their severity needs), SERVQUAL dimensions without a standard."""

from __future__ import annotations

from qms_desktop.domain.kano import kano_gaps
from qms_desktop.domain.registers import SERVQUAL

ALL_DIMENSIONS = [{"dimension": d, "standard": f"S {d}"} for d in SERVQUAL]


def test_nothing_missing_gives_an_empty_list():
    needs = [{"need": "Clean room", "category": "basic", "standards": (1,)},
             {"need": "Upgrade", "category": "excitement", "standards": ()}]  # fmt: skip
    moments = [
        {"moment": "Check-in", "standard": "5 min", "owner": "Front desk", "recovery": "Apologise"},
        {"moment": "Dinner", "standard": "20 min", "owner": "Chef", "severity": "serious",
         "plan_apology": "a", "plan_reinstatement": "b", "plan_empathy": "c"},
    ]  # fmt: skip
    assert kano_gaps(needs, moments, ALL_DIMENSIONS) == []


def test_each_thing_missing_is_named_in_both_languages():
    needs = [{"need": "Clean room", "category": "basic", "standards": ()},
             {"need": "Fast wifi", "category": "performance", "standards": ()}]  # fmt: skip
    moments = [
        {"moment": "Check-in", "standard": " ", "owner": "", "recovery": ""},
        {"moment": "Checkout", "standard": "3 min", "owner": "Cashier", "severity": "angry",
         "recovery": "Text kept", "plan_apology": "Sorry", "plan_reinstatement": "Fix bill"},
    ]  # fmt: skip
    standards = [s for s in ALL_DIMENSIONS if s["dimension"] not in ("empathy", "tangibles")]
    gaps = kano_gaps(needs, moments, standards)
    assert [(g.kind, g.subject) for g in gaps] == [
        ("basic_need", "Clean room"),  # a performance need may go without
        ("moment_standard", "Check-in"),
        ("moment_owner", "Check-in"),
        ("moment_recovery", "Check-in"),
        ("moment_steps", "Checkout"),  # angry: all five steps; planned 1-2
        ("dimension", "tangibles"),
        ("dimension", "empathy"),
    ]
    en = [g.message.text("en") for g in gaps]
    zh = [g.message.text("zh_CN") for g in gaps]
    assert en[0] == "The basic need “Clean room” has no satisfaction standard serving it."
    assert en[4] == ("The recovery plan of “Checkout” lacks steps its severity needs: "
                     "3 empathy, 4 symbolic atonement, 5 follow-up.")  # fmt: skip
    assert zh[4].endswith("所需的步骤：3 移情、4 象征性补偿、5 跟踪。")
    assert en[5] == "No satisfaction standard for the SERVQUAL dimension tangibles."
    assert zh[6] == "SERVQUAL 维度“移情性”还没有满意度标准。"


def test_a_plan_by_step_counts_as_a_recovery_plan():
    moment = {"moment": "Spa", "standard": "On time", "owner": "Spa lead", "severity": "small",
              "recovery": "", "plan_apology": "Sorry", "plan_reinstatement": "Rebook"}  # fmt: skip
    assert kano_gaps([], [moment], ALL_DIMENSIONS) == []
    no_severity = {**moment, "severity": "", "plan_reinstatement": ""}
    assert kano_gaps([], [no_severity], ALL_DIMENSIONS) == []  # no severity: any step counts
