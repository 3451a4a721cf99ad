"""Operate, the customer's voice: survey scores, complaint statistics, the recovery rule's
warnings, commitment claims, retention, results against targets; a complaint's cause turned
into a lesson; survey responses imported from XLSX/CSV, all rows or none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from qms_desktop.domain import operate as op
from qms_desktop.domain.errors import QmsError, ValidationError, WorkspaceError
from qms_desktop.domain.kano import KanoGap
from qms_desktop.domain.messages import Message
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, likert, validate_record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.registers import add_record, any_record, list_records, record_labels
from qms_desktop.storage.models import (
    ComplaintRecord,
    FeedbackChannelRecord,
    LessonRecord,
    SurveyItemRecord,
    SurveyRecord,
    SurveyResponseRecord,
)
from qms_desktop.storage.workspace import Workspace

Values = dict[str, object]


def _values(ws: Workspace, key: str) -> dict[int, Values]:
    return {r.id: r.values for r in list_records(ws, key)}


# -- many records at once -------------------------------------------------------------------


def add_records(
    ws: Workspace, actor: str, key: str, rows: list[Values]
) -> tuple[list[Record], ChangeSet]:
    """Add several records of one register in one transaction, all or none: each validated
    as `add_record` validates it (a refusal names the record's number, from 1), references
    checked against the workspace with one query per reference field, the rows written in
    bulk with the same "create" entries in the audit trail. For the Operate registers, whose
    rules are the records' own (no cross-record rules such as a role's reporting line)."""
    from qms_desktop.domain.registers import ids_to_text
    from qms_desktop.storage.audit import insert_audited
    from qms_desktop.storage.models import REGISTER_MODELS

    reg, model = REGISTERS[key], REGISTER_MODELS[key]
    if key in ("role", "responsibility", "qc_project"):
        raise ValueError(f"{key}: records with cross-record rules are added one by one")
    cleaned: list[Values] = []
    for n, values in enumerate(rows, start=1):
        try:
            cleaned.append(validate_record(reg, values))
        except QmsError as exc:
            raise QmsError("operate.batch_record", number=n, reason=exc.message) from None
    references = [f for f in reg.fields if f.kind in ("reference", "references")]
    with ws.editing(actor) as s:
        loaded: dict[str, dict[int, object]] = {}
        for f in references:
            wanted = sorted({i for v in cleaned for i in _ids(v[f.name])})
            ref = REGISTER_MODELS[f.ref]
            found: dict[int, object] = loaded.setdefault(f.name, {})
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update((r.id, r) for r in s.scalars(select(ref).where(ref.id.in_(chunk))))
            for n, v in enumerate(cleaned, start=1):
                for i in _ids(v[f.name]):
                    reason = None
                    if i not in found:
                        reason = ValidationError(f.name, "allocation.reference_gone", id=i)
                    elif f.ref == "person" and getattr(found[i], "state", "") == "left":
                        name = getattr(found[i], "name", "")
                        reason = ValidationError(f.name, "allocation.person_left", name=name)
                    if reason is not None:
                        raise QmsError("operate.batch_record", number=n, reason=reason.message)
        if key == "survey_item":
            _check_new_item_codes(s, cleaned)
        if key == "survey_response":
            for n, v in enumerate(cleaned, start=1):
                item = loaded["item"][v["item"]]  # type: ignore[index]
                if getattr(item, "survey", None) != v["survey"]:
                    reason = ValidationError("item", "operate.item_of_other_survey",
                                             item=getattr(item, "code", ""))  # fmt: skip
                    raise QmsError("operate.batch_record", number=n, reason=reason.message)
        top = s.scalar(select(func.max(model.position))) or 0
        stored = [
            {
                **{
                    f.name: ids_to_text(v[f.name]) if f.kind == "references" else v[f.name]  # type: ignore[arg-type]
                    for f in reg.fields
                },
                "position": top + n,
            }
            for n, v in enumerate(cleaned, start=1)
        ]
        insert_audited(s, model, stored)
    records = [Record(key, int(r["id"]), v) for r, v in zip(stored, cleaned, strict=True)]  # type: ignore[call-overload]
    return records, ChangeSet(steps=frozenset({reg.step.value}), registers=frozenset({key}))


def _check_new_item_codes(s: Session, cleaned: list[Values]) -> None:
    """New survey items' codes: each names one item of its survey, among the stored items
    (`registers.check_item_code`) and the new ones (`registers.item_code_clash`)."""
    from qms_desktop.services.registers import check_item_code, item_code_clash

    for n, v in enumerate(cleaned, start=1):
        try:
            check_item_code(s, v, None)
        except ValidationError as exc:
            raise QmsError("operate.batch_record", number=n, reason=exc.message) from None
    if clash := item_code_clash(cleaned):
        raise QmsError("operate.batch_record", number=clash[0] + 1, reason=clash[1].message)


def _ids(value: object) -> tuple[int, ...]:
    """The ids a reference or references value holds."""
    if isinstance(value, tuple):
        return tuple(i for i in value if isinstance(i, int))
    return (value,) if isinstance(value, int) else ()


# -- surveys ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyReport:
    survey: int
    title: str
    scores: op.SurveyScores
    item_labels: dict[int, str]  # item id -> "code — statement"
    item_dimensions: dict[int, str]


def survey_scores(ws: Workspace, survey_id: int) -> SurveyReport:
    """A survey's SERVQUAL scores (see domain.operate.score_survey) from its stored answers."""
    with ws.reading() as s:
        survey = s.get(SurveyRecord, survey_id)
        if survey is None:
            raise WorkspaceError("core.record_gone")
        items = s.execute(
            select(SurveyItemRecord.id, SurveyItemRecord.code, SurveyItemRecord.statement,
                   SurveyItemRecord.dimension)
            .where(SurveyItemRecord.survey == survey_id)
            .order_by(SurveyItemRecord.position, SurveyItemRecord.id)
        ).all()  # fmt: skip
        rows = s.execute(
            select(SurveyResponseRecord.respondent, SurveyResponseRecord.item,
                   SurveyResponseRecord.perception, SurveyResponseRecord.expectation)
            .where(SurveyResponseRecord.survey == survey_id)
        ).all()  # fmt: skip
        weights = {d: getattr(survey, f"weight_{d}") for d in op.SERVQUAL_DIMENSIONS}
        title = survey.title
    dims = {i: d for i, _, _, d in items if d}
    scores = op.score_survey(dims, map(op.Answer._make, rows), weights)
    labels = {i: f"{c} — {t}" for i, c, t, _ in items}
    return SurveyReport(survey_id, title, scores, labels, dims)


def compare_surveys(
    ws: Workspace, earlier: int, later: int
) -> list[tuple[str, float | None, float | None, float | None]]:
    return op.compare_dimensions(survey_scores(ws, earlier).scores, survey_scores(ws, later).scores)


# -- complaints, recovery, claims -------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintStatistics:
    by_moment: list[tuple[str, int, float]]
    by_dimension: list[tuple[str, int, float]]
    by_service_item: list[tuple[str, int, float]]
    complaints_per_month: dict[str, int]
    recoveries_per_month: dict[str, int]


def complaint_statistics(ws: Workspace) -> ComplaintStatistics:
    """Pareto counts of complaints by moment of truth, SERVQUAL dimension and service item
    (what is not named counts as ""), complaints and recovery cases per month."""
    complaints = _values(ws, "complaint")
    moments = record_labels(ws, "moment_of_truth")
    items = record_labels(ws, "service_item")

    def count(name: str, labels: dict[int, str] | None) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in complaints.values():
            v = c.get(name)
            key = (
                (labels.get(v, "") if isinstance(v, int) else "")
                if labels is not None
                else str(v or "")
            )
            out[key] = out.get(key, 0) + 1
        return out

    recoveries = _values(ws, "recovery").values()
    return ComplaintStatistics(
        op.pareto(count("moment", moments)),
        op.pareto(count("dimension", None)),
        op.pareto(count("service_item", items)),
        op.per_month(c.get("received_on") for c in complaints.values()),  # type: ignore[misc]
        op.per_month(r.get("apology_on") or r.get("reinstated_on") for r in recoveries),  # type: ignore[misc]
    )


@dataclass(frozen=True)
class RecoveryWarningRow:
    complaint: int
    label: str
    severity: str
    missing: tuple[int, ...]


def recovery_warnings(ws: Workspace) -> list[RecoveryWarningRow]:
    """Closed complaints whose recovery lacks the steps their severity needs."""
    complaints = _values(ws, "complaint")
    reg = REGISTERS["complaint"]
    return [
        RecoveryWarningRow(
            w.complaint,
            reg.label(complaints[w.complaint]),
            str(complaints[w.complaint]["severity"]),
            w.missing,
        )
        for w in op.recovery_warnings(complaints, _values(ws, "recovery").values())
    ]


@dataclass(frozen=True)
class ClaimsSummary:
    per_month: list[tuple[str, int, float]]  # month, claims, payouts
    claims: int
    paid: int
    payout_total: float
    kept_rate: float | None  # 1 - claims / services delivered (None: services not recorded)


def claims_summary(ws: Workspace) -> ClaimsSummary:
    """Claims on the service commitment and payouts per month; the commitment's fulfilment
    rate: the share of services delivered on which it was not claimed."""
    claims = list(_values(ws, "commitment_claim").values())
    months: dict[str, tuple[int, float]] = {}
    for c in claims:
        day = c["claimed_on"]
        if isinstance(day, dt.date):
            n, total = months.get(op.month_of(day), (0, 0.0))
            months[op.month_of(day)] = (n + 1, total + float(c["payout"] or 0))  # type: ignore[arg-type]
    services = sum(_float(p["services"]) for p in _values(ws, "customer_period").values())
    return ClaimsSummary(
        [(m, n, t) for m, (n, t) in sorted(months.items())],
        len(claims),
        sum(1 for c in claims if c["paid_on"] is not None),
        sum(_float(c["payout"]) for c in claims),
        1 - len(claims) / services if services > 0 else None,
    )


def _float(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


@dataclass(frozen=True)
class RetentionRow:
    period: dt.date
    customers: float | None
    repeat_customers: float | None
    retention: float | None
    complaints: int
    per_thousand: float | None


def retention(ws: Workspace) -> list[RetentionRow]:
    """Per period (month): customers, repeat customers, retention (repeat customers over the
    previous period's customers), complaints and complaints per 1 000 services."""
    periods = sorted(_values(ws, "customer_period").values(), key=lambda p: p["period"])  # type: ignore[arg-type, return-value]
    counts = op.per_month(c.get("received_on") for c in _values(ws, "complaint").values())  # type: ignore[misc]
    out, before = [], None
    for p in periods:
        day = p["period"]
        assert isinstance(day, dt.date)
        n = counts.get(op.month_of(day), 0)
        rate = None
        if before is not None and p["repeat_customers"] is not None:
            rate = op.retention_rate(float(before), float(p["repeat_customers"]))  # type: ignore[arg-type]
        services = p["services"]
        out.append(
            RetentionRow(
                day,
                p["customers"],  # type: ignore[arg-type]
                p["repeat_customers"],  # type: ignore[arg-type]
                rate,
                n,
                op.per_thousand(n, float(services)) if services is not None else None,  # type: ignore[arg-type]
            )
        )
        before = p["customers"]
    return out


# -- results against targets ------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    kind: str  # "objective" or "satisfaction_standard"
    id: int
    label: str
    target_text: str
    target: op.Target | None  # None: the target text does not read as a target (flagged)
    latest: float | None
    latest_period: dt.date | None
    met: bool | None
    trend: list[tuple[dt.date, float]] = field(default_factory=list)


def results_against_targets(ws: Workspace) -> list[TargetRow]:
    """Every objective and satisfaction standard with its results (oldest first), the latest
    held against the target: an objective's number, unit and comparison; a standard's free
    text read as comparator, number and unit (what does not read so is flagged: None)."""
    results = _values(ws, "result").values()
    trends: dict[tuple[str, int], list[tuple[dt.date, float]]] = {}
    for r in results:
        for key, ref in (("objective", "objective"), ("satisfaction_standard", "standard")):
            if isinstance(r[ref], int):
                trends.setdefault((key, r[ref]), []).append((r["period"], float(r["value"])))  # type: ignore[arg-type]
    out: list[TargetRow] = []
    for oid, o in _values(ws, "objective").items():
        comparison = str(o.get("comparison") or ">=")
        text = f"{comparison} {o['target']:g} {o['unit']}".strip()  # type: ignore[str-format]
        out.append(_target_row("objective", oid, str(o["objective"]), text,
                               op.Target(comparison, float(o["target"]), str(o["unit"])),  # type: ignore[arg-type]
                               trends.get(("objective", oid), [])))  # fmt: skip
    for sid, v in _values(ws, "satisfaction_standard").items():
        text = str(v["target"])
        out.append(_target_row("satisfaction_standard", sid, str(v["standard"]), text,
                               op.parse_target(text), trends.get(("satisfaction_standard", sid), [])))  # fmt: skip
    return out


def _target_row(
    kind: str,
    rid: int,
    label: str,
    text: str,
    target: op.Target | None,
    trend: list[tuple[dt.date, float]],
) -> TargetRow:
    trend = sorted(trend)
    latest = trend[-1] if trend else None
    met = None
    if latest is not None and target is not None:
        met = op.target_met(target, latest[1])
    return TargetRow(kind, rid, label, text, target,
                     latest[1] if latest else None, latest[0] if latest else None, met, trend)  # fmt: skip


# -- Kano in use ----------------------------------------------------------------------------


def kano_gaps(ws: Workspace) -> list[KanoGap]:
    """What is missing for the customer's needs to be served (domain.kano.kano_gaps)."""
    from qms_desktop.domain.kano import kano_gaps as gaps

    return gaps(
        _values(ws, "customer_need").values(),
        _values(ws, "moment_of_truth").values(),
        _values(ws, "satisfaction_standard").values(),
    )


# -- a complaint's cause turned into a lesson -------------------------------------------------


def lesson_from_complaint(
    ws: Workspace, actor: str, complaint_id: int, lang: str = "en"
) -> tuple[Record, ChangeSet]:
    """Add a lesson to the Summarise register from a complaint: source "complaint", what
    happened, the cause as the lesson, linked to the complaint (which shows it back)."""
    with ws.reading() as s:
        c = s.get(ComplaintRecord, complaint_id)
        if c is None:
            raise WorkspaceError("core.record_gone")
        if not c.cause.strip():
            raise ValidationError("cause", "operate.no_cause")
        if s.scalar(select(LessonRecord.id).where(LessonRecord.complaint == complaint_id)):
            raise ValidationError("cause", "operate.lesson_exists")
        happened = Message(
            "operate.lesson_what_happened",
            {
                "date": c.received_on.isoformat(),
                "site": c.site or "—",
                "description": c.description,
            },
        ).text(lang)
        values: Values = {
            "source": "complaint",
            "occurred_on": c.received_on,
            "what_happened": happened,
            "lesson": c.cause,
            "complaint": complaint_id,
        }
    record, changes = add_record(ws, actor, "lesson", values)
    return record, changes | ChangeSet(registers=frozenset({"complaint"}))


def lessons_of_complaint(ws: Workspace, complaint_id: int) -> list[int]:
    with ws.reading() as s:
        return list(
            s.scalars(select(LessonRecord.id).where(LessonRecord.complaint == complaint_id))
        )


# -- survey responses from a file -------------------------------------------------------------

RESPONSE_HEADERS: dict[str, tuple[str, ...]] = {
    "respondent": ("Respondent", "答卷人", "respondent"),
    "item": ("Item", "题项", "item", "code"),
    "expectation": ("Expectation", "期望", "E"),
    "perception": ("Perception", "感知", "P"),
    "answered_on": ("Date", "日期", "answered on", "answered_on"),
}


@dataclass(frozen=True)
class ResponseImport:
    survey: int
    ids: tuple[int, ...]  # the responses added (undo deletes them)


def import_survey_responses(
    ws: Workspace, actor: str, survey_id: int, path: Path, *, lang: str = "en"
) -> tuple[ResponseImport, ChangeSet]:
    """Responses of one survey from XLSX or CSV (columns Respondent, Item — the item's code —,
    Expectation, Perception, Date, in either language): every row checked first; one bad
    cell refuses the file naming row and column, and nothing is stored."""
    from qms_desktop.services.exchange import data_rows, map_header, read_table
    from qms_desktop.services.sheet_text import fold
    from qms_desktop.storage.audit import insert_audited

    table = read_table(path)
    by_word = {fold(w): f for f, words in RESPONSE_HEADERS.items() for w in words}

    def required(found: set[str]) -> list[str]:
        return [
            RESPONSE_HEADERS[f][0] for f in ("respondent", "item", "perception") if f not in found
        ]

    columns = map_header(table, by_word, required)
    header = table.rows[0]
    with ws.reading() as s:
        survey = s.get(SurveyRecord, survey_id)
        if survey is None:
            raise ValidationError("survey", "operate.no_survey")
        top, asks = int(survey.scale), survey.asks
        codes: dict[str, list[int]] = {}  # folded code -> its items (one, unless a file of
        # an older version holds two items under one code: those are refused by name)
        for iid, code in s.execute(
            select(SurveyItemRecord.id, SurveyItemRecord.code).where(
                SurveyItemRecord.survey == survey_id
            )
        ):
            codes.setdefault(fold(code), []).append(iid)
        first_position = (s.scalar(select(SurveyResponseRecord.position).order_by(SurveyResponseRecord.position.desc()).limit(1)) or 0) + 1  # fmt: skip
    rows: list[dict[str, object]] = []
    seen: dict[tuple[str, int], int] = {}
    today = dt.date.today()
    # cells read once per distinct text: the valid Likert answers, item codes and dates
    likert_of: dict[str, float | None] = {str(v): float(v) for v in range(1, top + 1)}
    likert_of[""] = None
    item_of: dict[str, int | None] = {}
    dates: dict[str, dt.date | None] = {}
    for n, cells in data_rows(table, columns):
        current = "respondent"
        try:
            respondent = cells["respondent"].strip()
            if not respondent:
                raise ValidationError("respondent", "core.required")
            current = "item"
            text = cells["item"]
            if text not in item_of:
                named = codes.get(fold(text), [])
                if len(named) > 1:
                    raise ValidationError("item", "operate.import_item_ambiguous", item=text,
                                          count=len(named))  # fmt: skip
                item_of[text] = named[0] if named else None
            item = item_of[text]
            if item is None:
                raise ValidationError("item", "operate.import_no_item", item=cells["item"])
            if (respondent, item) in seen:
                raise ValidationError("item", "operate.import_twice", respondent=respondent,
                                      item=cells["item"], first=seen[(respondent, item)])  # fmt: skip
            current = "perception"
            text = cells["perception"]
            perception = (
                likert_of[text] if text in likert_of else _likert_cell("perception", text, top)
            )
            if perception is None:
                raise ValidationError("perception", "core.required")
            current = "expectation"
            text = cells.get("expectation", "")
            expectation = (
                likert_of[text] if text in likert_of else _likert_cell("expectation", text, top)
            )
            if asks == "perception_only" and expectation is not None:
                raise ValidationError("expectation", "operate.expectation_not_asked")
            if asks != "perception_only" and expectation is None:
                raise ValidationError("expectation", "operate.expectation_needed")
            current = "answered_on"
            text = cells.get("answered_on", "")
            if text not in dates:  # a survey's answers share a few dozen dates
                dates[text] = _date_cell(text, today)
            answered = dates[text]
        except QmsError as exc:
            column = (
                header[columns[current]] if current in columns else RESPONSE_HEADERS[current][0]
            )
            raise QmsError("operate.import_row", file=table.file, row=n, column=column,
                           reason=exc.message) from None  # fmt: skip
        seen[(respondent, item)] = n
        rows.append({"survey": survey_id, "respondent": respondent, "item": item,
                     "expectation": expectation, "perception": perception,
                     "answered_on": answered, "position": first_position + len(rows)})  # fmt: skip
    if not rows:
        raise QmsError("operate.import_empty", file=table.file)
    with ws.editing(actor) as s:
        insert_audited(s, SurveyResponseRecord, rows)
    ids = tuple(int(r["id"]) for r in rows)  # type: ignore[call-overload]
    return ResponseImport(survey_id, ids), _changes("survey_response")


def undo_response_import(ws: Workspace, actor: str, done: ResponseImport) -> ChangeSet:
    """Remove the responses an import added, in bulk (one transaction, the "delete" entry
    of each in the trail, as deleting them one by one writes)."""
    from qms_desktop.storage.audit import delete_audited

    with ws.editing(actor) as s:
        delete_audited(s, SurveyResponseRecord, done.ids)
    return _changes("survey_response")


@dataclass(frozen=True)
class ResponsePage:
    records: list[Record]  # the page's answers, in the register's order
    total: int  # answers matching the filter
    offset: int  # where the page starts among them


def response_page(
    ws: Workspace, survey_id: int | None, respondent: str = "", offset: int = 0,
    limit: int = 500,
) -> ResponsePage:  # fmt: skip
    """One page of a survey's answers (tens of thousands after a few waves), narrowed to the
    respondents whose name holds `respondent` (any case); an offset past the end shows the
    last page."""
    reg = REGISTERS["survey_response"]
    if survey_id is None:
        return ResponsePage([], 0, 0)
    wanted = select(SurveyResponseRecord).where(SurveyResponseRecord.survey == survey_id)
    if respondent.strip():
        pattern = "%" + _like_escaped(respondent.strip()) + "%"
        wanted = wanted.where(SurveyResponseRecord.respondent.ilike(pattern, escape="\\"))
    with ws.reading() as s:
        total = s.scalar(select(func.count()).select_from(wanted.subquery())) or 0
        offset = max(0, min(offset, (total - 1) // limit * limit if total else 0))
        rows = s.scalars(
            wanted.order_by(SurveyResponseRecord.position, SurveyResponseRecord.id)
            .offset(offset)
            .limit(limit)
        )
        records = [Record(reg.key, r.id, {f.name: getattr(r, f.name) for f in reg.fields})
                   for r in rows]  # fmt: skip
    return ResponsePage(records, total, offset)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _likert_cell(name: str, text: str, top: int) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValidationError(name, "operate.likert_out_of_range", value=text, top=top) from None
    likert(name, value, top)
    return value


def _date_cell(text: str, today: dt.date) -> dt.date | None:
    from qms_desktop.services.sheet_text import read_date

    try:
        day = read_date(text)
    except ValueError:
        raise ValidationError("answered_on", "core.must_be_date", value=text) from None
    if day is not None and day > today:
        raise ValidationError("answered_on", "operate.date_in_future", date=day.isoformat())
    return day


def _changes(key: str) -> ChangeSet:
    return ChangeSet(steps=frozenset({"operate"}), registers=frozenset({key}))


# -- the Operate step's rule ------------------------------------------------------------------


def operate_rule_inputs(ws: Workspace) -> dict[str, object]:
    """What the Operate step's rule measures (see domain.steps.operate_rule): the customer's
    voice here, the review cycle from services.review."""
    from qms_desktop.services.review import cycle_rule_inputs

    with ws.reading() as s:  # the counts in one statement
        answered, channels, others = s.execute(
            select(
                exists().select_from(SurveyResponseRecord.__table__),
                select(func.count()).select_from(FeedbackChannelRecord.__table__).scalar_subquery(),
                or_(
                    *(any_record(k) for k in ("complaint", "survey", "result", "management_review"))
                ),
            )
        ).one()
    targets = results_against_targets(ws)
    return {
        "channels": channels,
        "surveyed": bool(answered),
        "recovery_gaps": len(recovery_warnings(ws)),
        "unmeasured": [t.label for t in targets if t.kind == "objective" and t.latest is None],
        "started": bool(answered or channels or others),
        **cycle_rule_inputs(ws),
    }
