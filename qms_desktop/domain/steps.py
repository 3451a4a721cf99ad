"""The eight steps of the method, their states and completion rules."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Step(enum.Enum):
    """The eight steps, in the order the method walks them."""

    SUMMARISE = "summarise"
    STUDY = "study"
    COMPARE = "compare"
    PLAN = "plan"
    ALLOCATE = "allocate"
    STRENGTHEN = "strengthen"
    REFINE = "refine"
    OPERATE = "operate"

    @property
    def number(self) -> int:
        return list(Step).index(self) + 1

    @property
    def title_en(self) -> str:
        return STEP_TITLES[self][0]

    @property
    def title_zh(self) -> str:
        return STEP_TITLES[self][1]


STEP_TITLES: dict[Step, tuple[str, str]] = {
    Step.SUMMARISE: ("Summarise", "总结"),
    Step.STUDY: ("Study", "学习"),
    Step.COMPARE: ("Compare", "对照"),
    Step.PLAN: ("Plan", "策划"),
    Step.ALLOCATE: ("Allocate", "调配"),
    Step.STRENGTHEN: ("Strengthen", "充实"),
    Step.REFINE: ("Refine", "完善"),
    Step.OPERATE: ("Operate", "运行"),
}


class StepStatus(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class StepState:
    """What the workspace records about one step."""

    step: Step
    status: StepStatus = StepStatus.NOT_STARTED
    signed_off_by: str = ""
    signed_off_on: dt.date | None = None
    notes: str = ""


def step_progress(state: StepState, record_progress: float | None = None) -> float:
    """Progress of a step in 0..1.

    `record_progress` is the share of the step's own "done when" rule that its
    records meet (later steps compute it from their registers); without it the
    status alone decides. A step signed off as done is always complete.
    """
    if state.status is StepStatus.DONE:
        return 1.0
    if record_progress is not None:
        return max(0.0, min(record_progress, 0.99))
    if state.status is StepStatus.IN_PROGRESS:
        return 0.5
    return 0.0


def overall_progress(progress: dict[Step, float]) -> float:
    """Mean progress over all eight steps."""
    return sum(progress.get(step, 0.0) for step in Step) / len(Step)


def next_step(states: dict[Step, StepState]) -> Step | None:
    """The first step, in method order, that is not yet done."""
    for step in Step:
        state = states.get(step, StepState(step))
        if state.status is not StepStatus.DONE:
            return step
    return None


def validate_sign_off(
    status: StepStatus, signed_off_by: str, signed_off_on: dt.date | None
) -> None:
    """A step can be marked done only with a person and a date for the sign-off."""
    from qms_desktop.domain.errors import ValidationError

    if status is StepStatus.DONE:
        if not signed_off_by.strip():
            raise ValidationError("signed_off_by", "core.done_needs_signer")
        if signed_off_on is None:
            raise ValidationError("signed_off_on", "core.done_needs_date")
