"""Nonconformities and corrective actions (ISO 9001 10.2): the one action list of the app.
Its states, the verification rule (closed only when verified effective; a "no" reopens),
what is overdue, and how the gap checklist's action fields read and write a row of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from qms_desktop.domain.errors import ValidationError

NC_SOURCES = ("audit_finding", "checklist_gap", "complaint", "management_review", "other")
# open: raised; in_progress: the action under way; done: taken, its effect not yet verified;
# verified: found effective by someone, on a date; closed: filed after verification;
# cancelled: withdrawn (raised in error, or a checklist action given up)
NC_STATES = ("open", "in_progress", "done", "verified", "closed", "cancelled")
CLOSED_STATES = ("verified", "closed")  # need a verification that found the action effective
FINISHED_STATES = ("verified", "closed", "cancelled")  # never overdue
CAUSE_CATEGORIES = ("people", "method", "machine", "material", "measurement", "environment")
PRIORITIES = ("high", "medium", "low")
WHYS = tuple(f"why_{n}" for n in range(1, 6))
REOPENED_STATE = "in_progress"


def nonconformity_rules(v: dict[str, object]) -> None:
    """The register's rules. A verification that found the action not effective reopens it
    (status back to in progress; the verification stays on the record); a nonconformity is
    verified or closed only with who verified it, when, and effective = yes."""
    today = dt.date.today()
    raised, verified_on = v["raised_on"], v["verified_on"]
    for name in ("raised_on", "verified_on"):
        day = v[name]
        if isinstance(day, dt.date) and day > today:
            raise ValidationError(name, "actions.date_in_future", date=day.isoformat())
    if isinstance(raised, dt.date) and isinstance(verified_on, dt.date) and verified_on < raised:
        raise ValidationError(
            "verified_on", "actions.verified_before_raised", raised=raised.isoformat()
        )
    if v["effective"] == "no" and v["status"] in CLOSED_STATES:
        v["status"] = REOPENED_STATE
    if v["status"] in CLOSED_STATES:
        missing = missing_verification(v)
        if missing:
            raise ValidationError("status", "actions.close_needs_verification", missing=missing)


def missing_verification(v: Mapping[str, object]) -> list[str]:
    """What a nonconformity lacks to be closed: the field names, in the form's order."""
    missing = []
    if v.get("verified_by") is None:
        missing.append("verified_by")
    if v.get("verified_on") is None:
        missing.append("verified_on")
    if v.get("effective") != "yes":
        missing.append("effective")
    return missing


def is_overdue(v: Mapping[str, object], today: dt.date) -> bool:
    """Due before today and not verified, closed or cancelled ("done" waits for its
    verification, so it still counts)."""
    due = v.get("due")
    return isinstance(due, dt.date) and due < today and v.get("status") not in FINISHED_STATES


def verification_values(
    current: Mapping[str, object],
    by: int,
    on: dt.date,
    evidence: str,
    effective: bool,
    heading: str,
) -> dict[str, object]:
    """The fields a verification writes. The evidence is appended under `heading` (a line
    naming date, verifier and verdict, in the user's language) to what earlier verifications
    wrote, so a failed one stays visible after the next; effective: verified, otherwise the
    action is reopened (in progress) for another try."""
    before = str(current.get("verification_evidence") or "").rstrip()
    entry = heading if not evidence.strip() else f"{heading}\n{evidence.strip()}"
    return {
        "verified_by": by,
        "verified_on": on,
        "effective": "yes" if effective else "no",
        "verification_evidence": f"{before}\n\n{entry}" if before else entry,
        "status": "verified" if effective else REOPENED_STATE,
    }


# -- the gap checklist's action fields, read from and written to a nonconformity row -------

# the checklist's action state (domain.assessment.ActionState values) <-> the register's status
STATE_OF_ACTION = {
    "": "open",
    "open": "open",
    "in_progress": "in_progress",
    "done": "done",
    "cancelled": "cancelled",
}
ACTION_OF_STATE = {
    "open": "open",
    "in_progress": "in_progress",
    "done": "done",
    "verified": "done",
    "closed": "done",
    "cancelled": "cancelled",
}
# checklist field -> nonconformity field
ACTION_FIELDS = {
    "action_text": "action",
    "action_owner": "owner",
    "action_due": "due",
    "action_priority": "priority",
    "action_state": "status",
}


def checklist_status(action_state: str, current: str | None) -> str:
    """The status the checklist's action state stands for; a verified or closed row shown
    as "done" on the checklist stays as it is when "done" is written back."""
    if current is not None and ACTION_OF_STATE.get(current) == action_state:
        return current
    return STATE_OF_ACTION[action_state]
