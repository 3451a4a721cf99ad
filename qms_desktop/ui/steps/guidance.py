"""Each step's purpose, guidance and contents, in the project's own words.

Every string goes through Qt's translation (context "StepGuidance"), so the
Chinese text lives in `resources/translations/qms_desktop_zh_CN.ts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from qms_desktop.domain.steps import Step


def _t(text: str) -> str:
    return QCoreApplication.translate("StepGuidance", text)


@dataclass(frozen=True)
class StepGuidance:
    title: str
    purpose: str
    guidance: list[str]
    holds: list[str]
    done_when: str


def step_title(step: Step) -> str:
    titles = {
        Step.SUMMARISE: _t("Summarise"),
        Step.STUDY: _t("Study"),
        Step.COMPARE: _t("Compare"),
        Step.PLAN: _t("Plan"),
        Step.ALLOCATE: _t("Allocate"),
        Step.STRENGTHEN: _t("Strengthen"),
        Step.REFINE: _t("Refine"),
        Step.OPERATE: _t("Operate"),
    }
    return titles[step]


def guidance_for(step: Step) -> StepGuidance:
    if step is Step.SUMMARISE:
        return StepGuidance(
            step_title(step),
            _t("Turn the experience you already have into rules. Every organisation has quality "
               "practice before it has a quality system: collect it, and the lessons of past "
               "mistakes, and distil them into candidate standards, specifications and regulations."),
            [
                _t("Go through complaint logs, incident reports, audit findings, earlier quality "
                   "campaigns and staff suggestions."),
                _t("For each, write down what happened and what was learned, then the rule it "
                   "suggests: a standard, a specification or a regulation."),
                _t("Decide for every lesson: adopt it into a document, reject it, or come back later."),
            ],
            [
                _t("An experience and lessons register: source, date, what happened, the lesson, "
                   "the suggested rule and its kind."),
                _t("The decision on each lesson and the document that carries an adopted rule."),
            ],
            _t("Every lesson has a decision, and every adopted one is linked to a document."),
        )
    if step is Step.STUDY:
        return StepGuidance(
            step_title(step),
            _t("Everyone learns the standards the system will stand on — managers first — and "
               "relates them to the organisation's own work, learning from peers' good practice too."),
            [
                _t("Decide which standards and guides each role must learn: ISO 9001, the service "
                   "quality guidance, your sector's rules."),
                _t("Hold training sessions and record who attended, for how long, and how they did "
                   "in the assessment."),
                _t("Visit or study peer organisations and note the practices worth adopting."),
            ],
            [
                _t("A study plan per role, training sessions with attendees and results, and peer "
                   "benchmarking notes."),
                _t("A training matrix showing who still needs what."),
            ],
            _t("Every role that must study has completed its planned training."),
        )
    if step is Step.COMPARE:
        return StepGuidance(
            step_title(step),
            _t("Hold the organisation's current state against the standard, requirement by "
               "requirement: confirm what is already achieved, find the gaps, and set the direction."),
            [
                _t("Pick a requirement library (ISO 9001, service elements, service commitment) and "
                   "work through the checklist."),
                _t("For each requirement record the current practice and the evidence, then the "
                   "status: conforming, partially conforming, nonconforming or not applicable."),
                _t("Turn every gap into an action with an owner, a priority and a due date."),
            ],
            [
                _t("The gap checklist: status, current practice, evidence, gap and action per "
                   "requirement, with conformity by clause."),
                _t("Baseline and later re-assessments, so progress can be compared."),
            ],
            _t("Every applicable requirement has been assessed."),
        )
    if step is Step.PLAN:
        return StepGuidance(
            step_title(step),
            _t("Design the quality system: what the organisation offers and to whom, the policy "
               "and objectives, the processes and documents, and the promises it makes to customers."),
            [
                _t("Position the services: target customers, offerings, service level."),
                _t("Write the quality policy and measurable objectives, each with a metric, target, "
                   "owner and frequency."),
                _t("Select the quality-system elements, map the process network and design the "
                   "document system."),
                _t("Write the service outline, the service commitment and the satisfaction "
                   "standards, with a recovery plan for each moment of truth."),
            ],
            [
                _t("Positioning, policy and objectives, selected elements, process network, "
                   "document system design and service environment."),
                _t("The service outline, the service commitment and the satisfaction standards."),
            ],
            _t("The design has been approved, with the approver and the date recorded."),
        )
    if step is Step.ALLOCATE:
        return StepGuidance(
            step_title(step),
            _t("Provide what the system needs to run: the right people in the right roles, with "
               "clear responsibilities and authority, and the facilities and equipment it relies on."),
            [
                _t("Appoint a manager to each role the system needs and write down their "
                   "responsibilities and authority."),
                _t("Plan training for all staff, not only managers."),
                _t("List the service facilities and equipment and make sure each is in place."),
            ],
            [
                _t("Roles with appointees, responsibilities and authorities."),
                _t("Resources: facilities and equipment with their state."),
            ],
            _t("Every role is filled and every planned resource is in place."),
        )
    if step is Step.STRENGTHEN:
        return StepGuidance(
            step_title(step),
            _t("Shore up the basic management work the system stands on, so the documents will "
               "describe practice that can actually be kept."),
            [
                _t("Check standardisation, measurement and calibration, quality information and "
                   "records, the quality responsibility system, rules and regulations, and basic "
                   "education."),
                _t("For each item that is weak, plan what to do and who does it."),
            ],
            [
                _t("The foundational items, their state and the work planned on each."),
            ],
            _t("Each foundational item is in place."),
        )
    if step is Step.REFINE:
        return StepGuidance(
            step_title(step),
            _t("Complete the system's documents and put them under control: the quality manual, "
               "the procedures, the work instructions and the forms."),
            [
                _t("Generate the quality manual, the service outline and the gap report from what the "
                   "workspace holds, then edit them."),
                _t("Give every document a number, a revision and an approval before it is issued."),
            ],
            [
                _t("The document set with numbers, revisions, approvals and change history."),
                _t("Generated documents in Word (DOCX) and PDF, in English and Chinese."),
            ],
            _t("The document set is approved and issued."),
        )
    return StepGuidance(
        step_title(step),
        _t("Run the system and keep it running: training and quality culture, quality veto in "
           "appraisal, quality costs, QC circles, customer feedback, internal audit and "
           "management review."),
        [
            _t("Keep customer feedback, service failures and their recovery on record."),
            _t("Account for quality costs and tie quality to appraisal (the quality veto)."),
            _t("Run internal audits and a management review, and follow up corrective actions."),
        ],
        [
            _t("Training and culture activities, quality costs, QC circles and their projects."),
            _t("Feedback and complaints, internal audits, management reviews and corrective actions."),
        ],
        _t("The system has run through at least one full review cycle."),
    )
