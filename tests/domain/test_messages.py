"""Every error a user can meet is a code in one table, in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from qms_desktop.domain import messages
from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.messages import Message, placeholders

ROOT = Path(__file__).resolve().parents[2] / "qms_desktop"

# Every exception class whose first (or, for ValidationError, second) argument is a code.
ERROR_CLASSES = {
    "QmsError",
    "WorkspaceError",
    "WorkspaceReadOnlyError",
    "UsageError",
    "ExchangeError",
    "LibraryError",
    "TemplateError",
    "DocumentError",
}


def _raised_codes() -> list[tuple[str, int, str]]:
    """(file, line, code) of every `SomeError("code", ...)` and `Message("code", ...)`."""
    found: list[tuple[str, int, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id
                if isinstance(node.func, ast.Name)
                else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
            )
            if name in ERROR_CLASSES or name == "Message":
                index = 0
            elif name == "ValidationError":
                index = 1
            else:
                continue
            if len(node.args) <= index:
                if name == "Message" and not node.args:
                    continue
                found.append((str(path.relative_to(ROOT)), node.lineno, "<no code>"))
                continue
            arg = node.args[index]
            code = (
                arg.value
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                else "<not a literal>"
            )
            found.append((str(path.relative_to(ROOT)), node.lineno, code))
    return found


def test_every_raised_code_is_in_the_table() -> None:
    table = messages.table()
    bad = [
        f"{f}:{line}: {code}"
        for f, line, code in _raised_codes()
        if code not in table and code != "<not a literal>"
    ]
    assert not bad, "codes missing from the message table:\n" + "\n".join(bad)


def test_codes_are_literals_not_sentences() -> None:
    # A dynamic code is allowed only where the code is chosen from the table (checked by name).
    bad = [
        f"{f}:{line}: {code}"
        for f, line, code in _raised_codes()
        if code == "<no code>"
        or (code != "<not a literal>" and (" " in code or code != code.lower()))
    ]
    assert not bad, "errors raised with a sentence instead of a code:\n" + "\n".join(bad)


def test_both_languages_have_the_same_placeholders() -> None:
    for code, (en, zh) in messages.table().items():
        assert en.strip() and zh.strip(), code
        assert placeholders(en) == placeholders(zh), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (
            f"{code}: the Chinese sentence has no Chinese"
        )


def test_an_error_renders_in_each_language_with_nested_messages() -> None:
    code, (en, _) = next((c, p) for c, p in messages.table().items() if not placeholders(p[0]))
    exc = QmsError(code)
    assert str(exc) == en
    assert exc.text("zh_CN") == messages.table()[code][1]
    # parameters are text, never format strings: braces in user text survive as they are
    nested = Message(code)
    rendered = messages.render("core.wrapped_for_test", {"x": nested}, "zh_CN")
    assert rendered.startswith("core.wrapped_for_test")  # unknown code: shown, never a crash


def test_a_validation_error_names_its_field() -> None:
    code = next(iter(messages.table()))
    exc = ValidationError("name", code)
    assert exc.field == "name" and exc.code == code


def test_user_text_in_parameters_is_never_formatted() -> None:
    code = next((c for c, (en, _) in messages.table().items() if placeholders(en)), None)
    if code is None:
        pytest.fail("the table has no sentence with a parameter")
    name = sorted(placeholders(messages.table()[code][0]))[0]
    text = messages.render(code, {name: "{0} {__class__} {{x}}"}, "en")
    assert "{0} {__class__} {{x}}" in text
