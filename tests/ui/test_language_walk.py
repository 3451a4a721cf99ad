"""Translation completeness that cannot be fooled: the whole GUI on the demo organisation
(and every dialog and window it opens),
every page, tab, menu, header, tooltip and the first rows of every table, read in Chinese
must hold no English words, and in English no Chinese (issue 14). Unlike the .ts check,
this also finds strings the translation scanner never saw (tr() inside an f-string, an alias
of translate, text built in Python)."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings

from qms_desktop.app import build_main_window
from tests.ui.language_walk import walk_dialogs, walk_texts

# Names and codes that stay as they are in both languages: products, formats, standards,
# keys, and the language's own name in the language menu.
ALLOWED_WORDS = {
    w.lower()
    for w in (
        "QMS Desktop ISO IEC GB PDF DOCX XLSX CSV YAML JSON OSCAL SHA UTF SERVQUAL Kano QC "
        "Word Excel LibreOffice Ctrl Shift Alt Delete Enter Esc Tab Backspace Home End "
        "PgUp PgDn F1 YYYY MM DD English qms docx xlsx csv pdf"
    ).split()
}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
_CODE = re.compile(r"^[A-Z0-9]{2,8}$")  # document numbers, prefixes, abbreviations (HLH, SWOT)
# file names, template ids, hashes
_FILE_OR_ID = re.compile(
    r"\S+\.(?:qms|pdf|docx|xlsx|csv)\b|\b[a-z0-9]+(?:-[a-z0-9]+)+\b|\b[0-9a-f]{8,}…?"
)
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def english_words(text: str) -> list[str]:
    text = _FILE_OR_ID.sub(" ", text)
    return [
        w
        for w in _LATIN_WORD.findall(text)
        if w.lower() not in ALLOWED_WORDS and not _CODE.match(w)
    ]


def test_the_rules_tell_words_from_codes():
    assert english_words("HLH-QP-04 前厅服务程序 (ISO 9001, SWOT) — gap-report") == []
    assert english_words("按 Delete 清空 · Word (DOCX) · demo-zh_CN-1.qms") == []
    assert english_words("HLH-QM-01-B-zh-cn.pdf: 89e1930c11e04ad0… SHA-256 9f0e") == []
    assert english_words("5 of 5 qualities met") == ["of", "qualities", "met"]
    assert english_words("Complaints") == ["Complaints"]


def _walk(qtbot, tmp_path, lang: str) -> list[tuple[str, str]]:
    settings = QSettings(str(tmp_path / f"settings-{lang}.ini"), QSettings.Format.IniFormat)
    window = build_main_window(settings=settings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    try:
        assert window.open_demo()
        return [*walk_texts(window), *walk_dialogs(window, lang)]
    finally:
        window.controller.close()
        window.languages.apply("en")


def test_the_chinese_interface_shows_no_english_sentence(qtbot, tmp_path):
    texts = _walk(qtbot, tmp_path, "zh_CN")
    assert len(texts) > 1000  # the walk really went through the pages
    assert {w.split("/")[0].split("#")[0] for w, _ in texts if w.startswith("dialog:")} >= {
        "dialog:new_workspace",
        "dialog:guide",
        "dialog:bulk_edit",
    }  # and the dialogs
    assert any(_CHINESE.search(t) for _, t in texts)
    found = sorted({f"{where}: {text[:120]}" for where, text in texts if english_words(text)})
    assert found == []


def test_the_english_interface_shows_no_chinese(qtbot, tmp_path):
    texts = _walk(qtbot, tmp_path, "en")
    assert len(texts) > 1000
    found = sorted(
        {
            f"{where}: {text[:120]}"
            for where, text in texts
            if _CHINESE.search(text) and text != "简体中文"  # the language menu's own name
        }
    )
    assert found == []
