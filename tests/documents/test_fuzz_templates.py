"""Templates and template.yaml from a user's folder can hold anything (hypothesis, bounded):
random template text renders or gives one TemplateError naming the template; random
template.yaml text lists the template as usable or as broken, never breaking the list."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qms_desktop.documents.engine import list_templates
from qms_desktop.documents.errors import TemplateError
from qms_desktop.documents.sandbox import render

EXAMPLES = int(os.environ.get("QMS_FUZZ_EXAMPLES", "80"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
PIECES = st.sampled_from(
    [
        "{{ ",
        " }}",
        "{% ",
        " %}",
        "{# ",
        " #}",
        "for x in ",
        "range(",
        "10**",
        "*",
        "'x'",
        "org.name",
        "include ",
        "extends ",
        "'en.md.j2'",
        "self",
        "__class__",
        "|join",
        "|replace('a','b')",
        "%s",
        "\n",
        "endfor",
        "if ",
        "endif",
        "set y = ",
        "macro m()",
        "endmacro",
        "lipsum(",
        "cycler",
        "loop.",
        ".mro()",
        "[0]",
        "(",
        ")",
        "x",
        "1",
        "# Heading\n",
        "| a | b |\n",
        "::: doccontrol\n",
        "<img src=/etc/passwd>",
    ]
)
SOURCE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@FUZZ
@given(source=SOURCE)
def test_random_template_text_renders_or_is_one_clear_error(tmp_path_factory, source: str):
    folder = tmp_path_factory.mktemp("tpl")
    (folder / "en.md.j2").write_text(source, encoding="utf-8", errors="surrogatepass")
    try:
        out = render(folder, "en.md.j2", "fuzz", {"org": {"name": "Acme"}}, time_limit=5.0)
    except TemplateError as exc:
        assert "fuzz" in exc.text("en") or exc.code.startswith("documents.")
        assert exc.text("zh_CN")
    else:
        assert isinstance(out, str) and len(out) <= 20 * 1024 * 1024


@FUZZ
@given(
    meta=st.one_of(
        st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
    )
)
def test_any_template_yaml_leaves_the_list_working(tmp_path_factory, meta: str):
    user = tmp_path_factory.mktemp("user")
    folder = user / "mine"
    folder.mkdir()
    (folder / "en.md.j2").write_text("# Hi\n", encoding="utf-8")
    (folder / "template.yaml").write_text(meta, encoding="utf-8", errors="surrogatepass")
    listed = {t.id: t for t in list_templates(user)}
    assert "quality-manual" in listed and listed["quality-manual"].error is None
    mine = listed["mine"]
    if mine.error is not None:
        assert mine.error.text("zh_CN") and mine.error.text("en")
