"""Reading and editing the organisation profile."""

from __future__ import annotations

from qms_desktop.domain.organisation import (
    PROFILE_FIELDS,
    OrganisationProfile,
    validate_profile_value,
)
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace


def _to_profile(row: Organisation) -> OrganisationProfile:
    return OrganisationProfile(**{name: getattr(row, name) for name in PROFILE_FIELDS})


def get_profile(ws: Workspace) -> OrganisationProfile:
    with ws.reading() as s:
        row = s.get(Organisation, 1)
        if row is None:
            return OrganisationProfile()
        return _to_profile(row)


def update_profile(
    ws: Workspace, actor: str, **values: object
) -> tuple[OrganisationProfile, ChangeSet]:
    """Set one or more profile fields; all are validated before anything is written."""
    cleaned = {name: validate_profile_value(name, value) for name, value in values.items()}
    with ws.editing(actor) as s:
        row = s.get(Organisation, 1)
        if row is None:
            row = Organisation(
                id=1,
                name="",
                short_name="",
                address="",
                scope="",
                services="",
                sites="",
                industry="",
                doc_prefix="",
                management_representative="",
                default_language="en",
            )
            s.add(row)
        if cleaned.get("default_language", row.default_language) != row.default_language:
            from qms_desktop.services.quality_cost import keep_currency

            keep_currency(s, row.default_language)  # amounts keep the currency they are in
        for name, value in cleaned.items():
            setattr(row, name, value)
        s.flush()
        profile = _to_profile(row)
    return profile, ChangeSet(profile=True)
