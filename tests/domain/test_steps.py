import datetime as dt

import pytest

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import (
    Step,
    StepState,
    StepStatus,
    next_step,
    overall_progress,
    step_progress,
    validate_sign_off,
)


def test_eight_steps_in_method_order_with_chinese_names():
    assert [s.title_en for s in Step] == [
        "Summarise",
        "Study",
        "Compare",
        "Plan",
        "Allocate",
        "Strengthen",
        "Refine",
        "Operate",
    ]
    assert "".join(s.title_zh for s in Step) == "总结学习对照策划调配充实完善运行"
    assert [s.number for s in Step] == list(range(1, 9))


def test_progress_follows_status_and_records():
    assert step_progress(StepState(Step.PLAN)) == 0.0
    # a status set by hand is no measure: a step without measured records shows none
    assert step_progress(StepState(Step.PLAN, StepStatus.IN_PROGRESS)) == 0.0
    assert step_progress(StepState(Step.PLAN, StepStatus.DONE)) == 1.0
    assert step_progress(StepState(Step.PLAN, StepStatus.IN_PROGRESS), 1.0) == 1.0
    assert step_progress(StepState(Step.PLAN, StepStatus.IN_PROGRESS), 0.3) == 0.3


def test_overall_progress_and_next_step():
    states = {s: StepState(s) for s in Step}
    assert next_step(states) is Step.SUMMARISE
    states[Step.SUMMARISE] = StepState(Step.SUMMARISE, StepStatus.DONE)
    assert next_step(states) is Step.STUDY
    all_done = {s: StepState(s, StepStatus.DONE) for s in Step}
    assert next_step(all_done) is None
    assert overall_progress({Step.SUMMARISE: 1.0}) == pytest.approx(1 / 8)


def test_done_needs_sign_off_person_and_date():
    with pytest.raises(ValidationError) as exc:
        validate_sign_off(StepStatus.DONE, " ", dt.date(2026, 1, 1))
    assert exc.value.field == "signed_off_by"
    with pytest.raises(ValidationError) as exc:
        validate_sign_off(StepStatus.DONE, "Lin Wei", None)
    assert exc.value.field == "signed_off_on"
    validate_sign_off(StepStatus.DONE, "Lin Wei", dt.date(2026, 1, 1))
    validate_sign_off(StepStatus.IN_PROGRESS, "", None)
