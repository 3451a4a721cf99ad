"""Help in both languages: the guide (F1 opens the page for where you are), the method, the
first-run tour, What's new, and the web copy of the guide in docs/guide/."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication

from qms_desktop.domain.steps import Step
from qms_desktop.ui.help.guide import (
    CONTEXT_PAGES,
    GUIDE,
    LANGUAGES,
    PAGES,
    TOUR,
    page_markdown,
    page_title,
    tour_screens,
)
from qms_desktop.ui.help.viewer import GuideWindow
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS
from qms_desktop.ui.settings import AppSettings
from qms_desktop.ui.steps.guidance import progress_rule

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


def shown_text(window: MainWindow) -> str:
    guide = window.menus.help.guide
    assert guide is not None and guide.isVisible()
    return guide.browser.toPlainText()


def test_every_page_exists_in_both_languages_and_nothing_else(qtbot):
    for lang in LANGUAGES:
        files = {p.stem for p in (GUIDE / lang).glob("*.md")}
        assert files == {*PAGES, TOUR}, lang
        for slug in PAGES:
            assert page_title(slug, lang) != slug, (lang, slug)
    # every place F1 can be pressed has a page
    assert set(CONTEXT_PAGES) == {"welcome", *PAGE_KEYS}
    assert set(CONTEXT_PAGES.values()) <= set(PAGES)


def test_links_between_pages_lead_to_pages_of_the_guide(qtbot):
    link = re.compile(r"\]\(([^)]+)\)")
    for lang in LANGUAGES:
        for slug in PAGES:
            for target in link.findall((GUIDE / lang / f"{slug}.md").read_text("utf-8")):
                assert target.removesuffix(".md") in PAGES, (lang, slug, target)


def test_f1_on_the_compare_page_opens_the_compare_page_of_the_guide(
    qtbot, window: MainWindow, demo_file: Path
):
    assert window.menus.guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.open_path(demo_file)
    window.go_to("compare")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.menus.help.guide
    qtbot.waitUntil(lambda: guide is not None and guide.isVisible())
    assert guide.current_slug() == "compare"
    text = shown_text(window)
    assert text.startswith("Step 3 · Compare")
    # the step's progress rule is the app's own sentence, put in, not a copy
    assert progress_rule(Step.COMPARE) in text and "[[progress" not in text
    assert guide.contents.currentItem().text() == "Step 3 · Compare"
    window.go_to("refine")
    window.menus.guide.trigger()
    assert guide.current_slug() == "refine"


def test_f1_on_the_welcome_screen_opens_the_way_to_a_first_quality_manual(
    qtbot, window: MainWindow
):
    assert window.help_topic() == "welcome"
    window.menus.guide.trigger()
    assert window.menus.help.guide.current_slug() == "first-manual"
    assert "Your first quality manual" in shown_text(window)


def test_the_chinese_guide_is_in_chinese(qtbot, window: MainWindow, demo_file: Path):
    assert window.open_path(demo_file)
    window.go_to("compare")
    window.set_language("zh_CN")
    window.menus.guide.trigger()
    text = shown_text(window)
    assert text.startswith("第3步 · 对照")
    assert len(HAN.findall(text)) > 300
    assert "进度是最新差距评估中已评估的适用要求所占比例" in text  # from the translation
    guide = window.menus.help.guide
    assert HAN.search(guide.contents.item(0).text())
    # switching the interface back takes the open guide with it, same page
    window.set_language("en")
    qtbot.waitUntil(lambda: shown_text(window).startswith("Step 3"))
    assert guide.current_slug() == "compare"


def test_every_chinese_page_is_chinese_and_every_english_page_english(qtbot):
    for slug in (*PAGES, TOUR):
        zh = page_markdown(slug, "zh_CN", progress_rule)
        en = page_markdown(slug, "en", progress_rule)
        assert len(HAN.findall(zh)) > 0.3 * len(zh.split()) + 40, slug
        assert not HAN.search(en.replace("八步法", "")), slug
        # Chinese paragraphs are not hard-wrapped: a line break inside one shows as a space
        for a, b in zip(zh.splitlines(), zh.splitlines()[1:], strict=False):
            assert not (HAN.search(a[-1:]) and HAN.search(b[:1])), (slug, a, b)


def test_links_in_the_guide_stay_inside_it_and_web_links_go_to_the_browser(
    qtbot, monkeypatch, tmp_path: Path
):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    guide = GuideWindow("en")
    qtbot.addWidget(guide)
    guide.show_page("index")
    guide.browser.follow(QUrl("compare.md"))
    assert guide.current_slug() == "compare"
    guide.browser.backward()
    assert guide.current_slug() == "index"
    secret = tmp_path / "secret.md"
    secret.write_text("# secret", encoding="utf-8")
    guide.browser.follow(QUrl.fromLocalFile(str(secret)))
    guide.browser.follow(QUrl("ftp://example.org/x.md"))
    assert guide.current_slug() == "index" and "secret" not in guide.browser.toPlainText()
    guide.browser.follow(QUrl("https://www.iso.org/standard/62085.html"))
    assert opened == [QUrl("https://www.iso.org/standard/62085.html")]
    # no resource outside the guide is read (images, style sheets, other files)
    assert guide.browser.loadResource(2, QUrl("https://example.org/x.png")) is None
    assert guide.browser.loadResource(2, QUrl.fromLocalFile(str(secret))) is None


def test_the_help_menu_keeps_its_items_and_opens_method_and_whats_new(qtbot, window: MainWindow):
    menus = window.menus
    actions = [a for a in menus.menu_help.actions() if not a.isSeparator()]
    assert actions == [
        menus.guide,
        menus.method,
        menus.tour,
        menus.whats_new,
        menus.open_log_folder,
        menus.about,
    ]
    menus.method.trigger()
    assert menus.help.guide.current_slug() == "method"
    assert "Summarise" in shown_text(window) and "Operate" in shown_text(window)
    menus.whats_new.trigger()
    assert menus.help.guide.current_slug() == "whats-new"


def test_the_tour_shows_once_on_the_first_run_and_can_be_skipped(
    qtbot, window: MainWindow, settings: QSettings
):
    help_ = window.menus.help
    assert not window.settings.tour_shown
    tour = help_.show_tour_on_first_run()
    assert tour is not None and tour.isVisible()
    assert 3 <= len(tour.screens) <= 4
    assert "Welcome to QMS Desktop" in tour.text.toPlainText()
    assert tour.position.text() == f"1 of {len(tour.screens)}"
    tour.next.click()
    assert "Eight steps" in tour.text.toPlainText()
    tour.skip.click()
    assert not tour.isVisible()
    # remembered in the settings: not shown on the next start
    assert AppSettings(settings).tour_shown
    assert help_.show_tour_on_first_run() is None
    # Help → Take the Tour shows it again; its last screen leads to the guide
    window.menus.tour.trigger()
    tour = help_.tour
    for _ in range(len(tour.screens) - 1):
        tour.next.click()
    assert tour.guide.isVisible() and not tour.skip.isVisible()
    tour.guide.click()
    assert not tour.isVisible() and help_.guide.current_slug() == "first-manual"
    # a test (or a user) can reset it
    window.settings.tour_shown = False
    assert help_.show_tour_on_first_run() is not None
    help_.tour.close()


def test_the_tour_in_chinese(qtbot):
    screens = tour_screens("zh_CN")
    assert len(screens) == len(tour_screens("en"))
    assert all(HAN.search(s) for s in screens)


def test_the_shortcuts_page_names_every_shortcut_of_the_menus(qtbot, window: MainWindow):
    text = (GUIDE / "en" / "shortcuts.md").read_text("utf-8")
    zh = (GUIDE / "zh_CN" / "shortcuts.md").read_text("utf-8")
    seen = 0
    for action in window.findChildren(type(window.menus.guide)):
        names = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]
        if names:  # (platforms add their own, e.g. Alt+Backspace for undo: one is enough)
            seen += 1
            assert any(name in text and name in zh for name in names), (action.text(), names)
    assert seen >= 15


def test_the_web_guide_in_docs_is_generated_from_the_source_and_current(qtbot):
    import sys

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import guide_docs
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert QApplication.instance() is not None
    assert guide_docs.stale() == [], "run: python packaging/guide_docs.py"
    web = (ROOT / "docs" / "guide" / "zh_CN" / "compare.md").read_text("utf-8")
    assert "进度是最新差距评估中已评估的适用要求所占比例" in web and "[[progress" not in web
