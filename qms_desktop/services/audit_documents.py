"""What the internal audit report (templates/internal-audit-report) reads: the audit (the
latest completed, else the latest started, or the one chosen), its scope, team and method,
its findings by grade, the nonconformities raised from them and its conclusion, as plain
data in the document's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_desktop.domain import audits as rules
from qms_desktop.domain.assessment import Status
from qms_desktop.domain.register_labels import CHOICE_LABELS
from qms_desktop.domain.registers import ids_from_text
from qms_desktop.domain.requirements import in_language
from qms_desktop.storage.models import (
    REGISTER_MODELS,
    AssessmentItemRecord,
    InternalAuditRecord,
    LibraryRecord,
    PersonRecord,
    ProcessRecord,
    RequirementRecord,
)
from qms_desktop.storage.workspace import Workspace

METHOD = {
    "en": (
        "The audit team interviewed the people doing the work, observed it and sampled its "
        "records against a checklist of the {count} requirements in scope, drawn from "
        "{libraries}. Each requirement was judged conforming, partially conforming, "
        "nonconforming or not applicable; findings were graded major, minor, observation, "
        "opportunity for improvement or good practice."
    ),
    "zh_CN": (
        "审核组通过与实施人员面谈、现场观察和抽查记录，对照检查表逐条审核范围内的 {count} 项要求"
        "（取自《{libraries}》）。每项要求判定为符合、部分符合、不符合或不适用；"
        "审核发现分为严重不符合、轻微不符合、观察项、改进机会或良好实践。"
    ),
}
NOT_SET = {"en": "—", "zh_CN": "—"}


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else "—"


def _word(choice: str, lang: str) -> str:
    pair = CHOICE_LABELS.get(choice, (choice, choice))
    return pair[1] if lang == "zh_CN" else pair[0]


def _chosen(s: Session, audit_id: int | None) -> InternalAuditRecord | None:
    if audit_id is not None:
        return s.get(InternalAuditRecord, audit_id)
    started = list(
        s.scalars(select(InternalAuditRecord).where(InternalAuditRecord.assessment_id.is_not(None)))
    )
    if not started:
        return None
    done = [a for a in started if a.status == "completed"]
    return max(done or started, key=lambda a: (a.held_on or a.planned_on, a.id))


def _raised(s: Session, item_ids: list[int], lang: str) -> dict[int, dict[str, str]]:
    """The nonconformities raised from the audit's findings, by item (the corrective action
    register's rows linked to an item), when that register exists."""
    model = REGISTER_MODELS.get("nonconformity")
    if model is None or not item_ids or not hasattr(model, "assessment_item"):
        return {}
    column = model.assessment_item  # type: ignore[attr-defined]
    found: dict[int, dict[str, str]] = {}
    for row in s.scalars(select(model).where(column.in_(item_ids)).order_by(model.id)):
        found[int(row.assessment_item)] = {  # type: ignore[attr-defined]
            "id": str(row.id),
            "description": str(getattr(row, "description", "")),
            "owner": str(getattr(row, "owner", "")) or "—",
            "due": _day(getattr(row, "due", None)),
            "status": _word(str(getattr(row, "status", "")), lang),
        }
    return found


def audit_context(ws: Workspace, lang: str, audit_id: int | None = None) -> dict[str, Any]:
    """`internal_audit` for the report: None when no audit has been started."""
    from qms_desktop.services.checklist import _to_item
    from qms_desktop.services.documents import GRADE_TEXT, STATUS_TEXT

    zh = lang == "zh_CN"
    with ws.reading() as s:
        row = _chosen(s, audit_id)
        if row is None:
            return {"internal_audit": None}
        names = {i: n for i, n in s.execute(select(PersonRecord.id, PersonRecord.name))}
        process = s.get(ProcessRecord, row.process) if row.process is not None else None
        items = list(
            s.scalars(
                select(AssessmentItemRecord)
                .where(AssessmentItemRecord.assessment_id == row.assessment_id)
                .order_by(AssessmentItemRecord.id)
            )
        )
        titles = {
            (lib, ref): in_language(en, zh_title, lang)
            for lib, ref, en, zh_title in s.execute(
                select(
                    RequirementRecord.library_id,
                    RequirementRecord.ref,
                    RequirementRecord.title_en,
                    RequirementRecord.title_zh,
                ).where(RequirementRecord.library_id.in_({i.library_id for i in items} or {""}))
            )
        }
        libraries = [
            in_language(lib.name_en, lib.name_zh, lang)
            for lib in s.scalars(
                select(LibraryRecord)
                .where(LibraryRecord.id.in_({i.library_id for i in items}))
                .order_by(LibraryRecord.id)
            )
        ]
        raised = _raised(s, [i.id for i in items], lang)
        findings = [(i.id, _to_item(i)) for i in items]
        status_word = _word(row.status, lang)
        by_grade = rules.findings_by_grade(f for _, f in findings)
        ids_by_finding = {id(f): item_id for item_id, f in findings}

        def finding(f: Any) -> dict[str, str]:
            item_id = ids_by_finding[id(f)]
            nc = raised.get(item_id)
            return {
                "ref": f.ref,
                "title": titles.get((f.library_id, f.ref), ""),
                "status": STATUS_TEXT[lang][f.status.value],
                "evidence": f.evidence_notes or f.current_practice or "—",
                "gap": f.gap,
                "nonconformity": f"NC-{nc['id']}" if nc else "",
            }

        grades = [
            {
                "key": g.value,
                "grade": GRADE_TEXT[lang][g.value],
                "count": len(by_grade[g]),
                "findings": [finding(f) for f in by_grade[g]],
            }
            for g in rules.REPORT_GRADES
        ]
        counts = {s_.value: 0 for s_ in Status}
        for _, f in findings:
            counts[f.status.value] += 1
        nonconformities = [
            {"number": f"NC-{nc['id']}", "ref": f.ref, **nc}
            for item_id, f in findings
            if (nc := raised.get(item_id)) is not None
        ]
        team = [names.get(i, "") for i in ids_from_text(row.auditors)]
        audit = {
            "title": row.title,
            "status": status_word,
            "planned_on": _day(row.planned_on),
            "held_on": _day(row.held_on),
            "process": process.name if process is not None else "—",
            "process_owner": (process.owner or "—") if process is not None else "—",
            "clauses": ", ".join(rules.scope_clauses(row.clauses))
            or (", ".join(rules.scope_clauses(process.requirements)) if process else "")
            or "—",
            "site": row.site or "—",
            "lead_auditor": names.get(row.lead_auditor or 0, "—"),
            "auditors": [t for t in team if t],
            "auditee": names.get(row.auditee or 0, "—"),
            "independence_override": row.independence_override,
            "summary": row.summary,
            "method": METHOD[lang].format(
                count=len(findings), libraries=("》《" if zh else ", ").join(libraries) or "—"
            ),
            "in_scope": len(findings),
            "assessed": len(findings) - counts["not_assessed"],
            "not_assessed": counts["not_assessed"],
            "conforming": counts["conforming"],
            "partial": counts["partial"],
            "nonconforming": counts["nonconforming"],
            "not_applicable": counts["not_applicable"],
            "grades": grades,
            "graded": sum(len(by_grade[g]) for g in rules.REPORT_GRADES),
            "nonconformities": nonconformities,
        }
    return {"internal_audit": audit}
