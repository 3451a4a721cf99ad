"""Documents against hostile input ("Trust", part 1): markup in headings, pictures only from
bytes, unbounded work (YAML aliases, repetition, includes, huge documents), a broken user
template, line separators in values, very long values."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from docx import Document as open_docx
from PIL import Image as PILImage
from pypdf import PdfReader

from qms_desktop.documents import (
    DocumentError,
    TemplateError,
    engine,
    list_templates,
    render_document,
)
from qms_desktop.documents.docx_writer import write_docx
from qms_desktop.documents.engine import build_document, find_template
from qms_desktop.documents.limits import Deadline
from qms_desktop.documents.markup import escape, parse
from qms_desktop.documents.model import (
    Document,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from qms_desktop.documents.pdf_writer import write_pdf
from qms_desktop.services import registers
from qms_desktop.services.demo import write_demo
from qms_desktop.services.documents import render_workspace_document
from qms_desktop.services.profile import update_profile
from qms_desktop.storage.workspace import Workspace

BUILT_IN = [
    "complaints-and-recovery-report",
    "gap-report",
    "internal-audit-report",
    "management-review-report",
    "quality-cost-report",
    "quality-manual",
    "responsibility-matrix",
    "satisfaction-survey-report",
    "service-commitment",
    "service-outline",
    "service-recovery-plan",
]
QmsErrorTypes = (TemplateError, DocumentError)
CONTEXT = {"organisation": {"name": "Org"}, "document": {"number": "N-1", "revision": "A"}}


@pytest.fixture(scope="module")
def secret_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local picture hostile text tries to pull into a document."""
    path = tmp_path_factory.mktemp("secret") / "secret.png"
    PILImage.new("RGB", (40, 40), (255, 0, 0)).save(path)
    return path


def payloads(png: Path) -> list[str]:
    return [
        f'Photo <img src="{png}" width="40" height="40"/> here',
        'Click <a href="https://evil.example/x">me</a> now',
        "broken </para> heading",
        "R&D and <b>bold?</b> &amp; &lt;",
    ]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_images(path: Path) -> int:
    """How many image XObjects the PDF's pages draw (directly or inside forms)."""
    count = 0

    def walk(resources: object) -> None:
        nonlocal count
        xobjects = (resources or {}).get("/XObject") or {}  # type: ignore[attr-defined]
        for ref in xobjects.values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                count += 1
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in PdfReader(str(path)).pages:
        walk(page.get("/Resources"))
    return count


def pdf_uris(path: Path) -> list[str]:
    found = []
    for page in PdfReader(str(path)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/URI"):
                found.append(str(action["/URI"]))
    return found


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(str(path)).outline)
    return titles


# -- 1. markup in headings: TOC, outline, text ------------------------------------------------------


def test_heading_markup_stays_text_in_the_pdf_toc_and_outline(tmp_path: Path, secret_png: Path):
    texts = payloads(secret_png)
    blocks = (
        TableOfContents(),
        *(b for t in texts for b in (Heading(1, (Run(t),)), Paragraph((Run("body"),)))),
    )
    out = tmp_path / "h.pdf"
    write_pdf(Document("Title", "N-1", "A", "Org", "en", blocks), out)
    text = pdf_text(out)
    flat = "".join(text.split())  # where a line breaks depends on the temporary path's length
    for t in texts:
        assert flat.count("".join(t.split())) >= 2, t  # heading and TOC entry
    assert "R&D;" not in text
    assert pdf_uris(out) == []
    assert pdf_images(out) == 0
    assert outline_titles(out) == texts


def test_headings_from_workspace_names_are_literal(tmp_path: Path, secret_png: Path):
    texts = payloads(secret_png)
    path = write_demo(tmp_path / "ws.qms", "en")
    with Workspace.open(path) as ws:
        for t in texts:
            registers.add_record(
                ws, "t", "moment_of_truth", {"moment": t, "standard": "s", "recovery": "r"}
            )
            registers.add_record(
                ws, "t", "service_item", {"service": t, "item": t, "quality_standard": "q"}
            )
        clean = render_workspace_document(
            ws, "service-outline", lang="en", fmt="pdf", out_path=tmp_path / "c.pdf"
        )
        legit_images = pdf_images(clean)
        for lang in ("en", "zh_CN"):
            out = render_workspace_document(
                ws, "service-outline", lang=lang, fmt="pdf", out_path=tmp_path / f"so-{lang}.pdf"
            )
            text = pdf_text(out).replace("\n", " ").replace("  ", " ")
            assert "R&D and <b>bold?</b> &amp; &lt;" in text and "R&D;" not in text
            assert "broken </para> heading" in text
            assert str(secret_png) in text
            assert pdf_uris(out) == []
            assert pdf_images(out) == legit_images  # the logo and charts, nothing from a path
            titles = outline_titles(out)
            assert any(t.endswith("broken </para> heading") for t in titles)
            assert any(
                t.endswith('Click <a href="https://evil.example/x">me</a> now') for t in titles
            )


def test_toc_shows_a_very_long_heading_cut_and_keeps_its_entry(tmp_path: Path):
    long_heading = "Very long heading " + "word " * 20_000
    blocks = (TableOfContents(), Heading(1, (Run(long_heading),)), Heading(1, (Run("Next"),)))
    out = tmp_path / "long.pdf"
    write_pdf(Document("T", "N", "A", "Org", "en", blocks), out)
    titles = outline_titles(out)
    assert (
        titles[0].startswith("Very long heading")
        and titles[0].endswith("…")
        and len(titles[0]) <= 300
    )
    assert titles[1] == "Next"
    assert pdf_text(out).replace("\n", "").count("word") >= 20_000


# -- 2. pictures only from bytes ---------------------------------------------------------------------


def test_pictures_come_only_from_bytes_never_from_a_path(tmp_path: Path, secret_png: Path):
    with pytest.raises(TypeError):
        Image(str(secret_png))  # type: ignore[arg-type]
    user = tmp_path / "templates"
    (user / "pics").mkdir(parents=True)
    (user / "pics" / "en.md.j2").write_text(
        "# Pictures\n\n@@image logo\n\n@@image chart\n\n"
        f"@@image {secret_png}\n\n@@image ../../secret\n\n{{{{ hostile }}}}\n\n| a |\n|---|\n| {{{{ hostile }}}} |\n",
        encoding="utf-8",
    )
    context = {
        "organisation": {"name": f'<img src="{secret_png}"/>', "logo": str(secret_png)},
        "document": {"number": f'<img src="{secret_png}"/>', "revision": "A"},
        "hostile": f'<img src="{secret_png}"/> <img src="file://{secret_png}"/>',
    }
    info = find_template("pics", user)
    document = build_document(info, "en", context, images={"chart": str(secret_png)})  # type: ignore[dict-item]
    assert document.logo is None and not any(isinstance(b, Image) for b in document.blocks)
    for fmt in ("pdf", "docx"):
        out = render_document(
            "pics",
            context,
            lang="en",
            fmt=fmt,
            out_path=tmp_path / f"p.{fmt}",
            user_dir=user,
            images={"chart": str(secret_png)},
        )  # type: ignore[dict-item]
        if fmt == "pdf":
            assert pdf_images(out) == 0
            assert f"@@image {secret_png}" in pdf_text(out)
        else:
            assert len(open_docx(str(out)).inline_shapes) == 0
    # bytes are fine: the same picture given as the workspace's logo appears
    png = secret_png.read_bytes()
    out = render_document(
        "pics",
        {**context, "organisation": {"name": "Org", "logo": png}},
        lang="en",
        fmt="pdf",
        out_path=tmp_path / "ok.pdf",
        user_dir=user,
        images={"chart": png},
    )
    # logo and chart are the same bytes: one image XObject, drawn at its own size (40 px)
    assert pdf_images(out) >= 1


# -- 3. unbounded work -------------------------------------------------------------------------------

ALIAS_BOMB = """title: {en: "Bomb"}
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def user_template(root: Path, name: str, body: str = "# Mine\n", meta: str | None = None) -> Path:
    (root / name).mkdir(parents=True, exist_ok=True)
    (root / name / "en.md.j2").write_text(body, encoding="utf-8")
    if meta is not None:
        (root / name / "template.yaml").write_text(meta, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        (ALIAS_BOMB, "documents.meta_alias"),
        ("title: &t {en: x}\nother: *t\n", "documents.meta_alias"),
        ("title: {en: x}\n" + "#" * 100_000 + "\n", "documents.meta_too_large"),
        ("[" * 5000 + "]" * 5000, "documents.meta_too_deep"),
    ],
)
def test_template_yaml_aliases_and_size_are_refused(tmp_path: Path, meta: str, code: str):
    user = user_template(tmp_path / "templates", "bomb", meta=meta)
    started = time.monotonic()
    infos = {t.id: t for t in list_templates(user)}
    assert time.monotonic() - started < 2
    assert infos["bomb"].error is not None and infos["bomb"].error.code == code
    assert all(infos[t].error is None for t in BUILT_IN)
    with pytest.raises(TemplateError) as exc:
        render_document(
            "bomb", CONTEXT, lang="en", fmt="pdf", out_path=tmp_path / "b.pdf", user_dir=user
        )
    assert exc.value.code == "documents.template_broken" and "bomb" in str(exc.value)
    assert "template.yaml" in str(exc.value)
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{{ 'x'*10**9 }}", "documents.value_too_large"),
        ("{{ 10**9 * 'x' }}", "documents.value_too_large"),
        ("{{ [0]*10**9 }}", "documents.value_too_large"),
        ("{{ ('ab'*10**6)*10**3 }}", "documents.value_too_large"),
        ("{{ (['x'*10**6]*10)*1000 }}", "documents.value_too_large"),
        (
            "{% set a = 'x'*10**6 %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}"
            "{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a|length }}",
            "documents.value_too_large",
        ),
        (
            "{% set a = 'x'*10**6 %}{% set a = a + a %}{% set a = a + a %}{% set a = a + a %}{% set a = a + a %}"
            "{% set a = a + a %}{% set a = a + a %}{{ a|length }}",
            "documents.value_too_large",
        ),
        (
            "{% set a = 'x'*5000000 %}{% set b %}{{ a }}{{ a }}{{ a }}{{ a }}{{ a }}{% endset %}{{ b|length }}",
            "documents.value_too_large",
        ),
        (
            "{% set a = 'x'*5000000 %}{% macro m() %}{{ a }}{{ a }}{{ a }}{{ a }}{{ a }}{% endmacro %}{{ m()|length }}",
            "documents.value_too_large",
        ),
        ("{{ 'x'.ljust(10**9) }}", "documents.value_too_large"),
        ("{{ 'x'|center(10**9) }}", "documents.value_too_large"),
        ("{{ 'x\\n'|indent(10**9) }}", "documents.value_too_large"),
        (
            "{{ ('a'*10**6).replace('a', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb') }}",
            "documents.value_too_large",
        ),
        ("{{ ('a'*10**6)|replace('', 'b'*100) }}", "documents.value_too_large"),
        ("{{ ('x'*10**6).join(['a']*100) }}", "documents.value_too_large"),
        ("{{ (['a']*100)|join('x'*10**6) }}", "documents.value_too_large"),
        ("{{ '%0999999999d' % 1 }}", "documents.value_too_large"),
        ("{{ '%*d' % (10**9, 1) }}", "documents.dynamic_width"),
        ("{{ '{:>999999999}'.format(1) }}", "documents.value_too_large"),
        ("{{ '{:{}}'.format(1, 10**9) }}", "documents.dynamic_width"),
        ("{{ '%0999999999d'|format(1) }}", "documents.value_too_large"),
        ("{{ [1]|batch(10**9, 'x') }}", "documents.value_too_large"),
        ("{{ 'x\t'.expandtabs(10**9) }}", "documents.value_too_large"),
        ("{{ 2**(10**9) }}", "documents.number_too_large"),
        ("{% set n = 10**30000 %}{{ n*n*n*n }}", "documents.number_too_large"),
        ("{% for i in range(10**9) %}{% endfor %}", "documents.range_too_large"),
        (
            "{% for i in range(99999) %}{% set s = 'y' * 1999999 %}{% endfor %}",
            "documents.too_much_built",
        ),
    ],
)
def test_huge_values_are_refused_at_once_naming_template_and_line(
    tmp_path: Path, line: str, code: str
):
    user = user_template(tmp_path / "templates", "mine", f"# Title\n\nText\n{line}\n")
    started = time.monotonic()
    with pytest.raises(TemplateError) as exc:
        render_document(
            "mine", CONTEXT, lang="en", fmt="pdf", out_path=tmp_path / "o.pdf", user_dir=user
        )
    assert time.monotonic() - started < 5
    assert exc.value.code == code, str(exc.value)
    assert "template mine (en.md.j2), line 4" in str(exc.value)
    assert "模板 mine（en.md.j2）第 4 行" in exc.value.text("zh_CN")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "{{ 'ab' * 3 }} {{ [1, 2] * 2 }} {{ 'a' ~ 'b' }} {{ '%5.1f' % 2.25 }}",
            "ababab [1, 2, 1, 2] ab   2.2",
        ),
        (
            "{{ '{:>6}'.format('r') }} {{ 2**10 }} {{ (['a', 'b'])|join(', ') }} {{ 'a-b'.replace('-', '+') }}",
            "r 1024 a, b a+b",
        ),  # a paragraph starts at its first word
        (
            "{% for i in range(3) %}{{ i }}{% endfor %} {{ '%s and %s'|format('a', 'b') }} {{ 'x'|center(5) }}|",
            "012 a and b   x  |",
        ),
        (
            "{{ [{'n': 'a'}, {'n': 'b'}]|join(', ', attribute='n') }} {% set s %}{{ 'q' }}{% endset %}{{ s }}",
            "a, b q",
        ),
    ],
)
def test_ordinary_template_arithmetic_still_works(tmp_path: Path, line: str, expected: str):
    user = user_template(tmp_path / "templates", "mine", f"# Title\n\n{line}\n")
    document = build_document(find_template("mine", user), "en", CONTEXT)
    paragraph = next(b for b in document.blocks if isinstance(b, Paragraph))
    assert "".join(r.text for r in paragraph.runs) == expected


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("# T\n\n{% include 'en.md.j2' %}\n", "documents.include_self", 3),
        ("# T\n\n{% extends 'en.md.j2' %}\n", "documents.include_self", 3),
        ("# T\n\n{% include 'anything' %}\n", "documents.include_missing", 3),
        ("# T\n\n{% import '../quality-manual/en.md.j2' as x %}\n", "documents.include_missing", 3),
        ("# T\n\n{% from '/etc/passwd' import x %}\n", "documents.include_missing", 3),
        ("# T\n{% set n = 'en.md.j2' %}\n{% include n %}\n", "documents.include_dynamic", 3),
    ],
)
def test_include_of_itself_or_a_missing_name_is_a_clear_error(
    tmp_path: Path, body: str, code: str, line: int
):
    user = user_template(tmp_path / "templates", "mine", body)
    started = time.monotonic()
    with pytest.raises(TemplateError) as exc:
        render_document(
            "mine", CONTEXT, lang="en", fmt="pdf", out_path=tmp_path / "o.pdf", user_dir=user
        )
    assert time.monotonic() - started < 5
    assert exc.value.code == code and f"template mine (en.md.j2), line {line}" in str(exc.value)


def test_a_template_may_include_its_own_files_but_not_loop_through_them(tmp_path: Path):
    user = user_template(tmp_path / "templates", "mine", "# Title\n\n{% include 'part.md.j2' %}\n")
    (user / "mine" / "part.md.j2").write_text("Part of {{ organisation.name }}\n", encoding="utf-8")
    document = build_document(find_template("mine", user), "en", CONTEXT)
    assert any(
        isinstance(b, Paragraph) and b.runs[0].text == "Part of Org" for b in document.blocks
    )
    (user / "mine" / "part.md.j2").write_text("{% include 'other.md.j2' %}\n", encoding="utf-8")
    (user / "mine" / "other.md.j2").write_text("{% include 'part.md.j2' %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        build_document(find_template("mine", user), "en", CONTEXT)
    assert exc.value.code == "documents.template_recursion" and "template mine" in str(exc.value)


def many_headings(count: int) -> Document:
    blocks = (
        TableOfContents(),
        *(Heading(1 + i % 3, (Run(f"Heading {i}"),)) for i in range(count)),
    )
    return Document("T", "N", "A", "Org", "en", blocks)


def test_the_docx_writer_is_linear_in_headings(tmp_path: Path):
    # python-docx's add_paragraph searched the whole body for every paragraph: 100 000 headings
    # took minutes; now they take about a second or two.
    document = many_headings(100_000)
    started = time.monotonic()
    write_docx(document, tmp_path / "many.docx")
    assert time.monotonic() - started < engine.TIME_LIMIT / 2
    headings = [
        p
        for p in open_docx(str(tmp_path / "many.docx")).paragraphs
        if p.style.name.startswith("Heading")
    ]
    # the contents' own heading is no "Heading 1" (it would list itself)
    assert len(headings) == 100_000 and headings[-1].text == "Heading 99999"


@pytest.mark.parametrize(
    ("fmt", "count", "limit"), [("docx", 100_000, 0.3), ("pdf", 100_000, 0.3), ("pdf", 15_000, 1.5)]
)
def test_writers_stop_at_the_time_limit(tmp_path: Path, fmt: str, count: int, limit: float):
    # 15 000 headings: the story is built in time, the deadline passes while the table of
    # contents is laid out (reportlab's own TOC was one table, minutes long, unstoppable)
    document = many_headings(count)
    started = time.monotonic()
    with pytest.raises(DocumentError) as exc:
        if fmt == "docx":
            write_docx(document, tmp_path / "x.docx", deadline=Deadline(limit))
        else:
            write_pdf(document, tmp_path / "x.pdf", deadline=Deadline(limit))
    assert exc.value.code == "documents.layout_too_long"
    assert time.monotonic() - started < limit + 2.5


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_render_honours_time_limit_and_cancel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
):
    user = user_template(
        tmp_path / "templates",
        "many",
        "@@toc\n{% for i in range(30000) %}\n# Heading {{ i }}\n\n{% endfor %}\n",
    )
    monkeypatch.setattr(engine, "TIME_LIMIT", 0.5)
    out = tmp_path / f"many.{fmt}"
    started = time.monotonic()
    with pytest.raises(QmsErrorTypes) as exc:
        render_document("many", CONTEXT, lang="en", fmt=fmt, out_path=out, user_dir=user)
    assert exc.value.code in ("documents.layout_too_long", "documents.template_timeout")
    assert time.monotonic() - started < 5 and not out.exists()

    monkeypatch.setattr(engine, "TIME_LIMIT", 60.0)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 50

    started = time.monotonic()
    with pytest.raises(DocumentError) as cancelled:
        render_document(
            "many", CONTEXT, lang="en", fmt=fmt, out_path=out, user_dir=user, cancel=cancel
        )
    assert (
        cancelled.value.code == "documents.cancelled"
        and cancelled.value.text("zh_CN") == "已取消。"
    )
    assert time.monotonic() - started < 5 and not out.exists()
    assert list(tmp_path.glob(f"*.{fmt}")) == []


def test_reading_huge_markup_stops_at_the_deadline_and_sections_read_the_same():
    section = "# H\n\npara **b**\n\n| a | b |\n|---|---|\n| c | d |\n- item\n1. one\n\n   two\n## Sub\ntext\n"
    markup = section * 200
    from qms_desktop.documents.markup import _markdown_blocks

    assert parse(markup) == _markdown_blocks(markup)  # parsing a section at a time changes nothing
    started = time.monotonic()
    with pytest.raises(DocumentError) as exc:
        parse(section * 100_000, check=Deadline(0.3).check)
    assert exc.value.code == "documents.layout_too_long" and time.monotonic() - started < 3


# -- 4. a broken user template does not hide the others ----------------------------------------------


def test_a_broken_user_template_is_listed_as_broken_and_the_others_work(tmp_path: Path):
    user = user_template(tmp_path / "templates", "broken", meta="title: {en: [unclosed\n")
    user_template(user, "fine", meta='title: {en: "Fine one"}\n')
    infos = {t.id: t for t in list_templates(user)}
    assert sorted(infos) == sorted([*BUILT_IN, "broken", "fine"])
    assert (
        infos["broken"].error is not None and infos["broken"].error.code == "documents.meta_invalid"
    )
    assert "template.yaml" in infos["broken"].error.text("en")
    assert "YAML" in infos["broken"].error.text("zh_CN") and "不是有效的" in infos[
        "broken"
    ].error.text("zh_CN")
    assert infos["fine"].error is None and infos["fine"].title("en") == "Fine one"
    demo = write_demo(tmp_path / "demo.qms", "en")
    with Workspace.open(demo, read_only=True) as ws:
        for template in ("quality-manual", "fine"):
            out = render_workspace_document(
                ws,
                template,
                lang="en",
                fmt="pdf",
                out_path=tmp_path / f"{template}.pdf",
                user_dir=user,
            )
            assert out.exists()
    with pytest.raises(TemplateError) as exc:
        render_document(
            "broken", CONTEXT, lang="en", fmt="docx", out_path=tmp_path / "b.docx", user_dir=user
        )
    assert exc.value.code == "documents.template_broken" and "template.yaml" in str(exc.value)
    assert "模板 broken 无法使用" in exc.value.text("zh_CN")


def test_a_broken_override_of_a_built_in_is_listed_broken_not_silently_replaced(tmp_path: Path):
    user = user_template(tmp_path / "templates", "quality-manual", meta="- just\n- a list\n")
    info = {t.id: t for t in list_templates(user)}["quality-manual"]
    assert (
        info.source == "user"
        and info.error is not None
        and info.error.code == "documents.meta_not_mapping"
    )
    assert {t.id for t in list_templates(user)} == set(BUILT_IN)


def test_a_pipe_or_device_in_a_user_template_never_blocks(tmp_path: Path):
    import os

    user = user_template(tmp_path / "templates", "pipe")
    os.mkfifo(user / "pipe" / "template.yaml")
    user_template(user, "device")
    (user / "device" / "en.md.j2").unlink()
    (user / "device" / "en.md.j2").symlink_to("/dev/zero")
    infos = {t.id: t for t in list_templates(user)}
    assert infos["pipe"].error is not None and infos["pipe"].error.code == "documents.not_a_file"
    with pytest.raises(TemplateError) as exc:
        render_document(
            "device", CONTEXT, lang="en", fmt="pdf", out_path=tmp_path / "d.pdf", user_dir=user
        )
    assert exc.value.code == "documents.not_a_file"


def test_an_unreadable_user_folder_leaves_the_built_in_templates(tmp_path: Path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert [t.id for t in list_templates(not_a_folder)] == BUILT_IN


# -- 5. line separators inside values ------------------------------------------------------------------

SEPARATORS = ["\x0b", "\x0c", "\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\r", "\r\n"]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_line_separators_in_a_value_keep_a_table_row_whole(tmp_path: Path, separator: str):
    value = f"before{separator}| x | y |{separator}# not a heading{separator}after"
    markup = f"# Title\n\n| a | b |\n|---|---|\n| {escape(value)} | end |\n\n{escape(value)}\n"
    blocks = parse(markup)
    assert [type(b) for b in blocks] == [Heading, Table, Paragraph]
    table = blocks[1]
    assert isinstance(table, Table) and len(table.rows) == 1 and len(table.rows[0]) == 2
    cell = "".join(r.text for r in table.rows[0][0])
    assert (
        cell.startswith("before")
        and cell.endswith("after")
        and "| x | y |" in cell
        and "# not a heading" in cell
    )
    assert "".join(r.text for r in table.rows[0][1]) == "end"
    document = Document("T", "N", "A", "Org", "en", tuple(blocks))
    write_pdf(document, tmp_path / "s.pdf")
    write_docx(document, tmp_path / "s.docx")
    text = pdf_text(tmp_path / "s.pdf")
    assert "before" in text and "after" in text and "# not a heading" in text
    cells = [c.text for c in open_docx(str(tmp_path / "s.docx")).tables[0].rows[1].cells]
    assert cells[0].startswith("before") and cells[0].endswith("after") and cells[1] == "end"


def test_line_separators_in_writer_text_become_breaks_or_spaces(tmp_path: Path):
    fields = "a\x0bb\x0cc\u2028d\u2029e\x85f\x1cg\x1dh\x1ei"
    blocks = parse("@@control\n", control=lambda: _control(fields))
    document = Document("T", fields, "A", fields, "en", tuple(blocks))
    write_docx(document, tmp_path / "c.docx")
    write_pdf(document, tmp_path / "c.pdf")
    cell = open_docx(str(tmp_path / "c.docx")).tables[0].rows[0].cells[1].text
    assert cell == "a\nb\nc\nd\ne\nf g h i"
    assert "g h i" in pdf_text(tmp_path / "c.pdf")


def _control(value: str):  # type: ignore[no-untyped-def]
    from qms_desktop.documents.model import ControlBlock

    return ControlBlock((("Number", value),), ("R", "D", "B", "C"), (("A", "2024", value, value),))


# -- 6. very long values ------------------------------------------------------------------------------


def test_a_very_long_management_representative_never_fails_a_pdf(tmp_path: Path):
    path = write_demo(tmp_path / "long.qms", "en")
    long_name = "Representative " + "x" * 1200
    with Workspace.open(path) as ws:
        update_profile(
            ws, "t", management_representative=long_name, name="Organisation " + "y" * 1200
        )
        for template in BUILT_IN:
            for lang in ("en", "zh_CN"):
                out = render_workspace_document(
                    ws, template, lang=lang, fmt="pdf", out_path=tmp_path / f"{template}-{lang}.pdf"
                )
                text = pdf_text(out)
                assert "HLH" in text  # the document number still shows in the header
    first_page = PdfReader(str(tmp_path / "quality-manual-en.pdf")).pages[1].extract_text()
    header = next(line for line in first_page.splitlines() if "HLH" in line)
    assert "…" in header and len(header) < 200
    assert "x" * 1200 in pdf_text(tmp_path / "quality-manual-en.pdf").replace("\n", "")


def test_a_cell_of_many_short_lines_is_shown_cut_and_in_full_after_its_table(tmp_path: Path):
    lines = "\n".join(
        f"L{i}" for i in range(400)
    )  # few characters, but 400 lines: taller than a page
    document = Document(
        "T", "N", "A", "Org", "en", (Table(((Run("Head"),),), (((Run(lines),),),)),)
    )
    write_pdf(document, tmp_path / "lines.pdf")
    text = pdf_text(tmp_path / "lines.pdf")
    assert "L399" in text and "[…]" in text and "[1] L0" in text


class _ExpiresWhilePageBegins(Deadline):
    """A deadline that passes while a later page begins (the header and footer are drawn in
    reportlab's page-begin handler, which rebuilds any exception around its own text)."""

    def __init__(self) -> None:
        super().__init__(3600)
        self.pages = 0

    def check(self) -> None:
        import sys

        if sys._getframe(1).f_code.co_name == "decorate":
            self.pages += 1
            if self.pages == 3:
                self.end = 0.0
        super().check()


@pytest.mark.parametrize("cancelled", [False, True])
def test_a_deadline_passing_as_a_page_begins_still_says_why(tmp_path: Path, cancelled: bool):
    deadline = _ExpiresWhilePageBegins()
    if cancelled:
        deadline.cancel = lambda: deadline.pages >= 3
    with pytest.raises(DocumentError) as exc:
        write_pdf(many_headings(3000), tmp_path / "x.pdf", deadline=deadline)
    assert deadline.pages == 3  # stopped where the page began
    assert exc.value.code == ("documents.cancelled" if cancelled else "documents.layout_too_long")
