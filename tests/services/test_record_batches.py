"""Several records at once: delete, put back and set fields in one transaction each."""

from __future__ import annotations

import pytest

from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.services import registers as rs


def people(ws, *names: str) -> list[int]:
    return [rs.add_record(ws, "t", "person", {"name": n, "role": "Chef"})[0].id for n in names]


def test_delete_then_restore_several_records(workspace):
    ids = people(workspace, "Ann", "Bo", "Cy")
    removed, changes = rs.delete_records(workspace, "t", "person", ids[:2])
    assert [r.values["name"] for r in removed] == ["Ann", "Bo"]
    assert changes.registers == {"person"}
    assert [r.values["name"] for r in rs.list_records(workspace, "person")] == ["Cy"]
    rs.restore_records(workspace, "t", removed)
    back = {r.id: r.values["name"] for r in rs.list_records(workspace, "person")}
    assert back == {ids[0]: "Ann", ids[1]: "Bo", ids[2]: "Cy"}


def test_a_person_in_a_role_is_not_deleted_and_nothing_else_is(workspace):
    ann, bo = people(workspace, "Ann", "Bo")
    rs.add_record(
        workspace, "t", "role", {"title": "Quality lead", "kind": "other_role", "appointee": ann}
    )
    with pytest.raises(WorkspaceError) as caught:
        rs.delete_records(workspace, "t", "person", [bo, ann])
    assert "Quality lead" in caught.value.text("en")
    assert len(rs.list_records(workspace, "person")) == 2


def test_roles_pointing_at_each_other_go_together(workspace):
    top = rs.add_record(workspace, "t", "role", {"title": "Director", "kind": "top_management"})[
        0
    ].id
    low = rs.add_record(
        workspace, "t", "role", {"title": "Lead", "kind": "other_role", "reports_to": top}
    )[0].id
    with pytest.raises(WorkspaceError):
        rs.delete_records(workspace, "t", "role", [top])
    removed, _ = rs.delete_records(workspace, "t", "role", [top, low])
    rs.restore_records(workspace, "t", removed)
    assert {r.values["title"] for r in rs.list_records(workspace, "role")} == {"Director", "Lead"}


def test_roles_with_their_matrix_cells(workspace):
    role = rs.add_record(
        workspace, "t", "role", {"title": "Front office manager", "kind": "process_owner"}
    )[0].id
    process = rs.add_record(workspace, "t", "process", {"name": "Check-in"})[0].id
    rs.add_record(
        workspace, "t", "responsibility", {"role": role, "process": process, "assignment": "A"}
    )
    removed, changes = rs.delete_records(workspace, "t", "role", [role], with_cells=True)
    assert [r.register for r in removed] == ["responsibility", "role"]
    assert changes.registers == {"role", "responsibility"}
    assert rs.list_records(workspace, "responsibility") == []
    rs.restore_records(workspace, "t", list(reversed(removed)))
    assert rs.list_records(workspace, "responsibility")[0].values["assignment"] == "A"


def test_update_records_is_all_or_nothing_and_returns_the_inverse(workspace):
    a, b = people(workspace, "Ann", "Bo")
    inverse, _ = rs.update_records(
        workspace, "t", "person", [(a, {"department": "Kitchen"}), (b, {"department": "Kitchen"})]
    )
    assert {r.values["department"] for r in rs.list_records(workspace, "person")} == {"Kitchen"}
    with pytest.raises(ValidationError):
        rs.update_records(workspace, "t", "person", [(a, {"department": "Bar"}), (b, {"name": ""})])
    assert {r.values["department"] for r in rs.list_records(workspace, "person")} == {"Kitchen"}
    rs.update_records(workspace, "t", "person", inverse)
    assert {r.values["department"] for r in rs.list_records(workspace, "person")} == {""}
