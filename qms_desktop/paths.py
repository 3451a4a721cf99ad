"""Where the app finds its resources and keeps user data — found one way, from a
source checkout and from a frozen bundle alike."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _bundle_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    override = os.environ.get("QMS_DESKTOP_ROOT")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent


ROOT = _bundle_root()
# The folder the qms_desktop package is imported from (a second Python process started by
# the app puts it on its path; in a bundle no such process is started)
CODE_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
TEMPLATES = ROOT / "templates"
FONTS = RESOURCES / "fonts"
TRANSLATIONS = RESOURCES / "translations"
LIBRARIES = RESOURCES / "libraries"
ICONS = RESOURCES / "icons"
CJK_FONT = FONTS / "wqy-microhei.ttc"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"


def user_data_dir() -> Path:
    """Per-user data folder (user templates, libraries, logs)."""
    override = os.environ.get("QMS_DESKTOP_DATA")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("QMS Desktop", "QMS Desktop"))


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"


def user_libraries_dir() -> Path:
    return user_data_dir() / "libraries"


def demo_dir() -> Path:
    """Where `qms-desktop open --demo` puts its fresh copies of the demo workspace."""
    return user_data_dir() / "demo"
