"""The shortcuts that make a render fast keep its meaning: find_template finds what the
listing lists (reading only the chosen template), the heap is frozen only while a render
runs (cycles it leaves are still collected), charts stay PNGs the PDF takes as they are."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from qms_desktop.documents import (
    TemplateError,
    engine,
    find_template,
    list_templates,
    render_document,
)
from qms_desktop.documents.limits import heap_frozen


def _template(folder: Path, name: str, body: str = "# Hello\n", meta: str | None = None) -> Path:
    path = folder / name
    path.mkdir(parents=True)
    (path / "en.md.j2").write_text(body, encoding="utf-8")
    if meta is not None:
        (path / "template.yaml").write_text(meta, encoding="utf-8")
    return path


def test_find_template_agrees_with_the_listing(tmp_path: Path) -> None:
    user = tmp_path / "user"
    _template(user, "quality-manual", meta="title: {en: Mine}\n")  # overrides the built-in
    _template(user, "extra", meta="title: {en: Extra}\norientation: landscape\n")
    (user / "gap-report").mkdir(parents=True)  # no language file: no override
    (user / "gap-report" / "template.yaml").write_text("title: {en: Nope}\n")
    _template(user, "broken", meta="title: [unclosed\n")
    listed = {t.id: t for t in list_templates(user)}
    for template_id, info in listed.items():
        assert find_template(template_id, user) == info
    assert find_template("quality-manual", user).source == "user"
    assert find_template("quality-manual", user).title("en") == "Mine"
    assert find_template("gap-report", user).source == "built-in"
    assert find_template("extra", user).landscape
    assert find_template("broken", user).error is not None  # listed with its error, as before


def test_find_template_reads_only_the_chosen_templates_meta(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user"
    _template(user, "mine", meta="title: {en: Mine}\n")
    _template(user, "other", meta="title: {en: Other}\n")
    read: list[str] = []
    original = engine._read_meta
    monkeypatch.setattr(
        engine, "_read_meta", lambda folder: read.append(folder.name) or original(folder)
    )
    assert find_template("mine", user).title("en") == "Mine"
    assert read == ["mine"]


def test_a_template_yaml_is_parsed_once_per_text_and_edits_take_effect(tmp_path: Path) -> None:
    user = tmp_path / "user"
    folder = _template(user, "mine", meta="title: {en: First}\n")
    first = find_template("mine", user)
    assert first.title("en") == "First" and find_template("mine", user) == first
    (folder / "template.yaml").write_text("title: {en: Second}\n", encoding="utf-8")
    assert find_template("mine", user).title("en") == "Second"  # the new text, parsed
    (folder / "template.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert find_template("mine", user).error is not None  # an error is never remembered
    (folder / "template.yaml").write_text("title: {en: First}\n", encoding="utf-8")
    data = engine._parsed_meta("title: {en: First}\n")
    data["title"]["en"] = "changed by a caller"
    assert find_template("mine", user).title("en") == "First"  # callers get copies


@pytest.mark.parametrize("template_id", ["../user/mine", "mine/", "", ".", "no-such-template"])
def test_find_template_never_joins_an_id_to_a_path(tmp_path: Path, template_id: str) -> None:
    user = tmp_path / "user"
    _template(user, "mine")
    with pytest.raises(TemplateError) as caught:
        find_template(template_id, user)
    assert caught.value.code == "documents.no_such_template"
    assert "mine" in caught.value.message.params["known"]


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thawed() -> Iterator[None]:
    """A heap nobody froze, as these tests need it; the storage package freezes what its
    import makes (qms_desktop/storage/__init__.py), so that freeze is made again after."""
    was_frozen = gc.get_freeze_count() > 0
    gc.unfreeze()
    try:
        yield
    finally:
        if was_frozen:
            gc.freeze()


def test_heap_frozen_nests_across_threads_and_still_collects_new_cycles(thawed: None) -> None:
    assert gc.get_freeze_count() == 0
    inside = threading.Event()
    release = threading.Event()

    def other_render() -> None:
        with heap_frozen():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_render)
    with heap_frozen():
        assert gc.get_freeze_count() > 0
        worker.start()
        assert inside.wait(5)
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None  # a cycle made while frozen is collected all the same
    assert gc.get_freeze_count() > 0  # the other render still runs
    release.set()
    worker.join(5)
    assert gc.get_freeze_count() == 0


def test_heap_unfrozen_after_a_render_and_after_a_failed_one(tmp_path: Path, thawed: None) -> None:
    context = {"lang": "en", "organisation": {"name": "Org"}, "document": {}}
    user = tmp_path / "user"
    _template(user, "plain", body="# Title\n\nText {{ organisation.name }}.\n")
    _template(user, "failing", body="{{ 1 / 0 }}\n")
    out = render_document(
        "plain", context, lang="en", fmt="pdf", out_path=tmp_path / "a.pdf", user_dir=user
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert gc.get_freeze_count() == 0
    with pytest.raises(TemplateError):
        render_document(
            "failing", context, lang="en", fmt="docx", out_path=tmp_path / "b.docx", user_dir=user
        )
    assert gc.get_freeze_count() == 0


def test_painted_charts_are_pngs_a_pdf_could_embed_as_they_are() -> None:
    from qms_desktop.documents.charts import conformity_chart, process_network
    from qms_desktop.documents.org_chart import org_chart
    from qms_desktop.documents.pdf_writer import _png_stream

    sketches = [
        conformity_chart([("4", 80.0), ("5", 40.0)], "Conformity by clause"),
        process_network([("Sales", []), ("Delivery", ["Sales"])], "The process network"),
        org_chart([(0, "Director", "Ann"), (1, "Manager", "")], "Chart", "(vacant)"),
    ]
    for sketch in sketches:
        assert _png_stream(sketch.png()) is not None


@pytest.fixture(scope="module")
def manuals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from qms_desktop.services.demo import write_demo
    from qms_desktop.services.documents import _pictures, build_context, chart_images
    from qms_desktop.storage.workspace import Workspace

    folder = tmp_path_factory.mktemp("manuals")
    out: dict[str, object] = {}
    for lang in ("en", "zh_CN"):
        with Workspace.open(write_demo(folder / f"{lang}.qms", lang), read_only=True) as ws:
            context = build_context(ws, "quality-manual", lang)
        images = chart_images(context, lang, _pictures("quality-manual", lang, None))
        out[lang] = engine.build_document(find_template("quality-manual"), lang, context, images)
    return out


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_dry_layout_finds_the_pages_the_drawn_one_does(manuals, lang: str) -> None:
    import io

    from qms_desktop.documents.pdf_writer import _layout, heading_pages

    document = manuals[lang]
    drawn = io.BytesIO()
    pages = _layout(document, drawn, None, draw=True)
    assert drawn.getvalue().startswith(b"%PDF")
    assert heading_pages(document) == pages
    assert len(pages) > 20 and pages[-1] > 5  # the manual's headings over its pages
    dry = io.BytesIO()
    assert _layout(document, dry, None, draw=False) == pages
    assert dry.getvalue() == b""  # laid out only: nothing written


@pytest.mark.parametrize("style_name", ["body", "cell", "cellhead", "h1", "bullet", "toc1"])
@pytest.mark.parametrize(
    "text",
    ["Plain words", "  spaced   out  ", "中文，测试。", "a\u00a0b\tc", "", "   ", "x" * 3000],
)
def test_plain_text_paragraphs_are_what_the_parser_makes(style_name: str, text: str) -> None:
    from reportlab.platypus import Paragraph as RLParagraph

    from qms_desktop.documents.pdf_writer import _paragraph, _register_font, _styles

    _register_font()
    style = _styles()[style_name]
    for bullet in (None, "•"):
        ours = _paragraph(text, style, bullet=bullet)
        parsed = RLParagraph(text, style, bulletText=bullet)
        assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in parsed.frags]
        assert (ours.text, ours.style, ours.bulletText) == (
            parsed.text,
            parsed.style,
            parsed.bulletText,
        )
        assert ours.wrap(200, 800) == parsed.wrap(200, 800)


def test_lines_are_kept_per_width_only() -> None:
    from qms_desktop.documents.pdf_writer import _paragraph, _register_font, _styles

    _register_font()
    paragraph = _paragraph("word " * 60 + "中文" * 40, _styles()["cell"])
    narrow = paragraph.wrap(120, 5000)
    narrow_lines = paragraph.blPara
    assert paragraph.wrap(120, 5000) == narrow and paragraph.blPara is narrow_lines
    wide = paragraph.wrap(400, 5000)
    assert wide[1] < narrow[1] and paragraph.blPara is not narrow_lines
    assert paragraph.wrap(120, 5000) == narrow


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA"])
def test_chart_pngs_hold_the_very_pixels_and_resolution(mode: str) -> None:
    import io

    from PIL import Image, ImageDraw

    from qms_desktop.documents.sketch import png_bytes

    image = Image.new(mode, (333, 101), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([10, 10, 300, 90], radius=12, outline="navy", fill="lightblue", width=3)
    draw.line([(0, 100), (332, 0)], fill="red", width=2)
    back = Image.open(io.BytesIO(png_bytes(image)))
    back.load()
    assert back.mode == image.mode and back.size == image.size
    assert back.tobytes() == image.tobytes()
    assert back.info["dpi"] == pytest.approx((254, 254), abs=0.01)


def test_charts_are_kept_by_what_they_show_and_can_be_forgotten() -> None:
    from qms_desktop.documents.charts import forget_charts
    from qms_desktop.documents.org_chart import org_chart

    roles = [(0, "Director", "Ann"), (1, "Manager", "")]
    first = org_chart(roles, "Chart", "(vacant)")
    assert org_chart(roles, "Chart", "(vacant)") is first
    assert org_chart([*roles, (1, "Clerk", "Bo")], "Chart", "(vacant)") != first
    forget_charts()
    again = org_chart(roles, "Chart", "(vacant)")
    assert again is not first and again == first


def test_a_heap_frozen_before_is_frozen_during_the_render_and_thawed_after(
    thawed: None,
) -> None:
    """The storage import's freeze is part of the heap a render freezes; Python cannot thaw
    part of a heap, so it is thawed with the rest when the render ends."""
    gc.freeze()
    before = gc.get_freeze_count()
    outsider = _Cycle()
    with heap_frozen():
        assert gc.get_freeze_count() > before  # what came after the earlier freeze too
        with heap_frozen():  # nested: nothing thawed before the outer one ends
            pass
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
    gone = weakref.ref(outsider)
    del outsider
    gc.collect()
    assert gone() is None  # collectable again


def test_pdf_object_text_is_encoded_as_reportlabs_codec_does() -> None:
    from qms_desktop.documents.pdf_writer import _pdfdoc_encoded, _register_font

    _register_font()
    samples = [chr(c) for c in range(0x20, 0x7F)] + [
        "123.45",
        "/Widths",
        "(a) [b] <c>",
        "",
        "tab\\there",
        "line\nbreak",
        "\x18\x1f",
        "é café",
        "€ — “quoted”",
    ]

    def outcome(encode, text: str) -> object:  # type: ignore[no-untyped-def]
        try:
            return encode(text)
        except UnicodeEncodeError as exc:  # the codec refuses some control characters
            return type(exc)

    for text in samples:
        assert outcome(_pdfdoc_encoded, text) == outcome(lambda t: t.encode("extpdfdoc"), text), (
            repr(text)
        )
    assert _pdfdoc_encoded(b"\x00bytes") == b"\x00bytes"
