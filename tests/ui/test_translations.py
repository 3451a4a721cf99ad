"""Every visible string has a Chinese translation, and the compiled .qm is current."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_i18n():
    spec = importlib.util.spec_from_file_location("i18n", ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_translations_complete_and_compiled():
    problems = load_i18n().problems()
    assert problems == []


def test_cjk_font_is_bundled_and_registered(qapp):
    from PySide6.QtGui import QFontDatabase

    from qms_desktop.paths import CJK_FONT
    from qms_desktop.ui.i18n import register_cjk_font

    assert CJK_FONT.exists() and (CJK_FONT.parent / "wqy-microhei.LICENSE-copyright.txt").exists()
    family = register_cjk_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert family in QFontDatabase.families()
    assert family in qapp.font().families()
