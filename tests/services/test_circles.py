"""QC circles through the services: a project's dates are not before its circle was
registered, a new project joins an active circle, members are people still here (the
facilitator may be one of them or not), a circle with projects is not deleted from under
them, and circles registered / projects finished / savings are counted per year."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.services import operate
from qms_desktop.services.circles import circle_years
from qms_desktop.services.registers import add_record, delete_record, list_records, update_record
from qms_desktop.storage.models import AuditRecord, QcProjectRecord
from qms_desktop.storage.workspace import Workspace

REGISTERED = dt.date(2025, 3, 1)


def _people(ws: Workspace) -> tuple[int, int, int]:
    ids = [
        add_record(ws, "t", "person", {"name": n, "role": "Clerk", "state": st})[0].id
        for n, st in (("Wang Fang", "active"), ("Li Na", "active"), ("Zhao Lei", "left"))
    ]
    return ids[0], ids[1], ids[2]


def _circle(ws: Workspace, **values: object) -> int:
    base = {"name": "Smiling Front Desk", "registered_on": REGISTERED, "status": "active"}
    return add_record(ws, "t", "qc_circle", {**base, **values})[0].id


def test_members_are_people_still_here_and_the_facilitator_may_be_one(
    workspace: Workspace,
) -> None:
    wang, li, gone = _people(workspace)
    _circle(workspace, facilitator=wang, members=(wang, li))  # facilitator among the members
    _circle(workspace, name="Kitchen", facilitator=wang, members=(li,))  # or not
    with pytest.raises(ValidationError) as caught:
        _circle(workspace, name="Night shift", members=(li, gone))
    assert caught.value.field == "members" and caught.value.code == "allocation.person_left"
    assert "Zhao Lei" in caught.value.text("zh_CN")
    assert [c.values["name"] for c in list_records(workspace, "qc_circle")] == [
        "Smiling Front Desk",
        "Kitchen",
    ]


def test_a_project_is_not_dated_before_its_circle_was_registered(workspace: Workspace) -> None:
    circle = _circle(workspace)
    before = REGISTERED - dt.timedelta(days=1)
    for name in ("presented_on", "finished_on"):
        with pytest.raises(ValidationError) as caught:
            add_record(workspace, "t", "qc_project",
                       {"circle": circle, "title": "Queue", name: before})  # fmt: skip
        assert caught.value.field == name and caught.value.code == "circles.before_registered"
        assert "Smiling Front Desk" in caught.value.text("en")
        assert "2025-03-01" in caught.value.text("zh_CN")
    assert list_records(workspace, "qc_project") == []  # nothing half-stored
    project, _ = add_record(workspace, "t", "qc_project",
                            {"circle": circle, "title": "Queue", "presented_on": REGISTERED,
                             "finished_on": REGISTERED + dt.timedelta(days=90), "savings": 100})  # fmt: skip
    with pytest.raises(ValidationError):
        update_record(workspace, "t", "qc_project", project.id, presented_on=before)
    # the circle's registration cannot move after its projects' dates either
    with pytest.raises(ValidationError) as caught:
        update_record(workspace, "t", "qc_circle", circle,
                      registered_on=REGISTERED + dt.timedelta(days=1))  # fmt: skip
    assert caught.value.field == "registered_on"
    assert caught.value.code == "circles.circle_before_projects" and "Queue" in caught.value.text()
    update_record(workspace, "t", "qc_circle", circle, registered_on=REGISTERED)  # same day: fine


def test_a_new_project_needs_an_active_circle_an_old_one_stays_editable(
    workspace: Workspace,
) -> None:
    circle = _circle(workspace)
    project, _ = add_record(workspace, "t", "qc_project", {"circle": circle, "title": "Queue"})
    update_record(workspace, "t", "qc_circle", circle, status="dissolved")
    with pytest.raises(ValidationError) as caught:
        add_record(workspace, "t", "qc_project", {"circle": circle, "title": "Beds"})
    assert caught.value.field == "circle" and caught.value.code == "circles.dissolved_circle"
    done, _ = update_record(workspace, "t", "qc_project", project.id, pdca="act")
    assert done.values["pdca"] == "act"


def test_a_circle_with_projects_is_not_deleted_and_batches_go_one_by_one(
    workspace: Workspace,
) -> None:
    circle = _circle(workspace)
    add_record(workspace, "t", "qc_project", {"circle": circle, "title": "Queue"})
    with pytest.raises(QmsError) as caught:
        delete_record(workspace, "t", "qc_circle", circle)
    assert "Queue" in caught.value.text("en") and "QC课题" in caught.value.text("zh_CN")
    with pytest.raises(ValueError):  # the batch path does not see the circle's dates
        operate.add_records(workspace, "t", "qc_project", [{"circle": circle, "title": "B"}])


def test_the_trail_records_each_circle_project_and_activity(workspace: Workspace) -> None:
    wang, li, _ = _people(workspace)
    circle = _circle(workspace, members=(wang, li))
    add_record(workspace, "t", "qc_project", {"circle": circle, "title": "Queue"})
    add_record(workspace, "t", "culture_activity",
               {"title": "Quality month", "kind": "quality_month", "held_on": dt.date(2025, 9, 1),
                "participants": (li, wang)})  # fmt: skip
    with workspace.reading() as s:
        entities = dict(
            s.execute(
                select(AuditRecord.entity, func.count())
                .where(AuditRecord.entity.in_(("qc_circle", "qc_project", "culture_activity")))
                .group_by(AuditRecord.entity)
            ).all()
        )
        assert s.scalar(select(func.count()).select_from(QcProjectRecord)) == 1
    assert entities == {"qc_circle": 1, "qc_project": 1, "culture_activity": 1}
    activity = list_records(workspace, "culture_activity")[0]
    assert activity.values["participants"] == (li, wang)  # the user's order


def test_circles_registered_and_projects_finished_per_year(workspace: Workspace) -> None:
    first = _circle(workspace, registered_on=dt.date(2024, 2, 1))
    _circle(workspace, name="Kitchen", registered_on=dt.date(2025, 4, 1))
    _circle(workspace, name="Not yet", registered_on=None)
    for title, finished, saved in (("A", dt.date(2024, 12, 1), 500.0),
                                   ("B", dt.date(2025, 6, 1), 1200.0),
                                   ("C", dt.date(2025, 8, 1), None), ("D", None, 999.0)):  # fmt: skip
        add_record(workspace, "t", "qc_project",
                   {"circle": first, "title": title, "finished_on": finished, "savings": saved})  # fmt: skip
    years = {y.year: y for y in circle_years(workspace)}
    assert (years[2024].circles_registered, years[2024].projects_finished) == (1, 1)
    assert (years[2025].circles_registered, years[2025].projects_finished) == (1, 2)
    assert years[2025].savings == 1200.0 and years[2024].savings == 500.0
    assert set(years) == {2024, 2025}
