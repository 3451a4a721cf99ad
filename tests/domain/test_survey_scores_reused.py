"""A survey scored twice while a document's context is read is scored once, the same."""

from __future__ import annotations

import pytest

from qms_desktop.domain import operate as op
from qms_desktop.domain.operate import Answer, score_survey, scores_reused

ITEMS = {1: "tangibles", 2: "reliability", 3: "empathy"}


def answers(shift: float = 0.0) -> list[Answer]:
    return [
        Answer(f"R{r}", i, 1 + (r * 7 + i * 3) % 7 + shift, 1 + (r * 5 + i) % 7)
        for r in range(30)
        for i in ITEMS
    ]


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = op._score_survey
    monkeypatch.setattr(op, "_score_survey", lambda *a: calls.append(1) or original(*a))
    return calls


def test_the_same_answers_are_scored_once_inside(scorings: list[int]) -> None:
    weights = {"tangibles": 20, "reliability": 30}
    alone = score_survey(ITEMS, answers(), weights)
    with scores_reused():
        first = score_survey(ITEMS, iter(answers()), weights)
        # the same mapping in another order: the same scores
        again = score_survey(dict(reversed(list(ITEMS.items()))), answers(), weights)
        other = score_survey(ITEMS, answers(0.5), weights)
        unweighted = score_survey(ITEMS, answers())
    assert again is first and first == alone
    assert other != first and unweighted.weighted is None
    assert len(scorings) == 4  # alone, first, other, unweighted


def test_outside_every_call_scores_afresh(scorings: list[int]) -> None:
    with scores_reused():
        score_survey(ITEMS, answers())
    score_survey(ITEMS, answers())
    score_survey(ITEMS, answers())
    assert len(scorings) == 3
