"""QC circles and their projects: the checks that need both registers (a project's dates
are not before its circle was registered; a new project joins an active circle) and the
circles registered, projects finished and savings per year."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_desktop.domain.circles import CircleYear, circles_per_year
from qms_desktop.domain.errors import ValidationError
from qms_desktop.storage.models import QcCircleRecord, QcProjectRecord
from qms_desktop.storage.workspace import Workspace

Values = dict[str, object]

PROJECT_DATES = ("presented_on", "finished_on")


def check_circle_record(
    s: Session, key: str, cleaned: Values, before: Values | None, record_id: int | None
) -> None:
    """Called by services.registers for every add, edit and import of a circle or a project
    (`before`: the record's stored values when it is edited)."""
    if key == "qc_project":
        _check_project(s, cleaned, before)
    elif key == "qc_circle" and record_id is not None:
        _check_circle(s, cleaned, record_id)


def _check_project(s: Session, cleaned: Values, before: Values | None) -> None:
    circle = s.get(QcCircleRecord, cleaned["circle"])
    if circle is None:
        return  # the reference check has said so
    if circle.status == "dissolved" and (before or {}).get("circle") != circle.id:
        raise ValidationError("circle", "circles.dissolved_circle", circle=circle.name)
    registered = circle.registered_on
    if registered is None:
        return
    for name in PROJECT_DATES:
        day = cleaned[name]
        if isinstance(day, dt.date) and day < registered:
            raise ValidationError(
                name,
                "circles.before_registered",
                circle=circle.name,
                registered=registered.isoformat(),
            )


def _check_circle(s: Session, cleaned: Values, record_id: int) -> None:
    registered = cleaned["registered_on"]
    if not isinstance(registered, dt.date):
        return
    rows = s.execute(
        select(QcProjectRecord.title, QcProjectRecord.presented_on, QcProjectRecord.finished_on)
        .where(QcProjectRecord.circle == record_id)
        .order_by(QcProjectRecord.position, QcProjectRecord.id)
    )
    for title, *days in rows:
        for day in days:
            if day is not None and day < registered:
                raise ValidationError(
                    "registered_on",
                    "circles.circle_before_projects",
                    project=title,
                    date=day.isoformat(),
                )


def circle_years(ws: Workspace) -> list[CircleYear]:
    """Circles registered, projects finished and their savings, per calendar year."""
    with ws.reading() as s:
        circles = [{"registered_on": d} for d in s.scalars(select(QcCircleRecord.registered_on))]
        projects = [
            {"finished_on": f, "savings": v}
            for f, v in s.execute(select(QcProjectRecord.finished_on, QcProjectRecord.savings))
        ]
    return circles_per_year(circles, projects)
