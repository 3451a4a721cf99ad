"""The application and workspace icons exist in every size each platform asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
NAMES = ("qms-desktop", "qms-workspace")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_sizes_are_drawn(name: str, size: int) -> None:
    with Image.open(ICONS / f"{name}-{size}.png") as image:
        assert image.size == (size, size)
        alpha = image.convert("RGBA").getchannel("A")
        lo, hi = alpha.getextrema()
        assert hi == 255 and lo == 0  # a shape on a transparent ground, not a blank square


@pytest.mark.parametrize("name", NAMES)
def test_windows_ico_holds_every_size(name: str) -> None:
    with Image.open(ICONS / f"{name}.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


@pytest.mark.parametrize("name", NAMES)
def test_macos_icns_holds_the_retina_sizes(name: str) -> None:
    with Image.open(ICONS / f"{name}.icns") as icns:
        sizes = set(icns.info["sizes"])
    assert (512, 512, 2) in sizes
    assert (16, 16, 1) in sizes or (16, 16, 2) in sizes


@pytest.mark.parametrize("name", NAMES)
def test_svg_source_is_kept(name: str) -> None:
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_window_icon_is_set_from_the_pngs(qapp) -> None:
    from qms_desktop.app import application_icon, ensure_application

    icon = application_icon()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    assert not ensure_application().windowIcon().isNull()
