"""Management review (ISO 9001 9.3): the inputs of a review gathered from the workspace for
its period (domain.review does the counting), the review cycle the Operate step's rule
measures, and a review's outputs added as nonconformities (corrective actions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from qms_desktop.domain import review as rv
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.operate import SERVQUAL_DIMENSIONS, Answer, parse_target, score_survey
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, ids_from_text
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import (
    REGISTER_MODELS,
    AssessmentItemRecord,
    RegisterRow,
    SurveyItemRecord,
    SurveyRecord,
    SurveyResponseRecord,
)
from qms_desktop.storage.workspace import Workspace

Values = dict[str, object]


def _rows(
    s: Session,
    key: str,
    names: Iterable[str],
    *where: ColumnElement[bool],
) -> dict[int, Values]:
    """Some fields of a register's records (id -> values), `references` read as id tuples;
    {} while the register is not in this version's workspace."""
    model: type[RegisterRow] | None = REGISTER_MODELS.get(key)
    if model is None or key not in REGISTERS:
        return {}
    fields = [REGISTERS[key].field(n) for n in names if hasattr(model, n)]
    columns = [getattr(model, f.name) for f in fields]
    out: dict[int, Values] = {}
    for row in s.execute(select(model.id, *columns).where(*where)):
        values: Values = {}
        for f, value in zip(fields, row[1:], strict=True):
            values[f.name] = ids_from_text(value) if f.kind == "references" else value
        out[row[0]] = values
    return out


def _model(key: str) -> type[RegisterRow] | None:
    return REGISTER_MODELS.get(key) if key in REGISTERS else None


def _column(model: type[RegisterRow], name: str) -> ColumnElement[object]:
    column: ColumnElement[object] = getattr(model, name)
    return column


def _between(model: type[RegisterRow], name: str, period: rv.Period) -> list[ColumnElement[bool]]:
    column = _column(model, name)
    return [column >= period.start, column <= period.end]


REVIEW_FIELDS = (
    "held_on",
    "period_from",
    "period_to",
    "changes_in_context",
    "supplier_performance",
    "resources",
    "risks_and_opportunities",
    "audits",
)
ACTION_FIELDS = (
    "raised_on",
    "source",
    "description",
    "owner",
    "due",
    "status",
    "review",
    "verified_on",
)


def review_records(ws: Workspace, review_id: int) -> rv.ReviewRecords:
    """What the gathering of one review's inputs reads, in one read transaction: the
    records dated in its period (complaints, claims, results, lessons, surveys), all reviews
    and nonconformities (earlier actions, overdue ones), the period's audits and findings."""
    from qms_desktop.storage.models import (
        CommitmentClaimRecord,
        ComplaintRecord,
        LessonRecord,
        RecoveryRecord,
        ResultRecord,
    )

    with ws.reading() as s:
        reviews = _rows(s, "management_review", REVIEW_FIELDS)
        if review_id not in reviews:
            raise QmsError("review.no_such_review", id=review_id)
        review = reviews[review_id]
        period = rv.Period(review["period_from"], review["period_to"])  # type: ignore[arg-type]
        complaints = _rows(
            s,
            "complaint",
            ("received_on", "severity", "status"),
            *_between(ComplaintRecord, "received_on", period),
        )
        recoveries = _rows(
            s, "recovery", ("complaint",), RecoveryRecord.complaint.in_(list(complaints))
        ) if complaints else {}  # fmt: skip
        claims = _rows(
            s,
            "commitment_claim",
            ("claimed_on", "payout"),
            *_between(CommitmentClaimRecord, "claimed_on", period),
        )
        results = _rows(
            s,
            "result",
            ("objective", "standard", "period", "value"),
            *_between(ResultRecord, "period", period),
        )
        objectives = _rows(s, "objective", ("objective", "target", "unit", "comparison", "process"))
        standards = {
            sid: (str(v["standard"]), str(v["target"]), parse_target(str(v["target"])))
            for sid, v in _rows(s, "satisfaction_standard", ("standard", "target")).items()
        }
        lessons = _rows(
            s, "lesson", ("occurred_on", "lesson"), *_between(LessonRecord, "occurred_on", period)
        )
        nonconformities = _rows(s, "nonconformity", ACTION_FIELDS)
        audits, findings = _audits(s, period, set(ids_from_text_of(review.get("audits"))))
        surveys = _surveys(s, period)
        people = _rows(s, "person", ("state",))
        facilities = _rows(s, "facility", ("state",))
    return rv.ReviewRecords(
        reviews,
        nonconformities,
        surveys,
        complaints,
        recoveries.values(),
        claims.values(),
        objectives,
        standards,
        results.values(),
        audits,
        findings,
        lessons.values(),
        people.values(),
        facilities.values(),
    )


def ids_from_text_of(value: object) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else ()


def _audits(
    s: Session, period: rv.Period, named: set[int]
) -> tuple[dict[int, Values], dict[int, list[tuple[str, str]]]]:
    """Internal audits completed in the period or named by the review, and the grade and
    text of their checklist's findings."""
    model = _model("internal_audit")
    if model is None:
        return {}, {}
    held = _column(model, "held_on")
    audits = _rows(
        s,
        "internal_audit",
        ("title", "held_on", "status"),
        (held >= period.start) & (held <= period.end) | model.id.in_(sorted(named)),
    )
    checklist = getattr(model, "assessment_id", None)
    if checklist is None or not audits:
        return audits, {}
    of_assessment = {
        a: aid
        for aid, a in s.execute(select(model.id, checklist).where(model.id.in_(list(audits))))
        if a is not None
    }
    findings: dict[int, list[tuple[str, str]]] = {}
    item = AssessmentItemRecord
    rows = s.execute(
        select(item.assessment_id, item.grade, item.ref, item.gap, item.current_practice).where(
            item.assessment_id.in_(list(of_assessment)), item.grade != ""
        )
    )
    for assessment, grade, ref, gap, practice in rows:
        text = (gap or practice or "").strip()
        findings.setdefault(of_assessment[assessment], []).append(
            (grade, f"{ref} — {text}" if text else "")
        )
    return audits, findings


def _surveys(s: Session, period: rv.Period) -> list[rv.SurveyLine]:
    """The surveys started in the period with their SERVQUAL scores."""
    surveys = s.execute(
        select(SurveyRecord).where(
            SurveyRecord.starts_on >= period.start, SurveyRecord.starts_on <= period.end
        )
    ).scalars().all()  # fmt: skip
    out = []
    for survey in surveys:
        dims = {
            i: d
            for i, d in s.execute(
                select(SurveyItemRecord.id, SurveyItemRecord.dimension).where(
                    SurveyItemRecord.survey == survey.id
                )
            )
            if d
        }
        answers = s.execute(
            select(SurveyResponseRecord.respondent, SurveyResponseRecord.item,
                   SurveyResponseRecord.perception, SurveyResponseRecord.expectation)
            .where(SurveyResponseRecord.survey == survey.id)
        ).all()  # fmt: skip
        weights = {d: getattr(survey, f"weight_{d}") for d in SERVQUAL_DIMENSIONS}
        scores = score_survey(dims, map(Answer._make, answers), weights)
        out.append(
            rv.SurveyLine(
                survey.id,
                survey.title,
                survey.starts_on,
                scores.respondents,
                scores.overall,
                scores.basis,
            )
        )
    return out


def review_inputs(ws: Workspace, review_id: int) -> rv.ReviewInputs:
    """The ISO 9001 9.3.2 inputs of a review for its period (see domain.review)."""
    return rv.gather_inputs(review_id, review_records(ws, review_id))


# -- the review cycle (the Operate step's rule) ------------------------------------------------


def review_cycle(ws: Workspace, today: dt.date | None = None) -> rv.CycleState:
    """How far one full review cycle has run (see domain.review.review_cycle)."""
    with ws.reading() as s:
        audits = _rows(s, "internal_audit", ("status",))
        reviews = _rows(s, "management_review", ("held_on", "audits"))
        actions = _rows(s, "nonconformity", ("review", "status", "owner", "due"))
    return rv.review_cycle(audits, reviews, actions.values(), today or dt.date.today())


def cycle_rule_inputs(ws: Workspace) -> dict[str, object]:
    """The review cycle's part of the Operate step's rule (domain.steps.operate_rule)."""
    state = review_cycle(ws)
    return {
        "audit_completed": state.audit_completed,
        "review_held": state.review_held,
        "outputs_unscheduled": state.unscheduled,
        "review_outputs": state.outputs,
    }


# -- outputs ---------------------------------------------------------------------------------


def add_review_output(
    ws: Workspace,
    actor: str,
    review_id: int,
    description: str,
    owner: str = "",
    due: dt.date | None = None,
) -> tuple[Record, ChangeSet]:
    """Record one output of a review as a nonconformity (corrective or improvement action)
    with source "management_review", linked to the review, raised on the day it was held:
    one transaction, audit-trailed (services.actions.raise_from_review)."""
    from qms_desktop.services.actions import raise_from_review

    values: Values = {"description": description, "owner": owner, "due": due}
    return raise_from_review(ws, actor, review_id, values)
