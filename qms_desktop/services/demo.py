"""The demo organisation — one generator, in English and Simplified Chinese.

Later features add their records here so every step of the demo has realistic data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services import profile as profile_service
from qms_desktop.services import steps as step_service
from qms_desktop.services.workspaces import create_workspace
from qms_desktop.storage.workspace import Workspace

DEMO_ACTOR = "demo"

_PROFILE = {
    "en": dict(
        name="Harbour Light Hotels Ltd.",
        short_name="Harbour Light",
        address="88 Seaview Road, Harbour District, Qingdao, Shandong 266001, China",
        scope=(
            "Provision of accommodation, food and beverage, conference and event services at the "
            "group's three city hotels, including reservations, front office, housekeeping, "
            "restaurants and guest complaint handling."
        ),
        services="Accommodation\nFood and beverage\nConferences and events\nAirport transfers",
        sites=(
            "Harbour Light Seaview Hotel, 88 Seaview Road\n"
            "Harbour Light Old Town Hotel, 12 Zhongshan Road\n"
            "Harbour Light Airport Hotel, 5 Liuting Avenue"
        ),
        industry="Hospitality",
        doc_prefix="HLH",
        management_representative="Lin Wei, Quality Director",
        default_language="en",
    ),
    "zh_CN": dict(
        name="海港之光酒店集团有限公司",
        short_name="海港之光",
        address="中国山东省青岛市海港区海景路88号 266001",
        scope="在集团三家城市酒店提供住宿、餐饮、会议及活动服务，包括预订、前厅、客房、餐厅及宾客投诉处理。",
        services="住宿服务\n餐饮服务\n会议及活动服务\n机场接送服务",
        sites="海港之光海景酒店（海景路88号）\n海港之光老城酒店（中山路12号）\n海港之光机场酒店（流亭大道5号）",
        industry="酒店业",
        doc_prefix="HLH",
        management_representative="林伟（质量总监）",
        default_language="zh_CN",
    ),
}

_STEP_NOTES = {
    "en": {
        Step.SUMMARISE: "Complaint logs 2023–2025 and the old TQM binders reviewed; 41 lessons collected.",
        Step.STUDY: "Management team trained on ISO 9001:2015; front-office supervisors scheduled next.",
        Step.COMPARE: "Baseline gap assessment against ISO 9001 under way at the Seaview hotel.",
        Step.ALLOCATE: "Appointments issued in July (HLH-HR-2026-07); a second internal auditor "
        "for the Airport hotel still to be found; self check-in kiosks on order.",
        Step.STRENGTHEN: "Six areas of basic work reviewed in October; metrology and records "
        "are the weakest.",
        Step.REFINE: "Quality manual revision B issued on 10 November; HLH-QP-01 in review, "
        "HLH-QP-04 drafted; procedures up to QP-09 still being written.",
    },
    "zh_CN": {
        Step.SUMMARISE: "已梳理2023—2025年投诉记录及以往全面质量管理资料，收集经验教训41条。",
        Step.STUDY: "管理层已完成ISO 9001:2015培训；前厅主管培训已排期。",
        Step.COMPARE: "正在海景酒店开展对照ISO 9001的基线差距评估。",
        Step.ALLOCATE: "7月已发布任命文件（HLH-HR-2026-07）；机场酒店尚缺一名内审员；自助入住机已订购。",
        Step.STRENGTHEN: "10月已逐项检查六项基础管理工作，计量和记录工作最薄弱。",
        Step.REFINE: "质量手册B版已于11月10日发布；HLH-QP-01 正在评审，HLH-QP-04 已成初稿；其余程序文件（至 QP-09）正在编写。",
    },
}


def _logo_png() -> bytes:
    """A small logo drawn in code (a lighthouse beam on a navy square), PNG-encoded."""
    import struct
    import zlib

    size = 96
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            r, g, b = 16, 42, 84
            if (x - 48) ** 2 + (y - 40) ** 2 < 14**2:
                r, g, b = 250, 204, 60
            elif 40 <= x <= 56 and 40 <= y <= 84:
                r, g, b = 240, 240, 240
            elif y > 84:
                r, g, b = 30, 110, 170
            row += bytes((r, g, b))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def fill_demo(ws: Workspace, lang: str = "en") -> None:
    """Write the demo organisation's records into an open, empty workspace."""
    fields = dict(_PROFILE[lang])
    profile_service.update_profile(ws, DEMO_ACTOR, logo=_logo_png(), **fields)
    signer = "Lin Wei" if lang == "en" else "林伟"
    step_service.update_step(
        ws,
        DEMO_ACTOR,
        Step.SUMMARISE,
        status=StepStatus.DONE,
        signed_off_by=signer,
        signed_off_on=dt.date(2026, 9, 30),
        notes=_STEP_NOTES[lang][Step.SUMMARISE],
    )
    step_service.update_step(
        ws,
        DEMO_ACTOR,
        Step.STUDY,
        status=StepStatus.IN_PROGRESS,
        notes=_STEP_NOTES[lang][Step.STUDY],
    )
    step_service.update_step(
        ws,
        DEMO_ACTOR,
        Step.COMPARE,
        status=StepStatus.IN_PROGRESS,
        notes=_STEP_NOTES[lang][Step.COMPARE],
    )
    step_service.update_step(ws, DEMO_ACTOR, Step.PLAN, status=StepStatus.IN_PROGRESS)
    for step in (Step.ALLOCATE, Step.STRENGTHEN, Step.REFINE):
        step_service.update_step(
            ws, DEMO_ACTOR, step, status=StepStatus.IN_PROGRESS, notes=_STEP_NOTES[lang][step]
        )
    _fill_registers(ws, lang)


def _fill_registers(ws: Workspace, lang: str) -> None:
    from qms_desktop.services import registers
    from qms_desktop.services.demo_records import PLAN, RECORDS

    for key, rows in RECORDS[lang].items():
        for values in rows:
            registers.add_record(ws, DEMO_ACTOR, key, _resolved(ws, key, values))
    registers.update_plan(ws, DEMO_ACTOR, **PLAN[lang])
    _fill_matrix(ws, lang)
    _fill_assessments(ws, lang)
    from qms_desktop.services.demo_operate import fill_operate
    from qms_desktop.services.demo_operate2 import fill_operate2

    fill_operate(ws, lang, DEMO_ACTOR)
    fill_operate2(ws, lang, DEMO_ACTOR)
    from qms_desktop.services.demo_document_control import fill_document_control

    fill_document_control(ws, lang, DEMO_ACTOR)


def _resolved(ws: Workspace, key: str, values: dict[str, object]) -> dict[str, object]:
    """Demo rows name the records they point at (the registers hold their ids), give
    training attendees as names, and calibration dates as days before today."""
    from qms_desktop.domain.registers import REGISTERS
    from qms_desktop.services import registers

    out = dict(values)
    if "attendees" in out:
        out["participants"] = out.pop("attendees")
    for f in REGISTERS[key].references():
        named = out.get(f.name)
        if not isinstance(named, str):
            continue
        ids = {label: i for i, label in registers.record_labels(ws, f.ref).items()}
        found = [ids[n.strip()] for n in named.splitlines() if n.strip()]
        out[f.name] = tuple(found) if f.kind == "references" else (found[0] if found else None)
    days = out.get("last_calibrated")
    if isinstance(days, int):
        out["last_calibrated"] = dt.date.today() - dt.timedelta(days=days)
    return out


def _fill_matrix(ws: Workspace, lang: str) -> None:
    from qms_desktop.services.allocation import responsibility_matrix, set_responsibilities
    from qms_desktop.services.demo_records import MATRIX

    matrix = responsibility_matrix(ws)
    roles = {r.title: r.id for r in matrix.roles}
    targets = {t.name: t for t in matrix.targets}
    set_responsibilities(
        ws,
        DEMO_ACTOR,
        [
            (roles[role], targets[name].kind, targets[name].id, letter)
            for role, cells in MATRIX[lang].items()
            for name, letter in cells.items()
        ],
    )


def _fill_assessments(ws: Workspace, lang: str) -> None:
    """A baseline against ISO 9001 with a realistic mix of findings, and a re-assessment."""
    from qms_desktop.services import checklist
    from qms_desktop.services.demo_records import (
        BASELINE,
        NOT_APPLICABLE,
        REASSESSMENT,
        VERIFIED_ACTIONS,
    )
    from qms_desktop.services.libraries import ensure_builtin_libraries

    zh = lang == "zh_CN"
    ensure_builtin_libraries(ws, DEMO_ACTOR, ["iso9001-2015"])
    name = "基线评估" if zh else "Baseline assessment"
    base_day = dt.date(2026, 10, 15)
    base, _ = checklist.create_assessment(
        ws,
        DEMO_ACTOR,
        name,
        base_day,
        ["iso9001-2015"],
        audit_date=dt.date(2027, 3, 10),
    )
    items = {r.ref: r.item_id for r in checklist.checklist_rows(ws, base.id)}
    changes = []
    for ref, status, grade, practice, gap, action, owner, due, priority, state in BASELINE:
        pick = 1 if zh else 0
        changes.append(
            (
                items[ref],
                dict(
                    status=status,
                    grade=grade,
                    current_practice=practice[pick],
                    gap=gap[pick],
                    action_text=action[pick],
                    action_owner=owner[pick],
                    action_due=due,
                    action_priority=priority,
                    action_state=state,
                    evidence_notes=("见现场检查记录。" if zh else "Seen on site; records sampled.")
                    if status != "nonconforming"
                    else "",
                ),
            )
        )
    for ref, justification in NOT_APPLICABLE.items():
        changes.append(
            (
                items[ref],
                dict(status="not_applicable", na_justification=justification[1 if zh else 0]),
            )
        )
    checklist.assess_many(ws, DEMO_ACTOR, changes)
    checklist.attach_evidence(
        ws,
        DEMO_ACTOR,
        items["7.1.5"],
        name="calibration-list-2026.csv",
        data=b"instrument,location,due\nprobe K1,main kitchen,2027-05-01\n",
    )
    _verify_actions(ws, items, base_day, VERIFIED_ACTIONS, 1 if zh else 0)
    later, _ = checklist.create_assessment(
        ws,
        DEMO_ACTOR,
        "复评" if zh else "Re-assessment",
        dt.date(2026, 11, 20),
        ["iso9001-2015"],
        audit_date=dt.date(2027, 3, 10),
        copy_from=base.id,
    )
    later_items = {r.ref: r.item_id for r in checklist.checklist_rows(ws, later.id)}
    checklist.assess_many(
        ws,
        DEMO_ACTOR,
        [(later_items[ref], {"status": st, "grade": gr}) for ref, (st, gr) in REASSESSMENT.items()],
    )


def _verify_actions(
    ws: Workspace,
    items: dict[str, int],
    base_day: dt.date,
    verified: dict[str, tuple[tuple[str, str], int, tuple[str, str]]],
    pick: int,
) -> None:
    """Verify baseline actions as effective through the action service, as the internal
    auditor would before the re-assessment (never dated after today)."""
    from qms_desktop.services import actions, registers

    people = {label: i for i, label in registers.record_labels(ws, "person").items()}
    for ref, (verifier, days, evidence) in verified.items():
        nc = actions.nonconformity_of_item(ws, items[ref])
        assert nc is not None, ref
        on = min(base_day + dt.timedelta(days=days), dt.date.today())
        lang = "zh_CN" if pick else "en"
        actions.verify_nonconformity(
            ws, DEMO_ACTOR, nc.id, people[verifier[pick]], on, evidence[pick], True, lang
        )


def write_demo(path: Path, lang: str = "en") -> Path:
    """Create a new workspace file holding the demo organisation. It is filled under a
    temporary name and appears under `path` only when complete."""
    create_workspace(
        path,
        _PROFILE[lang]["name"],
        lang=lang,
        actor=DEMO_ACTOR,
        fill=lambda ws: fill_demo(ws, lang),
    ).close()
    return path
