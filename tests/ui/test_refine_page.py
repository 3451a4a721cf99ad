"""The Refine page generates documents off the UI thread and reports the result."""

from pathlib import Path

from qms_desktop.domain.steps import Step
from qms_desktop.ui.main_window import MainWindow


def panel_of(window: MainWindow):
    window.go_to("refine")
    return window.step_pages[Step.REFINE].tabs.widget(0)


def test_generate_a_pdf_and_a_docx(qtbot, window: MainWindow, demo_file: Path, tmp_path: Path):
    assert window.open_path(demo_file)
    panel = panel_of(window)
    ids = [panel.templates.item(i).text() for i in range(panel.templates.count())]
    # one entry per built-in template folder, none left out
    built_in = [d for d in (Path(__file__).parents[2] / "templates").iterdir() if d.is_dir()]
    assert "Quality manual" in ids and len(ids) == len(built_in)
    panel.templates.setCurrentRow(ids.index("Gap analysis report"))
    panel.language.setCurrentIndex(panel.language.findData("zh_CN"))
    assert panel.start(tmp_path / "gap.pdf")
    assert not panel.generate.isEnabled() and panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    assert (tmp_path / "gap.pdf").read_bytes().startswith(b"%PDF")
    assert panel.open_button.isEnabled() and "gap.pdf" in panel.status.text()
    panel.format.setCurrentIndex(panel.format.findData("docx"))
    assert panel.start(tmp_path / "gap")  # the extension is added
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    assert (tmp_path / "gap.docx").exists()


def test_a_failure_is_shown_and_nothing_is_written(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    assert window.open_path(demo_file)
    panel = panel_of(window)
    panel.format.setCurrentIndex(panel.format.findData("docx"))
    panel.reference.setText(str(tmp_path / "missing.dotx"))
    assert panel.start(tmp_path / "out.docx")
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    assert "must be a .docx" in panel.error.text()
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".out-*"))


def test_a_broken_user_template_is_marked_and_its_text_stays_text(
    qtbot, window: MainWindow, demo_file: Path
):
    import shutil

    from qms_desktop.paths import user_templates_dir

    folder = user_templates_dir()
    broken, odd = folder / "broken-one", folder / "odd-title"
    marked = folder / "<b>x<b>"  # a folder named like markup: its error names its path
    try:
        marked.mkdir(parents=True)
        (marked / "en.md.j2").write_text("# Hi\n", encoding="utf-8")
        (marked / "template.yaml").write_text("title: &a {en: x}\nagain: *a\n", encoding="utf-8")
        broken.mkdir(parents=True)
        (broken / "en.md.j2").write_text("# Hi\n", encoding="utf-8")
        (broken / "template.yaml").write_text("title: &a {en: x}\nagain: *a\n", encoding="utf-8")
        odd.mkdir()
        (odd / "en.md.j2").write_text("# Hi\n", encoding="utf-8")
        (odd / "template.yaml").write_text(
            "title: {en: '<b>bold</b> & <i>co</i>'}\n", encoding="utf-8"
        )
        assert window.open_path(demo_file)
        panel = panel_of(window)
        texts = [panel.templates.item(i).text() for i in range(panel.templates.count())]
        assert "Quality manual" in texts  # the built-in ones still work
        row = next(i for i, text in enumerate(texts) if text.startswith("broken-one"))
        assert "⚠" in texts[row] and panel.templates.item(row).toolTip()
        panel.templates.setCurrentRow(row)
        assert "anchors and aliases" in panel.description.text()
        row = texts.index("<b>bold</b> & <i>co</i> ★")
        panel.templates.setCurrentRow(row)
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;" in panel.description.text()
        assert "your own template" in panel.description.text()
        row = next(i for i, text in enumerate(texts) if text.startswith("<b>x<b>"))
        tip = panel.templates.item(row).toolTip()
        assert "&lt;b&gt;x&lt;b&gt;" in tip and "<b>x" not in tip  # shown as written
    finally:
        shutil.rmtree(marked, ignore_errors=True)
        shutil.rmtree(broken, ignore_errors=True)
        shutil.rmtree(odd, ignore_errors=True)
