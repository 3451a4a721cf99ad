"""Every register, field and choice has a name in both languages, in one table that the GUI,
the spreadsheets and the auditor's package all read."""

import re

from qms_desktop.domain.register_labels import CHOICE_LABELS, FIELD_LABELS, REGISTER_TITLES
from qms_desktop.domain.registers import REGISTERS

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_CODES = {"R", "A", "C", "I"}  # matrix letters keep their letter in both languages


def _bilingual(pair: tuple[str, str]) -> bool:
    en, zh = pair
    return bool(en.strip()) and not _CHINESE.search(en) and bool(_CHINESE.search(zh))


def test_every_register_field_and_choice_is_named_in_both_languages():
    for key, reg in REGISTERS.items():
        assert _bilingual(REGISTER_TITLES[key]), key
        for f in reg.fields:
            assert _bilingual(FIELD_LABELS[(key, f.name)]), (key, f.name)
            for c in f.choices:
                if c:
                    pair = CHOICE_LABELS[c]
                    assert _bilingual(pair) or c in _CODES or c.isdigit() or c in "<=>=", c


def test_the_screen_and_the_package_use_the_same_words():
    from qms_desktop.services import package, register_exchange

    assert package.REGISTER_TITLES is REGISTER_TITLES
    assert register_exchange._words() == (REGISTER_TITLES, FIELD_LABELS, CHOICE_LABELS)


def test_a_text_in_two_languages_falls_back_to_the_other():
    from qms_desktop.domain.requirements import in_language

    assert in_language("Scope", "范围", "zh_CN") == "范围"
    assert in_language("Scope", "范围", "en") == "Scope"
    assert in_language("Scope", "", "zh_CN") == "Scope"
    assert in_language("", "范围", "en") == "范围"
