import pytest

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.organisation import OrganisationProfile, validate_profile_value


def test_hostile_text_is_kept_as_typed():
    hostile = "\x00\x07 <b>x</b> & {{ 7*7 }} {% if %} ]]> 🙂 مرحبا" + "y" * 100_000
    assert validate_profile_value("scope", hostile) == hostile


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("name", "   ", "needs a name"),
        ("doc_prefix", "has space", "prefix"),
        ("doc_prefix", "X" * 21, "prefix"),
        ("default_language", "fr", "English"),
        ("logo", b"GIF89a....", "PNG or JPEG"),
        ("logo", b"\x89PNG\r\n\x1a\n" + b"0" * (3 * 1024 * 1024), "2 MB"),
        ("nonsense", "x", "no field"),
        ("scope", "x" * 1_000_001, "longer"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(field, value, words):
    with pytest.raises(ValidationError) as exc:
        validate_profile_value(field, value)
    assert words in str(exc.value)


def test_lists_come_from_lines():
    p = OrganisationProfile(services="Rooms\n\n  Food \n", sites="A\nB")
    assert p.service_list == ["Rooms", "Food"]
    assert p.site_list == ["A", "B"]
