"""Interface language (Qt translators) and the bundled CJK font."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication

from qms_desktop.paths import CJK_FONT, CJK_FONT_FAMILY, TRANSLATIONS

UI_LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def register_cjk_font(app: QGuiApplication) -> str | None:
    """Register the bundled font so Chinese shows on machines without Chinese fonts,
    and put it behind the platform font as the fallback for CJK glyphs."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = families[0] if families else CJK_FONT_FAMILY
    font = app.font()
    font.setFamilies([font.family(), family])
    app.setFont(font)
    return family


class LanguageSwitcher:
    """Installs our translation and Qt's own for the chosen language, at run time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._ours = QTranslator()
        self._qt = QTranslator()
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Switch to `language` ('en' or 'zh_CN'); Qt sends LanguageChange to every widget."""
        if language not in UI_LANGUAGES:
            language = "en"
        self._app.removeTranslator(self._ours)
        self._app.removeTranslator(self._qt)
        ok = True
        if language != "en":
            ok = self._ours.load(str(TRANSLATIONS / f"qms_desktop_{language}.qm"))
            if ok:
                self._app.installTranslator(self._ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if self._qt.load(f"qtbase_{language}", qt_dir):
                self._app.installTranslator(self._qt)
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English)
        )
        self.language = language
        return ok
