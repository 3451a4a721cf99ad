"""The ISO 9001 5.2.1 check of the quality policy, in English and Chinese, and what the Plan
step's rule makes of it."""

from __future__ import annotations

import pytest

from qms_desktop.domain.policy import COMMITMENTS, missing_commitments
from qms_desktop.domain.steps import PLAN_PARTS, plan_rule

FULL_EN = (
    "We serve business travellers; we meet our guests' requirements and the law, set "
    "measurable quality objectives every year and are committed to continual improvement."
)
FULL_ZH = "服务商务旅客；满足顾客要求和法律法规，每年制定质量目标，持续改进质量管理体系。"


@pytest.mark.parametrize("text", [FULL_EN, FULL_ZH])
def test_a_policy_with_every_commitment_misses_nothing(text: str) -> None:
    assert missing_commitments(text) == ()


def test_an_empty_policy_misses_all_four() -> None:
    assert missing_commitments("") == COMMITMENTS
    assert missing_commitments("   \n") == COMMITMENTS


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Every guest, every time.", ("objectives", "requirements", "improvement")),
        ("每位宾客，每一次。", ("objectives", "requirements", "improvement")),
        # plain "improve" is not a commitment to continual improvement
        ("We improve our services and meet requirements.", ("objectives", "improvement")),
        ("We improve our services continually.", ("objectives", "requirements")),
        ("Continuous Improvement of service.", ("objectives", "requirements")),
        ("我们不断改进服务。", ("objectives", "requirements")),
        ("改进服务。", ("objectives", "requirements", "improvement")),
        # the target customers are not a framework for objectives
        ("服务目标顾客，遵守法规，持续改进。", ("objectives",)),
        ("Comply with the law; set goals; keep improving constantly.", ("purpose",)),
    ],
)
def test_what_is_missing(text: str, missing: tuple[str, ...]) -> None:
    assert missing_commitments(text) == missing


def test_the_plan_rule_counts_an_incomplete_policy_as_missing() -> None:
    parts = dict.fromkeys(PLAN_PARTS, True)
    assert plan_rule(parts, ()).met
    result = plan_rule(parts, ("requirements", "improvement"))
    assert not result.met and result.started
    assert result.progress == pytest.approx((len(PLAN_PARTS) - 1) / len(PLAN_PARTS))
    (message,) = result.missing
    assert message.text("en") == (
        "the quality policy does not state: a commitment to satisfy applicable requirements, "
        "a commitment to continual improvement"
    )
    assert message.text("zh_CN") == "质量方针未写明：满足适用要求的承诺、持续改进的承诺"


def test_gaps_of_an_unwritten_policy_are_not_listed_twice() -> None:
    result = plan_rule({"objectives": True}, COMMITMENTS)
    texts = [m.text("en") for m in result.missing]
    assert "the design lacks the quality policy" in texts
    assert not any("does not state" in t for t in texts)
