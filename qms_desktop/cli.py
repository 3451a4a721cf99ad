"""`qms-desktop` command line: a thin shell over the services the GUI uses.

Errors a user can cause print one line on stderr and exit non-zero; nothing here
prints a traceback (unexpected failures are logged to a file and named in one line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from qms_desktop import __version__
from qms_desktop.domain.errors import (
    QmsError,
    UsageError,
)

PROG = "qms-desktop"
LANG_CHOICES = ("en", "zh_CN")
log = logging.getLogger("qms_desktop.cli")


class _Parser(argparse.ArgumentParser):
    def error(
        self, message: str
    ) -> NoReturn:  # one clear line, exit 2, like argparse but no usage dump
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _cmd_gui(args: argparse.Namespace) -> int:
    from qms_desktop.app import run_gui

    return run_gui(workspace=None, demo=False, lang=None, smoke_test=False)


def _cmd_open(args: argparse.Namespace) -> int:
    from qms_desktop.app import run_gui

    if args.file and args.demo:
        raise UsageError("core.file_or_demo")
    path = Path(args.file) if args.file else None
    return run_gui(
        workspace=path,
        demo=args.demo,
        lang=args.lang,
        smoke_test=args.smoke_test,
        read_only=args.read_only,
    )


def _cmd_new(args: argparse.Namespace) -> int:
    from qms_desktop.services.workspaces import create_workspace

    ws = create_workspace(Path(args.file), args.org, lang=args.lang)
    ws.close()
    print(f"created {args.file} for {args.org}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from qms_desktop.services.demo import write_demo

    write_demo(Path(args.file), args.lang)
    print(f"wrote the demo organisation to {args.file}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from qms_desktop.services.workspaces import check_workspace

    lang = args.lang
    report = check_workspace(Path(args.file))
    for note in report.note_texts(lang):
        print(f"  note: {note}")
    if report.sound:
        print(
            f"{args.file}: sound ({report.audit_entries} audit entries, chain intact, every record agrees "
            "with the trail, no foreign schema objects, every evidence file matches its SHA-256)"
        )
        return 0
    problems = report.problem_texts(lang)
    print(f"{args.file}: {len(problems)} problem(s) found", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _cmd_checklist_export(args: argparse.Namespace) -> int:
    from qms_desktop.services.exchange import export_checklist
    from qms_desktop.services.workspaces import open_workspace

    with open_workspace(Path(args.workspace), read_only=True) as ws:
        count = export_checklist(
            ws,
            Path(args.out),
            assessment_id=args.assessment,
            library_id=args.library,
            lang=args.lang,
        )
    print(f"exported {count} requirement(s) to {args.out}")
    return 0


def _cmd_checklist_import(args: argparse.Namespace) -> int:
    from qms_desktop.services.exchange import import_checklist, plan_import
    from qms_desktop.services.workspaces import default_actor, open_workspace, require_writable

    mapping = None
    if args.map:
        from qms_desktop.services.exchange import ColumnMap, parse_column_map

        mapping = ColumnMap(parse_column_map(args.map), args.header_rows, args.library)
    with open_workspace(Path(args.workspace)) as ws:
        if args.dry_run:
            report = plan_import(
                ws,
                Path(args.file),
                assessment_id=args.assessment,
                encoding=args.encoding,
                mapping=mapping,
            )
        else:
            require_writable(ws)
            report, _ = import_checklist(
                ws,
                args.user or default_actor(),
                Path(args.file),
                assessment_id=args.assessment,
                encoding=args.encoding,
                mapping=mapping,
            )
    for change in report.changes:
        print(
            f"row {change.row_number}: {change.library_id} {change.ref}: {', '.join(sorted(change.values))}"
        )
    print(("would apply: " if args.dry_run else "imported: ") + report.describe())
    return 0


def _cmd_assessment_list(args: argparse.Namespace) -> int:
    from qms_desktop.services.checklist import assessment_progress, list_assessments
    from qms_desktop.services.workspaces import open_workspace

    with open_workspace(Path(args.workspace), read_only=True) as ws:
        assessments = list_assessments(ws)
        progress = {a.id: assessment_progress(ws, a.id) for a in assessments}
    if not assessments:
        print(f"no assessment in {args.workspace} yet (qms-desktop assessment new)")
        return 0
    print(f"{'#':>4}  {'held on':10}  {'assessed':>8}  {'name':32}  libraries")
    for a in assessments:
        print(
            f"{a.id:>4}  {a.held_on.isoformat():10}  {progress[a.id]:>8.0%}  {a.name:32}  "
            f"{' '.join(a.library_ids)}"
        )
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _cmd_assessment_new(args: argparse.Namespace) -> int:
    from qms_desktop.services.checklist import create_assessment
    from qms_desktop.services.workspaces import default_actor, open_workspace, require_writable

    with open_workspace(Path(args.workspace)) as ws:
        require_writable(ws)
        info, _ = create_assessment(
            ws,
            args.user or default_actor(),
            args.name,
            args.date or dt.date.today(),
            list(dict.fromkeys(args.library)),
            copy_from=_assessment_number(ws, args.based_on),
            bring_in_builtin=True,
        )
    based = f", results carried over from #{args.based_on}" if args.based_on else ""
    print(f"created assessment #{info.id} {info.name!r} over {' '.join(info.library_ids)}{based}")
    return 0


def _assessment_number(ws: object, number: int | None) -> int | None:
    """`number` when the workspace holds that assessment (None stays None)."""
    from qms_desktop.services.checklist import list_assessments

    if number is None:
        return None
    if number not in {a.id for a in list_assessments(ws)}:  # type: ignore[arg-type]
        raise QmsError("exchange.no_such_assessment", id=number)
    return number


def _cmd_assessment_rename(args: argparse.Namespace) -> int:
    from qms_desktop.services.checklist import update_assessment
    from qms_desktop.services.workspaces import default_actor, open_workspace, require_writable

    with open_workspace(Path(args.workspace)) as ws:
        require_writable(ws)
        info, _ = update_assessment(ws, args.user or default_actor(), args.number, name=args.name)
    print(f"assessment #{info.id} is now {info.name!r}")
    return 0


def _cmd_assessment_delete(args: argparse.Namespace) -> int:
    from qms_desktop.services.checklist import delete_assessment
    from qms_desktop.services.workspaces import default_actor, open_workspace, require_writable

    with open_workspace(Path(args.workspace)) as ws:
        require_writable(ws)
        snapshot, _ = delete_assessment(ws, args.user or default_actor(), args.number)
    print(
        f"deleted assessment #{snapshot.info.id} {snapshot.info.name!r} "
        f"({len(snapshot.items)} findings, {len(snapshot.evidence)} evidence files; "
        "the automatic backups still hold it)"
    )
    return 0


def _cmd_register_export(args: argparse.Namespace) -> int:
    from qms_desktop.services.register_exchange import export_register
    from qms_desktop.services.workspaces import open_workspace

    with open_workspace(Path(args.workspace), read_only=True) as ws:
        count = export_register(ws, args.register, Path(args.file), lang=args.lang)
    print(f"exported {count} record(s) to {args.file}")
    return 0


def _cmd_register_import(args: argparse.Namespace) -> int:
    from qms_desktop.services.register_exchange import import_register, plan_register_import
    from qms_desktop.services.workspaces import default_actor, open_workspace, require_writable

    with open_workspace(Path(args.workspace)) as ws:
        if args.dry_run:
            report = plan_register_import(
                ws, args.register, Path(args.file), encoding=args.encoding
            )
        else:
            require_writable(ws)
            report, _ = import_register(
                ws,
                args.user or default_actor(),
                args.register,
                Path(args.file),
                encoding=args.encoding,
            )
    for change in report.updated:
        print(f"row {change.row_number}: record {change.record_id}: {', '.join(change.after)}")
    for record in report.added:
        shown = f" as record {record.id}" if record.id else ""
        print(f"new record{shown}")
    print(("would apply: " if args.dry_run else "imported: ") + report.describe())
    return 0


def _cmd_register_list(args: argparse.Namespace) -> int:
    from qms_desktop.domain.registers import REGISTERS
    from qms_desktop.services.register_exchange import register_title

    for key, reg in REGISTERS.items():
        print(f"{key:24} {reg.step.value:11} {register_title(reg, args.lang)}")
    return 0


def _cmd_library_list(args: argparse.Namespace) -> int:
    from qms_desktop.libraries import builtin_libraries

    print("built in:")
    for lib in builtin_libraries():
        print(f"  {lib.id:32} {lib.requirement_count:5} requirements  {lib.name(args.lang)}")
    if args.workspace:
        from qms_desktop.services.checklist import workspace_libraries
        from qms_desktop.services.workspaces import open_workspace

        with open_workspace(Path(args.workspace), read_only=True) as ws:
            held = workspace_libraries(ws)
        print(f"in {args.workspace}:")
        for info in held:
            print(
                f"  {info.id:32} {info.requirements:5} requirements  {info.name(args.lang)}  ({info.source})"
            )
        if not held:
            print("  (none yet)")
    return 0


def _cmd_library_add(args: argparse.Namespace) -> int:
    from qms_desktop.services.identity import default_actor
    from qms_desktop.services.libraries import add_builtin_library, add_library_file
    from qms_desktop.services.workspaces import open_workspace, require_writable

    source = Path(args.library)
    with open_workspace(Path(args.workspace)) as ws:
        require_writable(ws)
        if source.exists():
            library, count, _ = add_library_file(
                ws,
                args.user or default_actor(),
                source,
                library_id=args.id,
                include_withdrawn=args.include_withdrawn,
            )
        else:
            library, count, _ = add_builtin_library(ws, args.user or default_actor(), args.library)
    for note in library.notes:  # what reading noticed: withdrawn controls left out, empty titles
        print(note.text(args.lang))
    print(f"{library.id}: {count} requirements")
    return 0


def _cmd_templates_list(args: argparse.Namespace) -> int:
    from qms_desktop.documents import list_templates
    from qms_desktop.paths import user_templates_dir

    print(f"{'id':24} {'languages':12} {'source':9} title")
    for t in list_templates(user_templates_dir()):
        broken = f"  [{t.error.text(args.lang)}]" if t.error is not None else ""
        print(f"{t.id:24} {','.join(t.languages):12} {t.source:9} {t.title(args.lang)}{broken}")
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from qms_desktop.documents.limits import heap_frozen
    from qms_desktop.paths import user_templates_dir
    from qms_desktop.services.documents import render_workspace_document
    from qms_desktop.services.workspaces import open_workspace

    out = Path(args.output)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in ("docx", "pdf"):
        raise UsageError("core.say_format")
    if out.exists() and not args.force:
        raise UsageError("core.exists_use_force", path=str(out))
    with open_workspace(Path(args.workspace), read_only=True) as ws, heap_frozen():
        from qms_desktop.services.profile import get_profile

        lang = args.lang or get_profile(ws).default_language
        render_workspace_document(
            ws,
            args.template,
            lang=lang,
            fmt=fmt,
            out_path=out,
            reference_docx=Path(args.reference_docx) if args.reference_docx else None,
            user_dir=user_templates_dir(),
        )
    print(f"wrote {out}")
    return 0


def _cmd_package(args: argparse.Namespace) -> int:
    from qms_desktop.services.package import build_package
    from qms_desktop.services.profile import get_profile
    from qms_desktop.services.workspaces import open_workspace

    out = Path(args.out)
    if out.exists() and not args.force:
        raise UsageError("core.exists_use_force", path=str(out))
    with open_workspace(Path(args.workspace), read_only=True) as ws:
        lang = args.lang or get_profile(ws).default_language
        report = build_package(ws, out, lang, overwrite=args.force)
    print(
        f"wrote {out}: {report.files} files, {report.size:,} bytes ({report.documents} documents, "
        f"{report.checklists} checklists, {report.evidence_files} evidence files, {report.audit_entries} "
        f"audit entries, chain head {report.audit_head[:16]}) in {report.seconds:.1f} s"
    )
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from qms_desktop.services.package import verify_package

    report = verify_package(Path(args.file))
    if report.sound:
        print(
            f"{args.file}: sound ({report.files} files match manifest.json and SHA256SUMS; "
            f"{report.organisation}, made {report.created_at}; audit trail of {report.audit_entries} "
            f"entries intact, head {report.audit_head[:16]})"
        )
        return 0
    print(f"{args.file}: {len(report.problems)} problem(s) found", file=sys.stderr)
    for problem in report.problem_texts(args.lang):
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _cmd_backup_list(args: argparse.Namespace) -> int:
    from qms_desktop.services.backups import backup_folder, list_backups

    path = Path(args.workspace)
    backups = list_backups(path)
    if not backups:
        print(f"no backups of {args.workspace} yet (they are kept in {backup_folder(path)})")
        return 0
    print(f"backups of {args.workspace} in {backup_folder(path)}:")
    print(f"{'#':>3}  {'when (local time)':19}  {'size':>9}  {'reason':22}  audit entries since")
    for b in backups:
        if b.entries_since is None:
            since = "- (not in the current history)"
        elif b.entries_since == 0:
            since = "0 (the current state)"
        else:
            since = f"{b.entries_since} (latest {_local_time(b.latest_change_at)} by {b.latest_change_actor})"
        size = (
            f"{b.size / 1024:.0f} KB"
            if b.size < 1024 * 1024
            else f"{b.size / (1024 * 1024):.1f} MB"
        )
        print(
            f"{b.number:>3}  {b.taken_at.astimezone():%Y-%m-%d %H:%M:%S}  {size:>9}  {b.reason:22}  {since}"
        )
    return 0


def _local_time(utc_iso: str | None) -> str:
    try:
        return f"{dt.datetime.fromisoformat(utc_iso or '').astimezone():%Y-%m-%d %H:%M:%S}"
    except ValueError:
        return utc_iso or "?"


def _cmd_backup_restore(args: argparse.Namespace) -> int:
    from qms_desktop.services.backups import find_backup, restore_backup

    path = Path(args.workspace)
    report = restore_backup(path, find_backup(path, args.backup))
    print(
        f"restored {args.workspace} from {report.restored_from.name} ({report.audit_entries} audit entries; "
        "the integrity check passed)"
    )
    if report.safety_copy is not None:
        print(
            f"the workspace as it was before is kept as {report.safety_copy} (restore that to undo)"
        )
    return 0


def _encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text encoding of a CSV file (e.g. cp1252, gb18030) when it cannot be "
        "told from the file (UTF-8 and UTF-16 always are)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="QMS Desktop — build an ISO 9000-family quality system "
        "for a service organisation. Without a command, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(func=_cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("open", help="open the GUI on a workspace (or the demo organisation)")
    p.add_argument("file", nargs="?", metavar="FILE", help="workspace file (.qms)")
    p.add_argument("--demo", action="store_true", help="open a fresh copy of the demo organisation")
    p.add_argument("--lang", choices=LANG_CHOICES, help="interface language")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open for reading only (an auditor's view): nothing can be changed",
    )
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the main window, visit every page once, and exit (0 when all is well)",
    )
    p.set_defaults(func=_cmd_open)

    p = sub.add_parser("new", help="create a workspace for an organisation")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--org", required=True, metavar="NAME", help="the organisation's name")
    p.add_argument("--lang", choices=LANG_CHOICES, default="en", help="default document language")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("demo", help="write the demo organisation to a new workspace file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the demo data")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser(
        "check",
        help="integrity check: database, schema, audit trail replayed against the data, "
        "references and evidence",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the findings")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("checklist", help="gap checklist: export to / import from XLSX or CSV")
    checklist = p.add_subparsers(title="checklist commands", metavar="ACTION", parser_class=_Parser)
    p.set_defaults(func=lambda _a: p.error("choose export or import"))
    e = checklist.add_parser("export", help="write the checklist to OUT.xlsx or OUT.csv")
    e.add_argument("workspace", metavar="WORKSPACE")
    e.add_argument("out", metavar="OUT", help="a .xlsx or .csv file")
    e.add_argument(
        "--library",
        metavar="ID",
        help="only this library's requirements (from the latest assessment holding it, "
        "or blank when none does)",
    )
    e.add_argument(
        "--assessment", type=int, metavar="N", help="assessment number (default: the latest)"
    )
    e.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        help="language of the headers, values and titles (default: the workspace's)",
    )
    e.set_defaults(func=_cmd_checklist_export)
    i = checklist.add_parser("import", help="apply a filled-in checklist (all rows or none)")
    i.add_argument("workspace", metavar="WORKSPACE")
    i.add_argument("file", metavar="IN", help="a .xlsx or .csv file exported earlier")
    i.add_argument(
        "--assessment", type=int, metavar="N", help="assessment number (default: the latest)"
    )
    i.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    i.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    _encoding_option(i)
    i.add_argument(
        "--map",
        metavar="FIELD=COLUMN,…",
        help="a client's own checklist: which column holds what, e.g. "
        "ref=B,status=D,gap=F,owner=G (a column by letter, number or header text); blank "
        "cells change nothing",
    )
    i.add_argument(
        "--header-rows",
        type=int,
        default=1,
        metavar="N",
        help="with --map: rows above the data (title and headings; may be merged)",
    )
    i.add_argument(
        "--library",
        metavar="ID",
        help="with --map: the library the references belong to (when no column says)",
    )
    i.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    i.set_defaults(func=_cmd_checklist_import)

    p = sub.add_parser("assessment", help="gap assessments: list, new, rename, delete")
    assessment = p.add_subparsers(
        title="assessment commands", metavar="ACTION", parser_class=_Parser
    )
    p.set_defaults(func=lambda _a: p.error("choose list, new, rename or delete"))
    a = assessment.add_parser("list", help="number, date, progress, name and libraries of each")
    a.add_argument("workspace", metavar="WORKSPACE")
    a.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    a.set_defaults(func=_cmd_assessment_list)
    a = assessment.add_parser("new", help="start an assessment over one or more libraries")
    a.add_argument("workspace", metavar="WORKSPACE")
    a.add_argument("name", metavar="NAME")
    a.add_argument(
        "--library",
        action="append",
        required=True,
        metavar="ID",
        help="a library in the workspace or a built-in one (repeat for several)",
    )
    a.add_argument(
        "--based-on",
        type=int,
        metavar="N",
        help="carry the results of assessment N over (a re-assessment)",
    )
    a.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="held on (default: today)")
    a.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    a.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    a.set_defaults(func=_cmd_assessment_new)
    a = assessment.add_parser("rename", help="give assessment N a new name")
    a.add_argument("workspace", metavar="WORKSPACE")
    a.add_argument("number", type=int, metavar="N")
    a.add_argument("name", metavar="NEW_NAME")
    a.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    a.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    a.set_defaults(func=_cmd_assessment_rename)
    a = assessment.add_parser(
        "delete", help="delete assessment N with its findings and evidence files"
    )
    a.add_argument("workspace", metavar="WORKSPACE")
    a.add_argument("number", type=int, metavar="N")
    a.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    a.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    a.set_defaults(func=_cmd_assessment_delete)

    p = sub.add_parser(
        "register", help="registers (people, lessons, objectives…): list, export, import"
    )
    register = p.add_subparsers(title="register commands", metavar="ACTION", parser_class=_Parser)
    p.set_defaults(func=lambda _a: p.error("choose list, export or import"))
    r = register.add_parser("list", help="the registers and their names")
    r.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the names")
    r.set_defaults(func=_cmd_register_list)
    r = register.add_parser("export", help="write a register's records to FILE.xlsx or FILE.csv")
    r.add_argument("workspace", metavar="WORKSPACE")
    r.add_argument("register", metavar="REGISTER", help="see: qms-desktop register list")
    r.add_argument("file", metavar="FILE", help="a .xlsx or .csv file")
    r.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        help="language of the headers and values (default: the workspace's)",
    )
    r.set_defaults(func=_cmd_register_export)
    r = register.add_parser(
        "import",
        help="apply a register file: rows with a record ID change that record, rows without "
        "one are added (all rows or none)",
    )
    r.add_argument("workspace", metavar="WORKSPACE")
    r.add_argument("register", metavar="REGISTER", help="see: qms-desktop register list")
    r.add_argument("file", metavar="FILE", help="a .xlsx or .csv file")
    r.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    r.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    _encoding_option(r)
    r.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    r.set_defaults(func=_cmd_register_import)

    p = sub.add_parser("library", help="requirement libraries: list, add")
    library = p.add_subparsers(title="library commands", metavar="ACTION", parser_class=_Parser)
    p.set_defaults(func=lambda _a: p.error("choose list or add"))
    lp = library.add_parser("list", help="the built-in libraries, and those a workspace holds")
    lp.add_argument("workspace", nargs="?", metavar="WORKSPACE")
    lp.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the names")
    lp.set_defaults(func=_cmd_library_list)
    la = library.add_parser(
        "add", help="copy a library into a workspace: a YAML or OSCAL JSON file, or a built-in id"
    )
    la.add_argument("workspace", metavar="WORKSPACE")
    la.add_argument(
        "library",
        metavar="LIBRARY_FILE",
        help="a .yaml library (ours or CISO Assistant's), an OSCAL catalog (.json or .xml), "
        "or a built-in id",
    )
    la.add_argument(
        "--id",
        help="the library's id in the workspace (default: from the catalog's short title and "
        "version); give another id to keep a second edition beside the first",
    )
    la.add_argument(
        "--include-withdrawn",
        action="store_true",
        help="keep an OSCAL catalog's withdrawn controls, marked withdrawn and not assessable",
    )
    la.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the notes")
    la.add_argument("--user", help="name recorded in the audit trail (default: your account name)")
    la.set_defaults(func=_cmd_library_add)

    p = sub.add_parser("templates", help="document templates: list")
    templates = p.add_subparsers(title="templates commands", metavar="ACTION", parser_class=_Parser)
    p.set_defaults(func=_cmd_templates_list, lang="en")
    tl = templates.add_parser(
        "list", help="id, title, languages and source (built-in or your own) of each template"
    )
    tl.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of the titles")
    tl.set_defaults(func=_cmd_templates_list)

    p = sub.add_parser("render", help="generate a document (DOCX or PDF) from a workspace")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("template", metavar="TEMPLATE_ID", help="see: qms-desktop templates list")
    p.add_argument("--format", choices=("docx", "pdf"), help="default: from the OUT file name")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    p.add_argument(
        "--lang", choices=LANG_CHOICES, help="document language (default: the organisation's)"
    )
    p.add_argument("--reference-docx", metavar="FILE", help="a .docx whose styles the DOCX uses")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser(
        "package",
        help="export everything for an auditor to one zip, with a manifest and SHA256SUMS",
    )
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("out", metavar="OUT.zip", help="the zip file to write")
    p.add_argument(
        "--lang", choices=LANG_CHOICES, help="document language (default: the organisation's)"
    )
    p.add_argument("--force", action="store_true", help="replace OUT.zip if it exists")
    p.set_defaults(func=_cmd_package)

    p = sub.add_parser(
        "verify",
        help="check an auditor's package: every file against its manifest and "
        "SHA256SUMS, the workspace and its audit chain",
    )
    p.add_argument("file", metavar="OUT.zip")
    p.add_argument(
        "--lang", choices=LANG_CHOICES, default="en", help="language of the problems listed"
    )
    p.set_defaults(func=_cmd_verify)

    bp = sub.add_parser("backup", help="automatic backups of a workspace: list, restore")
    backup = bp.add_subparsers(title="backup commands", metavar="ACTION", parser_class=_Parser)
    bp.set_defaults(func=lambda _a: bp.error("choose list or restore"))
    bl = backup.add_parser(
        "list", help="the backups of a workspace, newest first: when, size, audit entries since"
    )
    bl.add_argument("workspace", metavar="WORKSPACE")
    bl.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    bl.set_defaults(func=_cmd_backup_list)
    br = backup.add_parser(
        "restore",
        help="replace a workspace by a backup (the current state is backed up "
        "first; refused while the workspace is open for editing)",
    )
    br.add_argument("workspace", metavar="WORKSPACE")
    br.add_argument(
        "backup",
        metavar="BACKUP",
        help="a backup file, or its number in 'backup list' (1 = newest)",
    )
    br.add_argument("--lang", choices=LANG_CHOICES, default="en", help="language of error messages")
    br.set_defaults(func=_cmd_backup_restore)
    return parser


def _log_file() -> Path | None:
    try:
        from qms_desktop.paths import user_data_dir

        folder = user_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "qms-desktop.log"
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except QmsError as exc:
        lang = getattr(args, "lang", None) or "en"
        print(f"{PROG}: error: {exc.text(lang)}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, details logged
        target = _log_file()
        if target is not None:
            logging.basicConfig(filename=target, level=logging.INFO)
            log.exception("unexpected error at %s", dt.datetime.now().isoformat())
        where = f" (details in {target})" if target else ""
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 70


def run() -> int:
    """The process's entry (`qms-desktop`, `python -m qms_desktop`, the bundle): `main`, then
    the heap frozen so that the interpreter's teardown does not walk it with the cyclic
    collector (every workspace is closed and every file written by then; 50-60 ms of a
    command's exit, issue 17). Not for callers that go on running (tests call `main`)."""
    import gc

    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(run())
