"""A document's context reads only the parts its template can name (issue 17: the quality
manual read every Operate record, two thirds of its context): every built-in template, in
both languages, gives the very same text and pictures as with the whole context; a user's
template naming a part in an included file, or one that cannot be read, gets it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qms_desktop.documents.engine import (
    find_template,
    list_templates,
    render_markup,
    template_pictures,
)
from qms_desktop.services import documents
from qms_desktop.services.documents import build_context, chart_images
from qms_desktop.storage.workspace import Workspace

PARTS = ("operate", "quality_cost", "review", "internal_audit", *documents.ALLOCATION_KEYS)


def whole(ws: Workspace, template_id: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    with monkeypatch.context() as m:
        m.setattr(documents, "template_words", lambda *_a: None)
        return build_context(ws, template_id, lang, builtin_only=True)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("template_id", [t.id for t in list_templates(None)])
def test_every_template_reads_what_it_names_and_makes_the_same_document(
    demos: dict[str, Path], template_id: str, lang: str, monkeypatch: pytest.MonkeyPatch
):
    info = find_template(template_id)
    assert lang in info.languages  # every built-in template is in both languages
    ws = Workspace.open(demos[lang], read_only=True)
    try:
        full = whole(ws, template_id, lang, monkeypatch)
        lean = build_context(ws, template_id, lang, builtin_only=True)
        assert render_markup(info, lang, lean) == render_markup(info, lang, full)
        pictures = template_pictures(info, lang)
        assert chart_images(lean, lang, pictures) == chart_images(full, lang, pictures)
        left_out = {k for k in PARTS if k not in lean}
        for key in left_out:  # what is left out, the template's sources never name
            assert key not in documents.template_words(template_id, None)  # type: ignore[operator]
    finally:
        ws.close()


def test_the_quality_manual_leaves_the_operate_records_and_the_earlier_assessment_out(
    demos: dict[str, Path],
):
    ws = Workspace.open(demos["en"], read_only=True)
    try:
        context = build_context(ws, "quality-manual", "en", builtin_only=True)
        gap_report = build_context(ws, "gap-report", "en", builtin_only=True)
    finally:
        ws.close()
    assert {"operate", "review", "quality_cost", "internal_audit"}.isdisjoint(context)
    assert "basic_work" in context  # its cross-reference reads the basic management work
    # nor the earlier assessment and the comparison with it, which the gap report shows
    assert context["previous"] is None and context["comparison"] is None
    assert gap_report["previous"] is not None and gap_report["comparison"] is not None


def _user_template(root: Path, body: str, include: str | None = None) -> Path:
    folder = root / "templates" / "my-review"
    shutil.copytree(find_template("management-review-report").folder, folder)
    (folder / "template.yaml").write_text(
        (folder / "template.yaml")
        .read_text("utf-8")
        .replace("management-review-report", "my-review"),
        encoding="utf-8",
    )
    for lang_file in folder.glob("*.md.j2"):
        lang_file.write_text(body, encoding="utf-8")
    if include is not None:
        (folder / "part.j2").write_text(include, encoding="utf-8")
    return root / "templates"


def test_a_part_named_only_in_an_included_file_is_read(demos: dict[str, Path], tmp_path: Path):
    user_dir = _user_template(
        tmp_path, "# Mine\n\n{% include 'part.j2' %}\n", "{{ review | length }}\n"
    )
    ws = Workspace.open(demos["en"], read_only=True)
    try:
        context = build_context(ws, "my-review", "en", user_dir=user_dir)
    finally:
        ws.close()
    assert context["review"]
    assert "operate" not in context


def test_a_template_whose_source_cannot_be_read_gets_everything(
    demos: dict[str, Path], tmp_path: Path
):
    user_dir = _user_template(tmp_path, "# Mine\n", include=None)
    (user_dir / "my-review" / "broken.j2").write_bytes(b"\xff\xfe not text")
    ws = Workspace.open(demos["en"], read_only=True)
    try:
        context = build_context(ws, "my-review", "en", user_dir=user_dir)
    finally:
        ws.close()
    assert set(PARTS) <= context.keys()


def test_builtin_only_ignores_a_users_template_of_the_same_id(
    demos: dict[str, Path], tmp_path: Path
):
    root = tmp_path / "templates"
    folder = root / "quality-manual"
    shutil.copytree(find_template("quality-manual").folder, folder)
    for lang_file in folder.glob("*.md.j2"):
        lang_file.write_text("# Mine\n\n{{ operate | length }}\n", encoding="utf-8")
    ws = Workspace.open(demos["en"], read_only=True)
    try:
        users = build_context(ws, "quality-manual", "en", user_dir=root)
        builtin = build_context(ws, "quality-manual", "en", user_dir=root, builtin_only=True)
    finally:
        ws.close()
    assert "operate" in users
    assert "operate" not in builtin
