"""The internal audit programme's rules (ISO 9001 9.2): an audit's scope read from its clauses,
auditors' independence (no one audits their own work), when an audit may be completed, and
the findings counted by grade for the report. Plain Python: the services gather the facts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from qms_desktop.domain.assessment import Grade, ItemAssessment, Status
from qms_desktop.domain.errors import QmsError, ValidationError

# "7.5, 8.2; 8.5.1" or "7.5 8.2" or "7.5、8.2" (Chinese enumeration comma) or full-width commas
_SEPARATORS = re.compile(r"[\s,;，；、]+")

# the grades a report lists, most serious first
REPORT_GRADES = (
    Grade.MAJOR,
    Grade.MINOR,
    Grade.OBSERVATION,
    Grade.OFI,
    Grade.GOOD_PRACTICE,
)


def scope_clauses(text: str) -> tuple[str, ...]:
    """The requirement refs written in an audit's `clauses` (or a process's `requirements`),
    in the order written, without repeats; a trailing full stop is dropped ("8.5." -> "8.5")."""
    refs = (t.strip().rstrip(".") for t in _SEPARATORS.split(text or ""))
    return tuple(dict.fromkeys(r for r in refs if r))


def in_scope(ref: str, scope: Sequence[str]) -> bool:
    """Whether requirement `ref` is a clause of `scope` or under one ("8.5.1" is under "8.5";
    "8.50" is not)."""
    return any(ref == clause or ref.startswith(clause + ".") for clause in scope)


@dataclass(frozen=True)
class ProcessFacts:
    """What independence is checked against: the process audited, the people whose work it
    is (its owner and those responsible or accountable for it) and its `owner` text."""

    name: str
    owners: frozenset[int]  # from the Allocate roles: appointees with R or A on the process
    owner_text: str = ""  # the process's `owner` field, used when the matrix says nothing


def process_owners(
    process_id: int,
    cells: Iterable[tuple[int, int | None, str]],
    appointees: Mapping[int, int | None],
) -> frozenset[int]:
    """The people who own the process or do its work, by the responsibility matrix:
    appointees of roles holding R (responsible) or A (accountable) on it. `cells` are
    (role, process, assignment); `appointees` maps role -> person."""
    found: set[int] = set()
    for role, process, assignment in cells:
        if process == process_id and assignment in ("R", "A"):
            person = appointees.get(role)
            if person is not None:
                found.add(person)
    return frozenset(found)


def owner_text_names(
    owner_text: str, person_id: int, names: Mapping[int, str], titles: Mapping[int, set[str]]
) -> bool:
    """Whether a process's free-text `owner` names the person: their name, or the title of a
    role they are appointed to (compared without regard to case or surrounding spaces)."""
    owner = owner_text.strip().casefold()
    if not owner:
        return False
    if names.get(person_id, "").strip().casefold() == owner:
        return True
    return owner in {t.strip().casefold() for t in titles.get(person_id, set())}


@dataclass(frozen=True)
class Breach:
    """An auditor who would audit their own work, and why."""

    person: int
    why: str  # "owner" (owns or works in the process) or "auditee"


def independence_breaches(
    team: Sequence[int | None],
    auditee: int | None,
    process: ProcessFacts | None,
    names: Mapping[int, str],
    titles: Mapping[int, set[str]],
) -> list[Breach]:
    """The auditors (lead first, then the team) who would audit their own work: the audited
    process is theirs (by the Allocate matrix when it names anyone for the process, else by
    the process's owner text), or they are the auditee."""
    breaches: list[Breach] = []
    for person in dict.fromkeys(p for p in team if p is not None):
        if process is not None and (
            person in process.owners
            if process.owners
            else owner_text_names(process.owner_text, person, names, titles)
        ):
            breaches.append(Breach(person, "owner"))
        elif auditee is not None and person == auditee:
            breaches.append(Breach(person, "auditee"))
    return breaches


def check_independence(
    breaches: Sequence[Breach], override: str, names: Mapping[int, str], process_name: str
) -> None:
    """Refuse an audit whose auditor audits their own work unless the reason for it is
    written in `independence_override` (the warning's override)."""
    if not breaches or override.strip():
        return
    first = breaches[0]
    auditor = names.get(first.person, str(first.person))
    if first.why == "owner":
        raise ValidationError(
            "independence_override",
            "audit.not_independent_owner",
            auditor=auditor,
            process=process_name,
        )
    raise ValidationError("independence_override", "audit.not_independent_auditee", auditor=auditor)


def ungraded_findings(items: Iterable[ItemAssessment]) -> list[ItemAssessment]:
    """Nonconforming or partly conforming findings without a grade: an audit is not completed
    while any is left (the report counts findings by grade)."""
    return [
        i
        for i in items
        if i.status in (Status.NONCONFORMING, Status.PARTIAL) and i.grade is Grade.NONE
    ]


def check_completable(title: str, items: Sequence[ItemAssessment]) -> None:
    left = ungraded_findings(items)
    if left:
        raise QmsError("audit.ungraded_findings", title=title, count=len(left), ref=left[0].ref)


def findings_by_grade(items: Iterable[ItemAssessment]) -> dict[Grade, list[ItemAssessment]]:
    """The graded findings under each report grade, in checklist order."""
    found: dict[Grade, list[ItemAssessment]] = {g: [] for g in REPORT_GRADES}
    for item in items:
        if item.grade in found:
            found[item.grade].append(item)
    return found
