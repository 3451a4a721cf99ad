"""The eight steps of the method, their states and completion rules.

Each step has a rule, written below as one function per step, that measures its "done when"
on the step's records and says what is still missing. A step's shown status follows from its
rule and its sign-off: not started (nothing recorded), in progress, ready for sign-off (the
rule holds), done (signed off) — and a signed-off step whose rule stops holding carries a
warning instead of a silent "Done"."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qms_desktop.domain.messages import Message

Values = Mapping[str, object]


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
    """Progress of a step in 0..1: 1 when signed off; else the share of its rule its records
    meet; a step whose records cannot show its rule has none (0) until it is signed off."""
    if state.status is StepStatus.DONE:
        return 1.0
    if record_progress is not None:
        return max(0.0, min(record_progress, 1.0))
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


# -- the progress rules, one per step ---------------------------------------------------------


class ShownStatus(enum.Enum):
    """A step's status as the navigator and the dashboard show it (derived, never stored)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    READY = "ready_for_sign_off"
    DONE = "done"


@dataclass(frozen=True)
class RuleResult:
    """What a step's rule finds in its records."""

    measured: bool  # the records can show the rule (False: the sign-off alone decides)
    started: bool  # something is recorded for the step
    met: bool  # the "done when" rule holds
    progress: float  # the share of the rule met, 0..1 (0 when not measured)
    missing: tuple[Message, ...] = ()  # what still stands between the step and its rule


@dataclass(frozen=True)
class StepSummary:
    step: Step
    state: StepState  # what is stored: status chosen by hand, sign-off, notes
    rule: RuleResult
    status: ShownStatus
    progress: float
    warning: Message | None = None  # signed off, but the rule no longer holds


def _share(done: int, total: int) -> float:
    return done / total if total else 0.0


def summarise_rule(lessons: Iterable[Values]) -> RuleResult:
    """Step 1 (Summarise) is done when there are lessons and each is decided: adopted and
    carried by a document, or rejected. "Later" and adopted-without-document are open."""
    lessons = list(lessons)
    decided = [
        v
        for v in lessons
        if v.get("decision") == "reject"
        or (v.get("decision") == "adopt" and str(v.get("document") or "").strip())
    ]
    missing: list[Message] = []
    if not lessons:
        missing.append(Message("steps.no_lessons"))
    elif len(decided) < len(lessons):
        missing.append(Message("steps.lessons_open", {"count": len(lessons) - len(decided)}))
    return RuleResult(
        True,
        bool(lessons),
        bool(lessons) and len(decided) == len(lessons),
        _share(len(decided), len(lessons)),
        tuple(missing),
    )


def study_rule(cells: Mapping[tuple[str, str], str], anything_recorded: bool) -> RuleResult:
    """Step 2 (Study) is done when the study plan holds entries and each planned (role,
    standard) is completed — marked so in the plan, or every current person in the role
    attended a session that teaches it (domain.allocation.training_coverage gives `cells`).
    People, sessions or benchmarking notes alone start the step."""
    done = sum(1 for state in cells.values() if state == "completed")
    missing: list[Message] = []
    if not cells:
        missing.append(Message("steps.no_study_plan"))
    for (role, standard), state in sorted(cells.items()):
        if state != "completed":
            missing.append(Message("steps.study_open", {"role": role, "standard": standard}))
    return RuleResult(
        True,
        anything_recorded or bool(cells),
        bool(cells) and done == len(cells),
        _share(done, len(cells)),
        tuple(missing),
    )


def compare_rule(assessed_share: float | None, unassessed: int = 0) -> RuleResult:
    """Step 3 (Compare) is done when every applicable requirement of the latest gap
    assessment is assessed (`assessed_share` is None when there is no assessment)."""
    if assessed_share is None:
        return RuleResult(True, False, False, 0.0, (Message("steps.no_assessment"),))
    missing = () if assessed_share >= 1.0 else (Message("steps.unassessed", {"count": unassessed}),)
    return RuleResult(True, True, assessed_share >= 1.0, assessed_share, missing)


PLAN_PARTS = (
    "positioning",
    "policy",
    "objectives",
    "elements",
    "processes",
    "documents",
    "outline",
    "commitment",
    "satisfaction",
)


def plan_rule(parts: Mapping[str, bool], policy_gaps: Iterable[str] = ()) -> RuleResult:
    """Step 4 (Plan) is ready for approval when every part of the design is present:
    positioning (target customers, offerings or service level), the quality policy, at least
    one objective, adopted system elements, processes, the planned documents, the service
    outline, the service commitment's promise and satisfaction standards. Approval is the
    sign-off.

    `policy_gaps` are the ISO 9001 5.2.1 commitments a written policy does not state
    (domain.policy.missing_commitments): while any is missing the policy part does not count
    as present, and the missing list names them instead of "lacks the quality policy"."""
    gaps = tuple(policy_gaps) if parts.get("policy") else ()
    present = [p for p in PLAN_PARTS if parts.get(p) and not (p == "policy" and gaps)]
    missing: list[Message] = []
    for p in PLAN_PARTS:
        if not parts.get(p):
            missing.append(Message("steps.plan_part_missing", {"part": Message(f"steps.part_{p}")}))
        elif p == "policy" and gaps:
            missing.append(
                Message(
                    "policy.incomplete",
                    {"missing": [Message(f"policy.commitment_{g}") for g in gaps]},
                )
            )
    return RuleResult(
        True,
        any(parts.get(p) for p in PLAN_PARTS),
        len(present) == len(PLAN_PARTS),
        _share(len(present), len(PLAN_PARTS)),
        tuple(missing),
    )


def allocate_rule(
    roles: Iterable[Values],
    people: Mapping[int, Values],
    facilities: Iterable[Values],
    today: dt.date,
) -> RuleResult:
    """Step 5 (Allocate) is done when there are roles and every role is filled by a person
    who has not left, with the appointee's competence recorded; every facility and piece of
    equipment not retired is in service; and no measuring equipment is past its calibration.
    Progress counts each role, each resource and each calibration as one item."""
    from qms_desktop.domain.allocation import calibration_status, role_filled

    roles, facilities = list(roles), list(facilities)
    items = met = 0
    missing: list[Message] = []
    if not roles:
        missing.append(Message("steps.no_roles"))
    for role in roles:
        items += 1
        title = str(role.get("title") or "")
        appointee = role.get("appointee")
        if not role_filled(role, people):
            person = people.get(appointee) if isinstance(appointee, int) else None
            if person is not None:
                missing.append(
                    Message(
                        "steps.role_appointee_left", {"role": title, "name": person.get("name")}
                    )
                )
            else:
                missing.append(Message("steps.role_unfilled", {"role": title}))
        elif not str(role.get("appointee_competence") or "").strip():
            missing.append(Message("steps.role_no_competence", {"role": title}))
        else:
            met += 1
    for f in facilities:
        if f.get("state") == "retired":
            continue
        items += 1
        if f.get("state") == "in_service":
            met += 1
        else:
            missing.append(Message("steps.resource_not_in_service", {"item": f.get("item")}))
        if f.get("kind") == "measuring_equipment":
            items += 1
            if calibration_status(f, today) == "overdue":
                due = f.get("next_calibration")
                missing.append(
                    Message(
                        "steps.calibration_overdue",
                        {
                            "item": f.get("item"),
                            "due": due.isoformat() if isinstance(due, dt.date) else "",
                        },
                    )
                )
            else:
                met += 1
    return RuleResult(
        True,
        bool(roles or facilities),
        bool(roles) and met == items,
        _share(met, items),
        tuple(missing),
    )


def strengthen_rule(areas: Iterable[Values]) -> RuleResult:
    """Step 6 (Strengthen) is done when the basic management work holds areas and every area
    is in place."""
    areas = list(areas)
    placed = [a for a in areas if a.get("state") == "in_place"]
    missing = [Message("steps.no_basic_work")] if not areas else []
    missing += [
        Message("steps.basic_work_open", {"area": a.get("area")})
        for a in areas
        if a.get("state") != "in_place"
    ]
    return RuleResult(
        True,
        bool(areas),
        bool(areas) and len(placed) == len(areas),
        _share(len(placed), len(areas)),
        tuple(missing),
    )


def refine_rule(documents: Iterable[tuple[str, bool]], started: bool = False) -> RuleResult:
    """Step 7 (Refine) is done when every planned document of the Plan step has an issued
    revision. `documents` gives each planned document's number and whether a revision of it
    is issued; `started` says whether any revision is recorded."""
    documents = list(documents)
    issued = [n for n, is_issued in documents if is_issued]
    missing: list[Message] = []
    if not documents:
        missing.append(Message("document_control.no_planned_documents"))
    missing += [
        Message("document_control.not_issued", {"number": n})
        for n, is_issued in documents
        if not is_issued
    ]
    return RuleResult(
        True,
        started or bool(issued),
        bool(documents) and len(issued) == len(documents),
        _share(len(issued), len(documents)),
        tuple(missing),
    )


def operate_rule(
    channels: int = 0,
    surveyed: bool = False,
    recovery_gaps: int = 0,
    unmeasured: Iterable[str] = (),
    started: bool = False,
    audit_completed: bool = False,
    review_held: bool = False,
    outputs_unscheduled: int = 0,
    review_outputs: int = 0,
) -> RuleResult:
    """Step 8 (Operate): the system runs when the customer's voice is heard — feedback
    channels recorded, a satisfaction survey with responses, every closed complaint given the
    recovery steps its severity needs, every quality objective measured — and one full review
    cycle has run: an internal audit completed, a management review held whose audits include
    it, and that review's outputs (corrective actions; at least one, as ISO 9001 9.3.3 asks)
    each scheduled (owner and due date) or closed. Seven parts, each a seventh of the
    progress; the outputs' part needs the review."""
    unmeasured = list(unmeasured)
    missing: list[Message] = []
    parts = 0
    if channels:
        parts += 1
    else:
        missing.append(Message("steps.no_feedback_channel"))
    if surveyed:
        parts += 1
    else:
        missing.append(Message("steps.no_survey_scored"))
    if not recovery_gaps:
        parts += 1
    else:
        missing.append(Message("steps.recovery_incomplete", {"count": recovery_gaps}))
    if not unmeasured:
        parts += 1
    missing += [Message("steps.objective_unmeasured", {"objective": o}) for o in unmeasured]
    if audit_completed:
        parts += 1
    else:
        missing.append(Message("steps.no_audit_completed"))
    if review_held:
        parts += 1
        if not review_outputs:
            missing.append(Message("steps.review_without_outputs"))
        elif not outputs_unscheduled:
            parts += 1
        else:
            missing.append(
                Message("steps.review_outputs_unscheduled", {"count": outputs_unscheduled})
            )
    else:
        missing.append(Message("steps.no_review_of_audit"))
    return RuleResult(True, started, parts == 7, parts / 7 if started else 0.0, tuple(missing))


def summarise_step(state: StepState, rule: RuleResult) -> StepSummary:
    """The shown status and progress of one step from what is stored and what its rule finds:
    signed off -> done (with a warning when a measured rule no longer holds); rule met ->
    ready for sign-off; anything recorded, or the status set by hand -> in progress; else
    not started."""
    if state.status is StepStatus.DONE:
        warning = None
        if rule.measured and not rule.met:
            warning = Message("steps.rule_broken", {"reasons": list(rule.missing[:3])})
        return StepSummary(state.step, state, rule, ShownStatus.DONE, 1.0, warning)
    if rule.measured and rule.met:
        return StepSummary(state.step, state, rule, ShownStatus.READY, 1.0)
    progress = step_progress(state, rule.progress if rule.measured else None)
    if rule.started or state.status is StepStatus.IN_PROGRESS:
        return StepSummary(state.step, state, rule, ShownStatus.IN_PROGRESS, progress)
    return StepSummary(state.step, state, rule, ShownStatus.NOT_STARTED, progress)
