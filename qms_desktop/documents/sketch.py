"""A chart as drawing operations: recorded once, then painted as a PNG with Pillow (DOCX, and
anything else that wants a picture) or drawn as vectors into a PDF (sharp at any zoom, its
words real text an auditor can search and copy, and no picture to paint and compress).

Coordinates are pixels, origin top left, 1500 px = 15 cm (DPI). The calls are the subset of
Pillow's `ImageDraw` the charts use, so a chart reads as it did when it drew on a Pillow
image; text is measured with the bundled CJK face, the face the PDF writes it in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qms_desktop.documents.text import one_line
from qms_desktop.paths import CJK_FONT

DPI = 254  # charts are 1500 px wide: 15 cm

Colour = tuple[int, int, int]
Point = tuple[float, float]


def _pillow_font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(CJK_FONT), size, index=0)


class SketchFont:
    """The bundled CJK face at a size in pixels, with Pillow's measurements."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._face = _pillow_font(size)
        self.ascent, self.descent = self._face.getmetrics()

    def length(self, text: str) -> float:
        return float(self._face.getlength(text))


class Sketch:
    """Operations in the order drawn. Built by one chart function, then never changed (the
    charts' cache hands the same sketch to every document that shows it)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = int(width)
        self.height = int(height)
        self.ops: list[tuple[Any, ...]] = []
        self._fonts: dict[int, SketchFont] = {}
        self._png: bytes | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sketch):
            return NotImplemented
        return (self.width, self.height, self.ops) == (other.width, other.height, other.ops)

    __hash__ = None  # type: ignore[assignment]  # mutable while it is drawn

    def __repr__(self) -> str:
        return f"Sketch({self.width}x{self.height}, {len(self.ops)} operations)"

    # -- drawing (Pillow's ImageDraw names and arguments) -----------------------------------

    def font(self, size: int) -> SketchFont:
        if size not in self._fonts:
            self._fonts[size] = SketchFont(size)
        return self._fonts[size]

    def textlength(self, text: str, font: SketchFont) -> float:
        return font.length(one_line(text))

    def text(
        self, xy: Point, text: str, fill: Colour, font: SketchFont, anchor: str = "la"
    ) -> None:
        """One line of text; `anchor` as Pillow's: l/m/r horizontally, a (ascender: the
        default), m (middle) or s (baseline) vertically. Control characters and line breaks
        of any kind print as one space: a label is one line in either format."""
        horizontal, vertical = anchor[0], anchor[1]
        if horizontal not in "lmr" or vertical not in "ams":
            raise ValueError(f"anchor {anchor!r}")
        x, y = xy
        # stored at the baseline: Pillow and the PDF then agree where the letters sit
        if vertical == "a":
            y += font.ascent
        elif vertical == "m":
            y += (font.ascent - font.descent) / 2
        self.ops.append(("text", float(x), float(y), one_line(text), fill, font.size, horizontal))

    def line(self, points: Sequence[Point], fill: Colour, width: float = 1) -> None:
        self.ops.append(("line", tuple((float(x), float(y)) for x, y in points), fill, width))

    def rectangle(
        self,
        box: Sequence[float],
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 1,
    ) -> None:
        self.ops.append(("rect", tuple(float(v) for v in box), fill, outline, width, 0.0))

    def rounded_rectangle(
        self,
        box: Sequence[float],
        radius: float,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 1,
    ) -> None:
        self.ops.append(("rect", tuple(float(v) for v in box), fill, outline, width, radius))

    def polygon(self, points: Sequence[Point], fill: Colour) -> None:
        self.ops.append(("polygon", tuple((float(x), float(y)) for x, y in points), fill))

    def ellipse(self, box: Sequence[float], fill: Colour) -> None:
        self.ops.append(("ellipse", tuple(float(v) for v in box), fill))

    def fit(self, text: str, font: SketchFont, room: float) -> str:
        """`text` on one line, cut with an ellipsis to fit `room` pixels."""
        text = one_line(text)
        if font.length(text) <= room:
            return text
        low, high = 0, len(text)  # the longest prefix that fits, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            if font.length(text[:mid].rstrip() + "…") <= room:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + "…"

    # -- output -----------------------------------------------------------------------------

    def png(self) -> bytes:
        """The sketch painted with Pillow, as PNG at DPI (made once)."""
        if self._png is None:
            self._png = png_bytes(self.paint())
        return self._png

    def paint(self) -> Any:
        """The sketch on a white Pillow image (RGB)."""
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (self.width, self.height), "white")
        draw = ImageDraw.Draw(image)
        fonts: dict[int, Any] = {}  # Pillow's faces are not shared between threads
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, text, fill, size, horizontal = op
                if size not in fonts:
                    fonts[size] = _pillow_font(size)
                draw.text((x, y), text, fill=fill, font=fonts[size], anchor=horizontal + "s")
            elif kind == "line":
                _, points, fill, width = op
                draw.line(list(points), fill=fill, width=round(width))
            elif kind == "rect":
                _, box, fill, outline, width, radius = op
                if radius:
                    draw.rounded_rectangle(
                        list(box), radius=radius, fill=fill, outline=outline, width=round(width)
                    )
                else:
                    draw.rectangle(list(box), fill=fill, outline=outline, width=round(width))
            elif kind == "polygon":
                _, points, fill = op
                draw.polygon(list(points), fill=fill)
            elif kind == "ellipse":
                _, box, fill = op
                draw.ellipse(list(box), fill=fill)
        return image

    def draw_on(self, canvas: Any, font_name: str, width: float) -> None:
        """Draw the sketch as vectors on a reportlab canvas, `width` points wide, its lower
        left corner at the canvas's origin; text in the registered face `font_name` (the
        face Pillow measured it with)."""
        scale = width / self.width
        top = self.height * scale

        def at(x: float, y: float) -> tuple[float, float]:
            return x * scale, top - y * scale

        def colour(rgb: Colour, stroke: bool) -> None:
            r, g, b = (v / 255 for v in rgb)
            if stroke:
                canvas.setStrokeColorRGB(r, g, b)
            else:
                canvas.setFillColorRGB(r, g, b)

        canvas.saveState()
        canvas.setLineJoin(1)
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, text, fill, size, horizontal = op
                colour(fill, False)
                canvas.setFont(font_name, size * scale)
                px, py = at(x, y)
                if horizontal == "l":
                    canvas.drawString(px, py, text)
                elif horizontal == "m":
                    canvas.drawCentredString(px, py, text)
                else:
                    canvas.drawRightString(px, py, text)
            elif kind == "line":
                _, points, fill, line_width = op
                colour(fill, True)
                canvas.setLineWidth(line_width * scale)
                path = canvas.beginPath()
                path.moveTo(*at(*points[0]))
                for point in points[1:]:
                    path.lineTo(*at(*point))
                canvas.drawPath(path, stroke=1, fill=0)
            elif kind == "rect":
                _, (x0, y0, x1, y1), fill, outline, line_width, radius = op
                inset = line_width / 2 if outline else 0.0  # Pillow strokes inside the box
                x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
                if fill:
                    colour(fill, False)
                if outline:
                    colour(outline, True)
                    canvas.setLineWidth(line_width * scale)
                left, bottom = at(x0, y1)
                args = (left, bottom, (x1 - x0) * scale, (y1 - y0) * scale)
                if radius:
                    canvas.roundRect(
                        *args, radius * scale, stroke=int(bool(outline)), fill=int(bool(fill))
                    )
                else:
                    canvas.rect(*args, stroke=int(bool(outline)), fill=int(bool(fill)))
            elif kind == "polygon":
                _, points, fill = op
                colour(fill, False)
                path = canvas.beginPath()
                path.moveTo(*at(*points[0]))
                for point in points[1:]:
                    path.lineTo(*at(*point))
                path.close()
                canvas.drawPath(path, stroke=0, fill=1)
            elif kind == "ellipse":
                _, (x0, y0, x1, y1), fill = op
                colour(fill, False)
                canvas.ellipse(*at(x0, y1), *at(x1, y0), stroke=0, fill=1)
        canvas.restoreState()


def png_bytes(image: Any) -> bytes:
    """An RGB or grey Pillow image as PNG at DPI, the same pixels as Pillow's own PNG, in a
    third of its time: every row unfiltered and deflated at the fastest level (Pillow
    tries each filter on every row, most of its time for these flat-coloured charts). The
    PDF writer embeds it as it is."""
    import io
    import struct
    import zlib

    colour = {"RGB": (2, 3), "L": (0, 1)}.get(image.mode)
    if colour is None:  # not drawn by the app: Pillow's own PNG
        out = io.BytesIO()
        image.save(out, "PNG", dpi=(DPI, DPI))
        return out.getvalue()
    width, height = image.size
    stride = width * colour[1]
    raw = image.tobytes()
    rows = b"".join(b"\x00" + raw[i : i + stride] for i in range(0, len(raw), stride))
    per_metre = round(DPI / 0.0254)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour[0], 0, 0, 0)),
            chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            chunk(b"IDAT", zlib.compress(rows, 1)),
            chunk(b"IEND", b""),
        )
    )
