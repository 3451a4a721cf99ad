"""The one table of sentences shown to users for errors, in English and Simplified Chinese.

Each area of the code keeps its sentences in a `messages_<area>` module beside this one
(a dict code -> (English, Chinese)); `TABLE` is their union and a test proves that every
code raised anywhere is in it, in both languages, with the same placeholders."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LANGS = ("en", "zh_CN")


@dataclass(frozen=True)
class Message:
    """A sentence not yet put into words: a code from the table and its parameters."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(self.code, self.params, lang)


@dataclass(frozen=True)
class Words(Message):
    """Words that exist in both languages already (a register's field name, as the
    spreadsheets print it): put into a sentence as a parameter, shown in the sentence's
    language. Not a sentence of the table."""

    def text(self, lang: str = "en") -> str:
        return str(self.params["zh" if lang == "zh_CN" else "en"])


def words(pair: tuple[str, str]) -> Words:
    """(English, Chinese) as a parameter of a sentence."""
    return Words("", {"en": pair[0], "zh": pair[1]})


class _Params(dict[str, Any]):
    """Parameters for str.format_map: nested Messages in the same language, lists joined."""

    def __init__(self, params: Mapping[str, object], lang: str) -> None:
        super().__init__(params)
        self.lang = lang

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, Message):
            return value.text(self.lang)
        if isinstance(value, list | tuple | set | frozenset):
            sep = "、" if self.lang == "zh_CN" else ", "
            return sep.join(x.text(self.lang) if isinstance(x, Message) else str(x) for x in value)
        return value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _table() -> dict[str, tuple[str, str]]:
    from qms_desktop.domain import (
        messages_actions,
        messages_allocation,
        messages_attachments,
        messages_audit,
        messages_backups,
        messages_circles,
        messages_core,
        messages_cost,
        messages_document_control,
        messages_documents,
        messages_exchange,
        messages_libraries,
        messages_operate,
        messages_package,
        messages_policy,
        messages_review,
        messages_steps,
        messages_storage,
    )

    table: dict[str, tuple[str, str]] = {}
    for module in (
        messages_core,
        messages_storage,
        messages_libraries,
        messages_documents,
        messages_exchange,
        messages_package,
        messages_backups,
        messages_allocation,
        messages_steps,
        messages_attachments,
        messages_operate,
        messages_document_control,
        messages_circles,
        messages_review,
        messages_audit,
        messages_cost,
        messages_actions,
        messages_policy,
    ):
        for code, pair in module.MESSAGES.items():
            if code in table:
                raise RuntimeError(f"message code {code!r} is defined twice")
            table[code] = pair
    return table


_TABLE: dict[str, tuple[str, str]] | None = None


def table() -> dict[str, tuple[str, str]]:
    global _TABLE
    if _TABLE is None:
        _TABLE = _table()
    return _TABLE


def render(code: str, params: Mapping[str, object], lang: str = "en") -> str:
    """The sentence for `code` in `lang`; an unknown code shows itself with its parameters
    (a bug, caught by the tests, never a crash while showing an error)."""
    pair = table().get(code)
    if pair is None:
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({shown})" if shown else code
    template = pair[1] if lang == "zh_CN" else pair[0]
    try:
        return string.Formatter().vformat(template, (), _Params(params, lang))
    except (ValueError, IndexError, KeyError, TypeError):
        return template


def placeholders(template: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }
