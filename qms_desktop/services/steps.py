"""Reading and updating the state of the eight steps."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any, cast

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import (
    RuleResult,
    Step,
    StepState,
    StepStatus,
    StepSummary,
    allocate_rule,
    compare_rule,
    operate_rule,
    plan_rule,
    refine_rule,
    strengthen_rule,
    study_rule,
    summarise_rule,
    summarise_step,
    validate_sign_off,
)
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import StepRecord
from qms_desktop.storage.workspace import Workspace


def _to_state(row: Any) -> StepState:
    """A step's state from its StepRecord, or from a row of the same columns."""
    return StepState(
        Step(row.step), StepStatus(row.status), row.signed_off_by, row.signed_off_on, row.notes
    )


def get_step_states(ws: Workspace) -> dict[Step, StepState]:
    from sqlalchemy import select

    c = StepRecord.__table__.c  # rows, not ORM objects: cheaper to compile and to read
    with ws.reading() as s:
        rows = {
            r.step: r
            for r in s.execute(select(c.step, c.status, c.signed_off_by, c.signed_off_on, c.notes))
        }
    return {
        step: _to_state(rows[step.value]) if step.value in rows else StepState(step)
        for step in Step
    }


def _values(ws: Workspace, key: str) -> list[dict[str, object]]:
    from qms_desktop.services.registers import list_records

    return [r.values for r in list_records(ws, key)]


def _holding(ws: Workspace, *keys: str) -> bool:
    """Whether any of these registers holds a record, asked in one statement."""
    from sqlalchemy import or_, select

    from qms_desktop.services.registers import any_record

    with ws.reading() as s:
        return bool(s.scalar(select(or_(*(any_record(k) for k in keys)))))


def _summarise(ws: Workspace, today: dt.date) -> RuleResult:
    return summarise_rule(_values(ws, "lesson"))


def _study(ws: Workspace, today: dt.date) -> RuleResult:
    from qms_desktop.services.allocation import training_coverage

    coverage = training_coverage(ws)
    started = bool(coverage.people) or _holding(ws, "training", "benchmark")
    return study_rule(coverage.cells, started)


def _compare(ws: Workspace, today: dt.date) -> RuleResult:
    from sqlalchemy import func, select

    from qms_desktop.domain.assessment import Status
    from qms_desktop.services.checklist import audit_checklists
    from qms_desktop.storage.models import AssessmentItemRecord as Item
    from qms_desktop.storage.models import AssessmentRecord

    # the latest assessment's items counted by status in one statement: the share assessed
    # as `checklist.assessment_progress` computes it, and the unassessed count beside it
    a, item = AssessmentRecord.__table__.c, Item.__table__.c  # Core columns: cheaper to compile
    latest = (  # the latest, as `checklist.list_assessments` orders them
        select(a.id)
        .where(a.id.not_in(audit_checklists()))  # not an audit's
        .order_by(a.held_on.desc(), a.id.desc())
        .limit(1)
        .subquery()
    )
    with ws.reading() as s:
        rows = s.execute(
            select(latest.c.id, item.status, func.count(item.id))
            .select_from(latest.outerjoin(Item.__table__, item.assessment_id == latest.c.id))
            .group_by(latest.c.id, item.status)
        ).all()
    if not rows:  # no assessment (one without items gives one row: no status, 0)
        return compare_rule(None)
    counts: dict[str, int] = {st: n for _, st, n in rows if st is not None}
    applicable = sum(n for st, n in counts.items() if st != Status.NOT_APPLICABLE.value)
    assessed = sum(
        counts.get(st.value, 0) for st in (Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING)
    )
    share = assessed / applicable if applicable else (1.0 if counts else 0.0)
    return compare_rule(share, counts.get(Status.NOT_ASSESSED.value, 0))


def _plan(ws: Workspace, today: dt.date) -> RuleResult:
    from sqlalchemy import select

    from qms_desktop.domain.policy import missing_commitments
    from qms_desktop.services.registers import any_record, get_plan

    plan = get_plan(ws)
    # which parts hold records, asked in one statement
    held = {
        "objectives": any_record("objective"),
        "elements": any_record("element", adopted="yes"),
        "processes": any_record("process"),
        "documents": any_record("planned_document"),
        "outline": any_record("service_item"),
        "satisfaction": any_record("satisfaction_standard"),
    }
    with ws.reading() as s:
        present = s.execute(select(*held.values())).one()
    return plan_rule(
        {
            "positioning": any(
                plan[k].strip() for k in ("target_customers", "offerings", "service_level")
            ),
            "policy": bool(plan["quality_policy"].strip()),
            **{part: bool(p) for part, p in zip(held, present, strict=True)},
            "commitment": bool(plan["commitment_promise"].strip()),
        },
        missing_commitments(plan["quality_policy"]),
    )


def _allocate(ws: Workspace, today: dt.date) -> RuleResult:
    from qms_desktop.services.registers import list_records

    people = {r.id: r.values for r in list_records(ws, "person")}
    return allocate_rule(_values(ws, "role"), people, _values(ws, "facility"), today)


def _strengthen(ws: Workspace, today: dt.date) -> RuleResult:
    return strengthen_rule(_values(ws, "basic_work"))


def _refine(ws: Workspace, today: dt.date) -> RuleResult:
    from qms_desktop.services.document_control import refine_documents

    return refine_rule(*refine_documents(ws))


def _operate(ws: Workspace, today: dt.date) -> RuleResult:
    from qms_desktop.services.operate import operate_rule_inputs

    return operate_rule(**operate_rule_inputs(ws))  # type: ignore[arg-type]


# Each step's rule, and the tables whose rows it reads (tests/services/test_step_rules_cache.py
# measures the SQL each rule runs and holds these to it). A rule is computed again only when
# the audit trail shows a write to one of its tables since it was last computed.
RULES: dict[Step, tuple[Callable[[Workspace, dt.date], RuleResult], frozenset[str]]] = {
    Step.SUMMARISE: (_summarise, frozenset({"lesson"})),
    Step.STUDY: (_study, frozenset({"person", "training", "benchmark", "study_plan"})),
    Step.COMPARE: (_compare, frozenset({"assessment", "assessment_item", "internal_audit"})),
    Step.PLAN: (
        _plan,
        frozenset(
            {
                "plan_design",
                "objective",
                "element",
                "process",
                "planned_document",
                "service_item",
                "satisfaction_standard",
            }
        ),
    ),
    Step.ALLOCATE: (_allocate, frozenset({"role", "person", "facility"})),
    Step.STRENGTHEN: (_strengthen, frozenset({"basic_work"})),
    Step.REFINE: (
        _refine,
        frozenset(
            {"planned_document", "controlled_document", "document_revision", "document_file"}
        ),
    ),
    Step.OPERATE: (
        _operate,
        frozenset(
            {
                "feedback_channel",
                "complaint",
                "recovery",
                "survey",
                "survey_response",
                "result",
                "objective",
                "satisfaction_standard",
                "internal_audit",
                "management_review",
                "nonconformity",
            }
        ),
    ),
}


class _RuleCache:
    """One workspace's rules as last computed, and the audit entry they were computed at."""

    def __init__(self) -> None:
        self.seq = -1
        self.head = ""
        self.today: dt.date | None = None
        self.rules: dict[Step, RuleResult] = {}
        self.computed: list[Step] = []  # what the last `step_rules` call computed (tests)


_caches: weakref.WeakKeyDictionary[Workspace, _RuleCache] = weakref.WeakKeyDictionary()


def _tables_written_since(ws: Workspace, seq: int, head: str) -> set[str] | None:
    """The tables the audit trail records writes to after entry `seq`, whose hash was
    `head`; None when the trail no longer holds that entry as it was (another file, or a
    trail rewritten): then every rule is computed again."""
    from sqlalchemy import select

    from qms_desktop.storage.models import AuditRecord

    with ws.reading() as s:
        if seq:
            was = s.scalars(select(AuditRecord.hash).where(AuditRecord.seq == seq)).first()
            if was != head:
                return None
        entities = set(
            s.scalars(select(AuditRecord.entity).where(AuditRecord.seq > seq).distinct())
        )
    return {_TABLE_OF.get(e, e) for e in entities}


def _table_of_entity() -> dict[str, str]:
    from sqlalchemy import Table

    from qms_desktop.storage.models import Audited, Base

    found: dict[str, str] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Audited) and cls.__audit_entity__:
            found[cls.__audit_entity__] = cast(Table, mapper.local_table).name
    return found


_TABLE_OF: dict[str, str] = {}


def step_rules(ws: Workspace, today: dt.date | None = None) -> dict[Step, RuleResult]:
    """Each step's rule (domain.steps) measured on its records.

    Rules are kept per open workspace, with the audit entry they were computed at: every
    write leaves entries naming the records it wrote, so the rules whose tables those name
    are computed again, the others (most, for an edit in one register) are not."""
    today = today or dt.date.today()
    if not _TABLE_OF:
        _TABLE_OF.update(_table_of_entity())
    cache = _caches.get(ws)
    if cache is None:
        cache = _caches[ws] = _RuleCache()
    seq, head = ws.audit_head()
    written: set[str] | None = None
    if cache.today == today and (cache.seq, cache.head) == (seq, head):
        written = set()  # nothing written since
    elif cache.today == today and 0 <= cache.seq <= seq:
        written = _tables_written_since(ws, cache.seq, cache.head)
    if written is None:
        stale: set[Step] = set(Step)
    else:
        if "library" in written:
            written.add("requirement")
        stale = {step for step, (_, reads) in RULES.items() if reads & written}
    for step in Step:
        if step in stale:
            cache.rules[step] = RULES[step][0](ws, today)
    cache.computed = [step for step in Step if step in stale]
    cache.seq, cache.head, cache.today = seq, head, today
    return dict(cache.rules)


def rules_computed_last(ws: Workspace) -> list[Step]:
    """The steps whose rules the last `step_rules` call on `ws` computed (the rest came
    from its cache)."""
    cache = _caches.get(ws)
    return [] if cache is None else list(cache.computed)


def step_summaries(ws: Workspace, today: dt.date | None = None) -> dict[Step, StepSummary]:
    """Every step's stored state, rule, shown status (not started / in progress / ready for
    sign-off / done), progress and warning, read once."""
    rules = step_rules(ws, today)
    return {step: summarise_step(state, rules[step]) for step, state in get_step_states(ws).items()}


def get_step_progress(ws: Workspace) -> dict[Step, float]:
    """Progress per step, as its rule measures it (1 once signed off)."""
    return get_step_overview(ws)[1]


def get_step_overview(ws: Workspace) -> tuple[dict[Step, StepState], dict[Step, float]]:
    """Each step's stored state and progress, read once (see `step_summaries` for the shown
    status and warnings)."""
    summaries = step_summaries(ws)
    return (
        {step: s.state for step, s in summaries.items()},
        {step: s.progress for step, s in summaries.items()},
    )


def update_step(
    ws: Workspace,
    actor: str,
    step: Step,
    *,
    status: StepStatus | None = None,
    signed_off_by: str | None = None,
    signed_off_on: dt.date | None | str = "",
    notes: str | None = None,
) -> tuple[StepState, ChangeSet]:
    """Change a step's status, sign-off or notes. Arguments left out keep their value."""
    with ws.editing(actor) as s:
        row = s.get(StepRecord, step.value)
        if row is None:
            row = StepRecord(step=step.value, status="not_started", signed_off_by="", notes="")
            s.add(row)
        new_status = status if status is not None else StepStatus(row.status)
        new_by = signed_off_by if signed_off_by is not None else row.signed_off_by
        new_on = row.signed_off_on if signed_off_on == "" else signed_off_on
        if isinstance(new_on, str):
            raise ValidationError("signed_off_on", "core.must_be_date", value=new_on)
        validate_sign_off(new_status, new_by, new_on)
        if notes is not None and len(notes) > 1_000_000:
            raise ValidationError("notes", "core.text_too_long", limit=1_000_000)
        row.status = new_status.value
        row.signed_off_by = new_by
        row.signed_off_on = new_on
        if notes is not None:
            row.notes = notes
        s.flush()
        state = _to_state(row)
    return state, ChangeSet(steps=frozenset({step.value}))
