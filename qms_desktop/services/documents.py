"""Generating the system's documents from what the workspace holds: the context the
templates read (documented in templates/README.md), and the render use case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qms_desktop.domain.assessment import Grade, Status
from qms_desktop.domain.gap_report import conclude, grade_counts
from qms_desktop.services import checklist, registers
from qms_desktop.services.audit_documents import audit_context
from qms_desktop.services.document_control import document_meta
from qms_desktop.services.operate_documents import operate_context, operate_images
from qms_desktop.services.profile import get_profile
from qms_desktop.services.quality_cost import quality_cost_context, quality_cost_images
from qms_desktop.services.review_documents import review_context
from qms_desktop.services.steps import get_step_states
from qms_desktop.storage.workspace import Workspace

if TYPE_CHECKING:
    from qms_desktop.documents.engine import TemplateInfo
    from qms_desktop.documents.model import Picture

STATUS_TEXT = {
    "en": {
        "not_assessed": "Not assessed",
        "conforming": "Conforming",
        "partial": "Partially conforming",
        "nonconforming": "Nonconforming",
        "not_applicable": "Not applicable",
    },
    "zh_CN": {
        "not_assessed": "未评估",
        "conforming": "符合",
        "partial": "部分符合",
        "nonconforming": "不符合",
        "not_applicable": "不适用",
    },
}
GRADE_TEXT = {
    "en": {
        "": "",
        "major": "Major nonconformity",
        "minor": "Minor nonconformity",
        "observation": "Observation",
        "ofi": "Opportunity for improvement",
        "good_practice": "Good practice",
    },
    "zh_CN": {
        "": "",
        "major": "严重不符合",
        "minor": "轻微不符合",
        "observation": "观察项",
        "ofi": "改进机会",
        "good_practice": "良好实践",
    },
}
CHOICE_TEXT = {
    "en": {
        "key": "Key element",
        "common": "Common element",
        "operational": "Operational element",
        "yes": "Yes",
        "no": "No",
        "manual": "Quality manual",
        "procedure": "Procedure",
        "instruction": "Work instruction",
        "form": "Form or record",
        "tangibles": "Tangibles",
        "reliability": "Reliability",
        "responsiveness": "Responsiveness",
        "assurance": "Assurance",
        "empathy": "Empathy",
        "basic": "Basic",
        "performance": "Performance",
        "excitement": "Excitement",
        "daily": "daily",
        "weekly": "weekly",
        "monthly": "monthly",
        "quarterly": "quarterly",
        "yearly": "yearly",
        "small": "Small disappointment",
        "serious": "Serious failure",
        "angry": "Customer made angry",
        "high": "High",
        "medium": "Medium",
        "low": "Low",
        "open": "Open",
        "in_progress": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
        "top_management": "Top management",
        "management_representative": "Management representative",
        "process_owner": "Process owner",
        "internal_auditor": "Internal auditor",
        "document_controller": "Document controller",
        "department_head": "Department head",
        "other_role": "Other role",
        "top": "Top",
        "middle": "Middle",
        "front_line": "Front line",
        "service_facility": "Service facility",
        "service_equipment": "Service equipment",
        "measuring_equipment": "Measuring equipment",
        "planned": "Planned",
        "ordered": "Ordered",
        "installed": "Installed",
        "in_service": "In service",
        "retired": "Retired",
        "under_way": "Under way",
        "in_place": "In place",
        "process": "Process",
        "element": "System element",
        "": "",
    },
    "zh_CN": {
        "key": "关键要素",
        "common": "公共要素",
        "operational": "运作要素",
        "yes": "是",
        "no": "否",
        "manual": "质量手册",
        "procedure": "程序文件",
        "instruction": "作业指导书",
        "form": "表单或记录",
        "tangibles": "有形性",
        "reliability": "可靠性",
        "responsiveness": "响应性",
        "assurance": "保证性",
        "empathy": "移情性",
        "basic": "基本需求",
        "performance": "期望需求",
        "excitement": "兴奋需求",
        "daily": "每日",
        "weekly": "每周",
        "monthly": "每月",
        "quarterly": "每季度",
        "yearly": "每年",
        "small": "轻微失望",
        "serious": "严重失误",
        "angry": "顾客被激怒",
        "high": "高",
        "medium": "中",
        "low": "低",
        "open": "未关闭",
        "in_progress": "进行中",
        "done": "已完成",
        "cancelled": "已取消",
        "top_management": "最高管理者",
        "management_representative": "管理者代表",
        "process_owner": "过程负责人",
        "internal_auditor": "内审员",
        "document_controller": "文件管理员",
        "department_head": "部门负责人",
        "other_role": "其他岗位",
        "top": "高层",
        "middle": "中层",
        "front_line": "基层",
        "service_facility": "服务设施",
        "service_equipment": "服务设备",
        "measuring_equipment": "计量器具",
        "planned": "计划中",
        "ordered": "已订购",
        "installed": "已安装",
        "in_service": "已投入使用",
        "retired": "已停用",
        "under_way": "进行中",
        "in_place": "已到位",
        "process": "过程",
        "element": "体系要素",
        "": "",
    },
}
CALIBRATION_TEXT = {
    "en": {"overdue": "Overdue", "due_soon": "Due within 30 days", "ok": "In date", "": ""},
    "zh_CN": {"overdue": "已逾期", "due_soon": "30天内到期", "ok": "在有效期内", "": ""},
}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _records(ws: Workspace, key: str, lang: str) -> list[dict[str, str]]:
    choices = CHOICE_TEXT[lang]
    out = []
    for record in registers.list_records(ws, key):
        row = {name: _text(value) for name, value in record.values.items()}
        for name, value in list(row.items()):
            if value in choices and name in (
                "group",
                "adopted",
                "level",
                "dimension",
                "category",
                "frequency",
                "severity",
                "kind",
                "state",
            ):
                row[f"{name}_text"] = choices[value]
        out.append(row)
    return out


def _verifications(ws: Workspace, assessment_id: int) -> dict[int, dict[str, Any]]:
    """Item id -> the verification of effectiveness of its action, as the templates read it
    (templates/README.md: `verification`)."""
    return {
        item_id: {
            "status": v.status,
            "by": v.by or "—",
            "on": v.on.isoformat(),
            "effective": v.effective,
        }
        for item_id, v in checklist.action_verifications(ws, assessment_id).items()
    }


def _assessment_context(ws: Workspace, assessment_id: int, lang: str) -> dict[str, Any]:
    info = next(a for a in checklist.list_assessments(ws) if a.id == assessment_id)
    rows = checklist.checklist_rows(ws, assessment_id)
    verifications = _verifications(ws, assessment_id)
    overall, by_clause = checklist.assessment_score(ws, assessment_id)
    libraries = {lib.id: lib for lib in checklist.workspace_libraries(ws)}
    titles = {}
    for library_id in info.library_ids:
        for outline in checklist.library_outline(ws, library_id):
            if outline.is_section and outline.depth == 0:
                titles[outline.ref] = outline.title(lang)
    findings = []
    actions = []
    all_actions = []
    not_assessed = []
    not_applicable = []
    assessors: dict[str, None] = {}
    for r in rows:
        item = r.item
        if item.status is Status.NOT_ASSESSED:
            not_assessed.append({"ref": r.ref, "title": r.title(lang)})
        else:
            if item.changed_by.strip():
                assessors[item.changed_by.strip()] = None
            if item.status is Status.NOT_APPLICABLE:
                not_applicable.append(
                    {"ref": r.ref, "title": r.title(lang), "justification": item.na_justification}
                )
        if item.action.text.strip():
            # every written action with its state; one left open on a requirement now
            # conforming (or not applicable) is flagged so it is closed or confirmed
            all_actions.append(
                {
                    "ref": r.ref,
                    "text": item.action.text,
                    "owner": item.action.owner or "—",
                    "due": item.action.due.isoformat() if item.action.due else "—",
                    "priority": CHOICE_TEXT[lang][item.action.priority.value] or "—",
                    "state": CHOICE_TEXT[lang][item.action.state.value or "open"],
                    "open": item.action.is_open,
                    "requirement_status": STATUS_TEXT[lang][item.status.value],
                    "left_open": item.action.is_open
                    and item.status in (Status.CONFORMING, Status.NOT_APPLICABLE),
                    # who verified its effectiveness, when, and whether effective (None: not
                    # verified yet)
                    "verification": verifications.get(r.item_id),
                }
            )
        if item.status in (Status.PARTIAL, Status.NONCONFORMING):
            findings.append(
                {
                    "ref": r.ref,
                    "title": r.title(lang),
                    "statement": r.statement(lang),  # a control's own words (OSCAL), if any
                    "status": STATUS_TEXT[lang][item.status.value],
                    "grade": GRADE_TEXT[lang][item.grade.value],
                    "major": item.grade is Grade.MAJOR,
                    "current_practice": item.current_practice,
                    "evidence": item.evidence_notes,
                    "evidence_files": list(r.evidence_files),
                    "gap": item.gap,
                    "has_action": bool(item.action.text.strip()),
                    "action": {
                        "text": item.action.text,
                        "owner": item.action.owner,
                        "due": item.action.due.isoformat() if item.action.due else "",
                        "priority": CHOICE_TEXT[lang][item.action.priority.value],
                        "state": CHOICE_TEXT[lang][item.action.state.value],
                        "verification": verifications.get(r.item_id),
                    },
                }
            )
        if item.action.is_open:
            actions.append(
                {
                    "ref": r.ref,
                    "text": item.action.text,
                    "owner": item.action.owner or "—",
                    "due": item.action.due.isoformat() if item.action.due else "—",
                    "priority": CHOICE_TEXT[lang][item.action.priority.value],
                }
            )
    actions.sort(key=lambda a: (a["owner"], a["due"]))
    all_actions.sort(key=lambda a: (not a["open"], a["due"], a["ref"]))
    conclusion = conclude([r.item for r in rows], dt.date.today())
    return {
        "name": info.name,
        "date": info.held_on.isoformat(),
        "audit_date": info.audit_date.isoformat() if info.audit_date else "",
        "libraries": [libraries[i].name(lang) for i in info.library_ids if i in libraries],
        "conformity": overall.conformity,
        "progress": overall.progress,
        "counts": {STATUS_TEXT[lang][s.value]: overall.counts[s] for s in Status},
        "clauses": [
            {
                "ref": c,
                "title": titles.get(c, c),
                "conformity": sc.conformity,
                "assessed": sc.assessed,
                "applicable": sc.applicable,
                "total": sc.total,
            }
            for c, sc in by_clause.items()
        ],
        "findings": findings,
        "actions": actions,
        "all_actions": all_actions,
        "not_assessed": not_assessed,
        "not_applicable": not_applicable,
        "assessors": list(assessors),
        "notes": info.notes,
        "grades": [
            {"grade": GRADE_TEXT[lang][g.value], "key": g.value, "count": n}
            for g, n in grade_counts(r.item for r in rows).items()
        ],
        "conclusion": asdict(conclusion),
        "chart": {c: sc.conformity for c, sc in by_clause.items()},
    }


def _allocation_context(ws: Workspace, lang: str) -> dict[str, Any]:
    """Roles and the organisation chart, the responsibility matrix, facilities and
    equipment (measuring equipment with its calibration), and the basic management work;
    references given by the name of the record they point at."""
    from qms_desktop.domain.allocation import calibration_status, org_chart_levels
    from qms_desktop.services.allocation import responsibility_matrix

    today = dt.date.today()
    choices = CHOICE_TEXT[lang]
    people = {r.id: r.values for r in registers.list_records(ws, "person")}

    def name(person_id: object) -> str:
        person = people.get(person_id) if isinstance(person_id, int) else None
        return str(person["name"]) if person else ""

    role_records = registers.list_records(ws, "role")
    titles = {r.id: str(r.values["title"]) for r in role_records}
    outline = org_chart_levels(
        [(r.id, titles[r.id], r.values["reports_to"]) for r in role_records]  # type: ignore[misc]
    )
    depth = {rid: d for d, rid, _ in outline}
    roles = []
    for r in role_records:
        v = r.values
        appointee = people.get(v["appointee"]) if isinstance(v["appointee"], int) else None
        filled = appointee is not None and appointee.get("state") != "left"
        roles.append(
            {
                "title": titles[r.id],
                "kind": v["kind"],
                "kind_text": choices.get(str(v["kind"]), ""),
                "level_text": choices.get(str(v["level"]), ""),
                "reports_to": titles.get(v["reports_to"], "")
                if isinstance(v["reports_to"], int)
                else "",  # type: ignore[call-overload]
                "appointee": name(v["appointee"]) if filled else "",
                "filled": filled,
                "top": v["kind"] == "top_management",
                "depth": depth.get(r.id, 0),
                **{
                    k: _text(v[k])
                    for k in (
                        "responsibilities",
                        "authorities",
                        "competence",
                        "appointee_competence",
                        "appointed_on",
                        "appointing_document",
                    )
                },
            }
        )
    by_title = {role["title"]: role for role in roles}
    org_chart = [
        {"depth": d, "title": t, "appointee": by_title.get(t, {}).get("appointee", "")}
        for d, _, t in outline
    ]
    matrix = responsibility_matrix(ws)

    def cells(kind: str) -> list[dict[str, Any]]:
        rows = []
        for target in matrix.targets:
            if target.kind != kind:
                continue
            letters = [matrix.cell(role.id, target) for role in matrix.roles]
            holders = {
                letter: [
                    role.title for role in matrix.roles if matrix.cell(role.id, target) == letter
                ]
                for letter in ("R", "A", "C", "I")
            }
            rows.append(
                {
                    "name": target.name,
                    "kind_text": choices[kind],
                    "cells": letters,
                    **{
                        letter: "、".join(t) if lang == "zh_CN" else ", ".join(t)
                        for letter, t in holders.items()
                    },
                }
            )
        return rows

    processes = registers.record_labels(ws, "process")
    service_items = registers.record_labels(ws, "service_item")
    facilities = []
    for f in registers.list_records(ws, "facility"):
        v = f.values
        status = calibration_status(v, today)
        facilities.append(
            {
                **{
                    k: _text(v[k])
                    for k in (
                        "item",
                        "site",
                        "needed_by",
                        "last_calibrated",
                        "next_calibration",
                        "notes",
                    )
                },
                "kind": v["kind"],
                "kind_text": choices.get(str(v["kind"]), ""),
                "state": v["state"],
                "state_text": choices.get(str(v["state"]), ""),
                "serves": processes.get(v["process"], "")
                if isinstance(v["process"], int)
                else service_items.get(v["service_item"], "")
                if isinstance(v["service_item"], int)
                else "",  # type: ignore[call-overload]
                "owner": name(v["owner"]),
                "calibration_months": _text(v["calibration_months"]),
                "calibration": status,
                "calibration_text": CALIBRATION_TEXT[lang][status],
                "overdue": status == "overdue",
            }
        )
    basic_work = []
    for w in registers.list_records(ws, "basic_work"):
        v = w.values
        basic_work.append(
            {
                **{
                    k: _text(v[k])
                    for k in (
                        "area",
                        "current_state",
                        "weakness",
                        "action",
                        "due",
                        "requirement",
                        "evidence",
                    )
                },
                "state": v["state"],
                "state_text": choices.get(str(v["state"]), ""),
                "owner": name(v["owner"]),
            }
        )
    return {
        "roles": roles,
        "org_chart": org_chart,
        "matrix": {
            "roles": [
                {"title": r.title, "appointee": r.appointee, "filled": r.filled}
                for r in matrix.roles
            ],
            "processes": cells("process"),
            "elements": cells("element"),
            "problems": [m.text(lang) for m in matrix.problems()],
        },
        "facilities": [f for f in facilities if f["kind"] != "measuring_equipment"],
        "measuring_equipment": [f for f in facilities if f["kind"] == "measuring_equipment"],
        "basic_work": basic_work,
    }


def _manual_context(
    ws: Workspace, context: dict[str, Any], template_id: str, assessment_id: int | None
) -> dict[str, Any]:
    """The quality manual's clause cross-reference, retained documented information and
    the revision in use (templates/README.md: `cross_reference`, `retained_records`,
    `issued_revision`). A clause is linked only by what the workspace links: processes
    whose `requirements` cite it, basic management work whose `requirement` does, the
    planned documents whose `requirements` cite it, and those whose number those records
    (or the latest assessment's practice and evidence notes for the clause) name. Never a
    gap status."""
    from qms_desktop.domain.assessment import clause_of
    from qms_desktop.domain.audits import scope_clauses
    from qms_desktop.services.document_control import document_for_template

    lang = context["lang"]
    library = next(
        (lib.id for lib in checklist.workspace_libraries(ws) if lib.id.startswith("iso9001")),
        None,
    )
    clauses: list[tuple[str, str]] = []
    if library is not None:
        clauses = [
            (o.ref, o.title(lang))
            for o in checklist.library_outline(ws, library)
            if o.is_section and o.depth == 0
        ]
    texts: dict[str, list[str]] = {ref: [] for ref, _ in clauses}
    processes: dict[str, list[dict[str, Any]]] = {ref: [] for ref, _ in clauses}
    work: dict[str, list[dict[str, str]]] = {ref: [] for ref, _ in clauses}

    def refs(value: str) -> list[str]:
        # as an audit reads a process's requirements: commas, semicolons, 、 or spaces
        return list(scope_clauses(value))

    for p in context["processes"]:
        cited = refs(p.get("requirements", ""))
        for clause in dict.fromkeys(clause_of(r) for r in cited):
            if clause in processes:
                mine = [r for r in cited if clause_of(r) == clause]
                processes[clause].append({"name": p["name"], "refs": mine})
                texts[clause].extend(str(v) for v in p.values())
    for b in context.get("basic_work") or []:
        ref = str(b.get("requirement", "")).strip()
        if ref and clause_of(ref) in work:
            work[clause_of(ref)].append({"area": b["area"], "ref": ref})
            texts[clause_of(ref)].extend(str(v) for v in b.values())
    if assessment_id is not None:
        for r in checklist.checklist_rows(ws, assessment_id):
            clause = clause_of(r.ref)
            if clause in texts:
                texts[clause] += [r.item.current_practice, r.item.evidence_notes]
    # a planned document meets the clauses its own `requirements` cite (shown with those
    # refs), and any clause whose linked records or notes name its number
    cited_by_document = [refs(d.get("requirements", "")) for d in context["planned_documents"]]
    cross_reference = []
    for ref, title in clauses:
        joined = "\n".join(texts[ref])
        documents = []
        for d, cited in zip(context["planned_documents"], cited_by_document, strict=True):
            mine = [r for r in cited if clause_of(r) == ref]
            if mine or (d.get("number") and d["number"] in joined):
                documents.append({"number": d["number"], "title": d["title"], "refs": mine})
        cross_reference.append(
            {
                "ref": ref,
                "title": title,
                "processes": processes[ref],
                "work": work[ref],
                "documents": documents,
                "linked": bool(processes[ref] or work[ref] or documents),
            }
        )
    retained = [d for d in context["planned_documents"] if d.get("level") == "form"]
    doc = document_for_template(ws, template_id)
    issued = doc.issued if doc is not None else None
    issued_revision = (
        {
            "revision": issued.label,
            "approver": issued.approver or "—",
            "approved": issued.approved_on.isoformat() if issued.approved_on else "—",
            "issued": issued.issued_on.isoformat() if issued.issued_on else "—",
            "distribution": doc.distribution if doc is not None else "",
        }
        if issued is not None
        else None
    )
    return {
        "cross_reference": cross_reference,
        "retained_records": retained,
        "issued_revision": issued_revision,
    }


def _trail_head(ws: Workspace, zh: bool) -> str:
    from qms_desktop.storage.audit import read_head

    with ws.reading() as s:
        count, head = read_head(s)
    return f"{count} 条记录 · SHA-256 {head}" if zh else f"{count} entries · SHA-256 {head}"


# The context's costly parts, each read only when the template's sources name one of its
# keys (or a picture drawn from it): the quality manual names none of the Operate step's
# records, and reading them took two thirds of its context (issue 17).
ALLOCATION_KEYS = (
    "roles",
    "org_chart",
    "matrix",
    "facilities",
    "measuring_equipment",
    "basic_work",
)
PICTURE_SOURCES = {
    "servqual_dimensions": "operate",
    "servqual_items": "operate",
    "complaints_pareto": "operate",
    "complaints_dimensions": "operate",
    "complaints_per_month": "operate",
    "quality_cost_trend": "quality_cost",
}


def template_words(template_id: str, user_dir: Path | None) -> set[str] | None:
    """The names the template's sources can use (None: unknown, so read everything), found
    as the render will find it (`user_dir` None: the built-in templates only)."""
    from qms_desktop.documents import TemplateError, find_template
    from qms_desktop.documents.engine import template_words as words_of

    try:
        return words_of(find_template(template_id, user_dir))
    except TemplateError:
        return None


def build_context(
    ws: Workspace,
    template_id: str,
    lang: str,
    *,
    assessment_id: int | None = None,
    user_dir: Path | None = None,
    builtin_only: bool = False,
) -> dict[str, Any]:
    """Everything the template may use, as plain data: the parts its sources cannot name are
    left out (`template_words`). The template is the user's own from `user_dir` (default:
    the user's templates folder) before the built-in one, unless `builtin_only`."""
    from qms_desktop.paths import user_templates_dir

    folder = None if builtin_only else (user_dir or user_templates_dir())
    words = template_words(template_id, folder)
    if words is not None:
        words |= {PICTURE_SOURCES[w] for w in words & PICTURE_SOURCES.keys()}
        if "cross_reference" in words:  # the manual's cross-reference reads basic work
            words.add("basic_work")

    def named(*keys: str) -> bool:
        return words is None or not words.isdisjoint(keys)

    sections: dict[str, Any] = {}
    if named(*ALLOCATION_KEYS):
        sections.update(_allocation_context(ws, lang))
    for key, read in (
        ("operate", operate_context),
        ("quality_cost", quality_cost_context),
        ("review", review_context),
        ("internal_audit", audit_context),
    ):
        if named(key):
            sections.update(read(ws, lang))
    profile = get_profile(ws)
    plan = registers.get_plan(ws)
    states = get_step_states(ws)
    today = dt.date.today().isoformat()
    zh = lang == "zh_CN"
    services: dict[str, list[dict[str, str]]] = {}
    for item in _records(ws, "service_item", lang):
        services.setdefault(item["service"], []).append(item)
    context: dict[str, Any] = {
        "lang": lang,
        "generated_at": today,
        "organisation": {
            "name": profile.name,
            "short_name": profile.short_name,
            "address": profile.address,
            "scope": profile.scope,
            "services": profile.service_list,
            "sites": profile.site_list,
            "industry": profile.industry,
            "doc_prefix": profile.doc_prefix,
            "management_representative": profile.management_representative,
            "logo": profile.logo,
        },
        # number, revision, status, people, dates and history from the document register
        # (services.document_control); the trail is the audit chain's head when the document
        # was made: kept outside the workspace, it lets anyone tell later whether the trail
        # was rewritten (see `check`).
        "document": document_meta(ws, template_id, lang, trail=_trail_head(ws, zh)),
        "steps": [
            {
                "number": s.number,
                "key": s.value,
                "title": s.title_zh if zh else s.title_en,
                "status": st.status.value,
                "signed_off_by": st.signed_off_by,
                "signed_off_on": st.signed_off_on.isoformat() if st.signed_off_on else "",
            }
            for s, st in states.items()
        ],
        "plan": plan,
        "lessons": _records(ws, "lesson", lang),
        "objectives": _records(ws, "objective", lang),
        "elements": _records(ws, "element", lang),
        "processes": _records(ws, "process", lang),
        "planned_documents": _records(ws, "planned_document", lang),
        "services": [{"name": name, "entries": items} for name, items in services.items()],
        "satisfaction": _records(ws, "satisfaction_standard", lang),
        "needs": _records(ws, "customer_need", lang),
        "moments": _records(ws, "moment_of_truth", lang),
        "commitment_rating": None,
        "assessment": None,
        "previous": None,
        "comparison": None,
        **sections,
    }
    rating = registers.rate_commitment(ws)
    context["commitment_rating"] = {"score": rating.score, "met": list(rating.met)}
    assessments = checklist.list_assessments(ws)
    if assessments:
        chosen = assessment_id if assessment_id is not None else assessments[-1].id
        context["assessment"] = _assessment_context(ws, chosen, lang)
        earlier = [
            a
            for a in assessments
            if a.id != chosen
            and a.held_on <= next(x.held_on for x in assessments if x.id == chosen)
        ]
        if earlier and named("previous", "comparison"):
            previous = earlier[-1]
            context["previous"] = _assessment_context(ws, previous.id, lang)
            comparison = checklist.compare_assessments(ws, previous.id, chosen)
            context["comparison"] = {
                "improved": [
                    {
                        "ref": c.ref,
                        "before": STATUS_TEXT[lang][c.before.value],
                        "after": STATUS_TEXT[lang][c.after.value],
                    }
                    for c in comparison.improved
                ],
                "regressed": [
                    {
                        "ref": c.ref,
                        "before": STATUS_TEXT[lang][c.before.value],
                        "after": STATUS_TEXT[lang][c.after.value],
                    }
                    for c in comparison.regressed
                ],
            }
    # the quality manual's cross-reference, retained records and revision in use
    context.update(_manual_context(ws, context, template_id, chosen if assessments else None))
    return context


def chart_images(
    context: dict[str, Any], lang: str, wanted: Collection[str] | None = None
) -> dict[str, Picture]:
    """The pictures templates can place with `@@image chart`, `@@image processes` and
    `@@image org_chart`; only those in `wanted` (all when None)."""
    from qms_desktop.documents.charts import conformity_chart, process_network

    zh = lang == "zh_CN"
    images: dict[str, Picture] = {}
    assessment = context.get("assessment")
    if assessment and (wanted is None or "chart" in wanted):
        images["chart"] = conformity_chart(
            list(assessment["chart"].items()), "各条款符合度" if zh else "Conformity by clause"
        )
    chart = context.get("org_chart") or []
    if chart and (wanted is None or "org_chart" in wanted):
        from qms_desktop.documents.org_chart import org_chart

        images["org_chart"] = org_chart(
            [(r["depth"], r["title"], r["appointee"]) for r in chart],
            "组织结构图" if zh else "Organisation chart",
            "（空缺）" if zh else "(vacant)",
        )
    processes = context.get("processes") or []
    if processes and (wanted is None or "processes" in wanted):
        network = [
            (p["name"], [f.strip() for f in p["feeds"].split(",") if f.strip()]) for p in processes
        ]
        images["processes"] = process_network(network, "过程网络" if zh else "The process network")
    images.update(operate_images(context, lang, wanted))
    images.update(quality_cost_images(context, lang, wanted))
    return images


def _pictures(template_id: str, lang: str, user_dir: Path | None) -> set[str] | None:
    """The charts the template places (None: draw all, the template will say what's wrong)."""
    from qms_desktop.documents import TemplateError, find_template
    from qms_desktop.documents.engine import template_pictures

    try:
        return template_pictures(find_template(template_id, user_dir), lang)
    except TemplateError:
        return None


def render_workspace_document(
    ws: Workspace,
    template_id: str,
    *,
    lang: str,
    fmt: str,
    out_path: Path,
    reference_docx: Path | None = None,
    user_dir: Path | None = None,
    assessment_id: int | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """The use case behind `qms-desktop render` and the Refine page."""
    from qms_desktop.documents import render_document
    from qms_desktop.documents.limits import heap_frozen
    from qms_desktop.domain.operate import scores_reused

    # the heap frozen while the context is read too; a survey scored once for the Operate
    # part and the management review
    with heap_frozen(), scores_reused():
        context = build_context(
            ws,
            template_id,
            lang,
            assessment_id=assessment_id,
            user_dir=user_dir,
            builtin_only=user_dir is None,
        )
        return render_document(
            template_id,
            context,
            lang=lang,
            fmt=fmt,
            out_path=out_path,
            reference_docx=reference_docx,
            user_dir=user_dir,
            images=chart_images(context, lang, _pictures(template_id, lang, user_dir)),
            progress=progress,
            cancel=cancel,
        )


# -- templates and rendering for the GUI (which reaches documents/ only through here) --------


def available_templates() -> list[TemplateInfo]:
    """Built-in templates and the user's own (from the user data folder's templates/)."""
    from qms_desktop.documents import list_templates
    from qms_desktop.paths import user_templates_dir

    return list_templates(user_templates_dir())


def template_info(template_id: str) -> TemplateInfo:
    from qms_desktop.documents import find_template
    from qms_desktop.paths import user_templates_dir

    return find_template(template_id, user_templates_dir())


def render_prepared(
    template_id: str,
    context: dict[str, Any],
    *,
    lang: str,
    fmt: str,
    out_path: Path,
    reference_docx: Path | None,
    images: dict[str, Picture],
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    """Lay out and write a document from a context already read from the workspace (so it
    may run on a worker thread, never touching the database)."""
    from qms_desktop.documents import render_document
    from qms_desktop.paths import user_templates_dir

    return render_document(
        template_id,
        context,
        lang=lang,
        fmt=fmt,
        out_path=out_path,
        reference_docx=reference_docx,
        user_dir=user_templates_dir(),
        images=images,
        progress=progress,
        cancel=cancel,
    )
