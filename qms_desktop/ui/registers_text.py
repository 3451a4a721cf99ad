"""What the registers' fields and choices are called on screen, in the interface language.

The words live once, as data, in domain.register_labels (the spreadsheets and the auditor's
package use the same table), so the screen, an exported sheet and a package never disagree."""

from __future__ import annotations

from qms_desktop.domain.register_labels import CHOICE_LABELS, FIELD_LABELS, REGISTER_TITLES
from qms_desktop.ui.operations import ui_language


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if ui_language() == "zh_CN" else pair[0]


def list_separator() -> str:
    """Between the names of a list in a cell: 、 in Chinese, a comma in English."""
    return "、" if ui_language() == "zh_CN" else ", "


def field_label(register: str, name: str) -> str:
    pair = FIELD_LABELS.get((register, name))
    return _pick(pair) if pair else name.replace("_", " ")


def choice_label(value: str) -> str:
    pair = CHOICE_LABELS.get(value)
    return _pick(pair) if pair else value


def register_title(register: str) -> str:
    pair = REGISTER_TITLES.get(register)
    return _pick(pair) if pair else register.replace("_", " ")
