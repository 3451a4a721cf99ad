"""Build resources/fonts/DejaVuSans-Quotes.ttf and DejaVuSans-Bold-Quotes.ttf: the curly
quotes of English PDFs.

Our PDF faces (WenQuanYi Micro Hei, Noto Sans SC Bold) draw the curly quotes ‘ ’ “ ” full-width,
as Chinese typesetting wants them; in Latin text that leaves a wide gap on one side of each
quote. English documents print those characters in these two tiny subsets of DejaVu Sans
(Debian's fonts-dejavu-core; Bitstream Vera licence with public-domain changes, record in
DejaVu.LICENSE-copyright.txt): the single and double quotation marks and the primes, a few KB.

    apt-get install fonts-dejavu-core && pip install fonttools
    python packaging/make_quote_font.py

fontTools is needed only here, never at run time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
SOURCES = {
    "DejaVuSans-Quotes.ttf": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "DejaVuSans-Bold-Quotes.ttf": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}
LICENCE = Path("/usr/share/doc/fonts-dejavu-core/copyright")
# ‘ ’ ‚ ‛ “ ” „ ‟ and the primes ′ ″ (feet and inches, minutes and seconds)
CODEPOINTS = [*range(0x2018, 0x2020), 0x2032, 0x2033]


def main() -> int:
    from fontTools import subset

    for name, source in SOURCES.items():
        options = subset.Options()
        options.layout_features = []
        options.name_IDs = ["*"]  # keep the copyright and licence names
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=CODEPOINTS)
        subsetter.subset(font)
        subset.save_font(font, str(FONTS / name), options)
        print(f"{name}: {(FONTS / name).stat().st_size} bytes")
    shutil.copyfile(LICENCE, FONTS / "DejaVu.LICENSE-copyright.txt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
