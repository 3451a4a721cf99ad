"""The demo organisation's document control: the quality manual issued at revision A, then
changed when the airport hotel joined the scope and issued at revision B (A superseded); the
document-control procedure, written in Word, in review; the front office procedure a draft."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.services import document_control as dc
from qms_desktop.services import profile as profile_service
from qms_desktop.storage.workspace import Workspace

S = RevisionStatus
D = dt.date

PEOPLE = {
    "en": {
        "author": "Lin Wei, Quality Director",
        "reviewer": "Zhou Min, Front Office Manager",
        "approver": "Chen Hao, General Manager",
        "owner": "Lin Wei, Quality Director",
        "distribution": "General Manager; hotel managers (3 sites); department heads; "
        "quality office (master copy); intranet (read-only PDF)",
        "change_b": "Airport Hotel added to the sites and airport transfers to the services",
        "qp01_author": "Wang Fang, Document Controller",
        "qp04_author": "Zhou Min, Front Office Manager",
        "qp01_change": "First issue: numbering, approval and distribution of documents",
        "qp04_change": "First draft: reservations, check-in, check-out",
    },
    "zh_CN": {
        "author": "林伟（质量总监）",
        "reviewer": "周敏（前厅经理）",
        "approver": "陈浩（总经理）",
        "owner": "林伟（质量总监）",
        "distribution": "总经理；三家酒店总经理；各部门负责人；质量办公室（母本）；内网（只读 PDF）",
        "change_b": "增加机场酒店为体系覆盖场所，服务增加机场接送",
        "qp01_author": "王芳（文件管理员）",
        "qp04_author": "周敏（前厅经理）",
        "qp01_change": "首次发布：文件的编号、批准和分发",
        "qp04_change": "初稿：预订、入住、退房",
    },
}

PROCEDURES = {
    "en": {
        "HLH-QP-01": (
            "Control of documented information",
            [
                "1 Purpose: documents are approved before issue, kept current and available "
                "where they are used.",
                "2 Numbering: HLH-<type>-<number>; revisions A, B, C.",
                "3 Review and approval: the document owner reviews, the General Manager approves.",
                "4 Distribution: controlled copies listed per document; obsolete copies withdrawn.",
            ],
        ),
        "HLH-QP-04": (
            "Front office procedure",
            [
                "1 Reservations: confirm within 2 hours.",
                "2 Check-in: within 5 minutes of arrival at the desk.",
                "3 Check-out: express check-out offered to every guest.",
            ],
        ),
    },
    "zh_CN": {
        "HLH-QP-01": (
            "成文信息控制程序",
            [
                "1 目的：文件发布前经批准，保持现行有效，并在使用处可获得。",
                "2 编号：HLH-<类别>-<序号>；版次 A、B、C。",
                "3 评审和批准：文件负责人评审，总经理批准。",
                "4 分发：每份文件列出受控副本；作废副本及时收回。",
            ],
        ),
        "HLH-QP-04": (
            "前厅服务程序",
            [
                "1 预订：2小时内确认。",
                "2 入住：宾客到达前台后5分钟内办理完毕。",
                "3 退房：向每位宾客提供快速退房。",
            ],
        ),
    },
}


def fill_document_control(ws: Workspace, lang: str, actor: str) -> None:
    """Write the demo's document history (the manual is rendered in the demo's language)."""
    people = PEOPLE[lang]
    docs = {d.number: d for d in dc.list_documents(ws)}
    manual = docs["HLH-QM-01"]
    dc.set_control(
        ws,
        actor,
        manual.planned_id,
        template_id="quality-manual",
        owner=people["owner"],
        distribution=people["distribution"],
    )
    # revision A was written before the airport hotel joined the system
    full = profile_service.get_profile(ws)
    profile_service.update_profile(
        ws,
        actor,
        sites="\n".join(full.site_list[:2]),
        services="\n".join(full.service_list[:3]),
    )
    _issue_generated(ws, actor, manual.planned_id, lang, "", D(2026, 8, 4), D(2026, 9, 1))
    profile_service.update_profile(ws, actor, sites=full.sites, services=full.services)
    _issue_generated(
        ws, actor, manual.planned_id, lang, people["change_b"], D(2026, 10, 20), D(2026, 11, 10)
    )
    with tempfile.TemporaryDirectory(prefix="qms-demo-") as tmp:
        for number, day, to_review in (
            ("HLH-QP-01", D(2026, 10, 15), True),
            ("HLH-QP-04", D(2026, 11, 5), False),
        ):
            doc = docs[number]
            title, lines = PROCEDURES[lang][number]
            key = "qp01" if number == "HLH-QP-01" else "qp04"
            dc.set_control(ws, actor, doc.planned_id, owner=people[f"{key}_author"])
            path = _word(Path(tmp) / f"{number}.docx", f"{number} {title}", lines)
            revision, _ = dc.upload_draft(
                ws,
                actor,
                doc.planned_id,
                path,
                lang=lang,
                author=people[f"{key}_author"],
                change_summary=people[f"{key}_change"],
                on=day,
            )
            dc.update_revision(ws, actor, revision.id, approver=people["approver"])
            if to_review:
                dc.move_revision(
                    ws,
                    actor,
                    revision.id,
                    S.IN_REVIEW,
                    reviewer=people["owner"],
                    on=day + dt.timedelta(days=21),
                )


def _issue_generated(
    ws: Workspace,
    actor: str,
    planned_id: int,
    lang: str,
    change: str,
    made: dt.date,
    issued: dt.date,
) -> None:
    people = PEOPLE[lang]
    # the draft's words only: approval renders the PDF and DOCX that are kept
    revision, _ = dc.generate_draft(
        ws, actor, planned_id, (lang,), change_summary=change, on=made, formats=()
    )
    dc.update_revision(ws, actor, revision.id, author=people["author"])
    dc.move_revision(
        ws, actor, revision.id, S.IN_REVIEW, reviewer=people["reviewer"], on=made + dt.timedelta(7)
    )
    dc.approve(
        ws,
        actor,
        revision.id,
        people["approver"],
        on=made + dt.timedelta(days=14),
        effective_on=issued,
    )
    dc.move_revision(ws, actor, revision.id, S.ISSUED, on=issued)


def _word(path: Path, title: str, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path
