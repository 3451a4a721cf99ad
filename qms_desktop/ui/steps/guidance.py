"""Each step's purpose, guidance and contents, in the project's own words.

Every string goes through Qt's translation (context "StepGuidance"), so the
Chinese text lives in `resources/translations/qms_desktop_zh_CN.ts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from qms_desktop.domain.steps import ShownStatus, Step


@dataclass(frozen=True)
class StepGuidance:
    title: str
    purpose: str
    guidance: list[str]
    holds: list[str]
    done_when: str


def step_title(step: Step) -> str:
    titles = {
        Step.SUMMARISE: QCoreApplication.translate("StepGuidance", "Summarise"),
        Step.STUDY: QCoreApplication.translate("StepGuidance", "Study"),
        Step.COMPARE: QCoreApplication.translate("StepGuidance", "Compare"),
        Step.PLAN: QCoreApplication.translate("StepGuidance", "Plan"),
        Step.ALLOCATE: QCoreApplication.translate("StepGuidance", "Allocate"),
        Step.STRENGTHEN: QCoreApplication.translate("StepGuidance", "Strengthen"),
        Step.REFINE: QCoreApplication.translate("StepGuidance", "Refine"),
        Step.OPERATE: QCoreApplication.translate("StepGuidance", "Operate"),
    }
    return titles[step]


def progress_rule(step: Step) -> str:
    """How the step's progress and status are computed from its records (domain.steps)."""
    rules = {
        Step.SUMMARISE: QCoreApplication.translate(
            "StepGuidance",
            "Progress is the share of lessons decided: adopted and carried by a document, or "
            'rejected ("later" counts as open). The step is ready for sign-off when there '
            "are lessons and every one is decided.",
        ),
        Step.STUDY: QCoreApplication.translate(
            "StepGuidance",
            "Progress is the share of the study plan's entries (role and standard) completed — "
            "marked completed in the plan, or everyone in the role attended a session on that "
            "standard. People, sessions or benchmarking notes start the step; it is ready for "
            "sign-off when every planned entry is completed.",
        ),
        Step.COMPARE: QCoreApplication.translate(
            "StepGuidance",
            "Progress is the share of applicable requirements assessed in the latest gap "
            "assessment. The step is ready for sign-off when every one of them is assessed.",
        ),
        Step.PLAN: QCoreApplication.translate(
            "StepGuidance",
            "Progress counts nine parts of the design: positioning, quality policy, objectives, "
            "adopted system elements, processes, planned documents, service outline, the "
            "service commitment's promise and satisfaction standards. With all nine the design "
            "is ready for approval, which is the sign-off.",
        ),
        Step.ALLOCATE: QCoreApplication.translate(
            "StepGuidance",
            "Progress counts each role, each facility or piece of equipment not retired, and "
            "each measuring instrument's calibration. A role counts when a person who has not "
            "left fills it and the appointee's competence is recorded; a resource when it is in "
            "service; a calibration when it is not overdue. The step is ready for sign-off when "
            "all of them count.",
        ),
        Step.STRENGTHEN: QCoreApplication.translate(
            "StepGuidance",
            "Progress is the share of basic management work areas in place. The step is ready "
            "for sign-off when there are areas and every one is in place.",
        ),
        Step.REFINE: QCoreApplication.translate(
            "StepGuidance",
            "Progress is the share of the Plan step's planned documents that have an issued "
            "revision in document control (reviewed, approved and issued on the Document "
            "control tab). With every planned document issued the step is ready for sign-off.",
        ),
        Step.OPERATE: QCoreApplication.translate(
            "StepGuidance",
            "Progress counts seven parts: feedback channels recorded, a satisfaction survey "
            "with responses, every closed complaint given the recovery steps its severity "
            "needs, every quality objective measured; and one full review cycle — an internal "
            "audit completed, a management review held that includes it, and that review's "
            "outputs (at least one) each scheduled (owner and due date) or closed. With all "
            "seven the step is ready for sign-off.",
        ),
    }
    return rules[step]


def shown_status_text(status: ShownStatus) -> str:
    texts = {
        ShownStatus.NOT_STARTED: QCoreApplication.translate("StepStatus", "Not started"),
        ShownStatus.IN_PROGRESS: QCoreApplication.translate("StepStatus", "In progress"),
        ShownStatus.READY: QCoreApplication.translate("StepStatus", "Ready for sign-off"),
        ShownStatus.DONE: QCoreApplication.translate("StepStatus", "Done"),
    }
    return texts[status]


def guidance_for(step: Step) -> StepGuidance:
    if step is Step.SUMMARISE:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Turn the experience you already have into rules. Every organisation has quality "
                "practice before it has a quality system: collect it, and the lessons of past "
                "mistakes, and distil them into candidate standards, specifications and regulations.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Go through complaint logs, incident reports, audit findings, earlier quality "
                    "campaigns and staff suggestions.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "For each, write down what happened and what was learned, then the rule it "
                    "suggests: a standard, a specification or a regulation.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Decide for every lesson: adopt it into a document, reject it, or come back later.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "An experience and lessons register: source, date, what happened, the lesson, "
                    "the suggested rule and its kind.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "The decision on each lesson and the document that carries an adopted rule.",
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance",
                "Every lesson is decided: adopted and carried by a document, or rejected.",
            ),
        )
    if step is Step.STUDY:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Everyone learns the standards the system will stand on — managers first — and "
                "relates them to the organisation's own work, learning from peers' good practice too.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Decide which standards and guides each role must learn: ISO 9001, the service "
                    "quality guidance, your sector's rules.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Hold training sessions and record who attended, for how long, and how they did "
                    "in the assessment.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Visit or study peer organisations and note the practices worth adopting.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "A study plan per role, training sessions with attendees and results, and peer "
                    "benchmarking notes.",
                ),
                QCoreApplication.translate(
                    "StepGuidance", "A training matrix showing who still needs what."
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance", "Every role that must study has completed its planned training."
            ),
        )
    if step is Step.COMPARE:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Hold the organisation's current state against the standard, requirement by "
                "requirement: confirm what is already achieved, find the gaps, and set the direction.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Pick a requirement library (ISO 9001, service elements, service commitment) and "
                    "work through the checklist.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "For each requirement record the current practice and the evidence, then the "
                    "status: conforming, partially conforming, nonconforming or not applicable.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Turn every gap into an action with an owner, a priority and a due date.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "The gap checklist: status, current practice, evidence, gap and action per "
                    "requirement, with conformity by clause.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Baseline and later re-assessments, so progress can be compared.",
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance", "Every applicable requirement has been assessed."
            ),
        )
    if step is Step.PLAN:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Design the quality system: what the organisation offers and to whom, the policy "
                "and objectives, the processes and documents, and the promises it makes to customers.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Position the services: target customers, offerings, service level.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Write the quality policy and measurable objectives, each with a metric, target, "
                    "owner and frequency.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Select the quality-system elements, map the process network and design the "
                    "document system.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Write the service outline, the service commitment and the satisfaction "
                    "standards, with a recovery plan for each moment of truth.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Positioning, policy and objectives, selected elements, process network, "
                    "document system design and service environment.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "The service outline, the service commitment and the satisfaction standards.",
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance",
                "The design has been approved, with the approver and the date recorded.",
            ),
        )
    if step is Step.ALLOCATE:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Provide what the system needs to run: the right people in the right roles, with "
                "clear responsibilities and authority, and the facilities and equipment it relies on.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Appoint a manager to each role the system needs and write down their "
                    "responsibilities and authority.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Fill in the responsibility matrix: for every process and system element, "
                    "who is responsible, accountable (exactly one), consulted and informed.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Train all staff on the system, not only managers, and check the training "
                    "coverage for who is still to be trained.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "List the service facilities and equipment and make sure each is in place.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Roles with level, responsibilities, authorities, required competence and "
                    "the appointed person.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "The responsibility matrix (R/A/C/I) of roles against processes and "
                    "system elements, and the training coverage per role.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Facilities and equipment with their state, and measuring equipment with "
                    "its calibration dates.",
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance",
                "Every role is filled by a person with the competence recorded, every planned "
                "resource is in service, and no calibration is overdue.",
            ),
        )
    if step is Step.STRENGTHEN:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Shore up the basic management work the system stands on, so the documents will "
                "describe practice that can actually be kept.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Check standardisation, measurement and calibration, quality information and "
                    "records, the quality responsibility system, rules and regulations, and basic "
                    "education.",
                ),
                QCoreApplication.translate(
                    "StepGuidance", "For each item that is weak, plan what to do and who does it."
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "The basic management work, one row per area: current state, weakness "
                    "found, action, owner, due date, state, evidence and the requirement it "
                    "shores up.",
                ),
            ],
            QCoreApplication.translate(
                "StepGuidance", "Every area of the basic management work is in place."
            ),
        )
    if step is Step.REFINE:
        return StepGuidance(
            step_title(step),
            QCoreApplication.translate(
                "StepGuidance",
                "Complete the system's documents and put them under control: the quality manual, "
                "the procedures, the work instructions and the forms.",
            ),
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "Generate the quality manual, the service outline and the gap report from what the "
                    "workspace holds, then edit them.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Give every document a number, a revision and an approval before it is issued.",
                ),
            ],
            [
                QCoreApplication.translate(
                    "StepGuidance",
                    "The document set with numbers, revisions, approvals and change history.",
                ),
                QCoreApplication.translate(
                    "StepGuidance",
                    "Generated documents in Word (DOCX) and PDF, in English and Chinese.",
                ),
            ],
            QCoreApplication.translate("StepGuidance", "The document set is approved and issued."),
        )
    return StepGuidance(
        step_title(step),
        QCoreApplication.translate(
            "StepGuidance",
            "Run the system and keep it running: training and quality culture, quality veto in "
            "appraisal, quality costs, QC circles, customer feedback, internal audit and "
            "management review.",
        ),
        [
            QCoreApplication.translate(
                "StepGuidance",
                "Keep customer feedback, service failures and their recovery on record.",
            ),
            QCoreApplication.translate(
                "StepGuidance",
                "Account for quality costs and tie quality to appraisal (the quality veto).",
            ),
            QCoreApplication.translate(
                "StepGuidance",
                "Run internal audits and a management review, and follow up corrective actions.",
            ),
        ],
        [
            QCoreApplication.translate(
                "StepGuidance",
                "Training and culture activities, quality costs, QC circles and their projects.",
            ),
            QCoreApplication.translate(
                "StepGuidance",
                "Feedback and complaints, internal audits, management reviews and corrective actions.",
            ),
        ],
        QCoreApplication.translate(
            "StepGuidance", "The system has run through at least one full review cycle."
        ),
    )
