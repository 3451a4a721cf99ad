"""The organisation profile and the rules its fields follow."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qms_desktop.domain.errors import ValidationError

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
MAX_TEXT = 1_000_000
MAX_LOGO_BYTES = 2 * 1024 * 1024
_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")


@dataclass(frozen=True)
class OrganisationProfile:
    name: str = ""
    short_name: str = ""
    address: str = ""
    scope: str = ""
    services: str = ""  # one service per line
    sites: str = ""  # one site per line
    industry: str = ""
    doc_prefix: str = ""
    management_representative: str = ""
    default_language: str = "en"
    logo: bytes | None = field(default=None, repr=False)

    @property
    def service_list(self) -> list[str]:
        return [s.strip() for s in self.services.splitlines() if s.strip()]

    @property
    def site_list(self) -> list[str]:
        return [s.strip() for s in self.sites.splitlines() if s.strip()]


TEXT_FIELDS = (
    "name",
    "short_name",
    "address",
    "scope",
    "services",
    "sites",
    "industry",
    "doc_prefix",
    "management_representative",
    "default_language",
)
PROFILE_FIELDS = TEXT_FIELDS + ("logo",)


def image_kind(data: bytes) -> str | None:
    """The image format of `data` by its magic bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def validate_profile_value(name: str, value: object) -> object:
    """Return the value to store for profile field `name`, or raise ValidationError."""
    if name not in PROFILE_FIELDS:
        raise ValidationError(name, "core.no_such_field", field=name)
    if name == "logo":
        if value is None or value == b"":
            return None
        if not isinstance(value, bytes):
            raise ValidationError(name, "core.logo_not_image")
        if len(value) > MAX_LOGO_BYTES:
            raise ValidationError(name, "core.logo_too_large", limit_mb=MAX_LOGO_BYTES // 1048576)
        if image_kind(value) is None:
            raise ValidationError(name, "core.logo_not_image")
        return value
    if not isinstance(value, str):
        raise ValidationError(name, "core.must_be_text")
    if len(value) > MAX_TEXT:
        raise ValidationError(name, "core.text_too_long", limit=MAX_TEXT)
    if name == "name" and not value.strip():
        raise ValidationError(name, "core.organisation_needs_name")
    if name == "doc_prefix" and value and not _PREFIX.match(value):
        raise ValidationError(name, "core.bad_doc_prefix")
    if name == "default_language" and value not in LANGUAGES:
        raise ValidationError(name, "core.bad_language")
    return value
