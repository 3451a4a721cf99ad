"""Make the icon files from their SVG sources in resources/icons/ (run after editing an SVG;
the results are committed, so a build needs neither this script nor an SVG renderer).

    python packaging/make_icons.py

For each source NAME.svg: NAME-16.png … NAME-512.png (Linux hicolor theme, the window
icon), NAME.ico (Windows: 16–256) and NAME.icns (macOS: 16–1024).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCES = ("qms-desktop", "qms-workspace")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make(name: str) -> list[Path]:
    from PIL import Image

    svg = ICONS / f"{name}.svg"
    written = []
    for size in PNG_SIZES:
        target = ICONS / f"{name}-{size}.png"
        target.write_bytes(render_png(svg, size))
        written.append(target)
    # Each size rendered from the vector source (not scaled down from one bitmap): small
    # sizes stay crisp.
    images = {size: Image.open(io.BytesIO(render_png(svg, size))) for size in (*ICO_SIZES, 1024)}
    ico = ICONS / f"{name}.ico"
    images[256].save(ico, sizes=[(s, s) for s in ICO_SIZES], append_images=list(images.values()))
    icns = ICONS / f"{name}.icns"
    images[1024].save(icns, append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    return [*written, ico, icns]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for name in SOURCES:
        for path in make(name):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
