"""The pages of steps 1, 2, 4, 5 and 6 — Summarise, Study, Plan, Allocate, Strengthen —
assembled from registers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.steps.plan_widgets import (
    CommitmentPanel,
    PlanFormPanel,
    PolicyPanel,
    ProcessNetworkPanel,
    TrainingMatrix,
)
from qms_desktop.ui.steps.tabbed import TabbedStepPage


def summarise_page(c: WorkspaceController) -> TabbedStepPage:
    return TabbedStepPage(
        Step.SUMMARISE,
        c,
        [
            (
                lambda: QCoreApplication.translate("StepTabs", "Experience and lessons"),
                RegisterPanel("lesson", c),
            ),
        ],
    )


def study_page(c: WorkspaceController) -> TabbedStepPage:
    return TabbedStepPage(
        Step.STUDY,
        c,
        [
            (lambda: QCoreApplication.translate("StepTabs", "People"), RegisterPanel("person", c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Study plan"),
                RegisterPanel("study_plan", c),
            ),
            (lambda: QCoreApplication.translate("StepTabs", "Training matrix"), TrainingMatrix(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Training sessions"),
                RegisterPanel("training", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Peer benchmarking"),
                RegisterPanel("benchmark", c),
            ),
        ],
    )


def plan_page(c: WorkspaceController) -> TabbedStepPage:
    from qms_desktop.ui.steps.kano import KanoNeedsPanel

    return TabbedStepPage(
        Step.PLAN,
        c,
        [
            (
                lambda: QCoreApplication.translate("StepTabs", "Positioning and policy"),
                PolicyPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Objectives"),
                RegisterPanel("objective", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "System elements"),
                RegisterPanel("element", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Process network"),
                ProcessNetworkPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Document system"),
                RegisterPanel("planned_document", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Environment and numbering"),
                PlanFormPanel(c, ("service_environment", "numbering_scheme")),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Service outline"),
                RegisterPanel("service_item", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Service commitment"),
                CommitmentPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Satisfaction standards"),
                RegisterPanel("satisfaction_standard", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Customer needs (Kano)"),
                KanoNeedsPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Moments of truth"),
                RegisterPanel("moment_of_truth", c),
            ),
        ],
    )


def allocate_page(c: WorkspaceController) -> TabbedStepPage:
    from qms_desktop.ui.steps.allocate import (
        FacilitiesPanel,
        ResponsibilityMatrixPanel,
        RolesPanel,
        TrainingCoveragePanel,
    )

    return TabbedStepPage(
        Step.ALLOCATE,
        c,
        [
            (lambda: QCoreApplication.translate("StepTabs", "Roles"), RolesPanel(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Responsibility matrix"),
                ResponsibilityMatrixPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Training coverage"),
                TrainingCoveragePanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Facilities and equipment"),
                FacilitiesPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Recovery tokens"),
                RegisterPanel("recovery_token", c),
            ),
        ],
    )


def strengthen_page(c: WorkspaceController) -> TabbedStepPage:
    from qms_desktop.ui.steps.allocate import BasicWorkPanel

    return TabbedStepPage(
        Step.STRENGTHEN,
        c,
        [
            (
                lambda: QCoreApplication.translate("StepTabs", "Basic management work"),
                BasicWorkPanel(c),
            ),
        ],
    )


def operate_page(c: WorkspaceController) -> TabbedStepPage:
    from qms_desktop.ui.steps.operate import operate_page as build

    return build(c)


def refine_page(c: WorkspaceController) -> TabbedStepPage:
    """Step 7: generating documents (ui.steps.refine_page) and document control."""
    from qms_desktop.ui.steps.document_control import document_control_tab
    from qms_desktop.ui.steps.refine_page import DocumentsPanel

    return TabbedStepPage(
        Step.REFINE,
        c,
        [
            (
                lambda: QCoreApplication.translate("StepTabs", "Generate documents"),
                DocumentsPanel(c),
            ),
            document_control_tab(c),
        ],
    )
