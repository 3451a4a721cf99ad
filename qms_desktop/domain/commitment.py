"""The service commitment (服务承诺) and a checker that rates a draft against the five
qualities of a good commitment: unconditional, easy to understand and communicate,
meaningful, simple to invoke, easy to collect."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALITIES = ("unconditional", "understandable", "meaningful", "simple_to_invoke", "easy_to_collect")


@dataclass(frozen=True)
class ServiceCommitment:
    promise: str = ""
    covers: str = ""  # what the promise covers: nature, quality, time, price of the service
    remedy: str = ""  # what the customer gets when it is broken
    invoke: str = ""  # how a customer claims it


@dataclass(frozen=True)
class Finding:
    quality: str  # one of QUALITIES
    code: str  # what was found; the GUI words it in the user's language
    detail: str = ""  # the words that triggered it


@dataclass(frozen=True)
class Rating:
    findings: tuple[Finding, ...]
    met: tuple[str, ...]  # qualities with no finding

    @property
    def score(self) -> int:
        return len(self.met)


CONDITION_WORDS = (
    "if ",
    "provided that",
    "subject to",
    "unless",
    "except",
    "only when",
    "only if",
    "conditions apply",
    "terms and conditions",
    "at our discretion",
    "where possible",
    "may ",
    "*",
    "如果",
    "前提是",
    "除外",
    "仅限",
    "条件",
    "视情况",
    "酌情",
    "原则上",
)
VAGUE_WORDS = (
    "best",
    "excellent",
    "first-class",
    "world-class",
    "high quality",
    "quality service",
    "as soon as possible",
    "asap",
    "promptly",
    "reasonable",
    "satisfaction",
    "satisfied",
    "friendly",
    "premium",
    "outstanding",
    "尽快",
    "优质",
    "一流",
    "满意",
    "热情",
    "周到",
    "最好",
    "高品质",
    "及时",
)
MEASURE = re.compile(r"\d|一|二|三|四|五|六|七|八|九|十|百|千|半")
HASSLE_WORDS = (
    "in writing",
    "written",
    "form",
    "receipt",
    "proof",
    "within 24 hours",
    "head office",
    "registered mail",
    "approval",
    "manager's approval",
    "书面",
    "表格",
    "凭证",
    "收据",
    "证明",
    "审批",
    "总部",
)
SLOW_REMEDY_WORDS = (
    "next visit",
    "next stay",
    "future",
    "within 30 days",
    "within 60 days",
    "after review",
    "after investigation",
    "下次",
    "日后",
    "审核后",
    "调查后",
    "30天内",
    "三十天内",
)
TOPICS = {
    "time": ("minute", "hour", "day", "time", "wait", "分钟", "小时", "天", "时间", "等候"),
    "quality": (
        "clean",
        "correct",
        "accurate",
        "fresh",
        "safe",
        "quality",
        "干净",
        "准确",
        "新鲜",
        "安全",
        "质量",
    ),
    "price": ("price", "refund", "free", "charge", "cost", "价格", "退款", "免费", "收费", "费用"),
}
MAX_WORDS = 35
MAX_CHARS_ZH = 60


def _length(text: str) -> tuple[int, int]:
    """(English words, CJK characters)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    words = len(re.findall(r"[A-Za-z]+", text))
    return words, cjk


def _found(text: str, words: tuple[str, ...]) -> list[str]:
    lowered = f" {text.casefold()} "
    return [w.strip() for w in words if w in lowered]


def check_commitment(c: ServiceCommitment) -> Rating:
    """Rate a draft commitment; every finding says which quality it hurts and why."""
    findings: list[Finding] = []
    promise = c.promise.strip()
    if not promise:
        findings.append(Finding("understandable", "no_promise"))
    conditions = _found(f"{c.promise} {c.covers}", CONDITION_WORDS)
    if conditions:
        findings.append(Finding("unconditional", "conditions", ", ".join(conditions)))
    words, cjk = _length(promise)
    if words > MAX_WORDS or cjk > MAX_CHARS_ZH:
        findings.append(Finding("understandable", "too_long", str(words or cjk)))
    vague = _found(promise, VAGUE_WORDS)
    if vague:
        findings.append(Finding("understandable", "vague", ", ".join(vague)))
    if promise and not MEASURE.search(promise):
        findings.append(Finding("meaningful", "not_measurable"))
    topics = [t for t, ws in TOPICS.items() if _found(f"{c.promise} {c.covers}", ws)]
    if promise and not topics:
        findings.append(Finding("meaningful", "no_topic"))
    if not c.remedy.strip():
        findings.append(Finding("meaningful", "no_remedy"))
    if not c.invoke.strip():
        findings.append(Finding("simple_to_invoke", "no_invocation"))
    else:
        hassle = _found(c.invoke, HASSLE_WORDS)
        if hassle:
            findings.append(Finding("simple_to_invoke", "hassle", ", ".join(hassle)))
    slow = _found(c.remedy, SLOW_REMEDY_WORDS)
    if slow:
        findings.append(Finding("easy_to_collect", "slow_remedy", ", ".join(slow)))
    hurt = {f.quality for f in findings}
    return Rating(tuple(findings), tuple(q for q in QUALITIES if q not in hurt))
