"""ISO 9001 5.2.1: does the quality policy state what the standard requires of it?

A policy must (a) be appropriate to the organisation's purpose and context, (b) give a
framework for setting quality objectives, (c) commit to satisfying applicable requirements and
(d) commit to continual improvement. `missing_commitments` reads the text with a keyword
heuristic, in English and Chinese alike, and returns the commitments it cannot find:

- ``purpose``: names what the organisation is for or whom it serves — purpose, mission,
  strategy/strategic direction, context, customers, guests, clients, patients, services
  (宗旨、使命、战略、方向、顾客、客户、宾客、服务、组织环境).
- ``objectives``: speaks of objectives, targets or goals, or of measuring (目标、指标、
  衡量/测量), "目标顾客/目标客户/目标市场" not counted.
- ``requirements``: commits to requirements, compliance, laws or regulations (要求、法律、
  法规、遵守、合规、符合).
- ``improvement``: a continuity word together with improvement — "continual improvement",
  "continuously improve", "improve … continually" (持续改进、不断改进、持续改善、持续提升、
  不断完善、不断提高…); plain "improve" does not count.

English words are matched case-insensitively at word starts; Chinese by substring. It is a
reminder, not a judgement: a policy that says these things in other words is flagged until it
uses one of them, and one that mentions a word in passing passes.
"""

from __future__ import annotations

import re

COMMITMENTS = ("purpose", "objectives", "requirements", "improvement")

_EN: dict[str, re.Pattern[str]] = {
    "purpose": re.compile(
        r"\b(purpose|mission|strateg|context|customer|guest|client|patient|service)", re.I
    ),
    "objectives": re.compile(r"\b(objective|target|goal|measur)", re.I),
    "requirements": re.compile(
        r"\b(requirement|compl(y|ies|iance|iant)|law|legal|regulat|statutory)", re.I
    ),
    "improvement": re.compile(
        r"\b(continual|continuous|constant|ongoing|never[- ]ending)\w*\s+(\w+\s+){0,2}improv"
        r"|\bimprov\w*\s+(\w+\s+){0,3}(continual|continuous|constant)\w*"
        r"|\bkaizen\b",
        re.I,
    ),
}

_ZH: dict[str, tuple[str, ...]] = {
    "purpose": ("宗旨", "使命", "战略", "方向", "顾客", "客户", "宾客", "服务", "组织环境"),
    "objectives": ("目标", "指标", "衡量", "测量"),
    "requirements": ("要求", "法律", "法规", "遵守", "合规", "符合"),
    "improvement": (
        "持续改进",
        "不断改进",
        "持续改善",
        "不断改善",
        "持续提升",
        "不断提升",
        "持续提高",
        "不断提高",
        "不断完善",
        "持续完善",
    ),
}

# "target customers" in Chinese is not a framework for objectives
_NOT_OBJECTIVES = ("目标顾客", "目标客户", "目标市场", "目标人群")


def missing_commitments(policy: str) -> tuple[str, ...]:
    """The 5.2.1 commitments (of COMMITMENTS) the policy text does not state; all four for an
    empty policy."""
    text = " ".join((policy or "").split())
    zh_text = text
    for phrase in _NOT_OBJECTIVES:
        zh_text = zh_text.replace(phrase, "")
    missing = []
    for key in COMMITMENTS:
        words = _ZH[key]
        source = zh_text if key == "objectives" else text
        if _EN[key].search(text) or any(w in source for w in words):
            continue
        missing.append(key)
    return tuple(missing)
