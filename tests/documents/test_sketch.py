"""Charts are sketches: painted as PNG for the DOCX, drawn as vectors in the PDF, both from
the same operations, so the two formats show the same chart and the PDF's chart text is
real, searchable text."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from qms_desktop.documents.model import Image
from qms_desktop.documents.sketch import Sketch
from qms_desktop.documents.text import one_line

NAVY = (31, 58, 95)


def _pdf_words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) per word of the first page, in points from the top."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    ):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        words.append((m.group(5), x0, y0, x1, y1))
    return words


def _sketch_pdf(sketch: Sketch, path: Path, width: float) -> None:
    """The sketch alone on an A4 page, its top left corner at (72, 72) points."""
    from reportlab.pdfgen.canvas import Canvas

    from qms_desktop.documents.pdf_writer import FONT, _register_font

    _register_font()
    canvas = Canvas(str(path), pagesize=(595.27, 841.89))
    height = width * sketch.height / sketch.width
    canvas.translate(72, 841.89 - 72 - height)
    sketch.draw_on(canvas, FONT, width)
    canvas.save()


def _ink_box(image, colour: tuple[int, int, int]) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """The bounding box of the pixels close to `colour` (anti-aliased edges left out)."""
    from PIL import Image as PILImage
    from PIL import ImageChops

    solid = PILImage.new("RGB", image.size, colour)
    diff = ImageChops.difference(image, solid).convert("L").point(lambda v: 255 if v < 60 else 0)
    box = diff.getbbox()
    assert box is not None
    return box


def test_text_sits_where_pillow_puts_it_for_every_anchor() -> None:
    """The sketch stores text at its baseline; painted, it lands where Pillow's own anchor
    would have put it (the charts were drawn with Pillow's anchors)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    for anchor in ("la", "ma", "mm", "lm", "rm", "ra"):
        sketch = Sketch(600, 200)
        font = sketch.font(26)
        sketch.text((300, 100), "Quality 质量 gy", fill=(0, 0, 0), font=font, anchor=anchor)
        ours = sketch.paint()
        direct = PILImage.new("RGB", (600, 200), "white")
        pillow_font = font._face
        ImageDraw.Draw(direct).text(
            (300, 100), "Quality 质量 gy", fill=(0, 0, 0), font=pillow_font, anchor=anchor
        )
        a = _ink_box(ours, (0, 0, 0))
        b = _ink_box(direct, (0, 0, 0))
        assert all(abs(p - q) <= 1 for p, q in zip(a, b, strict=True)), (anchor, a, b)


def test_the_pdf_draws_the_same_chart_as_the_png(tmp_path: Path) -> None:
    """Text and boxes land at the same places (scaled) in the painted PNG and the PDF."""
    from PIL import Image as PILImage

    sketch = Sketch(1500, 500)
    font = sketch.font(40)
    sketch.rectangle([100, 100, 700, 300], fill=(232, 240, 250), outline=NAVY, width=4)
    sketch.text((400, 200), "Reservation", fill=(20, 20, 20), font=font, anchor="mm")
    sketch.text((1400, 400), "右对齐", fill=(20, 20, 20), font=font, anchor="rm")
    png = PILImage.open(io.BytesIO(sketch.png())).convert("RGB")
    assert png.size == (1500, 500) and png.info["dpi"][0] == pytest.approx(254, abs=0.01)
    assert abs(_ink_box(png, NAVY)[0] - 100) <= 1  # the box's left edge

    pdf = tmp_path / "s.pdf"
    width = 15 / 2.54 * 72  # 1500 px at 254 dpi
    _sketch_pdf(sketch, pdf, width)
    scale = width / 1500
    words = {w[0]: w[1:] for w in _pdf_words(pdf)}
    x0, y0, x1, y1 = words["Reservation"]
    assert (x0 + x1) / 2 == pytest.approx(72 + 400 * scale, abs=1.5)  # centred on x = 400 px
    assert (y0 + y1) / 2 == pytest.approx(72 + 200 * scale, abs=2.5)  # and on y = 200 px
    x0, _, x1, _ = words["右对齐"]
    assert x1 == pytest.approx(72 + 1400 * scale, abs=1.5)  # right-aligned at 1400 px
    # the painted PNG: the same word centred at the same place
    left, top, right, bottom = _ink_box(png.crop((100, 100, 700, 300)), (20, 20, 20))
    assert (left + right) / 2 + 100 == pytest.approx(400, abs=3)
    assert (top + bottom) / 2 + 100 == pytest.approx(200, abs=6)


@pytest.mark.parametrize(
    "label",
    [
        "<b>bold</b> & <font color=red>x</font>",
        "{{ 7*7 }} {% if %}",
        "line\nbreak\u2028and\x0bcontrol\x00chars\x1f",
        "emoji 😀 and 中文，标点。",
        "long " * 20_000,
    ],
)
def test_hostile_labels_are_one_line_of_literal_text(tmp_path: Path, label: str) -> None:
    from qms_desktop.documents.org_chart import org_chart

    sketch = org_chart([(0, label, label), (1, "Manager", "")], label, "(vacant)")
    texts = [op[3] for op in sketch.ops if op[0] == "text"]
    assert all("\n" not in t and "\x00" not in t and "\x0b" not in t for t in texts)
    boxed = [t for t in texts if t.endswith("…") or t == one_line(label)]
    assert boxed  # the box label: whole, or cut with an ellipsis to fit
    font = sketch.font(26)
    assert all(sketch.textlength(t, font) <= 1500 for t in texts[1:])
    pdf = tmp_path / "o.pdf"
    _sketch_pdf(sketch, pdf, 400)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    if label.startswith("<b>"):
        assert "<b>bold</b>" in text  # printed, not read as markup
    if label.startswith("{{"):
        assert "{{ 7*7 }}" in text
    assert sketch.png().startswith(b"\x89PNG")


def test_the_quality_manual_pdf_holds_its_charts_as_text_and_lines(demos, tmp_path: Path) -> None:
    """No picture but the logo in the PDF; the chart's words are found in it; the DOCX holds
    the same charts painted."""
    from docx import Document as open_docx
    from pypdf import PdfReader

    from qms_desktop.services.documents import render_workspace_document
    from qms_desktop.storage.workspace import Workspace

    for lang, vacant, name in (("en", "(vacant)", "Sun Hao"), ("zh_CN", "（空缺）", "孙浩")):
        with Workspace.open(demos[lang], read_only=True) as ws:
            pdf = render_workspace_document(
                ws, "quality-manual", lang=lang, fmt="pdf", out_path=tmp_path / f"{lang}.pdf"
            )
            docx = render_workspace_document(
                ws, "quality-manual", lang=lang, fmt="docx", out_path=tmp_path / f"{lang}.docx"
            )
        images = 0
        for page in PdfReader(str(pdf)).pages:
            xobjects = page["/Resources"].get("/XObject") or {}
            images += sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")
        assert images == 1  # the logo on the cover
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert vacant in text and name in text  # the org chart's words
        assert "Linen laundry" in text or "布草洗涤" in text  # the process network's
        assert len(open_docx(str(docx)).inline_shapes) == 3  # logo, org chart, processes


def test_a_tall_chart_is_scaled_to_fit_the_page() -> None:
    from qms_desktop.documents.pdf_writer import _image

    roles = [(min(i, 3), f"Role {i}", "") for i in range(300)]
    from qms_desktop.documents.org_chart import org_chart

    sketch = org_chart(roles, "Chart", "(vacant)")
    flowable = _image(sketch, 500, 700)
    width, height = flowable.wrap(500, 700)
    assert height == pytest.approx(700) and width < 500
    assert width / height == pytest.approx(sketch.width / sketch.height)
    small = _image(Sketch(1500, 300), 1000, 700)  # never wider than at its own resolution
    assert small.wrap(1000, 700)[0] == pytest.approx(1500 * 72 / 254)


def test_an_image_block_takes_bytes_or_a_sketch_never_a_name() -> None:
    sketch = Sketch(10, 10)
    sketch.rectangle([0, 0, 9, 9], fill=(1, 2, 3))
    assert Image(sketch).picture_bytes() == sketch.png()
    assert Image(b"\x89PNG...").picture_bytes() == b"\x89PNG..."
    with pytest.raises(TypeError):
        Image("/etc/passwd")  # type: ignore[arg-type]
    other = Sketch(10, 10)
    other.rectangle([0, 0, 9, 9], fill=(1, 2, 3))
    assert other == sketch and "1 operations" in repr(sketch)
    with pytest.raises(ValueError):
        sketch.text((0, 0), "x", fill=(0, 0, 0), font=sketch.font(10), anchor="xx")


@pytest.mark.parametrize(
    "name", ["客房服务与洗衣及布草管理和质量检查流程（含外包）", "W" * 40, "Check-in"]
)
def test_a_process_name_stays_inside_its_box(name: str) -> None:
    from qms_desktop.documents.charts import process_network

    sketch = process_network([(name, ["Other"]), ("Other", [])], "The process network")
    boxes = [op[1] for op in sketch.ops if op[0] == "rect"]
    labels = [op for op in sketch.ops if op[0] == "text"][1:]  # after the title
    font = sketch.font(22)
    for (_, x, _, text, _, _, _), (x0, _, x1, _) in zip(labels, boxes, strict=True):
        width = sketch.textlength(text, font)
        assert x0 < x - width / 2 and x + width / 2 < x1, text
    assert labels[0][3] == name if len(name) < 10 else labels[0][3].endswith("…")
