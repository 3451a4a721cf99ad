"""Document control, the Refine step's register: the planned documents of the Plan step under
control — owner, template or upload, distribution — and their revisions (draft → in review →
approved → issued → superseded / withdrawn). Generating a document creates or updates the
current draft; approving renders it once more with its approval in the control block and
freezes the PDF and DOCX bytes with their SHA-256 (storage.document_control refuses any later
change); a change makes the next revision. The control block, revision history and header of
every generated document come from here (`document_meta`).

Rendering takes seconds, so generating and approving come in three parts: a job read from the
workspace (`draft_job`, `approval_job`), its rendering, which touches no database
(`render_job`, safe on a worker thread), and the write (`record_draft`, `approve_revision`).
`generate_draft` and `approve` do all three at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_desktop.domain.document_control import (
    REVISION_SCHEMES,
    RevisionStatus,
    check_transition,
    revision_label,
    status_text,
    text_diff,
)
from qms_desktop.domain.errors import QmsError, ValidationError, WorkspaceError
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.blobs import drop_unused_blobs, store_blob
from qms_desktop.storage.models import (
    BlobRecord,
    ControlledDocumentRecord,
    DocumentControlRecord,
    DocumentFileRecord,
    DocumentRevisionRecord,
    Organisation,
    PlannedDocumentRecord,
)
from qms_desktop.storage.workspace import Workspace

if TYPE_CHECKING:
    from qms_desktop.documents.model import Picture

S = RevisionStatus
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&~@=^$])")  # as documents.markup escapes
CHANGES = ChangeSet(registers=frozenset({"document_control"}))
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # as evidence files and attachments
RENDERED_KINDS = ("pdf", "docx")
# The template that generates a planned document of a level when none is named.
DEFAULT_TEMPLATES = {"manual": "quality-manual"}
# Number codes of the built-in templates, for documents not (yet) in the document register.
TEMPLATE_CODES = {
    "quality-manual": "QM",
    "service-outline": "SO",
    "gap-report": "GR",
    "service-commitment": "SC",
    "service-recovery-plan": "SR",
    "responsibility-matrix": "RM",
    "satisfaction-survey-report": "SS",
    "complaints-and-recovery-report": "CR",
    "internal-audit-report": "IA",
    "management-review-report": "MR",
    "quality-cost-report": "QC",
}
FIRST_ISSUE = ("First issue", "首次发布")
UNCONTROLLED = ("Uncontrolled: not in the document register", "非受控：未列入文件清单")


@dataclass(frozen=True)
class FileInfo:
    id: int
    lang: str
    kind: str  # pdf / docx / text / context / upload
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class RevisionInfo:
    id: int
    document_id: int
    ordinal: int
    label: str
    status: RevisionStatus
    source: str  # generated / uploaded
    author: str
    reviewer: str
    approver: str
    change_summary: str
    created_on: dt.date
    reviewed_on: dt.date | None
    approved_on: dt.date | None
    issued_on: dt.date | None
    effective_on: dt.date | None
    ended_on: dt.date | None
    files: tuple[FileInfo, ...] = ()

    @property
    def frozen(self) -> bool:
        return self.status.frozen

    def file(self, kind: str, lang: str | None = None) -> FileInfo | None:
        for f in self.files:
            if f.kind == kind and (lang is None or f.lang == lang):
                return f
        return None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.lang for f in self.files))

    @property
    def date(self) -> dt.date:
        """The date the history shows: issue, else the planned issue (effective), else
        approval, else creation."""
        return self.issued_on or self.effective_on or self.approved_on or self.created_on


@dataclass(frozen=True)
class ControlledDocument:
    """A planned document with its control data (`id` is None until something is recorded)."""

    planned_id: int
    id: int | None
    number: str
    title: str
    level: str
    parent: str
    template_id: str
    owner: str
    distribution: str
    revisions: tuple[RevisionInfo, ...] = field(default=())

    @property
    def latest(self) -> RevisionInfo | None:
        return self.revisions[-1] if self.revisions else None

    @property
    def issued(self) -> RevisionInfo | None:
        """The revision in use (issued and not superseded or withdrawn)."""
        return next((r for r in reversed(self.revisions) if r.status is S.ISSUED), None)

    @property
    def working(self) -> RevisionInfo | None:
        """The revision a change goes into: the latest, while it is a draft or in review."""
        latest = self.latest
        return latest if latest is not None and not latest.frozen else None


# -- reading --------------------------------------------------------------------------------


def _file_info(row: DocumentFileRecord) -> FileInfo:
    return FileInfo(row.id, row.lang, row.kind, row.name, row.sha256, row.size)


def _revision_info(row: DocumentRevisionRecord, files: list[DocumentFileRecord]) -> RevisionInfo:
    return RevisionInfo(
        row.id,
        row.document_id,
        row.ordinal,
        row.label,
        S(row.status),
        row.source,
        row.author,
        row.reviewer,
        row.approver,
        row.change_summary,
        row.created_on,
        row.reviewed_on,
        row.approved_on,
        row.issued_on,
        row.effective_on,
        row.ended_on,
        tuple(_file_info(f) for f in sorted(files, key=lambda f: (f.lang, f.kind))),
    )


def _documents(s: Session) -> list[ControlledDocument]:
    controls = {c.planned_document: c for c in s.scalars(select(ControlledDocumentRecord))}
    files: dict[int, list[DocumentFileRecord]] = {}
    for f in s.scalars(select(DocumentFileRecord)):
        files.setdefault(f.revision_id, []).append(f)
    revisions: dict[int, list[RevisionInfo]] = {}
    for r in s.scalars(select(DocumentRevisionRecord).order_by(DocumentRevisionRecord.ordinal)):
        revisions.setdefault(r.document_id, []).append(_revision_info(r, files.get(r.id, [])))
    planned = s.scalars(
        select(PlannedDocumentRecord).order_by(
            PlannedDocumentRecord.position, PlannedDocumentRecord.id
        )
    ).all()
    manuals = [p for p in planned if p.level == "manual"]
    out = []
    for p in planned:
        c = controls.get(p.id)
        template = c.template_id if c is not None else ""
        if c is None and len(manuals) == 1 and p is manuals[0]:
            template = DEFAULT_TEMPLATES["manual"]
        out.append(
            ControlledDocument(
                p.id,
                c.id if c else None,
                p.number,
                p.title,
                p.level,
                p.parent,
                template,
                c.owner if c else "",
                c.distribution if c else "",
                tuple(revisions.get(c.id, [])) if c else (),
            )
        )
    return out


def list_documents(ws: Workspace) -> list[ControlledDocument]:
    """Every planned document of the Plan step, in register order, with its control data."""
    with ws.reading() as s:
        return _documents(s)


def get_document(ws: Workspace, planned_id: int) -> ControlledDocument:
    for d in list_documents(ws):
        if d.planned_id == planned_id:
            return d
    raise WorkspaceError("core.record_gone")


def revision_scheme(ws: Workspace) -> str:
    with ws.reading() as s:
        return _scheme(s)


def _scheme(s: Session) -> str:
    row = s.get(DocumentControlRecord, 1)
    return row.revision_scheme if row is not None else "letters"


def refine_documents(ws: Workspace) -> tuple[list[tuple[str, bool]], bool]:
    """For the Refine step's rule: each planned document's number and whether a revision of it
    is issued; and whether any revision is recorded."""
    docs = list_documents(ws)
    return (
        [(d.number, d.issued is not None) for d in docs],
        any(d.revisions for d in docs),
    )


def read_file(ws: Workspace, file_id: int) -> bytes:
    """A revision's stored file, checked against its SHA-256 (refused when altered)."""
    with ws.reading() as s:
        row = s.get(DocumentFileRecord, file_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        blob = s.get(BlobRecord, row.sha256)
        if blob is None or hashlib.sha256(blob.data).hexdigest() != row.sha256:
            raise QmsError("document_control.file_altered", name=row.name)
        return bytes(blob.data)


def revision_text(ws: Workspace, revision: RevisionInfo, lang: str | None = None) -> str | None:
    """The words of a revision (the markup it was rendered from, or the text of an uploaded
    file) in `lang` (any language it has when None); None when it has none."""
    f = revision.file("text", lang) or (revision.file("text") if lang is None else None)
    return None if f is None else read_file(ws, f.id).decode("utf-8")


def diff_revisions(ws: Workspace, old_id: int, new_id: int, lang: str | None = None) -> list[str]:
    """What changed between two revisions' words, as unified-diff lines."""
    old, new = _revision(ws, old_id), _revision(ws, new_id)
    if lang is None:  # the first language both hold words in (any, when they share none)
        shared = [x for x in new.languages if old.file("text", x) and new.file("text", x)]
        lang = shared[0] if shared else None
    old_text = revision_text(ws, old, lang)
    new_text = revision_text(ws, new, lang)
    if old_text is None or new_text is None:
        missing = old if old_text is None else new
        raise QmsError("document_control.no_text", revision=missing.label)
    return text_diff(_plain(old_text), _plain(new_text), old.label, new.label)


def _plain(text: str) -> str:
    """Markup as a reader sees it: without the backslashes that keep user text literal, and
    with line breaks inside a value as line breaks."""
    from qms_desktop.documents.markup import LINE_BREAK

    return _ESCAPED.sub(r"\1", text).replace(LINE_BREAK, "\n")


def _revision(ws: Workspace, revision_id: int) -> RevisionInfo:
    with ws.reading() as s:
        row = s.get(DocumentRevisionRecord, revision_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        files = list(
            s.scalars(select(DocumentFileRecord).where(DocumentFileRecord.revision_id == row.id))
        )
        return _revision_info(row, files)


# -- the control block, revision history and header of a generated document ----------------


def _prefix(s: Session) -> str:
    org = s.get(Organisation, 1) or s.scalar(select(Organisation).limit(1))
    if org is None:
        return "DOC"
    return org.doc_prefix or (org.short_name or "DOC")[:8].upper()


def scheme_number(prefix: str, template_id: str) -> str:
    """The number of a generated document not in the document register, by the scheme
    `<prefix>-<code>-01` (the codes of the document register's own numbers: QM, QP …)."""
    return f"{prefix}-{TEMPLATE_CODES.get(template_id, 'DOC')}-01"


def document_for_template(ws: Workspace, template_id: str) -> ControlledDocument | None:
    with ws.reading() as s:
        return _for_template(_documents(s), template_id)


def _for_template(docs: list[ControlledDocument], template_id: str) -> ControlledDocument | None:
    return next((d for d in docs if d.template_id == template_id), None)


def _history_row(r: RevisionInfo, lang: str) -> dict[str, str]:
    zh = lang == "zh_CN"
    change = r.change_summary or (
        (FIRST_ISSUE[1] if zh else FIRST_ISSUE[0]) if r.ordinal == 1 else ""
    )
    return {
        "revision": r.label,
        "date": r.date.isoformat(),
        "author": r.author or "—",
        "reviewer": r.reviewer or "—",
        "approver": r.approver or "—",
        "status": status_text(r.status, lang),
        "change": change,
    }


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def _meta(
    doc: ControlledDocument,
    revision: RevisionInfo,
    lang: str,
    *,
    trail: str = "",
) -> dict[str, Any]:
    """The `document` of a template's context for `revision` of `doc`."""
    earlier = [
        r for r in doc.revisions if r.ordinal < revision.ordinal and r.status is not S.WITHDRAWN
    ]
    shown = [*earlier, revision]
    return {
        "number": doc.number,
        "title": doc.title,
        "revision": revision.label,
        "status": status_text(revision.status, lang),
        "controlled": True,
        "author": revision.author or "—",
        "reviewer": revision.reviewer or "—",
        # the approval's date beside the approver's name: the block has no line of its own
        "approver": (
            f"{revision.approver} · {revision.approved_on.isoformat()}"
            if revision.approver and revision.approved_on
            else revision.approver or "—"
        ),
        "approved": _day(revision.approved_on),
        # files are frozen at approval: they name the day the revision comes into use
        "issued": _day(revision.issued_on or revision.effective_on),
        "effective": _day(revision.effective_on),
        "owner": doc.owner,
        "distribution": doc.distribution,
        "change": _history_row(revision, lang)["change"],
        "trail": trail,
        "history": [_history_row(r, lang) for r in shown],
    }


def _next_revision(
    doc: ControlledDocument, scheme: str, today: dt.date, author: str
) -> RevisionInfo:
    """The revision a new draft of `doc` would be (not stored)."""
    ordinal = (doc.latest.ordinal if doc.latest else 0) + 1
    previous = doc.latest
    return RevisionInfo(
        0,
        doc.id or 0,
        ordinal,
        revision_label(ordinal, scheme),
        S.DRAFT,
        "generated",
        author,
        previous.reviewer if previous else "",
        previous.approver if previous else "",
        "",
        today,
        None,
        None,
        None,
        None,
        None,
    )


def document_meta(
    ws: Workspace, template_id: str, lang: str, *, trail: str = "", on: dt.date | None = None
) -> dict[str, Any]:
    """What a generated document prints in its header, control block and revision history:
    from the document register when the template generates a planned document (its current
    draft, or the revision the next change would make), else the scheme's number, marked
    uncontrolled. `on`: the day a new draft would be made (today)."""
    today = on or dt.date.today()
    with ws.reading() as s:
        docs = _documents(s)
        prefix = _prefix(s)
        scheme = _scheme(s)
        author = _default_author(s)
    doc = _for_template(docs, template_id)
    if doc is None:
        zh = lang == "zh_CN"
        return {
            "number": scheme_number(prefix, template_id),
            "title": "",
            "revision": "—",
            "status": UNCONTROLLED[1] if zh else UNCONTROLLED[0],
            "controlled": False,
            "author": author or "—",
            "reviewer": "—",
            "approver": "—",
            "approved": "—",
            "issued": "—",
            "effective": "—",
            "owner": "",
            "distribution": "",
            "change": "",
            "trail": trail,
            "history": [],
        }
    revision = doc.working or _next_revision(doc, scheme, today, author)
    return _meta(doc, revision, lang, trail=trail)


def _default_author(s: Session) -> str:
    org = s.scalar(select(Organisation).limit(1))
    return org.management_representative if org is not None else ""


# -- control data and the revision scheme -----------------------------------------------------


def _control_row(s: Session, planned_id: int) -> ControlledDocumentRecord:
    planned = s.get(PlannedDocumentRecord, planned_id)
    if planned is None:
        raise WorkspaceError("core.record_gone")
    row = s.scalar(
        select(ControlledDocumentRecord).where(
            ControlledDocumentRecord.planned_document == planned_id
        )
    )
    if row is None:
        template = ""
        if planned.level == "manual":
            manuals = s.scalars(
                select(PlannedDocumentRecord.id).where(PlannedDocumentRecord.level == "manual")
            ).all()
            if len(manuals) == 1:
                template = DEFAULT_TEMPLATES["manual"]
        row = ControlledDocumentRecord(
            planned_document=planned_id, template_id=template, owner="", distribution=""
        )
        s.add(row)
        s.flush()
    return row


def set_control(
    ws: Workspace,
    actor: str,
    planned_id: int,
    *,
    template_id: str | None = None,
    owner: str | None = None,
    distribution: str | None = None,
) -> tuple[ControlledDocument, ChangeSet]:
    """Name the template that generates a planned document ("" for a document written
    elsewhere and uploaded), its owner, and who receives it."""
    values = {"template_id": template_id, "owner": owner, "distribution": distribution}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise ValidationError(name, "core.must_be_text")
    if template_id:
        from qms_desktop.services.documents import template_info

        template_info(template_id)  # raises when there is no such template
    with ws.editing(actor) as s:
        row = _control_row(s, planned_id)
        if template_id:
            taken = s.scalar(
                select(ControlledDocumentRecord).where(
                    ControlledDocumentRecord.template_id == template_id,
                    ControlledDocumentRecord.id != row.id,
                )
            )
            if taken is not None:
                other = s.get(PlannedDocumentRecord, taken.planned_document)
                raise ValidationError(
                    "template_id",
                    "document_control.template_taken",
                    template=template_id,
                    number=other.number if other else "?",
                )
        for name, value in values.items():
            if value is not None and getattr(row, name) != value.strip():
                setattr(row, name, value.strip())
        s.flush()
    return get_document(ws, planned_id), CHANGES


def set_revision_scheme(ws: Workspace, actor: str, scheme: str) -> ChangeSet:
    """Label new revisions A, B, C … ("letters") or 1, 2, 3 … ("numbers"); labels already
    given stay as they are."""
    if scheme not in REVISION_SCHEMES:
        raise ValidationError("revision_scheme", "document_control.bad_scheme", scheme=str(scheme))
    with ws.editing(actor) as s:
        row = s.get(DocumentControlRecord, 1)
        if row is None:
            s.add(DocumentControlRecord(id=1, revision_scheme=scheme))
        elif row.revision_scheme != scheme:
            row.revision_scheme = scheme
    return CHANGES


# -- drafts: generated or uploaded -------------------------------------------------------------


@dataclass(frozen=True)
class RenderJob:
    """What a worker renders: per language, the template's context and pictures. No
    database is touched while it runs."""

    planned_id: int
    revision_id: int  # the revision it becomes (0: a new draft)
    template_id: str
    contexts: dict[str, dict[str, Any]]
    images: dict[str, dict[str, Picture]]
    change_summary: str = ""
    on: dt.date | None = None  # the day the draft is made (today when None)
    formats: tuple[str, ...] = RENDERED_KINDS  # () keeps only the words (the demo's drafts)
    approver: str = ""
    approved_on: dt.date | None = None
    effective_on: dt.date | None = None
    expected: tuple[tuple[str, str], ...] = ()  # (kind/lang, sha256) the revision must still hold


@dataclass(frozen=True)
class Rendered:
    job: RenderJob
    files: dict[tuple[str, str], tuple[str, bytes]]  # (lang, kind) -> (file name, bytes)


def _context(
    ws: Workspace,
    template_id: str,
    lang: str,
    meta: dict[str, Any],
    generated_at: str,
    pictures: bool = True,
) -> tuple[dict[str, Any], dict[str, Picture]]:
    from qms_desktop.paths import user_templates_dir
    from qms_desktop.services.documents import _pictures, build_context, chart_images

    context = build_context(ws, template_id, lang)
    context["document"] = {**meta, "trail": context["document"].get("trail", "")}
    context["generated_at"] = generated_at
    if not pictures:
        return context, {}
    images = chart_images(context, lang, _pictures(template_id, lang, user_templates_dir()))
    return context, images


def draft_job(
    ws: Workspace,
    planned_id: int,
    langs: tuple[str, ...],
    change_summary: str = "",
    on: dt.date | None = None,
    formats: tuple[str, ...] = RENDERED_KINDS,
) -> RenderJob:
    """Read what generating the current draft of a planned document in `langs` needs."""
    doc = get_document(ws, planned_id)
    if not doc.template_id:
        raise QmsError("document_control.no_template", number=doc.number)
    if not langs:
        raise ValidationError("lang", "core.required")
    if doc.latest is not None and doc.latest.status is S.IN_REVIEW:
        raise QmsError("document_control.in_review", revision=doc.latest.label)
    contexts, images = {}, {}
    day = on or dt.date.today()
    for lang in langs:
        contexts[lang], images[lang] = _context(
            ws,
            doc.template_id,
            lang,
            document_meta(ws, doc.template_id, lang, on=day),
            day.isoformat(),
        )
        if change_summary:
            contexts[lang]["document"]["change"] = change_summary
            contexts[lang]["document"]["history"][-1]["change"] = change_summary
    return RenderJob(
        planned_id,
        doc.working.id if doc.working else 0,
        doc.template_id,
        contexts,
        images,
        change_summary=change_summary,
        on=day,
        formats=formats,
    )


def render_job(
    job: RenderJob,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Rendered:
    """Render every language of `job` as PDF and DOCX, with the markup it came from and the
    context's document data (so an approval can prove the words did not change). Touches no
    database: safe on a worker thread."""
    from qms_desktop.documents import find_template
    from qms_desktop.documents.engine import render_markup
    from qms_desktop.paths import user_templates_dir
    from qms_desktop.services.documents import render_prepared

    files: dict[tuple[str, str], tuple[str, bytes]] = {}
    if not job.contexts:  # an uploaded document: nothing to render
        return Rendered(job, files)
    info = find_template(job.template_id, user_templates_dir())
    steps = max(1, len(job.contexts) * len(job.formats))
    done = 0
    with tempfile.TemporaryDirectory(prefix="qms-revision-") as tmp:
        for lang, context in job.contexts.items():
            number = str(context["document"]["number"])
            tag = lang.lower().replace("_", "-")  # zh-cn: a file name, not a word
            base = f"{number}-{context['document']['revision']}-{tag}"
            markup = render_markup(info, lang, context, cancel)
            files[(lang, "text")] = (f"{base}.md", markup.encode("utf-8"))
            saved = {"generated_at": context["generated_at"], "document": context["document"]}
            files[(lang, "context")] = (
                f"{base}.json",
                json.dumps(saved, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            )
            for fmt in job.formats:
                out = Path(tmp) / f"out-{lang}.{fmt}"
                render_prepared(
                    job.template_id,
                    context,
                    lang=lang,
                    fmt=fmt,
                    out_path=out,
                    reference_docx=None,
                    images=job.images.get(lang, {}),
                    cancel=cancel,
                )
                files[(lang, fmt)] = (f"{base}.{fmt}", out.read_bytes())
                done += 1
                if progress is not None:
                    progress(done / steps)
    return Rendered(job, files)


def _store(s: Session, revision_id: int, files: dict[tuple[str, str], tuple[str, bytes]]) -> None:
    """Put `files` into a revision, replacing those of the same language and kind."""
    existing = {
        (f.lang, f.kind): f
        for f in s.scalars(
            select(DocumentFileRecord).where(DocumentFileRecord.revision_id == revision_id)
        )
    }
    replaced = {f.sha256 for f in existing.values()}  # before the rows take new digests
    for (lang, kind), (name, data) in files.items():
        digest = store_blob(s, data)
        row = existing.get((lang, kind))
        if row is None:
            s.add(
                DocumentFileRecord(
                    revision_id=revision_id,
                    lang=lang,
                    kind=kind,
                    name=name,
                    sha256=digest,
                    size=len(data),
                )
            )
        elif row.sha256 != digest or row.name != name:
            row.sha256, row.name, row.size = digest, name, len(data)
    s.flush()
    drop_unused_blobs(s, replaced)


def _new_draft(
    s: Session,
    planned_id: int,
    source: str,
    author: str,
    change_summary: str,
    on: dt.date | None = None,
) -> DocumentRevisionRecord:
    control = _control_row(s, planned_id)
    last = s.scalar(
        select(DocumentRevisionRecord)
        .where(DocumentRevisionRecord.document_id == control.id)
        .order_by(DocumentRevisionRecord.ordinal.desc())
        .limit(1)
    )
    ordinal = (last.ordinal if last else 0) + 1
    row = DocumentRevisionRecord(
        document_id=control.id,
        ordinal=ordinal,
        label=revision_label(ordinal, _scheme(s)),
        status=S.DRAFT.value,
        source=source,
        author=author,
        reviewer=last.reviewer if last else "",
        approver=last.approver if last else "",
        change_summary=change_summary,
        created_on=on or dt.date.today(),
    )
    s.add(row)
    s.flush()
    return row


def _working_row(s: Session, planned_id: int) -> DocumentRevisionRecord | None:
    control = s.scalar(
        select(ControlledDocumentRecord).where(
            ControlledDocumentRecord.planned_document == planned_id
        )
    )
    if control is None:
        return None
    last = s.scalar(
        select(DocumentRevisionRecord)
        .where(DocumentRevisionRecord.document_id == control.id)
        .order_by(DocumentRevisionRecord.ordinal.desc())
        .limit(1)
    )
    return last if last is not None and not S(last.status).frozen else None


def record_draft(ws: Workspace, actor: str, rendered: Rendered) -> tuple[RevisionInfo, ChangeSet]:
    """Store freshly generated files as the current draft: into the working revision (a draft),
    or a new revision when the last one is approved or later."""
    job = rendered.job
    with ws.editing(actor) as s:
        row = _working_row(s, job.planned_id)
        if row is not None and row.id != job.revision_id or row is None and job.revision_id:
            raise QmsError("document_control.changed_meanwhile")
        if row is not None and row.status == S.IN_REVIEW.value:
            raise QmsError("document_control.in_review", revision=row.label)
        if row is None:
            author = next(iter(job.contexts.values()))["document"]["author"]
            row = _new_draft(
                s,
                job.planned_id,
                "generated",
                "" if author == "—" else author,
                job.change_summary,
                job.on,
            )
        elif job.change_summary and row.change_summary != job.change_summary:
            row.change_summary = job.change_summary
        if row.source != "generated":
            row.source = "generated"
        _store(s, row.id, rendered.files)
        revision_id = row.id
    return _revision(ws, revision_id), CHANGES


def generate_draft(
    ws: Workspace,
    actor: str,
    planned_id: int,
    langs: tuple[str, ...] = ("en",),
    change_summary: str = "",
    on: dt.date | None = None,
    formats: tuple[str, ...] = RENDERED_KINDS,
) -> tuple[RevisionInfo, ChangeSet]:
    """Generate a planned document from its template into its current draft (all at once)."""
    job = draft_job(ws, planned_id, langs, change_summary, on, formats)
    return record_draft(ws, actor, render_job(job))


def upload_draft(
    ws: Workspace,
    actor: str,
    planned_id: int,
    path: Path,
    *,
    lang: str = "en",
    author: str = "",
    change_summary: str = "",
    on: dt.date | None = None,
) -> tuple[RevisionInfo, ChangeSet]:
    """Register a document written elsewhere (a procedure in Word) as the current draft of a
    planned document: the file is kept in the workspace with the text it holds (for diffs)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                "file", "document_control.upload_too_large", limit_mb=MAX_UPLOAD_BYTES // 1048576
            )
        data = path.read_bytes()
    except OSError as exc:
        raise QmsError(
            "document_control.cannot_read", name=path.name, reason=exc.strerror or str(exc)
        ) from exc
    text = _upload_text(path.suffix.lower(), data)
    files: dict[tuple[str, str], tuple[str, bytes]] = {(lang, "upload"): (path.name, data)}
    if text is not None:
        files[(lang, "text")] = (f"{path.stem}.txt", text.encode("utf-8"))
    with ws.editing(actor) as s:
        row = _working_row(s, planned_id)
        if row is not None and row.status == S.IN_REVIEW.value:
            raise QmsError("document_control.in_review", revision=row.label)
        if row is None:
            row = _new_draft(s, planned_id, "uploaded", author.strip(), change_summary.strip(), on)
        else:
            if author.strip() and row.author != author.strip():
                row.author = author.strip()
            if change_summary.strip() and row.change_summary != change_summary.strip():
                row.change_summary = change_summary.strip()
            if row.source != "uploaded":
                row.source = "uploaded"
                for old in s.scalars(
                    select(DocumentFileRecord).where(DocumentFileRecord.revision_id == row.id)
                ):
                    s.delete(old)  # generated files of the same draft make way for the upload
                s.flush()
        _store(s, row.id, files)
        revision_id = row.id
    return _revision(ws, revision_id), CHANGES


def _upload_text(suffix: str, data: bytes) -> str | None:
    """The words of an uploaded file, for diffs between revisions (None when not readable)."""
    import io

    if suffix in (".txt", ".md"):
        return data.decode("utf-8", "replace")
    if suffix == ".docx":
        try:
            import docx

            document = docx.Document(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - a file python-docx cannot read has no text for us
            return None
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for r in table.rows:
                lines.append(" | ".join(c.text for c in r.cells))
        return "\n".join(lines)
    return None


# -- people, review, approval, issue ------------------------------------------------------------


def update_revision(
    ws: Workspace,
    actor: str,
    revision_id: int,
    **values: str,
) -> tuple[RevisionInfo, ChangeSet]:
    """Change the author, reviewer, approver or change summary of a draft or a revision in
    review (refused from approval on)."""
    allowed = {"author", "reviewer", "approver", "change_summary"}
    for name, value in values.items():
        if name not in allowed:
            raise ValidationError(name, "core.no_such_field", field=name)
        if not isinstance(value, str):
            raise ValidationError(name, "core.must_be_text")
    with ws.editing(actor) as s:
        row = s.get(DocumentRevisionRecord, revision_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        if S(row.status).frozen:
            raise QmsError("document_control.frozen", revision=row.label)
        for name, value in values.items():
            if getattr(row, name) != value.strip():
                setattr(row, name, value.strip())
    return _revision(ws, revision_id), CHANGES


def move_revision(
    ws: Workspace,
    actor: str,
    revision_id: int,
    status: RevisionStatus,
    *,
    on: dt.date | None = None,
    reviewer: str | None = None,
) -> tuple[RevisionInfo, ChangeSet]:
    """Submit for review (naming the reviewer), return to draft, issue, or withdraw. Issuing
    supersedes the revision issued before it. Approval is `approve`."""
    on = on or dt.date.today()
    if status is S.APPROVED:
        raise QmsError("document_control.approve_apart")
    with ws.editing(actor) as s:
        row = s.get(DocumentRevisionRecord, revision_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        if reviewer is not None and status is S.IN_REVIEW and row.reviewer != reviewer.strip():
            row.reviewer = reviewer.strip()
        old = S(row.status)
        check_transition(old, status, reviewer=row.reviewer, approver=row.approver)
        if status is S.IN_REVIEW:
            if not s.scalar(
                select(func.count())
                .select_from(DocumentFileRecord)
                .where(DocumentFileRecord.revision_id == row.id)
            ):
                raise QmsError("document_control.nothing_to_review", revision=row.label)
            row.reviewed_on = on
        if status is S.ISSUED:
            if row.approved_on is not None and on < row.approved_on:
                raise ValidationError(
                    "issued_on",
                    "document_control.issue_before_approval",
                    approved=row.approved_on.isoformat(),
                )
            for earlier in s.scalars(
                select(DocumentRevisionRecord).where(
                    DocumentRevisionRecord.document_id == row.document_id,
                    DocumentRevisionRecord.id != row.id,
                    DocumentRevisionRecord.status.in_((S.ISSUED.value, S.APPROVED.value)),
                    DocumentRevisionRecord.ordinal < row.ordinal,
                )
            ):
                earlier.status = (
                    S.SUPERSEDED.value if earlier.status == S.ISSUED.value else S.WITHDRAWN.value
                )
                earlier.ended_on = on
            row.issued_on = on
        if status is S.WITHDRAWN:
            row.ended_on = on
        row.status = status.value
    return _revision(ws, revision_id), CHANGES


def approval_job(
    ws: Workspace,
    revision_id: int,
    approver: str,
    on: dt.date | None = None,
    effective_on: dt.date | None = None,
) -> RenderJob:
    """Read what approving a revision in review needs: for a generated one, the contexts that
    render it once more with its approval in the control block — after proving that the
    workspace still gives the very words that were reviewed."""
    from qms_desktop.documents import find_template
    from qms_desktop.documents.engine import render_markup
    from qms_desktop.paths import user_templates_dir

    on = on or dt.date.today()
    effective_on = effective_on or on
    revision = _revision(ws, revision_id)
    check_transition(revision.status, S.APPROVED, approver=approver or revision.approver)
    approver = (approver or revision.approver).strip()
    if effective_on < on:
        raise ValidationError(
            "effective_on", "document_control.effective_before_approval", approved=on.isoformat()
        )
    doc = next(d for d in list_documents(ws) if d.id == revision.document_id)
    expected = tuple(sorted((f"{f.kind}/{f.lang}", f.sha256) for f in revision.files))
    base = dict(
        planned_id=doc.planned_id,
        revision_id=revision.id,
        template_id=doc.template_id,
        approver=approver,
        approved_on=on,
        effective_on=effective_on,
        expected=expected,
    )
    if revision.source != "generated":
        return RenderJob(contexts={}, images={}, **base)  # type: ignore[arg-type]
    info = find_template(doc.template_id, user_templates_dir())
    contexts, images = {}, {}
    approved = replace(
        revision, status=S.APPROVED, approver=approver, approved_on=on, effective_on=effective_on
    )
    for lang in revision.languages:
        saved_file = revision.file("context", lang)
        text_file = revision.file("text", lang)
        if saved_file is None or text_file is None:
            continue
        saved = json.loads(read_file(ws, saved_file.id))
        reviewed = read_file(ws, text_file.id).decode("utf-8")
        context, _ = _context(
            ws, doc.template_id, lang, saved["document"], saved["generated_at"], pictures=False
        )
        context["document"] = saved["document"]
        if render_markup(info, lang, context) != reviewed:
            raise QmsError("document_control.changed_since_draft", revision=revision.label)
        meta = _meta(doc, approved, lang, trail=saved["document"].get("trail", ""))
        contexts[lang], images[lang] = _context(
            ws, doc.template_id, lang, meta, saved["generated_at"]
        )
    return RenderJob(contexts=contexts, images=images, **base)  # type: ignore[arg-type]


def approve_revision(
    ws: Workspace, actor: str, rendered: Rendered
) -> tuple[RevisionInfo, ChangeSet]:
    """Approve a revision in review with its files rendered by `approval_job`: the files are
    stored with their SHA-256 and frozen, with the revision's words and people."""
    job = rendered.job
    with ws.editing(actor) as s:
        row = s.get(DocumentRevisionRecord, job.revision_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        held = tuple(
            sorted(
                (f"{f.kind}/{f.lang}", f.sha256)
                for f in s.scalars(
                    select(DocumentFileRecord).where(DocumentFileRecord.revision_id == row.id)
                )
            )
        )
        if held != job.expected:
            raise QmsError("document_control.changed_meanwhile")
        check_transition(S(row.status), S.APPROVED, approver=job.approver)
        if rendered.files:
            _store(s, row.id, rendered.files)
        row.approver = job.approver
        row.approved_on = job.approved_on
        row.effective_on = job.effective_on
        row.status = S.APPROVED.value
        revision_id = row.id
    return _revision(ws, revision_id), CHANGES


def approve(
    ws: Workspace,
    actor: str,
    revision_id: int,
    approver: str = "",
    on: dt.date | None = None,
    effective_on: dt.date | None = None,
) -> tuple[RevisionInfo, ChangeSet]:
    """Approve a revision in review (all at once)."""
    return approve_revision(
        ws, actor, render_job(approval_job(ws, revision_id, approver, on, effective_on))
    )


def delete_draft(ws: Workspace, actor: str, revision_id: int) -> ChangeSet:
    """Throw away a draft (with its files); approved revisions are never deleted."""
    with ws.editing(actor) as s:
        row = s.get(DocumentRevisionRecord, revision_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        if S(row.status).frozen:
            raise QmsError("document_control.frozen", revision=row.label)
        files = list(
            s.scalars(select(DocumentFileRecord).where(DocumentFileRecord.revision_id == row.id))
        )
        for f in files:
            s.delete(f)
        s.flush()
        s.delete(row)
        s.flush()
        drop_unused_blobs(s, {f.sha256 for f in files})
    return CHANGES
