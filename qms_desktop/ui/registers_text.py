"""What the registers' fields and choices are called on screen, in both languages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(register: str, name: str) -> str:
    labels = {
        ("lesson", "source"): QCoreApplication.translate("Registers", "Source"),
        ("lesson", "occurred_on"): QCoreApplication.translate("Registers", "Date"),
        ("lesson", "what_happened"): QCoreApplication.translate("Registers", "What happened"),
        ("lesson", "lesson"): QCoreApplication.translate("Registers", "Experience or lesson"),
        ("lesson", "suggested_rule"): QCoreApplication.translate("Registers", "Rule it suggests"),
        ("lesson", "rule_kind"): QCoreApplication.translate("Registers", "Kind of rule"),
        ("lesson", "decision"): QCoreApplication.translate("Registers", "Decision"),
        ("lesson", "document"): QCoreApplication.translate("Registers", "Carried by document"),
        ("person", "name"): QCoreApplication.translate("Registers", "Name"),
        ("person", "role"): QCoreApplication.translate("Registers", "Role"),
        ("person", "department"): QCoreApplication.translate("Registers", "Department"),
        ("study_plan", "role"): QCoreApplication.translate("Registers", "Role"),
        ("study_plan", "standard"): QCoreApplication.translate(
            "Registers", "Standard or guide to learn"
        ),
        ("study_plan", "due"): QCoreApplication.translate("Registers", "Due"),
        ("study_plan", "state"): QCoreApplication.translate("Registers", "State"),
        ("training", "topic"): QCoreApplication.translate("Registers", "Topic"),
        ("training", "held_on"): QCoreApplication.translate("Registers", "Date"),
        ("training", "trainer"): QCoreApplication.translate("Registers", "Trainer"),
        ("training", "hours"): QCoreApplication.translate("Registers", "Hours"),
        ("training", "attendees"): QCoreApplication.translate(
            "Registers", "Attendees (one per line)"
        ),
        ("training", "assessment"): QCoreApplication.translate("Registers", "Assessment result"),
        ("benchmark", "organisation"): QCoreApplication.translate(
            "Registers", "Organisation visited"
        ),
        ("benchmark", "practice"): QCoreApplication.translate("Registers", "Practice observed"),
        ("benchmark", "adopt"): QCoreApplication.translate("Registers", "What we adopt"),
        ("objective", "objective"): QCoreApplication.translate("Registers", "Objective"),
        ("objective", "metric"): QCoreApplication.translate("Registers", "Metric"),
        ("objective", "target"): QCoreApplication.translate("Registers", "Target"),
        ("objective", "unit"): QCoreApplication.translate("Registers", "Unit"),
        ("objective", "frequency"): QCoreApplication.translate("Registers", "Measured"),
        ("objective", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("objective", "process"): QCoreApplication.translate("Registers", "Process"),
        ("element", "element"): QCoreApplication.translate("Registers", "Element"),
        ("element", "group"): QCoreApplication.translate("Registers", "Group"),
        ("element", "adopted"): QCoreApplication.translate("Registers", "Adopted"),
        ("element", "reason"): QCoreApplication.translate("Registers", "Reason"),
        ("process", "name"): QCoreApplication.translate("Registers", "Process"),
        ("process", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("process", "inputs"): QCoreApplication.translate("Registers", "Inputs"),
        ("process", "outputs"): QCoreApplication.translate("Registers", "Outputs"),
        ("process", "resources"): QCoreApplication.translate("Registers", "Resources"),
        ("process", "measures"): QCoreApplication.translate("Registers", "Measures"),
        ("process", "requirements"): QCoreApplication.translate("Registers", "Linked requirements"),
        ("process", "feeds"): QCoreApplication.translate(
            "Registers", "Hands over to (process names, comma-separated)"
        ),
        ("planned_document", "level"): QCoreApplication.translate("Registers", "Level"),
        ("planned_document", "number"): QCoreApplication.translate("Registers", "Number"),
        ("planned_document", "title"): QCoreApplication.translate("Registers", "Title"),
        ("planned_document", "parent"): QCoreApplication.translate(
            "Registers", "Under document (number)"
        ),
        ("service_item", "service"): QCoreApplication.translate("Registers", "Service"),
        ("service_item", "item"): QCoreApplication.translate("Registers", "Service item"),
        ("service_item", "time_standard"): QCoreApplication.translate("Registers", "Time standard"),
        ("service_item", "quality_standard"): QCoreApplication.translate(
            "Registers", "Quality standard"
        ),
        ("service_item", "price_standard"): QCoreApplication.translate(
            "Registers", "Price standard"
        ),
        ("service_item", "delivery"): QCoreApplication.translate(
            "Registers", "Delivery specification"
        ),
        ("service_item", "control_points"): QCoreApplication.translate(
            "Registers", "Quality-control points"
        ),
        ("satisfaction_standard", "dimension"): QCoreApplication.translate(
            "Registers", "SERVQUAL dimension"
        ),
        ("satisfaction_standard", "standard"): QCoreApplication.translate("Registers", "Standard"),
        ("satisfaction_standard", "metric"): QCoreApplication.translate("Registers", "Metric"),
        ("satisfaction_standard", "target"): QCoreApplication.translate("Registers", "Target"),
        ("customer_need", "need"): QCoreApplication.translate("Registers", "Customer need"),
        ("customer_need", "category"): QCoreApplication.translate("Registers", "Kano category"),
        ("customer_need", "service"): QCoreApplication.translate("Registers", "Service"),
        ("moment_of_truth", "moment"): QCoreApplication.translate("Registers", "Moment of truth"),
        ("moment_of_truth", "standard"): QCoreApplication.translate("Registers", "Standard"),
        ("moment_of_truth", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("moment_of_truth", "severity"): QCoreApplication.translate(
            "Registers", "Failure severity planned for"
        ),
        ("moment_of_truth", "recovery"): QCoreApplication.translate("Registers", "Recovery plan"),
        ("person", "state"): QCoreApplication.translate("Registers", "State"),
        ("training", "participants"): QCoreApplication.translate("Registers", "Attendees"),
        ("training", "standard"): QCoreApplication.translate("Registers", "Standard it teaches"),
        ("training", "unmatched_attendees"): QCoreApplication.translate(
            "Registers", "Unmatched attendee names"
        ),
        ("element", "responsible"): QCoreApplication.translate("Registers", "Responsible role"),
        ("role", "title"): QCoreApplication.translate("Registers", "Role"),
        ("role", "kind"): QCoreApplication.translate("Registers", "Kind of role"),
        ("role", "level"): QCoreApplication.translate("Registers", "Level"),
        ("role", "reports_to"): QCoreApplication.translate("Registers", "Reports to"),
        ("role", "responsibilities"): QCoreApplication.translate("Registers", "Responsibilities"),
        ("role", "authorities"): QCoreApplication.translate("Registers", "Authorities"),
        ("role", "competence"): QCoreApplication.translate("Registers", "Required competence"),
        ("role", "appointee"): QCoreApplication.translate("Registers", "Appointee"),
        ("role", "appointee_competence"): QCoreApplication.translate(
            "Registers", "Appointee's competence"
        ),
        ("role", "appointed_on"): QCoreApplication.translate("Registers", "Appointed on"),
        ("role", "appointing_document"): QCoreApplication.translate(
            "Registers", "Appointing document"
        ),
        ("responsibility", "role"): QCoreApplication.translate("Registers", "Role"),
        ("responsibility", "process"): QCoreApplication.translate("Registers", "Process"),
        ("responsibility", "element"): QCoreApplication.translate("Registers", "System element"),
        ("responsibility", "assignment"): QCoreApplication.translate("Registers", "R/A/C/I"),
        ("facility", "item"): QCoreApplication.translate("Registers", "Item"),
        ("facility", "kind"): QCoreApplication.translate("Registers", "Kind"),
        ("facility", "site"): QCoreApplication.translate("Registers", "Site"),
        ("facility", "process"): QCoreApplication.translate("Registers", "Serves process"),
        ("facility", "service_item"): QCoreApplication.translate(
            "Registers", "Serves service item"
        ),
        ("facility", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("facility", "state"): QCoreApplication.translate("Registers", "State"),
        ("facility", "needed_by"): QCoreApplication.translate("Registers", "Needed by"),
        ("facility", "calibration_months"): QCoreApplication.translate(
            "Registers", "Interval (months)"
        ),
        ("facility", "last_calibrated"): QCoreApplication.translate("Registers", "Last calibrated"),
        ("facility", "next_calibration"): QCoreApplication.translate(
            "Registers", "Next calibration"
        ),
        ("facility", "notes"): QCoreApplication.translate("Registers", "Notes"),
        ("basic_work", "area"): QCoreApplication.translate("Registers", "Area"),
        ("basic_work", "current_state"): QCoreApplication.translate("Registers", "Current state"),
        ("basic_work", "weakness"): QCoreApplication.translate("Registers", "Weakness found"),
        ("basic_work", "action"): QCoreApplication.translate("Registers", "Action"),
        ("basic_work", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("basic_work", "due"): QCoreApplication.translate("Registers", "Due"),
        ("basic_work", "state"): QCoreApplication.translate("Registers", "State"),
        ("basic_work", "requirement"): QCoreApplication.translate(
            "Registers", "Shores up requirement"
        ),
        ("basic_work", "evidence"): QCoreApplication.translate("Registers", "Evidence"),
        # Operate, the customer's voice
        ("lesson", "complaint"): QCoreApplication.translate("Registers", "From complaint"),
        ("objective", "comparison"): QCoreApplication.translate("Registers", "Result must be"),
        ("feedback_channel", "name"): QCoreApplication.translate("Registers", "Channel"),
        ("feedback_channel", "kind"): QCoreApplication.translate("Registers", "Kind of channel"),
        ("feedback_channel", "owner"): QCoreApplication.translate("Registers", "Owner"),
        ("feedback_channel", "frequency"): QCoreApplication.translate("Registers", "Reviewed"),
        ("complaint", "received_on"): QCoreApplication.translate("Registers", "Received on"),
        ("complaint", "channel"): QCoreApplication.translate("Registers", "Channel"),
        ("complaint", "site"): QCoreApplication.translate("Registers", "Site"),
        ("complaint", "customer"): QCoreApplication.translate(
            "Registers", "Customer (optional, no more than needed)"
        ),
        ("complaint", "moment"): QCoreApplication.translate("Registers", "Moment of truth"),
        ("complaint", "service_item"): QCoreApplication.translate("Registers", "Service item"),
        ("complaint", "dimension"): QCoreApplication.translate("Registers", "SERVQUAL dimension"),
        ("complaint", "description"): QCoreApplication.translate("Registers", "Description"),
        ("complaint", "severity"): QCoreApplication.translate("Registers", "Severity"),
        ("complaint", "commitment_invoked"): QCoreApplication.translate(
            "Registers", "Service commitment invoked"
        ),
        ("complaint", "status"): QCoreApplication.translate("Registers", "Status"),
        ("complaint", "cause"): QCoreApplication.translate("Registers", "Cause"),
        ("recovery", "complaint"): QCoreApplication.translate("Registers", "Complaint"),
        ("recovery", "apology_on"): QCoreApplication.translate("Registers", "Apology on (step 1)"),
        ("recovery", "apology_by"): QCoreApplication.translate("Registers", "Apology by (step 1)"),
        ("recovery", "reinstatement"): QCoreApplication.translate(
            "Registers", "Urgent reinstatement: what was done (step 2)"
        ),
        ("recovery", "reinstated_on"): QCoreApplication.translate(
            "Registers", "Reinstated on (step 2)"
        ),
        ("recovery", "empathy"): QCoreApplication.translate("Registers", "Empathy shown (step 3)"),
        ("recovery", "token"): QCoreApplication.translate(
            "Registers", "Token of atonement (step 4)"
        ),
        ("recovery", "token_value"): QCoreApplication.translate(
            "Registers", "Token's value (step 4)"
        ),
        ("recovery", "authorised_by"): QCoreApplication.translate(
            "Registers", "Authorised by (step 4)"
        ),
        ("recovery", "authority_limit"): QCoreApplication.translate(
            "Registers", "Authoriser's limit (step 4)"
        ),
        ("recovery", "follow_up_on"): QCoreApplication.translate(
            "Registers", "Follow-up on (step 5)"
        ),
        ("recovery", "follow_up_how"): QCoreApplication.translate(
            "Registers", "Follow-up: how (step 5)"
        ),
        ("recovery", "follow_up_outcome"): QCoreApplication.translate(
            "Registers", "Follow-up: outcome (step 5)"
        ),
        ("recovery", "retained"): QCoreApplication.translate(
            "Registers", "Customer retained (step 5)"
        ),
        ("commitment_claim", "complaint"): QCoreApplication.translate("Registers", "Complaint"),
        ("commitment_claim", "claimed_on"): QCoreApplication.translate("Registers", "Claimed on"),
        ("commitment_claim", "payout"): QCoreApplication.translate("Registers", "Payout"),
        ("commitment_claim", "paid_on"): QCoreApplication.translate("Registers", "Paid on"),
        ("commitment_claim", "paid_by"): QCoreApplication.translate("Registers", "Paid by"),
        ("commitment_claim", "notes"): QCoreApplication.translate("Registers", "Notes"),
        ("survey", "title"): QCoreApplication.translate("Registers", "Title"),
        ("survey", "starts_on"): QCoreApplication.translate("Registers", "Starts on"),
        ("survey", "ends_on"): QCoreApplication.translate("Registers", "Ends on"),
        ("survey", "scale"): QCoreApplication.translate("Registers", "Likert scale"),
        ("survey", "asks"): QCoreApplication.translate("Registers", "Asks for"),
        ("survey", "weight_tangibles"): QCoreApplication.translate(
            "Registers", "Importance of tangibles (points)"
        ),
        ("survey", "weight_reliability"): QCoreApplication.translate(
            "Registers", "Importance of reliability (points)"
        ),
        ("survey", "weight_responsiveness"): QCoreApplication.translate(
            "Registers", "Importance of responsiveness (points)"
        ),
        ("survey", "weight_assurance"): QCoreApplication.translate(
            "Registers", "Importance of assurance (points)"
        ),
        ("survey", "weight_empathy"): QCoreApplication.translate(
            "Registers", "Importance of empathy (points)"
        ),
        ("survey_item", "survey"): QCoreApplication.translate("Registers", "Survey"),
        ("survey_item", "code"): QCoreApplication.translate("Registers", "Code"),
        ("survey_item", "statement"): QCoreApplication.translate("Registers", "Statement"),
        ("survey_item", "dimension"): QCoreApplication.translate("Registers", "SERVQUAL dimension"),
        ("survey_item", "standard"): QCoreApplication.translate(
            "Registers", "Satisfaction standard"
        ),
        ("survey_response", "survey"): QCoreApplication.translate("Registers", "Survey"),
        ("survey_response", "respondent"): QCoreApplication.translate("Registers", "Respondent"),
        ("survey_response", "item"): QCoreApplication.translate("Registers", "Item"),
        ("survey_response", "expectation"): QCoreApplication.translate("Registers", "Expectation"),
        ("survey_response", "perception"): QCoreApplication.translate("Registers", "Perception"),
        ("survey_response", "answered_on"): QCoreApplication.translate("Registers", "Answered on"),
        ("result", "objective"): QCoreApplication.translate("Registers", "Quality objective"),
        ("result", "standard"): QCoreApplication.translate("Registers", "Satisfaction standard"),
        ("result", "period"): QCoreApplication.translate("Registers", "Period"),
        ("result", "value"): QCoreApplication.translate("Registers", "Value"),
        ("result", "source"): QCoreApplication.translate("Registers", "Source"),
        ("customer_period", "period"): QCoreApplication.translate("Registers", "Month"),
        ("customer_period", "customers"): QCoreApplication.translate("Registers", "Customers"),
        ("customer_period", "repeat_customers"): QCoreApplication.translate(
            "Registers", "Repeat customers"
        ),
        ("customer_period", "services"): QCoreApplication.translate(
            "Registers", "Services delivered"
        ),
        ("customer_period", "keep_cost"): QCoreApplication.translate(
            "Registers", "Cost of keeping one customer"
        ),
    }
    return labels.get((register, name), name.replace("_", " "))


def choice_label(value: str) -> str:
    labels = {
        "": QCoreApplication.translate("Registers", "(not set)"),
        "earlier_quality_activity": QCoreApplication.translate(
            "Registers", "Earlier quality activity"
        ),
        "complaint": QCoreApplication.translate("Registers", "Complaint"),
        "incident": QCoreApplication.translate("Registers", "Incident"),
        "audit": QCoreApplication.translate("Registers", "Audit"),
        "staff_suggestion": QCoreApplication.translate("Registers", "Staff suggestion"),
        "standard": QCoreApplication.translate("Registers", "Standard"),
        "specification": QCoreApplication.translate("Registers", "Specification"),
        "regulation": QCoreApplication.translate("Registers", "Regulation"),
        "adopt": QCoreApplication.translate("Registers", "Adopt"),
        "reject": QCoreApplication.translate("Registers", "Reject"),
        "later": QCoreApplication.translate("Registers", "Later"),
        "planned": QCoreApplication.translate("Registers", "Planned"),
        "completed": QCoreApplication.translate("Registers", "Completed"),
        "daily": QCoreApplication.translate("Registers", "Daily"),
        "weekly": QCoreApplication.translate("Registers", "Weekly"),
        "monthly": QCoreApplication.translate("Registers", "Monthly"),
        "quarterly": QCoreApplication.translate("Registers", "Quarterly"),
        "yearly": QCoreApplication.translate("Registers", "Yearly"),
        "key": QCoreApplication.translate("Registers", "Key element"),
        "common": QCoreApplication.translate("Registers", "Common element"),
        "operational": QCoreApplication.translate("Registers", "Operational element"),
        "yes": QCoreApplication.translate("Registers", "Yes"),
        "no": QCoreApplication.translate("Registers", "No"),
        "manual": QCoreApplication.translate("Registers", "Quality manual"),
        "procedure": QCoreApplication.translate("Registers", "Procedure"),
        "instruction": QCoreApplication.translate("Registers", "Work instruction"),
        "form": QCoreApplication.translate("Registers", "Form or record"),
        "tangibles": QCoreApplication.translate("Registers", "Tangibles"),
        "reliability": QCoreApplication.translate("Registers", "Reliability"),
        "responsiveness": QCoreApplication.translate("Registers", "Responsiveness"),
        "assurance": QCoreApplication.translate("Registers", "Assurance"),
        "empathy": QCoreApplication.translate("Registers", "Empathy"),
        "basic": QCoreApplication.translate("Registers", "Basic need"),
        "performance": QCoreApplication.translate("Registers", "Performance need"),
        "excitement": QCoreApplication.translate("Registers", "Excitement need"),
        "small": QCoreApplication.translate("Registers", "Small disappointment (steps 1–2)"),
        "serious": QCoreApplication.translate("Registers", "Serious failure (steps 1–3)"),
        "angry": QCoreApplication.translate("Registers", "Customer made angry (all five steps)"),
        "active": QCoreApplication.translate("Registers", "Active"),
        "left": QCoreApplication.translate("Registers", "Left the organisation"),
        "top_management": QCoreApplication.translate("Registers", "Top management"),
        "management_representative": QCoreApplication.translate(
            "Registers", "Management representative or quality lead"
        ),
        "process_owner": QCoreApplication.translate("Registers", "Process owner"),
        "internal_auditor": QCoreApplication.translate("Registers", "Internal auditor"),
        "document_controller": QCoreApplication.translate("Registers", "Document controller"),
        "department_head": QCoreApplication.translate("Registers", "Department head"),
        "other_role": QCoreApplication.translate("Registers", "Other role"),
        "top": QCoreApplication.translate("Registers", "Top"),
        "middle": QCoreApplication.translate("Registers", "Middle"),
        "front_line": QCoreApplication.translate("Registers", "Front line"),
        "R": QCoreApplication.translate("Registers", "R — responsible"),
        "A": QCoreApplication.translate("Registers", "A — accountable"),
        "C": QCoreApplication.translate("Registers", "C — consulted"),
        "I": QCoreApplication.translate("Registers", "I — informed"),
        "service_facility": QCoreApplication.translate("Registers", "Service facility"),
        "service_equipment": QCoreApplication.translate("Registers", "Service equipment"),
        "measuring_equipment": QCoreApplication.translate("Registers", "Measuring equipment"),
        "ordered": QCoreApplication.translate("Registers", "Ordered"),
        "installed": QCoreApplication.translate("Registers", "Installed"),
        "in_service": QCoreApplication.translate("Registers", "In service"),
        "retired": QCoreApplication.translate("Registers", "Retired"),
        "open": QCoreApplication.translate("Registers", "Open"),
        "under_way": QCoreApplication.translate("Registers", "Under way"),
        "in_place": QCoreApplication.translate("Registers", "In place"),
        # Operate, the customer's voice
        ">=": QCoreApplication.translate("Registers", "At least (≥)"),
        "<=": QCoreApplication.translate("Registers", "At most (≤)"),
        "=": QCoreApplication.translate("Registers", "Exactly (=)"),
        "survey": QCoreApplication.translate("Registers", "Survey"),
        "comment_card": QCoreApplication.translate("Registers", "Comment card"),
        "suggestion_box": QCoreApplication.translate("Registers", "Suggestion box"),
        "follow_up_call": QCoreApplication.translate("Registers", "Follow-up call"),
        "online_review": QCoreApplication.translate("Registers", "Online review"),
        "complaint_desk": QCoreApplication.translate("Registers", "Complaint desk"),
        "disappointed": QCoreApplication.translate(
            "Registers", "Customer disappointed (steps 1–2)"
        ),
        "angered": QCoreApplication.translate("Registers", "Customer angered (all five steps)"),
        "closed": QCoreApplication.translate("Registers", "Closed"),
        "7": QCoreApplication.translate("Registers", "1 to 7"),
        "5": QCoreApplication.translate("Registers", "1 to 5"),
        "expectation_perception": QCoreApplication.translate(
            "Registers", "Expectation and perception"
        ),
        "perception_only": QCoreApplication.translate("Registers", "Perception only"),
    }
    return labels.get(value, value)
