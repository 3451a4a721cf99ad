"""The Allocate step's checks: the responsibility matrix (one A per process, every role in it
filled), calibration due dates of measuring equipment, and who has been trained."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from qms_desktop.domain.messages import Message

Values = Mapping[str, object]

# -- the responsibility matrix ---------------------------------------------------------------

TARGET_KINDS = ("process", "element")


@dataclass(frozen=True)
class MatrixRole:
    """A row of the matrix: a role of the roles register."""

    id: int
    title: str
    appointee: str  # the appointee's name; "" when the role is not filled
    filled: bool  # appointed to a person who has not left


@dataclass(frozen=True)
class MatrixTarget:
    """A column of the matrix: a process, or a system element the Plan step adopted."""

    kind: str  # "process" | "element"
    id: int
    name: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class ResponsibilityMatrix:
    """Roles down, processes then elements across; `cells[(role id, (kind, target id))]` is
    one of R, A, C, I (an absent key is an empty cell)."""

    roles: tuple[MatrixRole, ...]
    targets: tuple[MatrixTarget, ...]
    cells: dict[tuple[int, tuple[str, int]], str] = field(default_factory=dict)

    def cell(self, role_id: int, target: MatrixTarget) -> str:
        return self.cells.get((role_id, target.key), "")

    def problems(self) -> tuple[Message, ...]:
        return matrix_problems(self)


def matrix_problems(matrix: ResponsibilityMatrix) -> tuple[Message, ...]:
    """What the matrix still lacks: every process (and adopted element) needs exactly one
    role accountable (A); every role that holds a cell must be filled by a person."""
    found: list[Message] = []
    for target in matrix.targets:
        accountable = [r.title for r in matrix.roles if matrix.cell(r.id, target) == "A"]
        params = {"name": target.name, "roles": accountable}
        if not accountable and target.kind == "process":
            found.append(Message("allocation.process_without_a", params))
        elif not accountable:
            found.append(Message("allocation.element_without_a", params))
        elif len(accountable) > 1 and target.kind == "process":
            found.append(Message("allocation.process_many_a", params))
        elif len(accountable) > 1:
            found.append(Message("allocation.element_many_a", params))
    in_matrix = {role_id for role_id, _ in matrix.cells}
    for role in matrix.roles:
        if role.id in in_matrix and not role.filled:
            found.append(Message("allocation.matrix_role_unfilled", {"role": role.title}))
    return tuple(found)


# -- calibration ----------------------------------------------------------------------------

CALIBRATION_DUE_SOON_DAYS = 30


def next_calibration_due(last: dt.date, months: int) -> dt.date:
    """The date `months` calendar months after `last`; the end of the month when that month
    is shorter (31 January + 1 month = 28 or 29 February)."""
    month_index = last.month - 1 + months
    year, month = last.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(last.day, calendar.monthrange(year, month)[1]))


def calibration_status(values: Values, today: dt.date) -> str:
    """For one facility record: "" (no calibration to watch: not measuring equipment, retired,
    or no next date), "overdue" (next calibration before today), "due_soon" (within 30 days)
    or "ok"."""
    following = values.get("next_calibration")
    if (
        values.get("kind") != "measuring_equipment"
        or values.get("state") == "retired"
        or not isinstance(following, dt.date)
    ):
        return ""
    if following < today:
        return "overdue"
    if (following - today).days <= CALIBRATION_DUE_SOON_DAYS:
        return "due_soon"
    return "ok"


# -- roles --------------------------------------------------------------------------------------


def role_filled(role: Values, people: Mapping[int, Values]) -> bool:
    """A role is filled when its appointee is a person on record who has not left."""
    appointee = role.get("appointee")
    person = people.get(appointee) if isinstance(appointee, int) else None
    return person is not None and person.get("state") != "left"


def role_ready(role: Values, people: Mapping[int, Values]) -> bool:
    """Filled, and the appointee's competence for it is recorded."""
    return role_filled(role, people) and bool(str(role.get("appointee_competence") or "").strip())


def reporting_loop(
    role_id: int | None, reports_to: int | None, chain: Mapping[int, int | None]
) -> bool:
    """Whether letting `role_id` report to `reports_to` closes a loop in the organisation chart
    (`chain` maps each role id to the role it reports to)."""
    seen: set[int] = set()
    current = reports_to
    while current is not None and current not in seen:
        if current == role_id:
            return True
        seen.add(current)
        current = chain.get(current)
    return False


def org_chart_levels(roles: Sequence[tuple[int, str, int | None]]) -> list[tuple[int, int, str]]:
    """The organisation chart as an outline: (depth, role id, title) in reading order, each
    role under the role it reports to; roles that report to nobody (or into a loop) at the top."""
    ids = {rid for rid, _, _ in roles}
    children: dict[int | None, list[tuple[int, str]]] = {}
    for rid, title, parent in roles:
        children.setdefault(parent if parent in ids and parent != rid else None, []).append(
            (rid, title)
        )
    out: list[tuple[int, int, str]] = []
    placed: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for rid, title in children.get(parent, []):
            if rid in placed:
                continue
            placed.add(rid)
            out.append((depth, rid, title))
            walk(rid, depth + 1)

    walk(None, 0)
    for rid, title, _ in roles:  # roles caught in a loop: shown at the top, once
        if rid not in placed:
            placed.add(rid)
            out.append((0, rid, title))
            walk(rid, 1)
    return out


# -- training coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCoverage:
    """What one person has attended."""

    person_id: int
    name: str
    role: str
    department: str
    left: bool
    sessions: int
    hours: float
    standards: tuple[str, ...]  # the planned standards the sessions attended taught

    @property
    def trained(self) -> bool:
        return self.sessions > 0


@dataclass(frozen=True)
class StudyGap:
    """A planned (role, standard) not yet completed, with the people still to study it."""

    role: str
    standard: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class TrainingCoverage:
    people: tuple[PersonCoverage, ...]
    # (role, standard) -> "completed" (the plan says so, or every person of the role attended
    # a session on it) or "planned"
    cells: dict[tuple[str, str], str]
    still_to_study: tuple[StudyGap, ...]
    # (training id, topic, names that matched no person)
    unmatched: tuple[tuple[int, str, tuple[str, ...]], ...]

    def by_role(self) -> dict[str, tuple[list[str], list[str]]]:
        """Role -> (trained names, untrained names), people who left not counted."""
        out: dict[str, tuple[list[str], list[str]]] = {}
        for p in self.people:
            if p.left:
                continue
            trained, untrained = out.setdefault(p.role, ([], []))
            (trained if p.trained else untrained).append(p.name)
        return out


def session_teaches(session: Values, standard: str) -> bool:
    """A session teaches a planned standard when its standard names it (case aside), or, with
    no standard given, when its topic mentions it."""
    wanted = standard.strip().casefold()
    if not wanted:
        return False
    taught = str(session.get("standard") or "").strip().casefold()
    if taught:
        return taught == wanted
    return wanted in str(session.get("topic") or "").casefold()


def training_coverage(
    people: Mapping[int, Values],
    sessions: Iterable[tuple[int, Values]],
    plan: Iterable[Values],
) -> TrainingCoverage:
    """Who attended what, which planned study is completed, and who is still to study it.

    A planned (role, standard) counts as completed when the plan marks it so, or when every
    current person holding that role attended a session that teaches it."""
    sessions = list(sessions)
    plan = list(plan)
    attended: dict[int, list[Values]] = {pid: [] for pid in people}
    unmatched: list[tuple[int, str, tuple[str, ...]]] = []
    for sid, s in sessions:
        for pid in s.get("participants") or ():  # type: ignore[attr-defined]
            if pid in attended:
                attended[pid].append(s)
        names = tuple(
            n.strip() for n in str(s.get("unmatched_attendees") or "").splitlines() if n.strip()
        )
        if names:
            unmatched.append((sid, str(s.get("topic") or ""), names))
    standards = sorted({str(v.get("standard") or "") for v in plan if v.get("standard")})
    rows = []
    for pid, p in people.items():
        went = attended[pid]
        rows.append(
            PersonCoverage(
                pid,
                str(p.get("name") or ""),
                str(p.get("role") or ""),
                str(p.get("department") or ""),
                p.get("state") == "left",
                len(went),
                sum(_hours(s) for s in went),
                tuple(std for std in standards if any(session_teaches(s, std) for s in went)),
            )
        )
    cells: dict[tuple[str, str], str] = {}
    gaps: list[StudyGap] = []
    for entry in plan:
        role, standard = str(entry.get("role") or ""), str(entry.get("standard") or "")
        key = (role, standard)
        holders = [r for r in rows if not r.left and r.role.casefold() == role.casefold()]
        missing = tuple(r.name for r in holders if standard not in r.standards)
        completed = entry.get("state") == "completed" or (bool(holders) and not missing)
        if cells.get(key) == "planned":
            continue
        cells[key] = "completed" if completed else "planned"
    for (role, standard), state in sorted(cells.items()):
        if state == "planned":
            holders = [r for r in rows if not r.left and r.role.casefold() == role.casefold()]
            gaps.append(
                StudyGap(
                    role, standard, tuple(r.name for r in holders if standard not in r.standards)
                )
            )
    return TrainingCoverage(tuple(rows), cells, tuple(gaps), tuple(unmatched))


def _hours(session: Values) -> float:
    hours = session.get("hours")
    return float(hours) if isinstance(hours, int | float) else 0.0


def match_names(names: Iterable[str], people: Mapping[int, Values]) -> tuple[list[int], list[str]]:
    """Attendee names matched to people (by name, case and outer spaces aside; the first person
    of that name): the ids found, and the names that matched nobody."""
    index: dict[str, int] = {}
    for pid, p in people.items():
        index.setdefault(str(p.get("name") or "").strip().casefold(), pid)
    found: list[int] = []
    missing: list[str] = []
    for name in names:
        clean = name.strip()
        if not clean:
            continue
        match = index.get(clean.casefold())
        if match is None:
            missing.append(clean)
        elif match not in found:
            found.append(match)
    return found, missing
