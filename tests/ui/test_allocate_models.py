"""The Allocate step's Qt models keep Qt's model contract (pytest-qt's model tester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qms_desktop.domain.allocation import (
    MatrixRole,
    MatrixTarget,
    PersonCoverage,
    ResponsibilityMatrix,
)
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.ui.models.coverage import CoverageModel
from qms_desktop.ui.models.raci import CellRole, ResponsibilityMatrixModel
from qms_desktop.ui.models.register import RegisterModel


def test_responsibility_matrix_model(qtmodeltester):
    model = ResponsibilityMatrixModel()
    matrix = ResponsibilityMatrix(
        (MatrixRole(1, "GM", "Sun Hao", True), MatrixRole(2, "Auditor", "", False)),
        (MatrixTarget("process", 5, "Check-in"), MatrixTarget("element", 9, "Documents")),
        {(1, ("process", 5)): "A", (2, ("element", 9)): "R"},
    )
    model.set_matrix(matrix)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "A" and model.index(0, 1).data() == ""
    assert model.index(1, 1).data(CellRole) == (2, "element", 9)
    assert model.headerData(0, Qt.Orientation.Vertical) == "GM (Sun Hao)"


def test_coverage_model_leaves_out_people_who_left(qtmodeltester):
    model = CoverageModel()
    model.set_people(
        [
            PersonCoverage(1, "Ann", "Kitchen", "", False, 2, 6.0, ("ISO 9001",)),
            PersonCoverage(2, "Bo", "Kitchen", "", True, 0, 0.0, ()),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.index(0, 3).data() == "6"


def test_register_model_shows_references_by_label_and_flags(qtmodeltester):
    model = RegisterModel(REGISTERS["facility"])
    values = REGISTERS["facility"].blank()
    values.update(item="Scale", kind="measuring_equipment", state="in_service", owner=3)
    model.set_rows([Record("facility", 1, values)], {"person": {3: "Li Na"}})
    model.set_flags({(1, "item"): ("overdue", "Calibration overdue")})
    qtmodeltester.check(model)
    owner = model.column_of("owner")
    assert owner is not None and model.index(0, owner).data() == "Li Na"
    assert model.flag(1, "item") == "overdue"
