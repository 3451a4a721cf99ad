"""Build resources/fonts/NotoSansSC-Bold-GB2312.ttf, the bold face of our PDFs.

reportlab embeds only TrueType outlines, and every free Chinese bold face (Noto Sans CJK /
Source Han Sans, OFL 1.1) ships with CFF outlines. This script takes Noto Sans CJK SC Bold
(Debian's fonts-noto-cjk), keeps Latin, punctuation, the fullwidth forms and every character
of GB 2312 (the 6 763 common hanzi and its symbols), and converts the outlines to TrueType
(cubic to quadratic, 1 unit tolerance). Result: about 4 MB instead of 18 MB of the whole
collection; a bold character outside it is printed in the regular face (see pdf_writer).

    apt-get install fonts-noto-cjk && pip install fonttools
    python packaging/make_bold_font.py [path/to/NotoSansCJK-Bold.ttc]

fontTools is needed only here, never at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
TARGET = ROOT / "resources" / "fonts" / "NotoSansSC-Bold-GB2312.ttf"
RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x2010, 0x206F),
    (0x2100, 0x215F),
    (0x2190, 0x21FF),
    (0x2460, 0x24FF),
    (0x2500, 0x257F),
    (0x25A0, 0x25FF),
    (0x2600, 0x26FF),
    (0x3000, 0x303F),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
]


def gb2312() -> set[int]:
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def main() -> int:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    font = next(
        f
        for f in TTCollection(str(source)).fonts
        if f["name"].getDebugName(1) == "Noto Sans CJK SC"
    )
    codes = gb2312() | {c for lo, hi in RANGES for c in range(lo, hi + 1)}
    options = subset.Options()
    options.layout_features = ["kern"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "BASE", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codes))
    subsetter.subset(font)

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(TARGET))
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.1f} MB, {len(order)} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
